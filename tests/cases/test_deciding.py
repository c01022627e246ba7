"""Deciding lawfully (issue 4): proposal and benchmark, notice and windows, hearing, legal review,
collective discussion and the decision (行政处罚法 第三十二至三十四条、第四十四至四十五条、第五十七至六十五条)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from cases.choices import CaseStatus
from cases.services import deciding
from cases.services import discussion as discussions
from cases.services.runner import reasons_for
from kernel.rules import ActionRefused
from matters.choices import BenchmarkTierLevel
from tests.matters.factories import BenchmarkFactory, BenchmarkTierFactory

ART_58 = "《中华人民共和国行政处罚法》第五十八条"
ART_64 = "《中华人民共和国行政处罚法》第六十四条"


def codes(reasons):
    return [r.code for r in reasons]


def blocked(callable_, **kwargs):
    with pytest.raises(ActionRefused) as excinfo:  # a transition's or an action's refusal
        callable_(**kwargs)
    return excinfo.value.reasons


@pytest.fixture
def benchmark(team):
    bench = BenchmarkFactory(matter=team.matter, effective_from=datetime.date(2025, 1, 1))
    tiers = {
        level: BenchmarkTierFactory(benchmark=bench, level=level, fine_min=Decimal(low), fine_max=Decimal(high))
        for level, low, high in [
            (BenchmarkTierLevel.MITIGATED, "2500", "5000"),
            (BenchmarkTierLevel.LIGHTER, "5000", "18500"),
            (BenchmarkTierLevel.GENERAL, "18500", "32000"),
            (BenchmarkTierLevel.HEAVIER, "32000", "50000"),
        ]
    }
    return tiers


def heard(team, case, **proposal):
    """Concluded, notified today and the party's waiver recorded: ready for review or decision."""
    team.conclude(case, **proposal)
    team.notify(case)
    return team.waive(case)


def decide(team, case, *, by=None, fine="50000", kinds=("fine",)):
    return deciding.decide_case(
        case=case,
        actor=(by or team.head).user,
        outcome="penalty",
        decided_on=timezone.localdate(),
        decided_penalty_kinds=list(kinds),
        decided_fine_amount=Decimal(fine) if fine else None,
    )


# --- a major case: review, discussion, decision ----------------------------------------------------


def test_a_50000_yuan_fine_on_an_individual_needs_a_legal_review_pass_then_discussion(team):
    case = heard(team, team.open_and_file(), fine_amount=Decimal("50000"))
    case.refresh_from_db()
    assert case.is_major
    assert {r["code"] for r in case.major_reasons} >= {"hearing_eligible", "large_fine"}

    refused = blocked(decide, team=team, case=case)
    assert codes(refused) == ["legal_review_required"]
    assert "未经法制审核" in refused[0].detail
    assert refused[0].article == ART_58

    deciding.submit_legal_review(case=case, actor=team.officer1.user, note="请审核")
    deciding.pass_legal_review(case=case, actor=team.reviewer.user, opinions="事实清楚，适用依据正确。")
    case.refresh_from_db()
    assert case.status == CaseStatus.DELIBERATION
    assert codes(blocked(decide, team=team, case=case)) == ["collective_discussion_required"]

    discussions.record_collective_discussion(
        case=case,
        actor=team.head.user,
        held_on=timezone.localdate(),
        attendees=[team.head, team.deputy],
        conclusion="同意处罚意见。",
        opinions="吴局长：同意。郑副局长：同意。",
    )
    decided = decide(team, case)

    assert decided.status == CaseStatus.DECIDED
    assert decided.decided_fine_amount == Decimal("50000")


def test_a_handler_cannot_review_their_own_case(team):
    team.officer3.is_legal_reviewer = team.officer3.has_legal_qualification = True
    team.officer3.save()
    case = team.open_and_file(co=[team.officer2, team.officer3])
    heard(team, case, fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user)

    reasons = blocked(deciding.pass_legal_review, case=case, actor=team.officer3.user)

    assert codes(reasons) == ["reviewer_is_handler"]


def test_a_reviewer_without_the_legal_qualification_cannot_review(team):
    team.reviewer.has_legal_qualification = False
    team.reviewer.save()
    case = heard(team, team.open_and_file(), fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user)

    assert codes(blocked(deciding.pass_legal_review, case=case, actor=team.reviewer.user)) == ["not_legal_reviewer"]


def test_discussion_needs_two_heads(team):
    case = heard(team, team.open_and_file(), fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user)
    deciding.pass_legal_review(case=case, actor=team.reviewer.user)

    reasons = blocked(
        discussions.record_collective_discussion,
        case=case,
        actor=team.head.user,
        held_on=timezone.localdate(),
        attendees=[team.head, team.officer2],
        conclusion="同意",
        opinions="吴局长：同意。李娜：同意。",
    )

    assert codes(reasons) == ["too_few_heads"]


def test_new_evidence_after_a_pass_voids_it(team, local_storage):
    import io

    from cases.services.evidence import add_evidence

    case = heard(team, team.open_and_file(), fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user)
    deciding.pass_legal_review(case=case, actor=team.reviewer.user)
    data = b"%PDF-1.4 new inspection record"
    add_evidence(
        case=case, actor=team.officer1.user, stream=io.BytesIO(data), original_filename="补充笔录.pdf",
        kind="scanned_record", title="补充检查笔录", head=data, size=len(data),
    )  # fmt: skip

    reasons = reasons_for(case, "decide", team.head.user)

    assert codes(reasons) == ["legal_review_required"]
    assert "补充新证据" in reasons[0].detail
    assert reasons_for(case, "submit_legal_review", team.officer1.user) == []


def test_a_return_for_a_changed_proposal_needs_a_revision_and_a_new_notice(team):
    case = heard(team, team.open_and_file(), fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user)
    deciding.return_legal_review(
        case=case, actor=team.reviewer.user, back_to="investigated", opinions="罚款幅度偏重，请调整。"
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATED
    assert codes(reasons_for(case, "notify", team.officer1.user)) == ["already_notified"]

    deciding.revise_proposal(
        case=case, actor=team.officer1.user, report="调整处理意见", facts="事实", outcome="penalty",
        penalty_kinds=["fine"], fine_amount=Decimal("30000"),
    )  # fmt: skip

    assert reasons_for(case, "notify", team.officer1.user) == []


def test_a_return_for_supplementary_investigation_goes_back_to_investigating(team):
    case = heard(team, team.open_and_file(), fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user)

    returned = deciding.return_legal_review(
        case=case, actor=team.reviewer.user, back_to="investigating", opinions="需补充调查货值金额。"
    )

    assert returned.status == CaseStatus.INVESTIGATING


# --- a case that is not major ----------------------------------------------------------------------


def test_a_case_that_is_not_major_is_decided_after_the_party_was_heard(team):
    case = heard(team, team.open_and_file(), fine_amount=Decimal("8000"))
    case.refresh_from_db()

    assert not case.is_major
    assert decide(team, case, fine="8000").status == CaseStatus.DECIDED


def test_the_decision_may_not_exceed_the_notice(team):
    case = heard(team, team.open_and_file(), fine_amount=Decimal("8000"))

    reasons = blocked(decide, team=team, case=case, fine="9000")
    heavier_kind = blocked(decide, team=team, case=case, fine="8000", kinds=("fine", "warning"))

    assert codes(reasons) == ["heavier_than_notified"]
    assert codes(heavier_kind) == ["kind_not_notified"]
    assert decide(team, case, fine="6000").decided_fine_amount == Decimal("6000")


def test_a_served_notice_is_always_required(team):
    case = team.open_and_file()
    team.conclude(case)

    assert "wrong_state" in codes(reasons_for(case, "decide", team.head.user))


def test_the_decision_waits_for_the_statement_period_unless_waived(team):
    case = team.open_and_file()
    team.conclude(case)
    team.notify(case)

    reasons = reasons_for(case, "decide", team.head.user)
    team.waive(case)

    assert codes(reasons) == ["statement_period_open"]
    assert reasons_for(case, "decide", team.head.user) == []


def test_the_statement_period_is_configurable_per_agency(team):
    from officers.models import AgencyPolicy

    AgencyPolicy.objects.create(agency=team.agency, statement_period_working_days=3)
    with time_machine.travel(datetime.datetime(2026, 9, 28, 10, tzinfo=datetime.UTC), tick=False):
        case = team.open_and_file(violation_date=datetime.date(2026, 9, 1), discovered_on=datetime.date(2026, 9, 20))
        team.conclude(case)
        team.notify(case)

    # 行政处罚法 第八十五条: three working days after 2026-09-28 (National Day intervening) end on 2026-10-08.
    assert case.notices.get().statement_due == datetime.date(2026, 10, 8)


def test_a_statement_is_recorded_and_answered(team):
    case = team.open_and_file()
    team.conclude(case)
    team.notify(case)

    deciding.record_statement(
        case=case, actor=team.officer1.user, received_on=timezone.localdate(),
        content="初次违法，已立即下架。", answer="经复核，情节属实，可在幅度内从轻。", adopted=True,
    )  # fmt: skip

    statement = case.notices.get().statements.get()
    assert statement.adopted


# --- the hearing ------------------------------------------------------------------------------------


@pytest.fixture
def notified_on_30_september(team):
    """A 50,000-yuan proposal notified on 2026-09-30, the day before the National Day holiday."""
    with time_machine.travel(datetime.datetime(2026, 9, 30, 10, tzinfo=datetime.UTC), tick=False):
        case = team.open_and_file(violation_date=datetime.date(2026, 9, 1), discovered_on=datetime.date(2026, 9, 20))
        team.conclude(case, fine_amount=Decimal("50000"))
        team.notify(case)
    return case


def test_a_hearing_request_on_the_sixth_working_day_is_refused_with_the_closing_date(team, notified_on_30_september):
    case = notified_on_30_september
    with time_machine.travel(datetime.datetime(2026, 10, 14, 10, tzinfo=datetime.UTC), tick=False):
        reasons = blocked(
            deciding.request_hearing, case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 14)
        )
        accepted = deciding.request_hearing(
            case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 13)
        )

    assert codes(reasons) == ["hearing_request_late"]
    assert "2026-10-13届满" in reasons[0].detail
    assert reasons[0].article == ART_64
    assert accepted.status == CaseStatus.HEARING


def test_a_small_fine_carries_no_hearing_right(team):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("8000"))
    team.notify(case)

    reasons = blocked(deciding.request_hearing, case=case, actor=team.officer1.user, requested_on=timezone.localdate())

    assert codes(reasons) == ["hearing_not_eligible"]


def _schedule(team, case, *, chair, served, hearing_on, agents=()):
    return deciding.schedule_hearing(
        case=case, actor=team.officer1.user, chair=chair, hearing_notice_served_on=served,
        hearing_on=hearing_on, place="听证室", agents=list(agents),
    )  # fmt: skip


def test_the_hearing_notice_goes_out_seven_working_days_ahead(team, notified_on_30_september):
    case = notified_on_30_september
    with time_machine.travel(datetime.datetime(2026, 10, 9, 10, tzinfo=datetime.UTC), tick=False):
        deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 9))
        served = datetime.date(2026, 10, 9)
        # 2026-10-10 (a Saturday) is a make-up working day: five working days after 10-09 end on 10-15.
        five_ahead = blocked(_schedule, team=team, case=case, chair=team.chair, served=served,
                             hearing_on=datetime.date(2026, 10, 15))  # fmt: skip
        seven_ahead = _schedule(team, case, chair=team.chair, served=served, hearing_on=datetime.date(2026, 10, 19))

    assert codes(five_ahead) == ["hearing_notice_too_short"]
    assert "最早为2026-10-19" in five_ahead[0].detail
    assert seven_ahead.status == CaseStatus.HEARING


def test_a_handler_cannot_chair_the_hearing_and_agents_are_at_most_two(team, notified_on_30_september):
    case = notified_on_30_september
    with time_machine.travel(datetime.datetime(2026, 10, 9, 10, tzinfo=datetime.UTC), tick=False):
        deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 9))
        team.officer2.is_hearing_chair = True
        team.officer2.save()
        reasons = blocked(_schedule, team=team, case=case, chair=team.officer2, served=datetime.date(2026, 10, 9),
                          hearing_on=datetime.date(2026, 10, 30), agents=["甲", "乙", "丙"])  # fmt: skip

    assert codes(reasons) == ["chair_is_investigator", "too_many_agents"]


def test_the_designated_chair_holds_the_hearing_and_it_makes_the_case_major(team, notified_on_30_september):
    case = notified_on_30_september
    with time_machine.travel(datetime.datetime(2026, 10, 9, 10, tzinfo=datetime.UTC), tick=False):
        deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 9))
        _schedule(
            team, case, chair=team.chair, served=datetime.date(2026, 10, 9), hearing_on=datetime.date(2026, 10, 20)
        )
    with time_machine.travel(datetime.datetime(2026, 10, 20, 10, tzinfo=datetime.UTC), tick=False):
        by_handler = blocked(
            deciding.hold_hearing, case=case, actor=team.officer1.user, outcome="held", transcript_signature="party",
            ended_on=datetime.date(2026, 10, 20), transcript="笔录", report="报告",
        )  # fmt: skip
        no_record = blocked(
            deciding.hold_hearing,
            case=case,
            actor=team.chair.user,
            outcome="held",
            transcript_signature="party",
            ended_on=datetime.date(2026, 10, 20),
        )
        deciding.hold_hearing(
            case=case, actor=team.chair.user, outcome="held", ended_on=datetime.date(2026, 10, 20),
            transcript_signature="party", transcript="听证笔录（当事人签字）", report="听证报告：建议维持。",
        )  # fmt: skip
        case.refresh_from_db()
        after = reasons_for(case, "submit_legal_review", team.officer1.user)

    assert codes(by_handler) == ["not_the_chair"]
    assert codes(no_record) == ["hearing_record_missing"]
    assert "hearing_held" in {r["code"] for r in case.major_reasons}
    assert after == []


def test_absence_ends_the_hearing_as_waived(team, notified_on_30_september):
    case = notified_on_30_september
    with time_machine.travel(datetime.datetime(2026, 10, 9, 10, tzinfo=datetime.UTC), tick=False):
        deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 9))
        _schedule(
            team, case, chair=team.chair, served=datetime.date(2026, 10, 9), hearing_on=datetime.date(2026, 10, 20)
        )
    with time_machine.travel(datetime.datetime(2026, 10, 20, 10, tzinfo=datetime.UTC), tick=False):
        deciding.hold_hearing(
            case=case, actor=team.chair.user, outcome="absent", ended_on=datetime.date(2026, 10, 20),
            transcript="当事人经合法通知无正当理由未到场，终止听证。",
        )  # fmt: skip
        case.refresh_from_db()

        assert reasons_for(case, "submit_legal_review", team.officer1.user) == []
    assert "hearing_held" not in {r["code"] for r in case.major_reasons}


# --- the proposal and the benchmark ------------------------------------------------------------------


def test_a_proposal_outside_its_tier_needs_a_justification_and_then_makes_the_case_major(team, benchmark):
    case = team.open_and_file()
    lighter = benchmark[BenchmarkTierLevel.LIGHTER]

    reasons = blocked(team.conclude, case=case, fine_amount=Decimal("20000"), tier=lighter)
    concluded = team.conclude(
        case, fine_amount=Decimal("20000"), tier=lighter, outside_tier_justification="当事人拒不配合调查，酌情提高。"
    )

    assert codes(reasons) == ["outside_tier_unjustified"]
    assert "5,000.00元至18,500.00元" in reasons[0].detail
    assert concluded.is_major
    assert "outside_benchmark" in {r["code"] for r in concluded.major_reasons}


def test_a_tier_is_required_where_the_matter_has_a_benchmark(team, benchmark):
    case = team.open_and_file()

    assert codes(blocked(team.conclude, case=case)) == ["tier_missing"]


def test_above_the_statutory_maximum_is_always_refused(team, benchmark):
    case = team.open_and_file()
    heavier = benchmark[BenchmarkTierLevel.HEAVIER]

    reasons = blocked(
        team.conclude, case=case, fine_amount=Decimal("60000"), tier=heavier, outside_tier_justification="情节特别严重"
    )

    assert "above_statutory_maximum" in codes(reasons)


@pytest.mark.parametrize(
    ("tier_level", "ground", "allowed"),
    [
        (BenchmarkTierLevel.MITIGATED, "eliminated_harm", True),
        (BenchmarkTierLevel.MITIGATED, "", False),
        (BenchmarkTierLevel.LIGHTER, "eliminated_harm", False),
    ],
)
def test_below_the_statutory_minimum_only_as_mitigation_with_a_ground(team, benchmark, tier_level, ground, allowed):
    case = team.open_and_file()
    kwargs = {"fine_amount": Decimal("3000"), "tier": benchmark[tier_level], "mitigation_ground": ground}
    if tier_level != BenchmarkTierLevel.MITIGATED:
        kwargs["outside_tier_justification"] = "主动消除危害后果"

    if allowed:
        assert team.conclude(case, **kwargs).status == CaseStatus.INVESTIGATED
    else:
        assert "below_statutory_minimum" in codes(blocked(team.conclude, case=case, **kwargs))


def test_a_multiple_needs_the_base_amount(team):
    team.matter.multiple_base, team.matter.multiple_min, team.matter.multiple_max = "goods_value", 5, 10
    team.matter.multiple_applies_from = Decimal("10000")
    team.matter.save()
    case = team.open_and_file()

    reasons = blocked(team.conclude, case=case, fine_amount=Decimal("60000"))
    concluded = team.conclude(case, fine_amount=Decimal("60000"), base_amount=Decimal("12000"))

    assert codes(reasons) == ["base_amount_missing"]
    assert concluded.proposed_fine_amount == Decimal("60000")


def test_no_penalty_needs_its_ground(team):
    case = team.open_and_file()

    reasons = blocked(team.conclude, case=case, outcome="no_penalty", penalty_kinds=[], fine_amount=None)

    assert codes(reasons) == ["no_penalty_ground_missing"]


def test_flags_make_the_case_major_by_law(team):
    case = team.open_and_file()

    concluded = team.conclude(case, complex_facts=True, major_public_interest=True)

    assert {(r["code"], r["basis"]) for r in concluded.major_reasons} == {
        ("complex", "law"),
        ("public_interest", "law"),
    }


def test_major_thresholds_are_agency_policy(team):
    from officers.models import AgencyPolicy

    AgencyPolicy.objects.create(
        agency=team.agency, major_fine_individual=Decimal("5000"), hearing_fine_individual=Decimal("50000")
    )
    concluded = team.conclude(team.open_and_file(), fine_amount=Decimal("8000"))

    assert [(r["code"], r["article"]) for r in concluded.major_reasons] == [("large_fine", "本机关政策（非法定情形）")]
