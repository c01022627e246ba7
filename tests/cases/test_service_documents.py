"""送达 of issued documents (行政处罚法 第六十一条): what is served is a document the case issued, named by its
文号; each service issues its 送达回证 (documents.steps)."""

from __future__ import annotations

import pytest

from cases.guards import execution as rules
from cases.services.runner import reasons_for
from documents.actions import serve_document
from documents.services import issue_document
from kernel.rules import ActionRefused
from tests.cases.test_execution import (
    action_url,
    attach_receipt,
    clock,
    close,
    codes,
    d,
    decided,
    last_event,
    login,
    pay,
    serve,
    team,
)

__all__ = ["clock", "team"]  # fixtures


def test_serving_another_document_names_the_issued_document_and_issues_its_receipt(team, client):
    case = decided(team)
    notice = case.documents.get(kind="penalty_notice")  # issued by ``notify`` (documents.steps)
    login(client, team.officer1)

    form = {"serve_document-document": notice.pk, "serve_document-served_on": "2026-06-01",
            "serve_document-method": "direct", "serve_document-recipient": "张三"}  # fmt: skip
    assert client.post(action_url(case, "serve_document"), form).status_code == 302

    service = case.services.get(document="other")
    assert (service.issued_document, service.document_title, service.document_number) == (
        notice,
        "行政处罚事先告知书",
        notice.number,
    )
    receipt = case.documents.get(kind="service_receipt")
    assert receipt.snapshot["data"]["document"]["number"] == notice.number
    assert receipt.snapshot["data"]["served"]["recipient"] == "张三"
    assert last_event(case, "serve_document").payload["issued_document"] == notice.pk

    internal = case.documents.get(kind="filing_approval")
    assert (
        client.post(action_url(case, "serve_document"), {**form, "serve_document-document": internal.pk}).status_code
        == 400
    )
    elsewhere = decided(team).documents.get(kind="penalty_notice")
    with pytest.raises(ActionRefused) as refused_:
        serve_document(
            case=case,
            actor=team.officer1.user,
            document=elsewhere,
            served_on=d(6, 1),
            method="direct",
            recipient="张三",
        )
    assert codes(refused_.value.reasons) == ["no_document_to_serve"]
    assert case.services.count() == 1


def test_the_decision_served_is_the_issued_document(team):
    case = serve(team, decided(team))

    service = rules.decision_service(case)
    decision = case.documents.get(kind="penalty_decision")
    assert (service.issued_document, service.document_number) == (decision, decision.number)
    receipt = case.documents.get(kind="service_receipt")
    assert receipt.snapshot["data"]["document"]["number"] == decision.number
    assert receipt.snapshot["data"]["served"]["method"] == "直接送达"


def test_close_waits_for_every_document_and_issues_the_closing_report(team, step_document_fails, local_storage):
    failing = step_document_fails("service_receipt", "打印机故障")  # the service is kept, the receipt missing
    case = serve(team, decided(team))
    failing.restore()
    attach_receipt(team, case)
    pay(team, case, "8000")

    reasons = reasons_for(case, "close", team.head.user, {"report": "执行完毕，结案。"})
    assert [(r.code, r.detail) for r in reasons] == [("document_missing", "结案前应当制作送达回证。")]
    assert reasons[0].article == "《中华人民共和国行政处罚法》第四十七条"
    with pytest.raises(ActionRefused):
        close(team, case)
    assert not case.documents.filter(kind="closing_report").exists()  # a refused step issues nothing

    decision = case.documents.get(kind="penalty_decision")
    issue_document(case=case, kind="service_receipt", actor=team.officer1.user, extra={"document": decision.pk})
    closed = close(team, case)

    assert closed.status == "closed"
    report = closed.documents.get(kind="closing_report")
    assert report.snapshot["data"]["summary"] == "执行完毕，结案。"
    assert report.issued_by == team.head.user
