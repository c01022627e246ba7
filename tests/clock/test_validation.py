"""What the table refuses, in Chinese, from the model and from ``enter_year``."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clock.choices import DayKind
from clock.models import CalendarDay, CalendarYear
from clock.periods import is_working_day
from clock.services import DayEntry, enter_year
from tests.clock.factories import UNKNOWN_YEAR, CalendarDayFactory, CalendarYearFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_make_up_working_day_on_a_weekday_is_refused():
    day = CalendarDay(date=D(UNKNOWN_YEAR, 3, 5), kind=DayKind.WORKDAY, year=CalendarYearFactory())  # a Wednesday

    with pytest.raises(ValidationError) as exc:
        day.full_clean()

    assert exc.value.message_dict["kind"] == [f"调休上班日应为星期六或星期日，{UNKNOWN_YEAR}-03-05 是工作日。"]


def test_a_make_up_working_day_on_a_weekend_is_accepted():
    CalendarDay(date=D(UNKNOWN_YEAR, 3, 8), kind=DayKind.WORKDAY, year=CalendarYearFactory()).full_clean()


def test_a_day_outside_its_year_is_refused():
    day = CalendarDay(date=D(UNKNOWN_YEAR + 1, 1, 1), kind=DayKind.HOLIDAY, year=CalendarYearFactory())

    with pytest.raises(ValidationError) as exc:
        day.full_clean()

    assert exc.value.message_dict["date"] == [
        f"日期 {UNKNOWN_YEAR + 1}-01-01 不在所属年度（{UNKNOWN_YEAR}年）内（元旦调休可含上一年12月20日以后的日期）。"
    ]


def test_the_same_date_cannot_be_entered_twice():
    existing = CalendarDayFactory()
    again = CalendarDay(date=existing.date, kind=DayKind.HOLIDAY, year=existing.year)

    with pytest.raises(ValidationError) as exc:
        again.full_clean()

    assert exc.value.message_dict["date"] == ["该日期已登记，同一天只能登记一次。"]


def test_the_same_year_cannot_be_entered_twice():
    with pytest.raises(ValidationError) as exc:
        CalendarYear(year=2026, source="重复").full_clean()

    assert exc.value.message_dict["year"] == ["该年度的节假日安排已登记。"]


def test_enter_year_collects_every_error_and_writes_nothing():
    with pytest.raises(ValidationError) as exc:
        enter_year(
            year=2027,
            days=[
                DayEntry(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦"),
                DayEntry(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦"),
                DayEntry(date=D(2027, 1, 6), kind=DayKind.WORKDAY, name="春节"),  # a Wednesday
                DayEntry(date=D(2028, 1, 1), kind=DayKind.HOLIDAY, name="元旦"),
            ],
            source=" ",
        )

    errors = exc.value.message_dict
    assert errors["source"] == ["此字段不能为空。"]
    assert errors["days"] == [
        "2027-01-01 重复登记。",
        "2027-01-06：调休上班日应为星期六或星期日，2027-01-06 是工作日。",
        "2028-01-01：日期 2028-01-01 不在所属年度（2027年）内（元旦调休可含上一年12月20日以后的日期）。",
    ]
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert is_working_day(D(2027, 1, 1)).provisional


def test_enter_year_refuses_an_empty_year_and_an_implausible_one():
    with pytest.raises(ValidationError) as exc:
        enter_year(year=20270, days=[], source="国务院办公厅通知")

    assert exc.value.message_dict == {"year": ["年度不得晚于2100年。"], "days": ["请至少登记一个节假日或调休上班日。"]}
