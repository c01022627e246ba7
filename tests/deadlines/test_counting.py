"""Counting on the State Council calendar (clock.periods): the reference results of STACK.md, the
"N working days before" periods, suspensions and extensions, months and hours."""

import datetime

import pytest

from deadlines.choices import Unit
from deadlines.computing import Period, compute, latest_start, suspended_days
from deadlines.models import Deadline
from tests.deadlines.steps import D, kinds

pytestmark = pytest.mark.django_db


def test_a_five_working_day_window_opened_on_30_september_2026_skips_national_day(team, travel):
    # 1–7 October 2026 off, Saturday 10 October a make-up working day: due 2026-10-13 (STACK.md).
    travel(D(2026, 9, 30))
    case = team.open_and_file(violation_date=D(2026, 9, 1), discovered_on=D(2026, 9, 20))
    team.conclude(case, fine_amount=50000)
    team.notify(case, served_on=D(2026, 9, 30))

    rows = kinds(case)

    assert rows["statement"].due_on == D(2026, 10, 13)
    assert rows["hearing_request"].due_on == D(2026, 10, 13)
    assert not rows["statement"].provisional
    # The same day as the notice the deciding service stored.
    assert case.notices.get().statement_due == rows["statement"].due_on


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (D(2026, 9, 30), 7, D(2026, 10, 15)),
        (D(2026, 9, 28), 3, D(2026, 10, 8)),
        (D(2026, 2, 12), 5, D(2026, 2, 26)),
    ],
)
def test_working_day_periods_match_the_reference_results(start, n, due):
    assert compute(Period(unit=Unit.WORKING_DAYS, count=n, starts_on=start)).due_on == due


def test_a_calendar_period_ending_on_a_holiday_rolls_to_the_next_working_day():
    # 15 days after 2026-09-20 is 2026-10-05, inside the National Day break: the period ends 2026-10-08.
    due = compute(Period(unit=Unit.CALENDAR_DAYS, count=15, starts_on=D(2026, 9, 20)))

    assert due.due_on == D(2026, 10, 8)


def test_months_end_on_the_same_numbered_day_or_the_months_last_day():
    assert compute(Period(unit=Unit.MONTHS, count=6, starts_on=D(2026, 8, 31), roll=False)).due_on == D(2027, 2, 28)
    # Three months after 2026-04-05 is Sunday 2026-07-05: rolled to Monday.
    assert compute(Period(unit=Unit.MONTHS, count=3, starts_on=D(2026, 4, 5))).due_on == D(2026, 7, 6)


def test_hours_are_elapsed_time():
    start = datetime.datetime(2026, 9, 30, 17, tzinfo=datetime.UTC)
    due = compute(Period(unit=Unit.HOURS, count=24, starts_on=D(2026, 10, 1), starts_at=start))

    assert due.due_at == start + datetime.timedelta(hours=24)


def test_the_latest_day_to_serve_a_hearing_notice_leaves_seven_working_days_before_the_hearing():
    # Hearing on Thursday 2026-10-15: the 7 working days after 2026-09-30 end exactly on it; serving during
    # the break (1–7 October) would do too, but the agency is told its last working day before the break.
    due = latest_start(D(2026, 10, 15), 7)

    assert due.date == D(2026, 9, 30)
    assert not due.provisional


def test_the_reminder_must_be_served_so_that_ten_working_days_run_before_the_application_day():
    # Application due 2026-10-20: the ten working days must have run by 2026-10-19.
    period = Period(unit=Unit.WORKING_DAYS_BEFORE, count=10, starts_on=D(2026, 9, 1), anchor_on=D(2026, 10, 20),
                    before_exclusive=True)  # fmt: skip

    due = compute(period)

    from clock.periods import add_working_days

    assert add_working_days(due.due_on, 10).date < D(2026, 10, 20)
    assert add_working_days(due.due_on + datetime.timedelta(days=1), 10).date >= D(2026, 10, 20)


def test_suspended_time_is_not_counted_in_the_periods_own_unit():
    # 2026-09-28 to 2026-10-10, the National Day break inside: 28, 29, 30 Sep; 8, 9 Oct; Saturday 10 Oct (make-up).
    assert suspended_days(Unit.WORKING_DAYS, [(D(2026, 9, 28), D(2026, 10, 10))]) == (6, False)
    assert suspended_days(Unit.CALENDAR_DAYS, [(D(2026, 9, 28), D(2026, 10, 10))]) == (13, False)


def test_a_fixed_new_last_day_from_an_approved_deferral_is_never_provisional():
    period = Period(unit=Unit.CALENDAR_DAYS, count=15, starts_on=D(2026, 12, 20))

    assert compute(period).provisional  # the roll looks into 2027
    assert compute(period, extended_to=D(2027, 3, 1)).due_on == D(2027, 3, 1)
    assert not compute(period, extended_to=D(2027, 3, 1)).provisional


def test_a_deadline_reports_working_days_left_through_the_clock(team, travel):
    travel(D(2026, 9, 28))
    case = team.open_and_file(violation_date=D(2026, 9, 1), discovered_on=D(2026, 9, 20))
    limit = Deadline.objects.get(case=case, kind="case_time_limit")

    assert limit.due_on == D(2026, 12, 28)
    assert limit.working_days_left(D(2026, 12, 24)).days == 2
    assert limit.working_days_left(D(2026, 12, 30)).days == -2
