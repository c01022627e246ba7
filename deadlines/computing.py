"""A deadline's last day from its stored period, suspensions and extensions.

Every day is counted by ``clock.periods``; this module only decides which of its functions to
call and with what. Nothing here writes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from clock.periods import (
    Due,
    add_calendar_days,
    add_hours,
    add_months,
    add_working_days,
    is_working_day,
    working_days_between,
)

from .choices import Unit

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Computed:
    due_on: datetime.date
    due_at: datetime.datetime | None
    provisional: bool


@dataclass(frozen=True)
class Period:
    """What is stored on a deadline to count it again: the unit, the figure, the start or anchor."""

    unit: str
    count: int
    starts_on: datetime.date
    roll: bool = True
    starts_at: datetime.datetime | None = None
    anchor_on: datetime.date | None = None
    before_exclusive: bool = False


def latest_start(end: datetime.date, n: int) -> Due:
    """The latest working day S such that n working days run after S up to and including ``end``.

    "Served at least n working days before": a hearing notice served on S leaves the hearing
    on ``end`` lawful (行政处罚法 第六十四条第二项). Searches with ``working_days_between``,
    widening by the shortfall each round, so it never overshoots the latest such day; a day
    in a holiday break is brought back to the last working day before it.
    """
    k = n
    while True:
        count = working_days_between(end - datetime.timedelta(days=k), end)
        if count.days >= n:
            break
        k += n - count.days
    # The latest such day may fall in a holiday break; the agency is told the working day before it.
    day, provisional = end - datetime.timedelta(days=k), count.provisional
    while True:
        status = is_working_day(day)
        provisional = provisional or status.provisional
        if status.working:
            return Due(date=day, provisional=provisional)
        day -= ONE_DAY


def suspended_days(unit: str, intervals: Iterable[tuple[datetime.date, datetime.date]]) -> tuple[int, bool]:
    """Days not counted, in the period's own unit (working days for working-day periods), both ends included."""
    total, provisional = 0, False
    for first, last in intervals:
        if unit == Unit.WORKING_DAYS:
            count = working_days_between(first - ONE_DAY, last)
            total += count.days
            provisional = provisional or count.provisional
        else:
            total += (last - first).days + 1
    return total, provisional


def compute(
    period: Period,
    *,
    suspensions: Iterable[tuple[datetime.date, datetime.date]] = (),
    extension_days: int = 0,
    extended_to: datetime.date | None = None,
) -> Computed:
    """The last day of ``period``: closed suspensions added, extensions added, a fixed new last day honoured."""
    unit = period.unit
    if unit == Unit.HOURS:
        if period.starts_at is None:
            raise ValueError("an hour period needs its start time")
        due_at = add_hours(period.starts_at, period.count)
        return Computed(due_on=timezone.localdate(due_at), due_at=due_at, provisional=False)
    if unit == Unit.WORKING_DAYS_BEFORE:
        if period.anchor_on is None:
            raise ValueError("a period counted back needs its anchor day")
        end = period.anchor_on - ONE_DAY if period.before_exclusive else period.anchor_on
        due = latest_start(end, period.count)
        return Computed(due_on=due.date, due_at=None, provisional=due.provisional)

    extra, provisional = suspended_days(unit, suspensions)
    extra += extension_days
    if unit == Unit.WORKING_DAYS:
        due = add_working_days(period.starts_on, period.count + extra)
    elif unit == Unit.CALENDAR_DAYS:
        due = add_calendar_days(period.starts_on, period.count + extra, roll=period.roll)
    elif unit == Unit.MONTHS:
        # Same-numbered day n months on, then the days not counted; the last day rolled once.
        end = add_months(period.starts_on, period.count, roll=False).date
        due = add_calendar_days(end, extra, roll=period.roll)
    else:
        raise ValueError(f"unknown unit {unit!r}")
    if extended_to is not None and extended_to > due.date:
        # A last day fixed by approval (a deferral of payment) is a date, not a count: never provisional.
        return Computed(due_on=extended_to, due_at=None, provisional=False)
    return Computed(due_on=due.date, due_at=None, provisional=provisional or due.provisional)
