"""No penalty on a file without evidence (行政处罚法 第四十条), and the decision's evidence list is what the file
holds, in the order filed: the evidence items, the 笔录, the 抽样取证 records and the party's 陈述、申辩
(第五十九条第一款第二项; issue 10, B16)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cases.services import deciding
from cases.services.evidence import supersede_evidence
from cases.services.preservation import record_sampling
from cases.services.runner import TransitionBlocked
from documents.models import Document
from documents.services import render_html
from tests.documents.conftest import decide_now

pytestmark = pytest.mark.django_db


def codes(blocked) -> set[str]:
    return {r.code for r in blocked.value.reasons}


def _sample(team, case, name: str = "面包"):
    return record_sampling(
        case=case,
        actor=team.officer1.user,
        sampled_at=timezone.now() - datetime.timedelta(minutes=5),
        place="货架",
        samples=[{"name": name, "specification": "100克/袋", "quantity": "2袋"}],
        purpose="送检验",
    )


# --- 第四十条: no penalty on an empty file ----------------------------------------------------------------------


def test_a_penalty_cannot_be_proposed_on_a_file_without_evidence(team):
    case = team.open_and_file()

    with pytest.raises(TransitionBlocked) as blocked:
        team.conclude(case, evidence=False)

    assert "no_evidence_on_file" in codes(blocked)
    reason = next(r for r in blocked.value.reasons if r.code == "no_evidence_on_file")
    assert reason.article == "《中华人民共和国行政处罚法》第四十条"


def test_one_evidence_item_lets_the_penalty_be_proposed(team):
    case = team.conclude(team.open_and_file())  # the factory files one photo first

    assert case.status == "investigated"


def test_a_sampling_record_is_evidence(team, bank):
    case = team.open_and_file()
    _sample(team, case)

    assert team.conclude(case, evidence=False).status == "investigated"


def test_not_punishing_needs_no_evidence_on_file(team):
    case = team.open_and_file()

    concluded = team.conclude(
        case, evidence=False, outcome="no_penalty", no_penalty_ground="minor_corrected", penalty_kinds=[],
        fine_amount=None, correction="",
    )  # fmt: skip

    assert concluded.status == "investigated"


def test_decide_is_refused_when_the_only_evidence_was_superseded(team, bank):
    case = team.open_and_file()
    team.conclude(case)
    team.notify(case)
    team.waive(case)
    supersede_evidence(evidence=case.evidence.get(), actor=team.officer1.user, reason="照片模糊，无法辨认")

    with pytest.raises(TransitionBlocked) as blocked:
        team.decide(case)

    assert "no_evidence_on_file" in codes(blocked)


def test_the_partys_statement_alone_is_not_evidence_of_the_violation(team, bank):
    case = team.open_and_file()
    team.conclude(case)
    team.notify(case)
    deciding.record_statement(
        case=case, actor=team.officer1.user, received_on=timezone.localdate(), content="我没有销售过期食品。",
        answer="不成立。",
    )  # fmt: skip
    team.waive(case)
    supersede_evidence(evidence=case.evidence.get(), actor=team.officer1.user, reason="照片模糊，无法辨认")

    with pytest.raises(TransitionBlocked) as blocked:
        team.decide(case)

    assert "no_evidence_on_file" in codes(blocked)


# --- 第五十九条第一款第二项: the list, in the order filed -----------------------------------------------------


def test_the_decision_lists_items_samples_and_statements_in_the_order_filed(team, bank):
    case = team.open_and_file()
    team.gather_evidence(case, title="现场照片一")
    _sample(team, case, name="过期面包")
    team.conclude(case, evidence=False)
    team.notify(case)
    deciding.record_statement(
        case=case, actor=team.officer1.user, received_on=timezone.localdate(), content="我不知道已经过期。",
        answer="不成立。",
    )  # fmt: skip
    team.waive(case)
    case = decide_now(team, case)

    document = Document.objects.get(case=case, kind="penalty_decision", superseded_by__isnull=True)
    lines = document.snapshot["data"]["evidence"]
    html = render_html(document)

    titles = [line["title"] for line in lines]
    assert titles[0] == "现场照片一"
    assert titles[1].startswith("抽样取证记录（货架，") and titles[1].endswith("：过期面包2袋")
    assert titles[2].startswith("当事人陈述、申辩（") and lines[2]["kind"] == "陈述申辩记录"
    assert len(lines) == 3
    assert "过期面包2袋" in html and "当事人陈述、申辩" in html


def test_the_prior_notice_lists_the_evidence_on_file(team, bank):
    case = team.open_and_file()
    team.gather_evidence(case, title="货架照片")
    team.conclude(case, evidence=False)
    team.notify(case)

    document = Document.objects.get(case=case, kind="penalty_notice", superseded_by__isnull=True)

    assert [line["title"] for line in document.snapshot["data"]["evidence"]] == ["货架照片"]
    assert "货架照片" in render_html(document)


# --- 当场行政处罚决定书: the facts and evidence the on-the-spot form recorded (第五十一条、第五十二条第二款) ---


def test_the_on_the_spot_decision_prints_the_recorded_facts_and_evidence(team, bank):
    from cases.services import lifecycle

    case = team.open_on_the_spot(facts="群众反映：摊位价格标示不清。")
    team.gather_evidence(case, title="摊位价签照片")
    lifecycle.decide_on_spot(
        case=case, actor=team.officer1.user, penalty_kinds=["fine"], fine_amount=Decimal("100"),
        legal_basis="依据有关规定", place="农贸市场12号摊位", facts="当事人销售的蔬菜未明码标价。",
        evidence="执法人员现场查看摊位，12种蔬菜中有5种未标示价格，当事人当场承认。",
        correction="立即对所售蔬菜明码标价。",
    )  # fmt: skip

    document = Document.objects.get(case=case, kind="on_spot_decision", superseded_by__isnull=True)
    data = document.snapshot["data"]
    html = render_html(document)

    assert data["facts"] == "当事人销售的蔬菜未明码标价。"
    assert "12种蔬菜中有5种未标示价格" in html
    assert "摊位价签照片（照片）" in html
    assert "群众反映" not in html
