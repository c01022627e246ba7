"""The case page's deadline panel (deadlines.selectors.case_panel + templates/deadlines/case_panel.html),
the API's ``deadlines`` field and the notifications page."""

import pytest
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse

from deadline_watch.selectors import case_panel
from deadlines.choices import Level
from deadlines.models import Deadline, Notification
from deadlines.services.reminders import scan_deadlines
from tests.deadlines.steps import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(team, travel):
    travel(D(2026, 9, 1))
    filed = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
    travel(D(2026, 11, 26))  # 27 and 30 November left: yellow
    return filed


def test_the_panel_shows_each_deadline_with_its_article_days_left_and_colour(team, case):
    panel = case_panel(case, team.officer1.user)

    row = next(r for r in panel.rows if r.deadline.kind == "case_time_limit")
    assert (row.level, row.css, row.days_left.days) == (Level.APPROACHING, "warn", 2)
    assert not row.can_extend  # a handler, not a head
    html = render_to_string("deadlines/case_panel.html", {"panel": panel})
    assert "办案期限（立案至作出决定）" in html and "第六十条" in html and "2026-11-30" in html
    assert "2 个工作日" in html and "deadline-row warn" in html


def test_the_head_is_offered_the_extension_and_the_suspension(team, case):
    row = next(r for r in case_panel(case, team.head.user).rows if r.deadline.kind == "case_time_limit")

    assert row.can_extend and row.can_suspend
    html = render_to_string("deadlines/case_panel.html", {"panel": case_panel(case, team.head.user)})
    assert reverse("deadlines:extend", args=[row.deadline.pk]) in html


def test_a_provisional_last_day_is_marked(team, travel):
    travel(D(2026, 11, 17))
    filed = team.open_and_file(violation_date=D(2026, 11, 1), discovered_on=D(2026, 11, 10))

    html = render_to_string("deadlines/case_panel.html", {"panel": case_panel(filed, team.officer1.user)})

    assert "暂定" in html and "2027-02-15" in html


def test_an_officer_of_another_agency_gets_404(team, case):
    with pytest.raises(Http404):
        case_panel(case, team.outsider.user)


def test_the_api_field_keeps_its_shape_with_the_stored_deadlines(team, case, api):
    body = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()

    by_kind = {d["kind"]: d for d in body["deadlines"]}
    assert set(by_kind) == {"limitation", "lead_verification", "case_time_limit"}
    limit = by_kind["case_time_limit"]
    assert {"kind", "starts_on", "due_on", "met_on", "overdue"} <= set(limit)
    assert (limit["due_on"], limit["overdue"], limit["level"], limit["working_days_left"]) == (
        "2026-11-30", False, "approaching", 2,
    )  # fmt: skip
    assert by_kind["lead_verification"]["met_on"] == "2026-09-01"


def test_the_api_overdue_filter_reads_the_stored_case_time_limit(team, case, api, travel):
    travel(D(2026, 12, 2))

    overdue = api(team.officer1).get("/api/v1/cases/", {"overdue": "true"}).json()["results"]

    assert [c["id"] for c in overdue] == [case.pk]


def test_the_notifications_page_lists_a_users_own_and_marks_them_read(team, case, client):
    scan_deadlines(today=D(2026, 11, 26))
    mine = Notification.objects.get(recipient=team.officer1.user)
    client.force_login(team.officer1.user)

    page = client.get(reverse("deadlines:notifications"))
    read = client.post(reverse("deadlines:notification_read", args=[mine.pk]))
    others = client.post(
        reverse("deadlines:notification_read", args=[Notification.objects.get(recipient=team.head.user).pk])
    )

    assert page.status_code == 200 and "期限临近" in page.content.decode()
    assert read.status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert others.status_code == 404


def test_mark_all_read(team, case, client):
    scan_deadlines(today=D(2026, 11, 26))
    client.force_login(team.head.user)

    client.post(reverse("deadlines:notifications_read_all"))

    assert not Notification.objects.filter(recipient=team.head.user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=team.officer1.user, read_at__isnull=True).exists()


def test_a_met_late_deadline_is_reported_overdue_in_the_api(team, case, api, travel):
    Deadline.objects.filter(case=case, kind="case_time_limit").update(outcome="met", met_on=D(2026, 12, 3))

    limit = next(d for d in api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()["deadlines"]
                 if d["kind"] == "case_time_limit")  # fmt: skip

    assert (limit["overdue"], limit["status"]) == (True, "逾期履行")


def test_the_header_context_counts_unread_notifications_lazily(team, case, rf):
    from deadlines.context_processors import deadline_notifications

    scan_deadlines(today=D(2026, 11, 26))
    request = rf.get("/")
    request.user = team.supervisor.user
    supervisor = deadline_notifications(request)
    request.user = team.officer1.user
    officer = deadline_notifications(request)

    assert officer["unread_deadline_notifications"]() == 1
    assert not officer["sees_overdue_list"]()
    assert supervisor["sees_overdue_list"]()


def _table_reads(captured) -> int:
    return sum("clock_calendarday" in q["sql"] for q in captured.captured_queries)


def test_the_panel_and_the_case_file_read_the_holiday_table_once_for_all_their_deadlines(team, case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.deadlines import case_deadlines

    team.conclude(case)
    team.notify(case)  # the statement window besides the case time limit
    assert Deadline.objects.filter(case=case).count() >= 3  # and the lead verification, met

    with CaptureQueriesContext(connection) as panel:
        case_panel(case, team.head.user)
    with CaptureQueriesContext(connection) as case_file:
        case_deadlines(case)

    assert _table_reads(panel) == 1
    assert _table_reads(case_file) <= 2  # the stored deadlines once; the limitation period counts on its own
