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


# --- shown on the case file: the page's execution section and the API's ``execution.performances`` -----------------


def test_the_case_page_lists_each_performance_with_its_kind_date_note_and_recorder(team, client):  # noqa: F811
    case = serve(team, decided(team, fine=None, kinds=("warning",)))
    row = perform(team, case)
    client.force_login(team.officer2.user)

    body = client.get(f"/cases/{case.pk}/").content.decode()

    assert "处罚决定的履行" in body
    start = body.index(f'data-performance="{row.pk}"')
    cells = body[start : body.index("</tr>", start)]
    assert all(word in cells for word in ("警告", "2026-06-01", "当场宣告警告。", team.officer1.name)), cells


def test_the_api_case_file_lists_the_performances_under_execution(team, api):  # noqa: F811
    team.matter.penalty_kinds = ["warning", "criticism", "fine"]
    team.matter.save()
    case = serve(team, decided(team, fine=None, kinds=("warning", "criticism")))
    perform(team, case)
    second = svc.record_performance(case=case, actor=team.officer1.user, kind="criticism", performed_on=d(6, 1))

    body = api(team.officer2).get(f"/api/v1/cases/{case.pk}/").json()

    assert body["execution"]["performances"][1] == {
        "id": second.pk,
        "kind": "criticism",
        "kind_label": "通报批评",
        "performed_on": "2026-06-01",
        "note": "",
        "recorded_by": team.officer1.name,
        "recorded_at": body["execution"]["performances"][1]["recorded_at"],
    }
    assert [p["kind_label"] for p in body["execution"]["performances"]] == ["警告", "通报批评"]


def test_the_case_file_reads_the_performances_in_one_query_however_many(team, api, client):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    team.matter.penalty_kinds = ["warning", "criticism", "fine"]
    team.matter.save()
    case = serve(team, decided(team, fine=None, kinds=("warning", "criticism")))
    client.force_login(team.officer1.user)
    rest = api(team.officer1)

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            assert client.get(f"/cases/{case.pk}/").status_code == 200
        with CaptureQueriesContext(connection) as casefile:
            assert rest.get(f"/api/v1/cases/{case.pk}/").status_code == 200
        return len(page.captured_queries), len(casefile.captured_queries)

    perform(team, case)
    one = counts()
    perform(team, case, kind="criticism")

    assert counts() == one
