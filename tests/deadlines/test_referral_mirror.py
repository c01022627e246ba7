"""Referral steps (两法衔接): the dues ``PoliceReferral`` stores are mirrored as deadlines, opened from
each referral event's ``next`` and met by the event of the same step, so they are reminded, listed
for supervisors and recounted like every other deadline."""

import pytest

from cases.models import PoliceReferral
from cases.models.referral import ReferralMaterial
from cases.services import referral as svc
from deadlines.choices import Outcome, Unit
from deadlines.models import Deadline
from tests.deadlines.steps import D, kinds

pytestmark = pytest.mark.django_db
MATERIALS = [ReferralMaterial.REFERRAL_LETTER, ReferralMaterial.INVESTIGATION_REPORT]


@pytest.fixture
def referred(team, travel):
    """Filed and reported on 2026-09-29, approved the same day, handed over, received on 09-30."""
    travel(D(2026, 9, 29))
    case = team.open_and_file()
    referral = svc.submit_referral_report(
        case=case, actor=team.officer1.user, team=[team.officer1, team.officer2], report="涉嫌生产、销售伪劣产品罪。"
    )
    decision = Deadline.objects.get(case=case, kind="referral_decision")
    assert (decision.due_on, decision.ref) == (PoliceReferral.objects.get().decision_due, str(referral.pk))
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    svc.refer_to_police(
        case=case, actor=team.officer1.user, police_organ="包头市公安局昆都仑区分局", materials=MATERIALS
    )
    travel(D(2026, 9, 30))
    svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 9, 30))
    return case, PoliceReferral.objects.get(pk=referral.pk)


def test_each_step_is_mirrored_with_the_referrals_own_due(referred):
    case, referral = referred

    rows = kinds(case)
    assert rows["referral_decision"].outcome == Outcome.MET
    handover = rows["referral_handover"]
    assert (handover.unit, handover.due_at, handover.outcome) == (Unit.HOURS, referral.handover_due, Outcome.MET)
    police = rows["police_filing_decision"]
    assert (police.due_on, police.outcome) == (referral.police_decision_due, Outcome.OPEN)
    assert police.due_on == D(2026, 10, 8)  # three days from 09-30, the National Day break rolled over


def test_the_case_time_limit_stops_while_the_case_stands_referred(referred):
    case, _ = referred

    assert kinds(case)["case_time_limit"].is_suspended


def test_a_decline_opens_the_agencys_optional_window_and_acceptance_the_items_hand_over(team, referred, travel):
    case, referral = referred
    travel(D(2026, 10, 8))
    svc.record_police_decision(referral=referral, actor=team.officer1.user, accepted=False, decided_on=D(2026, 10, 8),
                               reasons="数额未达标准")  # fmt: skip
    referral.refresh_from_db()

    rows = kinds(case)
    assert (rows["police_filing_decision"].outcome, rows["police_filing_decision"].met_on) == (
        Outcome.MET,
        D(2026, 10, 8),
    )
    window = rows["referral_reconsideration_request"]
    assert (window.due_on, window.watched) == (referral.reconsideration_request_due, False)

    svc.request_reconsideration(referral=referral, actor=team.officer1.user, requested_on=D(2026, 10, 8))
    referral.refresh_from_db()
    rows = kinds(case)
    assert rows["referral_reconsideration_request"].outcome == Outcome.MET
    assert rows["police_reconsideration_answer"].due_on == referral.reconsideration_answer_due


def test_resuming_after_a_final_decline_restarts_the_case_time_limit(team, referred, travel):
    case, referral = referred
    travel(D(2026, 10, 8))
    svc.record_police_decision(referral=referral, actor=team.officer1.user, accepted=False, decided_on=D(2026, 10, 8),
                               reasons="数额未达标准")  # fmt: skip
    travel(D(2026, 10, 13))
    svc.resume_after_referral(case=case, actor=team.head.user, note="公安机关不予立案，未提请复议。")

    rows = kinds(case)
    assert rows["referral_reconsideration_request"].outcome == Outcome.ENDED
    limit = rows["case_time_limit"]
    assert not limit.is_suspended
    # Filed 09-29 (90 days: 12-28); 29 September to 13 October not counted (15 days).
    assert limit.due_on == D(2027, 1, 12)
