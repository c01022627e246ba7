"""The interference pages (/supervision/interference/): record, list, detail, each scoped."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from supervision.models import InterferenceRecord
from supervision.services import CASE_NOT_VISIBLE
from tests.officers.factories import AgencyFactory, OfficerFactory
from tests.supervision.factories import branch_of, record

LIST = reverse("supervision:list")
NEW = reverse("supervision:new")


def login(client, officer):
    client.force_login(officer.user)
    return client


def detail_url(made) -> str:
    return reverse("supervision:detail", args=[made.pk])


def form_data(**overrides):
    occurred = timezone.localtime() - datetime.timedelta(hours=3)
    data = {
        "occurred_at": occurred.strftime("%Y-%m-%dT%H:%M"),
        "manner": "written",
        "intervener_name": "刘某",
        "intervener_position": "副区长",
        "intervener_unit": "某区人民政府",
        "what_was_asked": "批条：“请关照该企业”。",
        "how_handled": "批条原件存档，案件依法办理。",
        "evidence_notes": "批条原件一份。",
    }
    data.update(overrides)
    return data


# --- recording --------------------------------------------------------------------------


def test_the_form_is_offered_to_an_officer(team, client):
    body = login(client, team.officer1).get(NEW).content.decode()

    assert "登记干预记录" in body
    assert "批条/书面" in body
    assert 'type="datetime-local"' in body
    assert team.head.name in body  # a colleague may be named as a known user
    assert team.outsider.name not in body


def test_an_officer_records_an_intervention_through_the_page(team, client):
    response = login(client, team.officer1).post(NEW, form_data())

    made = InterferenceRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(made)
    assert made.recorded_by == team.officer1
    assert made.get_manner_display() == "批条/书面"
    assert made.occurred_at.tzinfo is not None
    page = client.get(response["Location"]).content.decode()
    assert "干预记录已登记" in page
    assert "批条原件存档" in page


def test_the_case_is_preselected_from_the_case_page(team, client):
    case = team.open()
    login(client, team.officer1)

    body = client.get(NEW, {"case": case.pk}).content.decode()
    response = client.post(f"{NEW}?case={case.pk}", form_data(case=case.pk))

    assert case.title in body
    assert f'name="case" value="{case.pk}"' in body
    assert response.status_code == 302
    assert InterferenceRecord.objects.get().case == case


def test_a_filed_case_may_be_named_by_its_number(team, client):
    case = team.open_and_file()

    login(client, team.officer1).post(NEW, form_data(case_number=case.number))

    assert InterferenceRecord.objects.get().case == case


def test_an_outsider_cannot_preselect_or_attach_a_case_they_cannot_see(team, client):
    case = team.open_and_file()
    login(client, team.outsider)

    assert client.get(NEW, {"case": case.pk}).status_code == 404
    assert client.post(NEW, form_data(case=case.pk)).status_code == 404
    by_number = client.post(NEW, form_data(case_number=case.number))

    assert by_number.status_code == 400
    assert CASE_NOT_VISIBLE in by_number.content.decode()
    assert not InterferenceRecord.objects.exists()


def test_validation_messages_are_in_chinese(team, client):
    future = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    login(client, team.officer1)

    empty = client.post(NEW, {"occurred_at": "", "what_was_asked": "", "how_handled": ""})
    in_future = client.post(NEW, form_data(occurred_at=future))
    nameless = client.post(NEW, form_data(intervener_name=""))

    assert empty.status_code == in_future.status_code == nameless.status_code == 400
    body = empty.content.decode()
    for message in ("请填写干预时间。", "请选择干预方式。", "请填写干预内容。", "请填写处理情况。"):
        assert message in body
    assert "干预时间不能晚于当前时间。" in in_future.content.decode()
    assert "请填写干预人姓名。" in nameless.content.decode()
    assert not InterferenceRecord.objects.exists()


def test_a_supervisor_of_the_justice_bureau_gets_403_on_the_form(team, client):
    assert login(client, team.supervisor).get(NEW).status_code == 403


# --- the list and the detail -----------------------------------------------------------------


def test_a_supervisor_lists_records_across_the_supervised_agencies(team, client):
    second = AgencyFactory(domains=[team.domain], supervised_by=team.justice, name="第二监管局")
    record(team.officer1, intervener_name="甲某")
    record(OfficerFactory(agency=second), intervener_name="乙某")
    record(team.outsider, intervener_name="丙某")

    body = login(client, team.supervisor).get(LIST).content.decode()

    assert "甲某" in body and "乙某" in body
    assert "丙某" not in body
    assert "第二监管局" in body  # the agency filter offers the supervised agencies
    assert team.outsider.agency.name not in body


def test_the_supervisor_filters_by_agency_and_date(team, client):
    second = AgencyFactory(domains=[team.domain], supervised_by=team.justice)
    today = timezone.localdate()
    record(team.officer1, intervener_name="甲某", occurred_at=timezone.now() - datetime.timedelta(days=5))
    record(OfficerFactory(agency=second), intervener_name="乙某")
    login(client, team.supervisor)

    by_agency = client.get(LIST, {"agency": second.pk}).content.decode()
    by_date = client.get(LIST, {"occurred_to": (today - datetime.timedelta(days=2)).isoformat()}).content.decode()

    assert "乙某" in by_agency and "甲某" not in by_agency
    assert "甲某" in by_date and "乙某" not in by_date


def test_the_list_is_newest_first(team, client):
    now = timezone.now()
    record(team.officer1, intervener_name="旧某", occurred_at=now - datetime.timedelta(days=3))
    record(team.officer1, intervener_name="新某", occurred_at=now - datetime.timedelta(minutes=10))

    body = login(client, team.supervisor).get(LIST).content.decode()

    assert body.index("新某") < body.index("旧某")


def test_an_officer_lists_only_their_own_records(team, client):
    record(team.officer1, intervener_name="甲某")
    record(team.officer2, intervener_name="乙某")

    body = login(client, team.officer1).get(LIST).content.decode()

    assert "我登记的干预记录" in body
    assert "甲某" in body and "乙某" not in body
    assert 'name="agency"' not in body


def test_detail_shows_the_record_to_the_recorder_and_the_supervisor(team, client):
    made = record(team.officer1, evidence_notes="通话录音已保存。")

    for viewer in (team.officer1, team.supervisor):
        body = login(client, viewer).get(detail_url(made)).content.decode()
        assert "通话录音已保存。" in body
        assert "刘某" in body


@pytest.mark.parametrize("who", ["outsider", "officer2", "head"])
def test_detail_is_404_outside_the_scope(team, client, who):
    made = record(team.officer1)

    assert login(client, getattr(team, who)).get(detail_url(made)).status_code == 404


def test_the_head_named_as_intervener_sees_neither_the_record_nor_a_trace_of_it(team, client):
    team.head.is_supervisor = True
    team.head.save()
    naming_head = record(branch_of(team), intervener_officer=team.head, what_was_asked="局长打招呼要求从轻。")
    login(client, team.head)

    assert client.get(detail_url(naming_head)).status_code == 404
    assert "局长打招呼" not in client.get(LIST).content.decode()


def test_anonymous_is_sent_to_login(team, client):
    made = record(team.officer1)

    for url in (LIST, NEW, detail_url(made)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_navigation_links_each_officer_to_the_right_page(team, client):
    officer_page = login(client, team.officer1).get(reverse("home")).content.decode()
    supervisor_page = login(client, team.supervisor).get(reverse("home")).content.decode()

    assert f'<a href="{NEW}"' in officer_page and "干预记录" in officer_page
    assert f'<a href="{LIST}"' in supervisor_page


def test_the_list_page_costs_the_same_number_of_queries_for_few_and_many_records(team, client):
    login(client, team.supervisor)
    case = team.open()
    branch_officer = branch_of(team)
    record(team.officer1, case=case)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)

    for n in range(8):
        record(team.officer2 if n % 2 else branch_officer, case=case if n % 2 else None)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)

    assert response.context["page"].paginator.count == 9
    assert len(many) == len(few)
