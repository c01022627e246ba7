"""The "done when" walks of issues 3 and 4 on make run's demo data (seed_demo), through the services."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from cases.choices import CaseStatus, PartyKind, Procedure
from cases.services import cases as case_services
from cases.services import correction, deciding, lifecycle
from cases.services import discussion as discussions
from cases.services.evidence import add_evidence
from cases.services.runner import TransitionBlocked
from documents.actions import serve_document
from kernel.rules import ActionRefused
from matters.models import Matter
from officers.models import Officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    people = {o.user.username: o for o in Officer.objects.select_related("user", "agency")}
    return people


def user(demo, name):
    return demo[name].user


def photo(demo, case, by="officer1"):
    """行政处罚法 第四十条: the file holds evidence before a penalty is proposed — a photo, uploaded."""
    content = b"\xff\xd8\xff\xe0" + b"0" * 200  # a JPEG's magic bytes
    add_evidence(
        case=case, actor=user(demo, by), stream=io.BytesIO(content), original_filename="现场.jpg", kind="photo",
        title="现场照片", head=content, size=len(content),
    )  # fmt: skip


def open_case(demo, *, by="officer1", co=("officer2",), matter="SC-SP-003", **overrides):
    today = timezone.localdate()
    fields = {
        "matter": Matter.objects.get(code=matter),
        "title": "安排未取得健康证明的人员从事接触直接入口食品的工作案",
        "source": "inspection",
        "violation_date": today - datetime.timedelta(days=20),
        "discovered_on": today - datetime.timedelta(days=3),
        "violation_division_code": "150203",  # 昆都仑区, inside the demo agency's 包头市 (行政处罚法 第二十二条)
        "parties": [{"kind": PartyKind.INDIVIDUAL, "name": "张三", "id_number": "11010519491231002X"}],
        "request_filing": True,
    }
    fields.update(overrides)
    return case_services.open_case(actor=user(demo, by), co_handlers=[demo[o] for o in co], **fields)


def test_issue_3_walk(demo):
    case = lifecycle.file_case(case=open_case(demo), actor=user(demo, "head1"))
    assert case.status == CaseStatus.INVESTIGATING
    assert case.number.startswith("包市监立〔")

    with pytest.raises(ActionRefused) as aux:
        open_case(demo, co=("aux1",))
    with pytest.raises(ActionRefused) as expired:
        open_case(demo, by="expired1", co=("officer1",))
    old = open_case(
        demo, matter="SC-GG-001", violation_date=timezone.localdate() - datetime.timedelta(days=800),
        discovered_on=timezone.localdate() - datetime.timedelta(days=5),
    )  # fmt: skip
    with pytest.raises(TransitionBlocked) as limitation:
        lifecycle.file_case(case=old, actor=user(demo, "head1"))
    summary = open_case(demo, procedure=Procedure.SUMMARY, request_filing=False, facts="现场发现一名未持健康证明人员。")
    spot = {"penalty_kinds": ["fine"], "legal_basis": "《食品安全法》第一百二十六条", "place": "现场",
            "correction": "立即为从业人员办理健康证明。"}  # fmt: skip
    with pytest.raises(TransitionBlocked) as over:
        lifecycle.decide_on_spot(case=summary, actor=user(demo, "officer1"), fine_amount=Decimal("201"), **spot)
    # SC-SP-003 fines 5,000 yuan at least: no fine of it fits on the spot (第五十一条); a warning does.
    with pytest.raises(TransitionBlocked) as floor:
        lifecycle.decide_on_spot(case=summary, actor=user(demo, "officer1"), fine_amount=Decimal("200"), **spot)
    decided = lifecycle.decide_on_spot(
        case=summary, actor=user(demo, "officer1"), **{**spot, "penalty_kinds": ["warning"], "fine_amount": None}
    )

    assert aux.value.reasons[0].code == "auxiliary_staff"
    assert expired.value.reasons[0].code == "certificate_expired"
    assert limitation.value.reasons[0].code == "limitation_expired"
    assert over.value.reasons[0].code == "summary_minimum_over_limit"
    assert [(r.code, r.article) for r in floor.value.reasons] == [
        ("summary_minimum_over_limit", "《中华人民共和国行政处罚法》第五十一条")
    ]
    assert decided.status == CaseStatus.DECIDED


def refused_correction(demo, case) -> None:
    """SC-SP-003 (食品安全法 第一百二十六条) fines only 拒不改正的 (行政处罚法 第二十八条第一款): the order, its served
    notice and the party's refusal come first."""
    today = timezone.localdate()
    row = correction.order_correction(
        case=case, actor=user(demo, "officer1"), content="停止违法行为", period_count=3, period_unit="working_days",
        ordered_on=today,
    )  # fmt: skip
    serve_document(
        case=case, actor=user(demo, "officer1"), document=case.documents.get(kind="correction_notice"),
        served_on=today, method="direct", recipient="当事人",
    )  # fmt: skip
    correction.record_refusal_to_correct(
        case=case, actor=user(demo, "officer1"), correction_order=row, refused_on=today, note="当场表示拒不改正"
    )


def test_issue_4_walk_a_major_fine_is_reviewed_discussed_and_decided(demo):
    case = lifecycle.file_case(case=open_case(demo), actor=user(demo, "head1"))
    refused_correction(demo, case)
    photo(demo, case)
    heavier = case.matter.benchmarks.get().tiers.get(level="heavier")
    deciding.conclude_investigation(
        case=case, actor=user(demo, "officer1"), report="调查终结", facts="事实", outcome="penalty",
        penalty_kinds=["fine"], fine_amount=Decimal("50000"), tier=heavier, circumstances="涉及人员三名以上",
    )  # fmt: skip
    deciding.notify_party(
        case=case, actor=user(demo, "officer1"), served_on=timezone.localdate(),
        facts="事实", reasons="理由", basis="依据",
    )  # fmt: skip
    deciding.waive_hearing(case=case, actor=user(demo, "officer1"), waived_on=timezone.localdate(), note="书面放弃")
    decide = {"outcome": "penalty", "decided_on": timezone.localdate(), "decided_penalty_kinds": ["fine"],
              "decided_fine_amount": Decimal("50000")}  # fmt: skip

    with pytest.raises(TransitionBlocked) as unreviewed:
        deciding.decide_case(case=case, actor=user(demo, "head1"), **decide)
    deciding.submit_legal_review(case=case, actor=user(demo, "officer1"))
    with pytest.raises(TransitionBlocked) as own_review:
        deciding.pass_legal_review(case=case, actor=user(demo, "officer2"))
    deciding.pass_legal_review(case=case, actor=user(demo, "reviewer1"), opinions="同意")
    discussions.record_collective_discussion(
        case=case, actor=user(demo, "head1"), held_on=timezone.localdate(),
        attendees=[demo["head1"], demo["head2"]], conclusion="同意",
        opinions=f"{demo['head1'].name}：同意。{demo['head2'].name}：同意。",
    )  # fmt: skip
    decided = deciding.decide_case(case=case, actor=user(demo, "head1"), **decide)

    assert unreviewed.value.reasons[0].code == "legal_review_required"
    assert own_review.value.reasons[0].code == "not_legal_reviewer"
    assert decided.status == CaseStatus.DECIDED
    assert get_user_model().objects.filter(username="reviewer1").exists()


def test_issue_10_a_fine_given_with_the_order_is_proposed_at_once_a_conditional_one_waits_for_the_refusal(demo):
    """行政处罚法 第二十八条第一款: 大气污染防治法 第一百一十八条第一款 (责令改正，处……罚款) fines with the order;
    食品安全法 第一百二十六条 (拒不改正的，处……罚款) only after a served order was refused or found not corrected."""
    food = lifecycle.file_case(case=open_case(demo), actor=user(demo, "head1"))
    photo(demo, food)
    tier = food.matter.benchmarks.get().tiers.get(level="general")
    proposal = {"report": "调查终结", "outcome": "penalty", "penalty_kinds": ["fine"], "fine_amount": tier.fine_min,
                "tier": tier, "circumstances": "一般情节",
                "facts": "当事人安排未取得健康证明的人员从事接触直接入口食品的工作。"}  # fmt: skip
    with pytest.raises(TransitionBlocked) as waits:
        deciding.conclude_investigation(case=food, actor=user(demo, "officer1"), **proposal)
    refused_correction(demo, food)
    deciding.conclude_investigation(case=food, actor=user(demo, "officer1"), **proposal)

    air = lifecycle.file_case(
        case=open_case(demo, by="officer_b1", co=("officer_b2",), matter="CG-DQ-004", title="餐饮油烟超标排放案"),
        actor=user(demo, "head_b1"),
    )
    air_tier = air.matter.benchmarks.get().tiers.get(level="general")
    photo(demo, air, by="officer_b1")
    deciding.conclude_investigation(
        case=air, actor=user(demo, "officer_b1"), report="调查终结", outcome="penalty", penalty_kinds=["fine"],
        fine_amount=air_tier.fine_min, tier=air_tier, circumstances="一般情节",
        facts="当事人的餐饮服务项目油烟排放超过排放标准。",
    )  # fmt: skip

    assert [r.code for r in waits.value.reasons] == ["fine_needs_failure_to_correct"]
    food.refresh_from_db()
    air.refresh_from_db()
    assert (food.status, air.status) == (CaseStatus.INVESTIGATED, CaseStatus.INVESTIGATED)
