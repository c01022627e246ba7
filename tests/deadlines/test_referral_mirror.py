"""Referral steps (两法衔接): each step's period is a stored deadline — the only place its due date is kept —
opened from the ``next`` entry of a referral event (the step and what starts its period), counted by the deadline
engine with the referral's rule, and met by the event of the same step, so it is reminded, listed for supervisors
and recounted like every other deadline; the referral's page, API and guards read it (``open_deadlines``)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from cases.choices import EventType
from cases.models import CaseEvent, PoliceReferral
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
    assert (decision.due_on, decision.ref) == (D(2026, 10, 8), str(referral.pk))
    assert [(d.step, d.due) for d in PoliceReferral.objects.get().open_deadlines()] == [
        ("decide_referral", decision.due_on)
    ]
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    svc.refer_to_police(
        case=case, actor=team.officer1.user, police_organ="包头市公安局昆都仑区分局", materials=MATERIALS
    )
    travel(D(2026, 9, 30))
    svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 9, 30))
    return case, PoliceReferral.objects.get(pk=referral.pk)


def test_each_step_is_a_deadline_counted_from_what_its_event_says_starts_it(referred):
    case, referral = referred

    rows = kinds(case)
    assert rows["referral_decision"].outcome == Outcome.MET
    handover = rows["referral_handover"]
    # 第五条第二款: 24 hours from the approval the ``next`` of ``decide_referral`` names.
    assert (handover.unit, handover.starts_at, handover.outcome) == (Unit.HOURS, referral.decided_at, Outcome.MET)
    assert handover.due_at == referral.decided_at + datetime.timedelta(hours=24)
    police = rows["police_filing_decision"]
    assert (police.starts_on, police.outcome) == (D(2026, 9, 30), Outcome.OPEN)  # the receipt's day, as ``next`` said
    assert police.due_on == D(2026, 10, 8)  # three days from 09-30, the National Day break rolled over
    assert [(d.step, d.due) for d in referral.open_deadlines()] == [("record_police_decision", police.due_on)]


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
    assert window.watched is False
    assert [(d.step, d.due, d.optional) for d in referral.open_deadlines()] == [
        ("request_reconsideration", window.due_on, True)
    ]

    svc.request_reconsideration(referral=referral, actor=team.officer1.user, requested_on=D(2026, 10, 8))
    referral.refresh_from_db()
    rows = kinds(case)
    assert rows["referral_reconsideration_request"].outcome == Outcome.MET
    answer = rows["police_reconsideration_answer"]
    assert [(d.step, d.due) for d in referral.open_deadlines()] == [("record_reconsideration_result", answer.due_on)]


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


def test_an_event_recorded_before_next_named_its_start_is_replayed_from_the_referrals_recorded_day(team, travel):
    """An earlier version wrote the due date into ``next`` (``{step, due, provisional}``), not the start: read back,
    those keys are left out, and the opener counts from the day the referral recorded (the receipt's)."""
    travel(D(2026, 9, 29))
    case = team.open_and_file()
    referral = svc.submit_referral_report(case=case, actor=team.officer1.user, team=[team.officer1, team.officer2],
                                          report="涉嫌生产、销售伪劣产品罪。")  # fmt: skip
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    svc.refer_to_police(case=case, actor=team.officer1.user, police_organ="包头市公安局", materials=MATERIALS)
    travel(D(2026, 10, 2))
    PoliceReferral.objects.filter(pk=referral.pk).update(received_on=D(2026, 9, 30))
    old = {
        "referral": referral.pk,
        "counting": "calendar_days",
        "received_on": "2026-09-30",
        "next": {"step": "record_police_decision", "due": "2026-10-08", "provisional": False},
    }
    with transaction.atomic():  # stored as it was then (the bus not told: the replay applies it)
        last = CaseEvent.objects.filter(case=case).order_by("-seq").first()
        event = CaseEvent(case=case, seq=last.seq + 1, event_type=EventType.REFERRAL, name="record_police_receipt",
                          actor_name="系统", payload=old, created_at=timezone.now(), prev_hash=last.hash)  # fmt: skip
        event.hash = event.compute_hash()
        event.save(force_insert=True)
    assert "police_filing_decision" not in kinds(case)

    call_command("recompute_deadlines", "--replay", "--case", str(case.pk), stdout=io.StringIO())

    police = kinds(case)["police_filing_decision"]
    assert (police.opened_by_id, police.starts_on, police.due_on) == (event.pk, D(2026, 9, 30), D(2026, 10, 8))


def test_a_step_recorded_days_later_is_met_on_the_day_it_was_done(team, referred, travel):
    """The request went out on 10-09, within its window; the officer records it on 10-12. The row is met on 10-09,
    in time — not on the day of entry — and the event carries the day it was done."""
    case, referral = referred
    travel(D(2026, 10, 8))
    svc.record_police_decision(referral=referral, actor=team.officer1.user, accepted=False, decided_on=D(2026, 10, 8),
                               reasons="数额未达标准")  # fmt: skip
    referral.refresh_from_db()
    window = kinds(case)["referral_reconsideration_request"]
    travel(D(2026, 10, 12))

    svc.request_reconsideration(referral=referral, actor=team.officer1.user, requested_on=D(2026, 10, 9))

    window.refresh_from_db()
    assert (window.outcome, window.met_on, window.met_late) == (Outcome.MET, D(2026, 10, 9), False)
    event = CaseEvent.objects.filter(case=case, name="request_reconsideration").get()
    assert (event.payload["requested_on"], event.payload["overdue"]) == ("2026-10-09", False)
    decline = CaseEvent.objects.filter(case=case, name="record_police_decision").get()
    assert decline.payload["reasons"] == "数额未达标准"
