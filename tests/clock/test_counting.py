"""Counting over the seeded table: the STACK.md reference figures and checked cases."""

import datetime
import zoneinfo

import pytest

from clock.periods import (
    Due,
    add_calendar_days,
    add_hours,
    add_months,
    add_working_days,
    add_years,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # STACK.md reference results from chinese_calendar 1.11.0.
        (D(2026, 9, 30), 5, D(2026, 10, 13)),
        (D(2026, 9, 30), 7, D(2026, 10, 15)),
        (D(2026, 9, 28), 3, D(2026, 10, 8)),
        (D(2026, 2, 12), 5, D(2026, 2, 26)),
        # Own cases, checked by hand against the 2026 notice.
        (D(2026, 10, 9), 1, D(2026, 10, 10)),  # Saturday 10 October is a make-up working day
        (D(2026, 2, 27), 1, D(2026, 2, 28)),  # so is Saturday 28 February
        (D(2026, 11, 20), 5, D(2026, 11, 27)),  # an ordinary week skips the weekend
        (D(2026, 11, 27), 1, D(2026, 11, 30)),  # Friday + 1 → Monday
        (D(2026, 4, 3), 2, D(2026, 4, 8)),  # 清明 4–6 April
        (D(2025, 12, 31), 1, D(2026, 1, 4)),  # 元旦 1–3 January 2026; Sunday 4 January is a make-up day
        (D(2025, 12, 31), 2, D(2026, 1, 5)),
        (D(2024, 12, 31), 3, D(2025, 1, 6)),  # across a year boundary inside the known range
    ],
)
def test_working_days_after_start_match_the_notice(start, n, due):
    assert add_working_days(start, n) == Due(date=due, provisional=False)


def test_counting_starts_the_day_after_start_even_when_start_is_a_holiday():
    # 行政处罚法 第八十五条 periods exclude the event's day: from 1 October (holiday) the count starts on the 2nd.
    assert add_working_days(D(2026, 10, 1), 1).date == D(2026, 10, 8)


def test_zero_or_negative_working_days_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        add_working_days(D(2026, 9, 30), 0)
    with pytest.raises(ValueError, match="at least 1"):
        add_working_days(D(2026, 9, 30), -3)


def test_a_datetime_is_refused_because_its_date_depends_on_the_time_zone():
    with pytest.raises(TypeError, match=r"local datetime\.date"):
        add_working_days(datetime.datetime(2026, 9, 30, 20, tzinfo=datetime.UTC), 5)


def test_is_working_day_honours_holidays_and_make_up_saturdays():
    holiday, makeup, weekday, sunday = (
        is_working_day(D(2026, 10, 6)),
        is_working_day(D(2026, 10, 10)),
        is_working_day(D(2026, 11, 25)),
        is_working_day(D(2026, 11, 29)),
    )
    assert (holiday.working, makeup.working, weekday.working, sunday.working) == (False, True, True, False)
    assert not any(s.provisional for s in (holiday, makeup, weekday, sunday))


def test_day_status_refuses_to_be_used_as_a_boolean():
    with pytest.raises(TypeError, match=r"\.working"):
        bool(is_working_day(D(2026, 10, 6)))


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (D(2026, 9, 16), 15, D(2026, 10, 8)),  # ends 1 October, 国庆节: rolls past the whole week
        (D(2026, 9, 25), 9, D(2026, 10, 8)),  # ends Sunday 4 October
        (D(2026, 9, 29), 11, D(2026, 10, 10)),  # ends on the make-up Saturday: it stands
        (D(2026, 11, 13), 15, D(2026, 11, 30)),  # ends Saturday 28 November: rolls to Monday
        (D(2026, 11, 10), 15, D(2026, 11, 25)),  # ends on a Wednesday: as is
    ],
)
def test_calendar_period_ending_on_a_day_off_rolls_to_the_next_working_day(start, n, due):
    assert add_calendar_days(start, n) == Due(date=due, provisional=False)


def test_calendar_period_without_roll_ends_where_it_ends():
    assert add_calendar_days(D(2026, 9, 16), 15, roll=False) == Due(date=D(2026, 10, 1), provisional=False)


@pytest.mark.parametrize(
    ("start", "n", "roll", "due"),
    [
        (D(2026, 1, 31), 1, False, D(2026, 2, 28)),  # no 31 February: the month's last day
        (D(2026, 1, 31), 1, True, D(2026, 2, 28)),  # a Saturday, but a make-up working day
        (D(2027, 1, 31), 1, False, D(2027, 2, 28)),
        (D(2023, 12, 31), 2, False, D(2024, 2, 29)),  # leap year keeps the 29th
        (D(2026, 8, 31), 1, True, D(2026, 9, 30)),
        (D(2026, 7, 1), 3, True, D(2026, 10, 8)),  # 1 October rolls past National Day
        (D(2026, 7, 1), 3, False, D(2026, 10, 1)),
        (D(2026, 11, 25), 0, False, D(2026, 11, 25)),
    ],
)
def test_months_end_on_the_same_numbered_day_or_the_months_last(start, n, roll, due):
    assert add_months(start, n, roll=roll).date == due


def test_two_years_from_29_february_end_on_28_february():
    assert add_years(D(2024, 2, 29), 2) == Due(date=D(2026, 2, 28), provisional=False)


def test_years_do_not_roll_by_default_because_the_limitation_period_does_not():
    # 行政处罚法 第三十六条: two years from 1 October 2024 end on 1 October 2026, a holiday.
    assert add_years(D(2024, 10, 1), 2).date == D(2026, 10, 1)
    assert add_years(D(2024, 10, 1), 2, roll=True).date == D(2026, 10, 8)


def test_working_days_between_counts_after_start_up_to_and_including_end():
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 13)).days == 5
    assert working_days_between(D(2026, 10, 13), D(2026, 10, 13)).days == 0
    assert working_days_between(D(2026, 10, 1), D(2026, 10, 7)).days == 0


def test_working_days_between_is_negative_when_overdue():
    count = working_days_between(D(2026, 10, 13), D(2026, 9, 30))
    assert (count.days, count.provisional) == (-5, False)


def test_working_days_between_inverts_add_working_days():
    start = D(2026, 1, 20)
    for n in (1, 2, 3, 5, 7, 10, 15):
        assert working_days_between(start, add_working_days(start, n).date).days == n


def test_add_hours_adds_elapsed_hours_and_keeps_the_time_zone():
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    approved = datetime.datetime(2026, 9, 30, 17, 30, tzinfo=shanghai)
    assert add_hours(approved, 24) == datetime.datetime(2026, 10, 1, 17, 30, tzinfo=shanghai)
    assert add_hours(approved, 24).tzinfo is shanghai


def test_add_hours_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="aware"):
        add_hours(datetime.datetime(2026, 9, 30, 17, 30), 24)
