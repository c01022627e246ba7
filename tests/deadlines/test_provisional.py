"""A deadline in a year the holiday table does not know is provisional (暂定) until an administrator
enters the year; then it is recounted, the change recorded and its holders told."""

import io

import pytest
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.test import RequestFactory

from clock.choices import DayKind
from clock.services import DayEntry, enter_year
from deadlines.choices import ChangeReason, NotificationKind
from deadlines.models import Deadline, DeadlineChange, Notification
from tests.deadlines.steps import D

pytestmark = pytest.mark.django_db

# A hypothetical 2027 notice: the Spring Festival break runs 6–15 February 2027.
SPRING_2027 = [DayEntry(date=D(2027, 2, day), kind=DayKind.HOLIDAY, name="春节") for day in range(6, 16)]


def _enter_2027(captured):
    with captured(execute=True):
        enter_year(year=2027, days=SPRING_2027, source="国务院办公厅关于2027年部分节假日安排的通知（测试）")


@pytest.fixture
def filed_in_november(team, travel):
    """Filed 2026-11-17: ninety days end on Monday 2027-02-15, counted on weekdays — provisional."""
    travel(D(2026, 11, 17))
    return team.open_and_file(violation_date=D(2026, 11, 1), discovered_on=D(2026, 11, 10))


def test_a_deadline_in_2027_is_provisional_until_2027_is_entered(filed_in_november, django_capture_on_commit_callbacks):
    limit = Deadline.objects.get(case=filed_in_november, kind="case_time_limit")
    assert (limit.due_on, limit.provisional) == (D(2027, 2, 15), True)

    _enter_2027(django_capture_on_commit_callbacks)

    limit.refresh_from_db()
    # The break covers the 15th: the period ends on the first working day after it.
    assert (limit.due_on, limit.provisional) == (D(2027, 2, 16), False)
    change = limit.changes.get()
    assert (change.old_due_on, change.new_due_on, change.old_provisional, change.new_provisional) == (
        D(2027, 2, 15), D(2027, 2, 16), True, False,
    )  # fmt: skip
    assert change.reason == ChangeReason.CALENDAR


def test_the_holders_are_told_in_app(team, filed_in_november, django_capture_on_commit_callbacks):
    _enter_2027(django_capture_on_commit_callbacks)

    notes = Notification.objects.filter(case=filed_in_november, level=NotificationKind.CHANGED)
    assert {n.recipient for n in notes} == {team.officer1.user, team.officer2.user}
    assert "由2027-02-15（暂定）变更为2027-02-16" in notes[0].message


def test_an_unchanged_day_loses_its_provisional_mark_and_the_holders_hear_it_is_certain(
    team, filed_in_november, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enter_year(year=2027, days=[DayEntry(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")], source="测试")

    limit = Deadline.objects.get(case=filed_in_november, kind="case_time_limit")
    assert (limit.due_on, limit.provisional) == (D(2027, 2, 15), False)
    assert "届满日2027-02-15已确定" in Notification.objects.get(recipient=team.officer1.user).message


def test_the_command_recounts_provisional_deadlines(filed_in_november):
    # Entered without the signal (as a restore from a dump would): the command catches up.
    from clock.models import CalendarDay, CalendarYear

    year = CalendarYear.objects.create(year=2027, source="测试")
    CalendarDay.objects.bulk_create(CalendarDay(date=e.date, kind=e.kind, name=e.name, year=year) for e in SPRING_2027)
    out = io.StringIO()

    call_command("recompute_deadlines", "--year", "2027", stdout=out)

    assert Deadline.objects.get(case=filed_in_november, kind="case_time_limit").due_on == D(2027, 2, 16)
    assert "1 项期限发生变化" in out.getvalue()


def test_the_admin_action_recounts_the_selected_deadlines(team, filed_in_november, admin_user):
    from clock.models import CalendarDay, CalendarYear

    year = CalendarYear.objects.create(year=2027, source="测试")
    CalendarDay.objects.bulk_create(CalendarDay(date=e.date, kind=e.kind, name=e.name, year=year) for e in SPRING_2027)
    model_admin = site._registry[Deadline]
    request = RequestFactory().post("/")
    request.user = admin_user
    model_admin.message_user = lambda *args, **kwargs: None

    model_admin.recount_selected(request, Deadline.objects.filter(case=filed_in_november))

    assert DeadlineChange.objects.get().actor == admin_user


def test_the_api_marks_provisional_deadlines(team, filed_in_november, api):
    body = api(team.officer1).get(f"/api/v1/cases/{filed_in_november.pk}/").json()

    limit = next(d for d in body["deadlines"] if d["kind"] == "case_time_limit")
    assert (limit["due_on"], limit["provisional"]) == ("2027-02-15", True)


def test_a_deadline_over_the_end_of_december_waits_for_the_next_years_notice(
    team, travel, django_capture_on_commit_callbacks
):
    # Lead verification: 15 working days from discovery on Wednesday 2026-12-02, ending in late December —
    # which 2027's notice may move for its 元旦 arrangement (as the 2019 notice moved 2018-12-29 and 31).
    travel(D(2026, 12, 3))
    lead = team.open(discovered_on=D(2026, 12, 2))
    verification = Deadline.objects.get(case=lead, kind="lead_verification")
    assert (verification.due_on, verification.provisional) == (D(2026, 12, 23), True)

    with django_capture_on_commit_callbacks(execute=True):
        enter_year(
            year=2027,
            days=[DayEntry(date=D(2026, 12, 21), kind=DayKind.HOLIDAY, name="元旦（测试）"), *SPRING_2027],
            source="国务院办公厅关于2027年部分节假日安排的通知（测试）",
        )

    verification.refresh_from_db()
    assert (verification.due_on, verification.provisional) == (D(2026, 12, 24), False)
    assert verification.changes.get().reason == ChangeReason.CALENDAR
