"""备案 (行政处罚法 第五十二条第三款): an on-the-spot decision is filed with the officers' agency."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from cases.choices import CaseStatus, EventType
from cases.models.execution import ServiceMethod
from cases.services import execution, lifecycle
from cases.services.runner import ActionBlocked, TransitionBlocked

ART_52 = "《中华人民共和国行政处罚法》第五十二条"
SH = datetime.timezone(datetime.timedelta(hours=8))
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=SH), tick=False) as traveller:
        yield traveller


def decided(team, kinds=("fine",), amount="100"):
    return lifecycle.decide_on_spot(
        case=team.open_on_the_spot(),
        actor=team.officer1.user,
        penalty_kinds=list(kinds),
        fine_amount=Decimal(amount) if amount else None,
        legal_basis="《中华人民共和国价格法》第四十二条",
        place="包头市九原区赛罕路农贸市场12号摊位",
        correction="立即对所售商品明码标价。",
    )


def file_it(team, case, *, by=None, on=TODAY, note=""):
    return lifecycle.file_on_spot_decision(case=case, actor=(by or team.officer1).user, filed_on=on, note=note)


def codes(excinfo):
    return [(r.code, r.article) for r in excinfo.value.reasons]


def test_a_handler_files_the_on_the_spot_decision_with_the_agency(team):
    case = decided(team)

    filed = file_it(team, case, note="报法制科备案")

    assert filed.on_spot_filed_on == TODAY
    event = filed.events.order_by("-seq").first()
    assert (event.event_type, event.name) == (EventType.ON_SPOT_FILED, "file_on_spot_decision")
    assert event.payload["filed_on"] == "2026-06-01" and event.payload["note"] == "报法制科备案"
    assert filed.status == CaseStatus.DECIDED  # beside the lifecycle: the status does not move


def test_a_decision_is_filed_once(team):
    case = file_it(team, decided(team))

    with pytest.raises(ActionBlocked) as excinfo:
        file_it(team, case, by=team.head)

    assert codes(excinfo) == [("on_spot_already_filed", ART_52)]


def test_the_filing_lies_between_the_decision_and_today(team):
    case = decided(team)

    with pytest.raises(ActionBlocked) as early:
        file_it(team, case, on=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ActionBlocked) as future:
        file_it(team, case, on=TODAY + datetime.timedelta(days=1))

    assert codes(early) == [("date_too_early", ART_52)]
    assert codes(future) == [("date_in_future", ART_52)]


def test_a_handler_or_a_head_records_the_filing_not_another_officer(team):
    case = decided(team)

    with pytest.raises(ActionBlocked) as excinfo:
        file_it(team, case, by=team.officer3)

    assert [r.code for r in excinfo.value.reasons] == ["not_handler_or_head"]
    assert file_it(team, case, by=team.head).on_spot_filed_on == TODAY


def test_a_general_procedure_decision_is_not_filed_as_an_on_the_spot_one(team):
    case = team.open_and_file()
    case.decided_on = TODAY  # the shape of a decided general case, as far as this guard reads it
    case.save(update_fields=["decided_on"])
    type(case).objects.filter(pk=case.pk).update(status=CaseStatus.DECIDED)

    with pytest.raises(ActionBlocked) as excinfo:
        file_it(team, case)

    assert codes(excinfo) == [("not_decided_on_the_spot", ART_52)]


def test_an_unfiled_closed_on_the_spot_case_is_listed_for_the_supervisor(team, api):
    unfiled = decided(team, kinds=("warning",), amount=None)
    filed = file_it(team, decided(team, kinds=("warning",), amount=None))
    for case in (unfiled, filed):
        execution.serve_decision(
            case=case, actor=team.officer1.user, served_on=TODAY, method=ServiceMethod.ON_SPOT, recipient="张三"
        )
        lifecycle.close_case(case=case, actor=team.head.user, report="当场警告，结案。")

    listed = api(team.supervisor).get("/api/v1/cases/", {"status": "closed", "on_spot_unfiled": "true"})
    outsider = api(team.outsider).get("/api/v1/cases/", {"status": "closed", "on_spot_unfiled": "true"})

    assert listed.status_code == 200
    assert [c["id"] for c in listed.json()["results"]] == [unfiled.pk]
    assert outsider.json()["results"] == []


def test_the_case_file_and_the_page_show_the_filing(team, api, client):
    case = decided(team)
    page = reverse("cases:detail", args=[case.pk])
    client.force_login(team.officer1.user)

    before = client.get(page).content.decode()
    posted = api(team.officer1).post(
        f"/api/v1/cases/{case.pk}/actions/file_on_spot_decision/", {"filed_on": "2026-06-01"}, format="json"
    )
    after = client.get(page).content.decode()

    assert "尚未备案" in before and "当场处罚决定报机关备案" in before  # the form is offered in 送达与执行
    assert posted.status_code == 200, posted.content
    assert api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()["on_spot_filed_on"] == "2026-06-01"
    assert "尚未备案" not in after and "2026-06-01" in after


def test_the_case_page_lists_unfiled_on_the_spot_decisions_on_request(team, client):
    unfiled, filed = decided(team), file_it(team, decided(team))
    client.force_login(team.officer1.user)

    body = client.get(reverse("cases:list"), {"on_spot_unfiled": "on"}).content.decode()

    assert reverse("cases:detail", args=[unfiled.pk]) in body
    assert reverse("cases:detail", args=[filed.pk]) not in body


def test_the_filing_is_refused_before_the_decision(team):
    case = team.open_on_the_spot()

    with pytest.raises((ActionBlocked, TransitionBlocked)) as excinfo:
        file_it(team, case)

    assert [r.code for r in excinfo.value.reasons] == ["wrong_state"]
