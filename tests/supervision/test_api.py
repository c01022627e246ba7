"""/api/v1/interference-records/: scoped list and detail, recording, errors in the shape of API.md."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from supervision.models import InterferenceRecord
from supervision.services import CASE_NOT_VISIBLE
from tests.officers.factories import AgencyFactory, OfficerFactory, UserFactory
from tests.supervision.factories import branch_of, record

URL = "/api/v1/interference-records/"


def detail(made) -> str:
    return f"{URL}{made.pk}/"


def payload(**overrides):
    data = {
        "intervener_name": "刘某",
        "intervener_position": "副区长",
        "intervener_unit": "某区人民政府",
        "occurred_at": (timezone.now() - datetime.timedelta(hours=2)).isoformat(),
        "manner": "in_person",
        "what_was_asked": "当面要求对该企业“高抬贵手”。",
        "how_handled": "明确拒绝，并如实记录。",
    }
    data.update(overrides)
    return data


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


# --- recording -------------------------------------------------------------------------


def test_an_officer_records_an_intervention_and_gets_201(team, api):
    case = team.open()

    response = api(team.officer1).post(URL, payload(case=case.pk), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    made = InterferenceRecord.objects.get(pk=body["id"])
    assert made.recorded_by == team.officer1
    assert made.agency == team.agency
    assert body["case"] == case.pk
    assert body["case_title"] == "销售过期食品案"
    assert body["agency"] == team.agency.pk
    assert body["recorded_by_name"] == "王强"
    assert body["manner"] == "in_person"
    assert body["manner_label"] == "当面"


def test_a_record_without_a_case_is_accepted(team, api):
    response = api(team.officer2).post(URL, payload(), format="json")

    assert response.status_code == 201
    assert response.json()["case"] is None


def test_naming_a_colleague_fills_in_name_and_unit(team, api):
    response = api(team.officer1).post(
        URL, payload(intervener_name="", intervener_unit="", intervener_officer=team.head.pk), format="json"
    )

    assert response.status_code == 201
    assert response.json()["intervener_name"] == "吴局长"
    assert response.json()["intervener_unit"] == team.agency.name


def test_invalid_input_gets_400_with_field_errors_in_chinese(team, api):
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()

    response = api(team.officer1).post(URL, payload(what_was_asked="", how_handled="", manner="x"), format="json")
    in_future = api(team.officer1).post(URL, payload(occurred_at=future), format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"] == "提交的内容有误，请检查后重试。"
    assert body["errors"]["what_was_asked"] == ["请填写干预内容。"]
    assert body["errors"]["how_handled"] == ["请填写处理情况。"]
    assert "manner" in body["errors"]
    assert in_future.status_code == 400
    assert in_future.json()["errors"] == {"occurred_at": ["干预时间不能晚于当前时间。"]}


def test_a_missing_intervener_name_is_explained(team, api):
    response = api(team.officer1).post(URL, payload(intervener_name=""), format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"intervener_name": ["请填写干预人姓名。"]}


def test_an_outsider_cannot_attach_a_record_to_a_case_they_cannot_see(team, api):
    case = team.open()
    missing = case.pk + 10_000

    hidden = api(team.outsider).post(URL, payload(case=case.pk), format="json")
    absent = api(team.outsider).post(URL, payload(case=missing), format="json")

    # 400 on the case field, word for word the same as for a case that does not exist.
    assert hidden.status_code == absent.status_code == 400
    assert hidden.json()["errors"] == {"case": [CASE_NOT_VISIBLE]}
    assert absent.json()["errors"] == {"case": [CASE_NOT_VISIBLE]}
    assert not InterferenceRecord.objects.exists()


def test_an_officer_of_an_unrelated_agency_cannot_be_named(team, api):
    response = api(team.officer1).post(URL, payload(intervener_officer=team.outsider.pk), format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"intervener_officer": ["所选人员不存在或不可选择。"]}


@pytest.mark.parametrize("who", ["supervisor", "no_officer"])
def test_those_who_may_not_record_get_403(team, api, who):
    client = api(team.supervisor) if who == "supervisor" else api()
    if who == "no_officer":
        client.force_authenticate(UserFactory())

    response = client.post(URL, payload(), format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_anonymous_gets_401_everywhere(team, api):
    made = record(team.officer1)

    for response in (api().get(URL), api().get(detail(made)), api().post(URL, payload(), format="json")):
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


def test_records_cannot_be_changed_or_deleted_through_the_api(team, api):
    made = record(team.officer1)
    client = api(team.officer1)

    assert client.put(detail(made), payload(), format="json").status_code == 405
    assert client.patch(detail(made), {"how_handled": "改写"}, format="json").status_code == 405
    assert client.delete(detail(made)).status_code == 405
    assert client.delete(URL).status_code == 405
    assert client.delete(detail(made)).json()["code"] == "method_not_allowed"


# --- reading --------------------------------------------------------------------------


def test_a_supervisor_lists_the_records_of_the_supervised_agencies_only(team, api):
    in_agency = record(team.officer1)
    in_branch = record(branch_of(team))
    record(team.outsider)

    response = api(team.supervisor).get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert set(ids(response)) == {in_agency.pk, in_branch.pk}


def test_an_officer_lists_only_their_own_records(team, api):
    mine = record(team.officer1)
    record(team.officer2)

    assert ids(api(team.officer1).get(URL)) == [mine.pk]


def test_the_list_is_newest_first(team, api):
    now = timezone.now()
    old = record(team.officer1, occurred_at=now - datetime.timedelta(days=3))
    new = record(team.officer1, occurred_at=now - datetime.timedelta(hours=1))
    middle = record(team.officer1, occurred_at=now - datetime.timedelta(days=1))

    assert ids(api(team.supervisor).get(URL)) == [new.pk, middle.pk, old.pk]


def test_the_list_filters_by_agency_case_and_dates(team, api):
    case = team.open()
    second = AgencyFactory(domains=[team.domain], supervised_by=team.justice)
    today = timezone.localdate()
    at_nine = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=10), datetime.time(9)))
    with_case = record(team.officer1, case=case, occurred_at=at_nine)
    late_evening = at_nine + datetime.timedelta(days=2, hours=14, minutes=59)  # 23:59, Asia/Shanghai
    without_case = record(team.officer1, occurred_at=late_evening)
    in_second = record(OfficerFactory(agency=second))
    client = api(team.supervisor)

    assert ids(client.get(URL, {"agency": second.pk})) == [in_second.pk]
    assert ids(client.get(URL, {"case": case.pk})) == [with_case.pk]
    day_of_late_evening = (today - datetime.timedelta(days=8)).isoformat()
    assert ids(client.get(URL, {"occurred_from": day_of_late_evening, "occurred_to": day_of_late_evening})) == [
        without_case.pk
    ]
    assert ids(client.get(URL, {"occurred_to": (today - datetime.timedelta(days=9)).isoformat()})) == [with_case.pk]
    assert client.get(URL, {"occurred_from": "not-a-date"}).status_code == 400


def test_filtering_by_an_unsupervised_agency_reveals_nothing(team, api):
    record(team.outsider)

    response = api(team.supervisor).get(URL, {"agency": team.outsider.agency_id})

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_detail_is_404_outside_the_scope(team, api):
    made = record(team.officer1)

    assert api(team.officer1).get(detail(made)).status_code == 200
    assert api(team.supervisor).get(detail(made)).status_code == 200
    for outsider in (team.outsider, team.officer2, team.head):
        response = api(outsider).get(detail(made))
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "detail": "不存在或无权查看。"}


def test_the_head_named_as_intervener_gets_404_and_an_empty_list_even_as_a_supervisor(team, api):
    team.head.is_supervisor = True
    team.head.save()
    naming_head = record(branch_of(team), intervener_officer=team.head)

    assert api(team.head).get(detail(naming_head)).status_code == 404
    assert ids(api(team.head).get(URL)) == []
    assert api(team.supervisor).get(detail(naming_head)).json()["intervener_officer"] == team.head.pk


def test_the_list_costs_the_same_number_of_queries_for_few_and_many_records(team, api):
    client = api(team.supervisor)
    case = team.open()
    # Walking the supervised_by chain costs a query per level: fix the agencies before counting.
    branch_officer = branch_of(team)
    record(team.officer1, case=case)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)

    for n in range(8):
        # Officers of two agencies, with and without a case and a named colleague: every relation varies.
        if n % 2:
            record(team.officer2, case=case if n % 3 else None, intervener_officer=team.head if n % 4 == 1 else None)
        else:
            record(branch_officer)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)

    assert response.json()["count"] == 9
    assert len(many) == len(few)
