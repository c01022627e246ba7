"""Seeding the holiday table from ``chinese_calendar`` — shared by the data migration and
``manage.py seed_calendar`` so that a fresh database and a re-seed agree.

Holidays that fall on a Saturday or Sunday are stored too: the package lists the whole
break (国庆节 1–7 October), the rows keep the holiday's name for display, and a stored
weekend holiday classifies exactly as the weekday rule would, so it is harmless.

Years whose source is not ``chinese_calendar`` were entered by an administrator from the
State Council notice; the seed never overwrites them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import chinese_calendar
from chinese_calendar import Holiday

from .choices import DayKind

SOURCE_PREFIX = "chinese_calendar"
SOURCE = f"{SOURCE_PREFIX} {chinese_calendar.__version__}"


@dataclass(frozen=True)
class SeedDay:
    date: datetime.date
    kind: str
    name: str


def chinese_calendar_years() -> dict[int, list[SeedDay]]:
    """Every year the package knows (the same range its own ``is_workday`` accepts), with its days."""
    holidays, workdays = chinese_calendar.holidays, chinese_calendar.workdays
    first, last = min(holidays).year, max(holidays).year
    years: dict[int, list[SeedDay]] = {year: [] for year in range(first, last + 1)}
    for kind, table in ((DayKind.HOLIDAY, holidays), (DayKind.WORKDAY, workdays)):
        for day, english in table.items():
            if day.year in years:
                years[day.year].append(SeedDay(date=day, kind=str(kind), name=Holiday(english).chinese))
    for days in years.values():
        days.sort(key=lambda d: d.date)
    return years


def seed_from_chinese_calendar(*, year_model, day_model) -> list[int]:
    """Create or refresh every ``chinese_calendar`` year; return the years whose rows changed.

    Takes the model classes so the data migration can pass its historical models.
    Idempotent: a second run changes nothing and returns ``[]``.
    """
    wanted = chinese_calendar_years()
    rows = {y.year: y for y in year_model.objects.filter(year__in=wanted)}
    seeded = {
        number: wanted[number]
        for number in wanted
        if number not in rows or rows[number].source.startswith(SOURCE_PREFIX)
    }
    changed: set[int] = set()

    new_years = [year_model(year=number, source=SOURCE) for number in seeded if number not in rows]
    year_model.objects.bulk_create(new_years)
    changed.update(y.year for y in new_years)
    rows.update({y.year: y for y in year_model.objects.filter(year__in=[y.year for y in new_years])})
    for number in seeded:
        if rows[number].source != SOURCE:  # seeded by another package version
            rows[number].source = SOURCE
            rows[number].save(update_fields=["source"])
            changed.add(number)

    existing = {d.date: d for d in day_model.objects.filter(year__year__in=seeded)}
    to_create, to_update, keep = [], [], set()
    for number, days in seeded.items():
        for seed in days:
            keep.add(seed.date)
            row = existing.get(seed.date)
            if row is None:
                to_create.append(day_model(date=seed.date, kind=seed.kind, name=seed.name, year=rows[number]))
                changed.add(number)
            elif (row.kind, row.name) != (seed.kind, seed.name):
                row.kind, row.name = seed.kind, seed.name
                to_update.append(row)
                changed.add(number)
    stale = [row for day, row in existing.items() if day not in keep]
    changed.update(row.date.year for row in stale)

    day_model.objects.filter(pk__in=[row.pk for row in stale]).delete()
    day_model.objects.bulk_update(to_update, ["kind", "name"])
    day_model.objects.bulk_create(to_create)
    return sorted(changed)
