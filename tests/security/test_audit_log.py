"""The security log (等保 2.0 8.1.4.3 安全审计): append-only, hash-chained, written apart from the case record,
readable and exportable by supervisors for their jurisdiction."""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from security.audit import chain_head, record_security_event, verify_chain
from security.choices import SecurityEventKind
from security.models import SecurityEvent
from tests.officers.factories import PASSWORD, OfficerFactory
from tests.security.auth import api_client_for

pytestmark = pytest.mark.django_db


def test_entries_form_one_gapless_chain(team):
    record_security_event(SecurityEventKind.LOGIN_FAILED, username="nobody")
    record_security_event(SecurityEventKind.LOGOUT, user=team.officer1.user)
    events = list(SecurityEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(events))
    assert verify_chain() is None
    assert chain_head() == (events[-1].seq, events[-1].hash)
    last = events[-1]
    assert (last.username, last.agency_id, last.agency_name) == (
        team.officer1.user.username,
        team.agency.pk,
        team.agency.name,
    )


def test_the_database_refuses_to_change_or_delete_an_entry(team):
    event = record_security_event(SecurityEventKind.LOGOUT, user=team.officer1.user)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        SecurityEvent.objects.filter(pk=event.pk).update(username="someone-else")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        SecurityEvent.objects.filter(pk=event.pk).delete()


def _behind_the_systems_back(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET LOCAL session_replication_role = origin")


def test_verify_chain_reports_an_altered_and_a_deleted_entry(team):
    for _ in range(3):
        record_security_event(SecurityEventKind.LOGOUT, user=team.officer1.user)
    first = SecurityEvent.objects.order_by("seq").first()
    second = SecurityEvent.objects.get(seq=first.seq + 1)
    _behind_the_systems_back("UPDATE security_securityevent SET username = 'x' WHERE id = %s", [second.pk])
    assert verify_chain().seq == second.seq
    _behind_the_systems_back("DELETE FROM security_securityevent WHERE id = %s", [second.pk])
    broken = verify_chain()
    assert broken.seq == second.seq and "删除" in broken.problem


def test_logins_and_logouts_are_recorded_with_address_and_client(client):
    officer = OfficerFactory()
    client.post(
        "/login/",
        {"username": officer.user.username, "password": PASSWORD},
        HTTP_USER_AGENT="Mozilla/5.0 " + "x" * 500,
        REMOTE_ADDR="198.51.100.7",
    )
    client.post("/logout/")
    login = SecurityEvent.objects.get(kind=SecurityEventKind.LOGIN_SUCCEEDED, user_id=officer.user.pk)
    assert (login.ip, login.detail["channel"], len(login.user_agent)) == ("198.51.100.7", "web", 200)
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.LOGOUT, user_id=officer.user.pk).exists()


def test_a_handler_viewing_full_identifiers_is_logged_without_touching_the_case(client, team):
    case = team.open()
    assert case.parties.exists()
    events_before = case.events.count()
    client.force_login(team.officer1.user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("cases:detail", args=[case.pk]))
    assert page.status_code == 200
    party = case.parties.first()
    assert party.identifier in page.content.decode()
    assert not [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"] and "cases_case" in q["sql"]]
    assert case.events.count() == events_before
    viewed = SecurityEvent.objects.get(kind=SecurityEventKind.PERSONAL_DATA_VIEWED)
    assert (viewed.user_id, viewed.object_ref) == (team.officer1.user.pk, f"cases.Case:{case.pk}")
    assert viewed.detail == {"parties": sorted(case.parties.values_list("pk", flat=True)), "channel": "page"}

    assert api_client_for(team.officer1.user).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.PERSONAL_DATA_VIEWED, detail__channel="api").exists()


def test_a_masked_view_is_not_a_view_of_personal_data(client, team):
    case = team.open()
    client.force_login(team.head.user)  # the head is not a handler: identifiers masked
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert case.parties.first().identifier not in page.content.decode()
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.PERSONAL_DATA_VIEWED).exists()


def test_role_and_permission_changes_are_recorded(team, django_user_model):
    officer = team.officer2
    officer.is_legal_reviewer = True
    officer.save()
    role = SecurityEvent.objects.filter(kind=SecurityEventKind.ROLE_CHANGED).latest("seq")
    assert role.detail["changes"] == {"is_legal_reviewer": [False, True]}
    assert (role.agency_id, role.detail["subject"]) == (team.agency.pk, officer.user.username)

    user = officer.user
    user.is_staff = True
    user.save()
    permission = SecurityEvent.objects.filter(kind=SecurityEventKind.PERMISSION_CHANGED).latest("seq")
    assert permission.detail["changes"] == {"is_staff": [False, True]}

    from django.contrib.auth.models import Group

    group = Group.objects.create(name="统计员")
    user.groups.add(group)
    grouped = SecurityEvent.objects.filter(kind=SecurityEventKind.PERMISSION_CHANGED).latest("seq")
    assert (grouped.detail["field"], grouped.detail["ids"]) == ("groups", [group.pk])


def test_an_admin_edit_is_recorded(team, django_user_model):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    LogEntry.objects.log_actions(
        user_id=root.pk, queryset=[team.officer1], action_flag=CHANGE, change_message="改了电话", single_object=True
    )
    edit = SecurityEvent.objects.get(kind=SecurityEventKind.ADMIN_EDIT)
    ct = ContentType.objects.get_for_model(team.officer1)
    assert (edit.username, edit.object_ref) == ("root", f"{ct.app_label}.{ct.model}:{team.officer1.pk}")
    assert edit.detail["action"] == "changed"


def test_an_edit_through_the_admin_site_is_recorded_with_the_actor(client, team, django_user_model):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    url = reverse("admin:auth_group_add")
    assert client.post(url, {"name": "档案管理员"}).status_code == 302
    edit = SecurityEvent.objects.filter(kind=SecurityEventKind.ADMIN_EDIT).latest("seq")
    assert (edit.username, edit.detail["action"], edit.ip) == ("root", "added", "127.0.0.1")


def test_the_supervisor_reads_the_log_of_the_jurisdiction_and_officers_may_not(client, team):
    record_security_event(SecurityEventKind.LOGOUT, user=team.officer1.user)
    record_security_event(SecurityEventKind.LOGOUT, user=team.outsider.user)

    client.force_login(team.officer1.user)
    assert client.get(reverse("security:log")).status_code == 403
    assert client.get(reverse("security:log_csv")).status_code == 403

    client.force_login(team.supervisor.user)
    page = client.get(reverse("security:log"), {"kind": "logout"})
    assert page.status_code == 200
    body = page.content.decode()
    assert team.officer1.user.username in body
    assert team.outsider.user.username not in body

    export = client.get(reverse("security:log_csv"), {"kind": "logout"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["序号", "时间", "事件类型"]
    assert {row[3] for row in rows[1:]} == {team.officer1.user.username}
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.LOG_EXPORTED, user_id=team.supervisor.user.pk).exists()


def test_a_logged_value_cannot_become_a_spreadsheet_formula(client, team, django_user_model):
    record_security_event(SecurityEventKind.LOGIN_FAILED, username='=HYPERLINK("http://x")')
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    text = b"".join(client.get(reverse("security:log_csv")).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_bad_filter_dates_are_a_clear_error(client, team):
    client.force_login(team.supervisor.user)
    response = client.get(reverse("security:log"), {"since": "9999-01-01"})
    assert response.status_code == 400
    assert "日期应在2000年至2100年之间" in response.content.decode()
