"""Writes to the holiday table. The admin, ``seed_calendar`` and these functions are the only writers."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import seed
from .choices import DayKind
from .models import CalendarDay, CalendarYear
from .signals import calendar_year_changed, calendar_year_changing


@dataclass(frozen=True)
class DayEntry:
    """One line of a State Council notice: a holiday, or a weekend made a working day."""

    date: datetime.date
    kind: DayKind | str
    name: str = ""


@transaction.atomic
def enter_year(
    *,
    year: int,
    days: Sequence[DayEntry],
    source: str,
    actor=None,
    notice_reference: str = "",
) -> CalendarYear:
    """Record a year's holidays and make-up working days, replacing what the table held for it.

    The notice is the whole truth for its year, so days not listed are removed. Every error
    is collected and raised together, keyed by field (``days`` carries one line per day).
    Once the transaction commits, ``calendar_year_changed`` is sent so provisional deadlines
    in the year can be recomputed.
    """
    row = CalendarYear.objects.select_for_update().filter(year=year).first() or CalendarYear(year=year)
    row.source = source.strip()
    row.notice_reference = notice_reference.strip()
    row.entered_at = timezone.now()
    row.entered_by = actor
    errors = entry_errors(row=row, days=days)
    if errors:
        raise ValidationError(errors)
    row.save()
    row.days.all().delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(date=d.date, kind=d.kind, name=d.name.strip(), year=row) for d in sorted(days, key=lambda d: d.date)
    )
    announce_year_changed(year=year)
    return row


def entry_errors(*, row: CalendarYear, days: Sequence[DayEntry]) -> dict[str, list[str]]:
    """Why a year's entry may not be recorded, by field; empty when it may."""
    errors: dict[str, list[str]] = {}
    try:
        row.full_clean(validate_unique=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not days:
        # Every notice names at least 元旦 and 春节: an empty entry is a mistake, not a year without holidays.
        errors.setdefault("days", []).append("请至少登记一个节假日或调休上班日。")
    seen: set[datetime.date] = set()
    for entry in days:
        if entry.date in seen:
            errors.setdefault("days", []).append(f"{entry.date} 重复登记。")
            continue
        seen.add(entry.date)
        day = CalendarDay(date=entry.date, kind=entry.kind, name=entry.name.strip(), year=row)
        try:
            # The year may be unsaved yet; clean() still checks the date against it.
            day.full_clean(exclude=["year"], validate_unique=False)
        except ValidationError as exc:
            errors.setdefault("days", []).extend(f"{entry.date}：{m}" for m in exc.messages)
    return errors


def announce_year_changed(*, year: int) -> None:
    """Send ``calendar_year_changing`` for ``year`` now (inside the transaction that changes it) and
    ``calendar_year_changed`` once the transaction commits."""
    calendar_year_changing.send(sender=CalendarYear, year=year)
    transaction.on_commit(lambda: calendar_year_changed.send(sender=CalendarYear, year=year))


def seed_calendar() -> list[int]:
    """Bring the years ``chinese_calendar`` knows up to date; announce each year that changed."""
    with transaction.atomic():
        changed = seed.seed_from_chinese_calendar(year_model=CalendarYear, day_model=CalendarDay)
        for year in changed:
            announce_year_changed(year=year)
    return changed
