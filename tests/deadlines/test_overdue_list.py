"""The overdue list for supervisors (页面 /deadlines/overdue/, API /api/v1/deadlines/overdue/), scoped in the
queryset: a supervisor sees the agencies they supervise, a head their own agency, anyone else nothing."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from deadline_watch.approvals import suspend_deadline
from deadlines.models import Deadline
from deadlines.selectors import overdue_visible_to
from deadlines.services.recompute import recompute_ids
from deadlines.services.reminders import scan_deadlines
from tests.cases.factories import build_team
from tests.deadlines.steps import D
from tests.officers.factories import OfficerFactory

pytestmark = pytest.mark.django_db
AFTER = D(2026, 12, 2)  # two working days after the case time limit of 2026-11-30


@pytest.fixture
def overdue(team, travel):
    travel(D(2026, 9, 1))
    case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
    travel(AFTER)
    return Deadline.objects.get(case=case, kind="case_time_limit")


def test_a_supervisor_sees_the_overdue_deadlines_of_the_agencies_they_supervise(team, overdue):
    assert list(overdue_visible_to(team.supervisor.user, today=AFTER)) == [overdue]


def test_the_agencys_head_sees_their_own_and_a_plain_officer_nothing(team, overdue):
    assert list(overdue_visible_to(team.head.user, today=AFTER)) == [overdue]
    assert list(overdue_visible_to(team.officer1.user, today=AFTER)) == []


def test_an_officer_of_another_agency_and_an_unrelated_supervisor_see_nothing(team, overdue):
    elsewhere = build_team()  # another agency under another justice bureau

    assert list(overdue_visible_to(team.outsider.user, today=AFTER)) == []
    assert list(overdue_visible_to(elsewhere.supervisor.user, today=AFTER)) == []
    assert list(overdue_visible_to(elsewhere.head.user, today=AFTER)) == []


def test_deadlines_met_suspended_or_not_yet_due_are_not_listed(team, overdue):
    assert list(overdue_visible_to(team.supervisor.user, today=D(2026, 11, 30))) == []
    suspend_deadline(deadline=overdue, actor=team.head.user, starts_on=D(2026, 11, 20), reason="检测")

    assert list(overdue_visible_to(team.supervisor.user, today=AFTER)) == []


def test_the_page_lists_them_for_a_supervisor(team, overdue, client):
    client.force_login(team.supervisor.user)

    response = client.get(reverse("deadlines:overdue"))

    assert response.status_code == 200
    body = response.content.decode()
    assert overdue.case.number in body and "办案期限" in body and "2 个工作日" in body


def test_the_page_answers_404_to_those_without_a_scope(team, overdue, client):
    client.force_login(team.officer1.user)
    assert client.get(reverse("deadlines:overdue")).status_code == 404
    client.force_login(team.outsider.user)
    assert client.get(reverse("deadlines:overdue")).status_code == 404


def test_the_api_lists_them_for_a_supervisor(team, overdue, api):
    body = api(team.supervisor).get("/api/v1/deadlines/overdue/").json()

    row = body["results"][0]
    assert body["count"] == 1
    assert (row["id"], row["kind"], row["due_on"], row["overdue_working_days"]) == (
        overdue.pk, "case_time_limit", "2026-11-30", 2,
    )  # fmt: skip
    assert row["agency"] == team.agency.pk and set(row["handlers"]) == {"王强", "李娜"}


def test_the_api_gives_others_an_empty_list_and_404_on_a_detail(team, overdue, api):
    listed = api(team.outsider).get("/api/v1/deadlines/overdue/")
    detail = api(team.outsider).get(f"/api/v1/deadlines/overdue/{overdue.pk}/")
    anonymous = api().get("/api/v1/deadlines/overdue/")

    assert listed.status_code == 200 and listed.json()["count"] == 0
    assert detail.status_code == 404
    assert anonymous.status_code in (401, 403)


def test_a_user_without_an_officer_record_sees_nothing(overdue, api):
    stranger = OfficerFactory()
    stranger.delete()

    assert list(overdue_visible_to(stranger.user, today=AFTER)) == []


def test_the_page_reads_the_holiday_table_once_however_many_rows(team, client, travel):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    travel(D(2026, 9, 1))
    for day in (10, 20, 30):  # three overdue cases
        team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, day))
    travel(AFTER)
    client.force_login(team.supervisor.user)

    with CaptureQueriesContext(connection) as page:
        response = client.get(reverse("deadlines:overdue"))

    assert response.status_code == 200 and len(response.context["items"]) >= 3
    assert sum('"clock_calendarday"' in q["sql"] for q in page.captured_queries) == 1


def test_the_case_list_filter_reads_the_same_stored_rows(team, overdue):
    """GET /api/v1/cases/?overdue= answers from the stored periods the overdue list reads, whatever their
    kind (a lead left unverified too, not only the case time limit); a suspended period stops counting, so
    its case leaves the filter with it."""
    fresh = team.open_and_file(title="未逾期案件")
    stale_lead = team.open(title="久未核查线索", violation_date=D(2026, 8, 1), discovered_on=D(2026, 9, 1))
    client = APIClient()
    client.force_authenticate(team.officer1.user)

    def ids(flag):
        return {c["id"] for c in client.get("/api/v1/cases/", {"overdue": flag}).json()["results"]}

    assert ids("true") == {overdue.case_id, stale_lead.pk}
    assert fresh.pk in ids("false") and overdue.case_id not in ids("false")

    suspend_deadline(deadline=overdue, actor=team.head.user, starts_on=D(2026, 11, 20), reason="检测")

    assert ids("true") == {stale_lead.pk}
    assert overdue.case_id in ids("false")


def test_a_date_being_counted_again_is_neither_listed_nor_reminded_until_the_recount_commits(team, overdue):
    """mark_recomputing: no list or reminder reads a date about to change (a year of holidays just entered)."""
    Deadline.objects.filter(pk=overdue.pk).update(recomputing=True)

    scan = scan_deadlines(today=AFTER)

    assert list(overdue_visible_to(team.supervisor.user, today=AFTER)) == []
    assert (scan.overdue, scan.notifications) == (0, 0)
    Deadline.objects.filter(pk=overdue.pk).update(recomputing=False)
    assert scan_deadlines(today=AFTER).overdue == 1


def test_recounting_a_marked_deadline_by_hand_settles_it(team, overdue):
    Deadline.objects.filter(pk=overdue.pk).update(recomputing=True)

    recompute_ids([overdue.pk], note="管理员重新计算")

    overdue.refresh_from_db()
    assert not overdue.recomputing
    assert list(overdue_visible_to(team.supervisor.user, today=AFTER)) == [overdue]
