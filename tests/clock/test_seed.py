"""The seeded table agrees with chinese_calendar, and re-seeding is idempotent."""

import datetime

import chinese_calendar
import pytest
from django.core.management import call_command

from clock.choices import DayKind
from clock.models import CalendarDay, CalendarYear
from clock.periods import is_working_day
from clock.seed import SOURCE
from clock.services import DayEntry, enter_year, seed_calendar

pytestmark = pytest.mark.django_db

D = datetime.date


def _every_day(year):
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


def _table():
    return sorted(CalendarDay.objects.values_list("date", "kind", "name", "year__year"))


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_migration_seed_agrees_with_chinese_calendar_on_every_day(year):
    for day in _every_day(year):
        status = is_working_day(day)
        # The last days of 2026 wait for 2027's notice (its 元旦 arrangement); 2025's are settled by 2026's.
        unsettled = year == 2026 and day >= D(2026, 12, 20)
        assert (status.working, status.provisional) == (chinese_calendar.is_workday(day), unsettled), day


def test_the_migration_seeds_exactly_the_years_chinese_calendar_knows():
    years = dict(CalendarYear.objects.values_list("year", "source"))

    assert years == {year: SOURCE for year in range(2004, 2027)}
    assert CalendarDay.objects.count() == len(chinese_calendar.holidays) + len(chinese_calendar.workdays)


def test_seeded_days_carry_the_chinese_holiday_name():
    assert CalendarDay.objects.get(date=D(2026, 10, 3)).name == "国庆节"
    makeup = CalendarDay.objects.get(date=D(2026, 2, 28))
    assert (makeup.kind, makeup.name) == (DayKind.WORKDAY, "春节")


def test_seeding_a_seeded_database_changes_nothing():
    before = _table()

    assert seed_calendar() == []
    assert _table() == before


def test_seed_calendar_command_restores_a_damaged_year_and_announces_it(
    announced, django_capture_on_commit_callbacks, capsys
):
    before = _table()
    CalendarDay.objects.filter(date=D(2025, 10, 1)).delete()
    CalendarDay.objects.filter(date=D(2024, 2, 4)).update(name="错误")
    CalendarDay.objects.create(date=D(2023, 3, 1), kind=DayKind.HOLIDAY, year=CalendarYear.objects.get(year=2023))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_calendar")

    assert _table() == before
    assert announced == [2023, 2024, 2025]
    assert "2023、2024、2025" in capsys.readouterr().out


def test_seed_calendar_leaves_a_year_entered_from_the_notice_alone():
    enter_year(
        year=2025,
        days=[DayEntry(date=D(2025, 1, 1), kind=DayKind.HOLIDAY, name="元旦")],
        source="国务院办公厅关于2025年部分节假日安排的通知",
        notice_reference="国办发明电〔2024〕12号",
    )

    assert seed_calendar() == []
    assert list(CalendarDay.objects.filter(year__year=2025).values_list("date", flat=True)) == [D(2025, 1, 1)]


def test_seed_calendar_recreates_a_deleted_year():
    CalendarYear.objects.filter(year=2010).delete()

    assert seed_calendar() == [2010]
    assert not is_working_day(D(2010, 10, 1)).working
