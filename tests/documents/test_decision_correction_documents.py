"""变更行政处罚决定书 and 撤销行政处罚决定书 (行政处罚法 第七十五条第二款): ``correct_decision`` issues the one of its
outcome — numbered (变决 / 撤决), rendered with the CJK font embedded, naming the original decision by its 文号, the
error found and what changes; a change states the remedies as the decision does (第五十九条第一款第五项)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.services import execution as svc
from documents.models import Document
from documents.rules import issue_reasons
from tests.documents.conftest import assert_issued_properly, decide, step_document
from tests.documents.test_kinds import flat, rendered_text

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
D = datetime.date


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, tzinfo=SH), tick=False) as traveller:
        yield traveller


def served_decision(team):
    case = decide(team)
    return svc.serve_decision(
        case=case, actor=team.officer1.user, served_on=D(2026, 6, 1), method="direct", recipient="张三"
    )


def correct(team, case, outcome, **fields):
    return svc.correct_decision(
        case=case,
        actor=team.head.user,
        outcome=outcome,
        decided_on=D(2026, 6, 1),
        reasons="原决定未考虑当事人主动消除违法行为危害后果的情节。",
        **fields,
    )


def test_a_change_issues_its_numbered_document_with_the_original_number_and_the_remedies(
    team, bank, rendered, tmp_path, frozen, client
):
    case = served_decision(team)
    original = step_document(case, "penalty_decision")
    assert [r.code for r in issue_reasons(case=case, kind="decision_change", officer=team.head)] == [
        "no_decision_correction"
    ]

    correct(team, case, "changed", changed_fine_amount=Decimal("5000"))

    document = rendered(Document.objects.get(case=case, kind="decision_change"))
    assert document.number == f"{team.agency.short_name}变决〔2026〕1号"
    assert_issued_properly(client, document, tmp_path)
    assert not Document.objects.filter(case=case, kind="decision_revocation").exists()
    text = rendered_text(document, tmp_path)
    for snippet in (
        "变更行政处罚决定书",
        original.number,  # the original decision, by its 文号
        "原决定未考虑当事人主动消除违法行为危害后果的情节。",  # the reason
        "《中华人民共和国行政处罚法》第七十五条第二款",
        "罚款人民币捌仟元整",
        "变更为罚款人民币伍仟元整",
        # 第五十九条第一款第五项: the route and periods of the remedies, from its service
        "自收到本决定书之日起六十日内向包头市人民政府申请行政复议",
        "自收到本决定书之日起六个月内依法向包头市昆都仑区人民法院提起行政诉讼",
    ):
        assert flat(snippet) in text, snippet


def test_a_revocation_issues_its_own_document_naming_the_original_decision(
    team, bank, rendered, tmp_path, frozen, client
):
    case = served_decision(team)
    original = step_document(case, "penalty_decision")

    correct(team, case, "revoked")

    document = rendered(Document.objects.get(case=case, kind="decision_revocation"))
    assert document.number == f"{team.agency.short_name}撤决〔2026〕1号"
    assert_issued_properly(client, document, tmp_path)
    assert not Document.objects.filter(case=case, kind="decision_change").exists()
    text = rendered_text(document, tmp_path)
    reason = "原决定未考虑当事人主动消除违法行为危害后果的情节。"
    for snippet in ("撤销行政处罚决定书", original.number, reason, "撤销原行政处罚决定"):
        assert flat(snippet) in text, snippet
    assert "申请行政复议" not in text


def test_a_change_is_refused_while_the_remedy_bodies_are_not_configured(team, bank, frozen):
    case = served_decision(team)
    bank.reconsideration_organ = ""
    bank.save()

    from kernel.rules import ActionRefused

    with pytest.raises(ActionRefused) as refused:
        correct(team, case, "changed", changed_fine_amount=Decimal("5000"))

    assert [r.code for r in refused.value.reasons] == ["reconsideration_organ_not_configured"]
    correct(team, case, "revoked")  # a revocation states no remedies: not refused
