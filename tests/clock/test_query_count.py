"""The clock reads the table in two queries however far it counts — never one per day."""

import datetime

import pytest

from clock.periods import (
    _Table,
    add_calendar_days,
    add_months,
    add_working_days,
    add_years,
    is_working_day,
    preloaded,
    working_days_between,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize("n", [2, 3, 5, 7, 10, 15, 60, 250])
def test_counting_working_days_takes_two_queries(n, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        add_working_days(D(2026, 1, 20), n)


def test_counting_across_the_spring_festival_takes_two_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert add_working_days(D(2026, 2, 13), 10).date == D(2026, 3, 5)


def test_rolling_periods_take_two_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        add_calendar_days(D(2026, 9, 16), 15)
    with django_assert_max_num_queries(2):
        add_months(D(2026, 7, 1), 3)
    with django_assert_max_num_queries(2):
        add_years(D(2024, 10, 1), 2, roll=True)


def test_a_period_without_roll_reads_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        add_years(D(2024, 2, 29), 2)


def test_counting_a_whole_year_of_working_days_takes_two_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert working_days_between(D(2025, 12, 31), D(2026, 12, 31)).days == 248


def test_a_fully_unknown_window_skips_the_day_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert is_working_day(D(2030, 1, 1)).provisional


def test_the_table_extends_its_window_with_two_more_queries_when_a_count_walks_past_it(
    django_assert_num_queries,
):
    with django_assert_num_queries(2):
        table = _Table(D(2026, 9, 1), D(2026, 9, 1))
    with django_assert_num_queries(2):
        assert not table.status(D(2026, 10, 7)).working
    with django_assert_num_queries(0):
        assert table.status(D(2026, 10, 10)).working


def test_counts_inside_a_preloaded_window_read_the_table_once(django_assert_max_num_queries):
    with django_assert_max_num_queries(2), preloaded(D(2026, 1, 1), D(2026, 12, 31)):
        for month in range(1, 13):
            add_working_days(D(2026, month, 5), 10)
            working_days_between(D(2026, month, 1), D(2026, month, 28))
            is_working_day(D(2026, month, 15))


def test_a_preloaded_window_gives_the_same_answers():
    outside = [add_working_days(D(2026, 9, day), 5) for day in range(20, 30)]
    with preloaded(D(2026, 9, 1), D(2026, 9, 30)):
        inside = [add_working_days(D(2026, 9, day), 5) for day in range(20, 30)]
        earlier = add_working_days(D(2026, 8, 1), 3)  # before the window: counted on its own

    assert inside == outside
    assert earlier == add_working_days(D(2026, 8, 1), 3)


def test_a_nested_window_uses_the_outer_reading(django_assert_max_num_queries):
    with django_assert_max_num_queries(2), preloaded(D(2026, 1, 1), D(2026, 12, 31)):
        with preloaded(D(2026, 3, 1), D(2026, 3, 31)):
            add_working_days(D(2026, 3, 5), 10)
        add_working_days(D(2026, 9, 1), 10)
