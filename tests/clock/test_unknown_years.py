"""A year the table does not know: weekdays, provisional, never a crash — until the year is entered."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clock.choices import DayKind
from clock.periods import Due, add_calendar_days, add_working_days, is_working_day, working_days_between
from clock.services import DayEntry, enter_year

pytestmark = pytest.mark.django_db

D = datetime.date
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（测试数据）"


def _enter_2027(**kwargs):
    return enter_year(
        year=2027,
        days=[
            DayEntry(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦"),
            DayEntry(date=D(2027, 1, 2), kind=DayKind.HOLIDAY, name="元旦"),
            DayEntry(date=D(2027, 1, 3), kind=DayKind.HOLIDAY, name="元旦"),
            DayEntry(date=D(2027, 2, 20), kind=DayKind.WORKDAY, name="春节"),
        ],
        source=NOTICE_2027,
        **kwargs,
    )


def test_a_period_in_an_unknown_year_is_counted_on_weekdays_and_provisional():
    # 1 January 2027 is a Friday: without the notice it counts as a working day.
    assert add_working_days(D(2027, 3, 5), 5) == Due(date=D(2027, 3, 12), provisional=True)
    assert is_working_day(D(2027, 1, 1)).provisional


def test_a_span_crossing_into_an_unknown_year_is_provisional():
    assert add_working_days(D(2026, 12, 28), 5) == Due(date=D(2027, 1, 4), provisional=True)
    assert working_days_between(D(2026, 12, 28), D(2027, 1, 4)).provisional


def test_a_span_ending_before_the_last_days_of_december_is_not_provisional():
    assert add_working_days(D(2026, 12, 10), 5) == Due(date=D(2026, 12, 17), provisional=False)


def test_the_last_days_of_december_wait_for_the_next_years_notice():
    # The 2019 notice (国办发明电〔2018〕15号) moved 2018-12-29 and 2018-12-31 for 元旦: until 2027 is entered,
    # a count over the end of December 2026 is a weekday guess.
    assert add_working_days(D(2026, 12, 21), 5) == Due(date=D(2026, 12, 28), provisional=True)


def test_a_calendar_period_is_provisional_only_when_its_last_day_needs_the_unknown_year():
    assert add_calendar_days(D(2026, 12, 1), 31) == Due(date=D(2027, 1, 1), provisional=True)
    assert add_calendar_days(D(2026, 12, 1), 31, roll=False) == Due(date=D(2027, 1, 1), provisional=False)


def test_far_future_years_do_not_crash():
    assert add_working_days(D(2099, 12, 30), 3).provisional
    assert add_calendar_days(D(2099, 12, 1), 60).provisional


def test_entering_the_year_makes_the_count_final_and_honours_its_holidays():
    _enter_2027()

    # 1 January is now a holiday, so the fifth working day moves from 4 to 5 January.
    assert add_working_days(D(2026, 12, 28), 5) == Due(date=D(2027, 1, 5), provisional=False)
    # Saturday 20 February 2027 was entered as a make-up working day.
    assert is_working_day(D(2027, 2, 20)).working
    assert add_calendar_days(D(2026, 12, 1), 31) == Due(date=D(2027, 1, 4), provisional=False)


def test_entering_a_year_is_announced_once_committed(announced, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _enter_2027()
        assert announced == []

    assert announced == [2027]


def test_entering_a_year_again_replaces_its_days(announced, django_capture_on_commit_callbacks):
    _enter_2027()
    with django_capture_on_commit_callbacks(execute=True):
        row = enter_year(
            year=2027,
            days=[DayEntry(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")],
            source=NOTICE_2027 + "（更正）",
            notice_reference="国办发明电〔2026〕99号",
        )

    assert list(row.days.values_list("date", flat=True)) == [D(2027, 1, 1)]
    assert row.notice_reference == "国办发明电〔2026〕99号"
    assert not is_working_day(D(2027, 1, 1)).working
    assert not is_working_day(D(2027, 2, 20)).working  # the make-up Saturday is gone
    assert announced == [2027]


def test_entering_a_year_records_who_entered_it(admin_user):
    row = _enter_2027(actor=admin_user)

    row.refresh_from_db()
    assert (row.source, row.entered_by) == (NOTICE_2027, admin_user)


def test_a_notice_may_move_the_last_days_of_the_year_before():
    # As the 2019 notice did for 元旦 2019: Saturday 29 December a working day, Monday 31 December off.
    before = add_working_days(D(2026, 12, 24), 3)
    enter_year(
        year=2027,
        days=[
            DayEntry(date=D(2026, 12, 26), kind=DayKind.WORKDAY, name="元旦"),
            DayEntry(date=D(2026, 12, 31), kind=DayKind.HOLIDAY, name="元旦"),
            DayEntry(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦"),
        ],
        source=NOTICE_2027,
    )

    assert before == Due(date=D(2026, 12, 29), provisional=True)  # Fri 25, Mon 28, Tue 29 by weekdays
    assert add_working_days(D(2026, 12, 24), 3) == Due(date=D(2026, 12, 28), provisional=False)  # Sat 26 works
    assert add_working_days(D(2026, 12, 29), 2) == Due(date=D(2027, 1, 4), provisional=False)  # 30 Dec, 4 Jan


def test_a_notice_may_not_list_days_earlier_in_the_year_before():
    with pytest.raises(ValidationError) as exc:
        enter_year(year=2027, days=[DayEntry(date=D(2026, 12, 19), kind=DayKind.WORKDAY, name="元旦")], source="x")

    assert "不在所属年度（2027年）内" in str(exc.value)
