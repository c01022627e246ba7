"""履行 of a penalty that is performed, not paid (行政处罚法 第九条), recorded with its kind and date — also while the
case stands referred, for the kinds of 《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款 (警告，责令停产停业，暂扣
或者吊销许可证、执照) decided before the referral (issue 10, B15)."""

from __future__ import annotations

import pytest

from cases.choices import CaseStatus
from cases.models import PerformanceRecord
from cases.services import execution as svc
from cases.services.runner import ActionBlocked, reasons_for
from tests.cases.test_execution import clock, d, decided, serve, team  # noqa: F401 (fixtures)
from tests.cases.test_referral_execution import refer

pytestmark = pytest.mark.django_db

ART_11_2 = "《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款"


def perform(team, case, kind="warning", on=None, **fields):  # noqa: F811
    return svc.record_performance(
        case=case, actor=team.officer1.user, kind=kind, performed_on=on or d(6, 1), note="当场宣告警告。", **fields
    )


def refused_codes(call, *args, **kwargs) -> list[str]:
    with pytest.raises(ActionBlocked) as blocked:
        call(*args, **kwargs)
    return [r.code for r in blocked.value.reasons]


def test_a_warning_is_recorded_as_performed_after_service(team):  # noqa: F811
    case = serve(team, decided(team, fine=None, kinds=("warning",)))

    row = perform(team, case)

    assert (row.kind, row.performed_on, case.status) == ("warning", d(6, 1), CaseStatus.EXECUTING)
    event = case.events.filter(name="record_performance").get()
    assert event.payload["kind"] == "warning" and event.payload["referred"] is False
    assert refused_codes(perform, team, case) == ["performance_already_recorded"]


def test_a_warning_decided_before_the_referral_is_served_and_performed_while_referred(team):  # noqa: F811
    case = serve(team, refer(team, decided(team, fine=None, kinds=("warning",))))
    assert case.status == CaseStatus.REFERRED

    row = perform(team, case)

    assert row.case_id == case.pk
    assert case.events.filter(name="record_performance").get().payload["referred"] is True


def test_a_kind_outside_article_11_2_is_not_executed_while_referred(team):  # noqa: F811
    team.matter.penalty_kinds = ["warning", "criticism", "fine"]
    team.matter.save()
    case = serve(team, refer(team, decided(team, fine=None, kinds=("criticism",))))

    with pytest.raises(ActionBlocked) as blocked:
        perform(team, case, kind="criticism")

    assert [(r.code, r.article) for r in blocked.value.reasons] == [("execution_stopped_by_referral", ART_11_2)]
    assert not PerformanceRecord.objects.exists()


def test_a_kind_outside_article_11_2_is_performed_when_not_referred(team):  # noqa: F811
    team.matter.penalty_kinds = ["warning", "criticism", "fine"]
    team.matter.save()
    case = serve(team, decided(team, fine=None, kinds=("criticism",)))

    assert perform(team, case, kind="criticism").kind == "criticism"


def test_fines_are_paid_kinds_not_decided_are_refused_and_nothing_before_service(team):  # noqa: F811
    case = decided(team, fine="8000", kinds=("warning", "fine"))
    assert refused_codes(perform, team, case) == ["wrong_state"]  # decided, not served: no execution yet
    case = serve(team, case)

    assert refused_codes(perform, team, case, kind="fine") == ["kind_is_paid"]
    assert refused_codes(perform, team, case, kind="suspend_business") == ["kind_not_decided"]
    assert refused_codes(perform, team, case, on=d(5, 30)) == ["date_too_early"]


def test_a_referred_case_whose_decision_is_not_served_records_no_performance(team):  # noqa: F811
    case = refer(team, decided(team, fine=None, kinds=("warning",)))

    assert "decision_not_served" in [r.code for r in reasons_for(case, "record_performance", team.officer1.user)]


def test_the_api_records_the_performance_and_an_outsider_gets_404(team, api):  # noqa: F811
    case = serve(team, decided(team, fine=None, kinds=("warning",)))
    url = f"/api/v1/cases/{case.pk}/actions/record_performance/"
    data = {"kind": "warning", "performed_on": "2026-06-01", "note": "当场宣告。"}

    assert api(team.outsider).post(url, data, format="json").status_code == 404
    response = api(team.officer1).post(url, data, format="json")

    assert response.status_code in (200, 201), response.content
    assert PerformanceRecord.objects.get(case=case).kind == "warning"
