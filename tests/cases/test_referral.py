"""移送涉嫌犯罪案件 (国务院《行政执法机关移送涉嫌犯罪案件的规定》2020; 行政处罚法 第二十七条、第八十二条).

Every test runs on a frozen clock from Tuesday 2026-09-29, the day before the National Day break
(1–7 October 2026 off, Saturday 10 October a make-up working day).

The guard tests call ``cases.guards.referral`` directly with a ``context_for`` context; the
end-to-end tests run through the transition registry (``cases.transitions``).
"""

import datetime
import inspect
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction

from cases import registry
from cases.choices import CaseStatus, EventType
from cases.forms import referral as referral_forms
from cases.guards import referral as rg
from cases.models import Case, PoliceReferral
from cases.models.case import REFERRABLE
from cases.models.referral import ReferralMaterial
from cases.services import lifecycle
from cases.services import referral as svc
from cases.services.runner import TransitionBlocked, available, context_for, load_case, perform, reasons_for
from cases.transitions import TRANSITIONS
from deadlines.kinds import REFERRAL_KINDS
from deadlines.selectors import deadline_of
from kernel.rules import REFERRAL_ART_5, ActionRefused
from officers.models import AgencyPolicy
from tests.cases.factories import build_team

SH = ZoneInfo("Asia/Shanghai")
ART_82 = "《中华人民共和国行政处罚法》第八十二条"
ART_9 = "《行政执法机关移送涉嫌犯罪案件的规定》第九条"
MATERIALS = [ReferralMaterial.REFERRAL_LETTER, ReferralMaterial.INVESTIGATION_REPORT, ReferralMaterial.ITEMS_LIST]
D = datetime.date
REFERRAL_STEPS = [
    "submit_referral_report",
    "decide_referral",
    "record_police_receipt",
    "record_police_decision",
    "request_reconsideration",
    "record_reconsideration_result",
    "request_procuratorate_supervision",
    "record_procuratorate_result",
    "record_items_handover",
    "record_fines_already_imposed",
]


def at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=SH)


@pytest.fixture
def clock():
    with time_machine.travel(at(9, 29), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    return build_team()


def ctx(case, officer, data=None):
    return context_for(load_case(case.pk), officer.user, data)


def codes(reasons):
    return [r.code for r in reasons]


def submit(team, case, members=None, by=None):
    return svc.submit_referral_report(
        case=case,
        actor=(by or team.officer1).user,
        team=members if members is not None else [team.officer1, team.officer2],
        report="经核实，当事人销售伪劣食品货值逾五万元，涉嫌生产、销售伪劣产品罪。",
    )


def hand_over(team, case, materials=MATERIALS):
    return svc.refer_to_police(
        case=case, actor=team.officer1.user, police_organ="包头市公安局昆都仑区分局", materials=materials
    )


def referred(team):
    """A filed case handed over to the police on 2026-09-29."""
    case = team.open_and_file()
    referral = submit(team, case)
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    hand_over(team, case)
    return case, referral


def declined(team, clock):
    """Referred 09-29, received 09-30, declined on 10-08 (notice received the same day)."""
    case, referral = referred(team)
    clock.move_to(at(9, 30))
    svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 9, 30))
    clock.move_to(at(10, 8))
    svc.record_police_decision(
        referral=referral, actor=team.officer1.user, accepted=False, decided_on=D(2026, 10, 8), reasons="数额未达标准"
    )
    return case, PoliceReferral.objects.get(pk=referral.pk)


def referral_events(case):
    return list(case.events.filter(event_type=EventType.REFERRAL).order_by("seq"))


def row(referral, step):
    """The stored deadline of the referral's step (the one clock: the referral keeps no due date of its own)."""
    return deadline_of(referral.case_id, REFERRAL_KINDS[step].code, ref=str(referral.pk))


def due(referral, step):
    return row(referral, step).due_on


# --- the whole path --------------------------------------------------------------------------


def test_report_approval_hand_over_receipt_acceptance_items_and_close(team, clock):
    case = team.open_and_file()

    referral = submit(team, case)
    assert due(referral, "decide_referral") == D(2026, 10, 8)  # 10-02 is National Day: rolled to the next working day
    assert {o.pk for o in referral.team.all()} == {team.officer1.pk, team.officer2.pk}

    referral = svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    assert row(referral, "refer_to_police").due_at == at(9, 30)  # 第五条: 24 hours, elapsed, no roll-over

    clock.move_to(at(9, 29, 15))
    case = hand_over(team, case)
    assert case.status == CaseStatus.REFERRED
    assert case.status_before_referral == CaseStatus.INVESTIGATING

    clock.move_to(at(9, 30))
    referral = svc.record_police_receipt(
        referral=referral, actor=team.officer2.user, received_on=D(2026, 9, 30), receipt_number="昆公回〔2026〕18号"
    )
    assert due(referral, "record_police_decision") == D(2026, 10, 8)

    clock.move_to(at(10, 8))
    referral = svc.record_police_decision(
        referral=referral, actor=team.officer1.user, accepted=True, decided_on=D(2026, 10, 8)
    )
    assert referral.closed_by_police_acceptance and not referral.is_open
    assert due(referral, "record_items_handover") == D(2026, 10, 12)  # 10-11 is a Sunday
    assert referral.stage == "公安机关已立案，待移交涉案物品"
    assert [d.step for d in referral.open_deadlines()] == ["record_items_handover"]

    clock.move_to(at(10, 9))
    c = ctx(case, team.head)
    assert codes(rg.referral_allows_close(c)) == ["items_not_handed_over"]
    svc.record_items_handover(referral=referral, actor=team.officer1.user, handed_over_on=D(2026, 10, 9))
    assert rg.referral_allows_close(ctx(case, team.head)) == []

    closed = lifecycle.close_case(case=case, actor=team.head.user, report="公安机关已立案侦查，涉案物品已移交。")
    assert closed.status == CaseStatus.CLOSED

    events = referral_events(case)
    assert [e.name for e in events] == [
        "submit_referral_report",
        "decide_referral",
        "record_police_receipt",
        "record_police_decision",
        "record_items_handover",
    ]
    by_name = {e.name: e.payload for e in events}
    # ``next`` says what starts the next step's period; its due date is the stored deadline's (asserted above).
    assert by_name["submit_referral_report"]["next"] == {
        "step": "decide_referral",
        "starts_on": "2026-09-29",
        "starts_at": None,
    }
    assert by_name["decide_referral"]["due"] == "2026-10-08" and by_name["decide_referral"]["overdue"] is False
    assert by_name["record_police_decision"]["next"] == {
        "step": "record_items_handover",
        "starts_on": "2026-10-08",
        "starts_at": None,
    }
    assert (
        by_name["record_items_handover"] | {"due": "2026-10-12", "overdue": False} == by_name["record_items_handover"]
    )
    handover = case.events.get(event_type=EventType.TRANSITION, name="refer_to_police")
    assert handover.to_state == CaseStatus.REFERRED
    assert handover.payload["due"] == "2026-09-30T01:00:00Z" and handover.payload["overdue"] is False


# --- the report and the principal head's decision (第五条) -----------------------------------------


def test_a_deputy_head_cannot_approve_a_referral(team):
    referral = submit(team, team.open_and_file())

    for officer in (team.deputy, team.officer1):
        with pytest.raises(ActionRefused) as refused:
            svc.decide_referral(referral=referral, actor=officer.user, approved=True)
        assert [(r.code, r.article) for r in refused.value.reasons] == [("not_principal_head", REFERRAL_ART_5)]
    assert PoliceReferral.objects.get(pk=referral.pk).approved is None

    assert svc.decide_referral(referral=referral, actor=team.head.user, approved=True).approved is True


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        (["officer1"], ["referral_team_too_small"]),
        (["officer1", "aux"], ["auxiliary_staff", "referral_team_too_small"]),
        (["officer1", "expired"], ["certificate_expired", "referral_team_too_small"]),
        (["officer1", "outsider"], ["team_other_agency", "referral_team_too_small"]),
    ],
)
def test_a_team_needs_two_eligible_officers_of_the_agency(team, members, expected):
    case = team.open_and_file()

    with pytest.raises(ActionRefused) as refused:
        submit(team, case, members=[getattr(team, m) for m in members])

    assert codes(refused.value.reasons) == expected
    assert not PoliceReferral.objects.filter(case=case).exists()
    assert referral_events(case) == []


def test_only_a_handler_of_a_filed_case_submits_the_report(team):
    case = team.open_and_file()
    with pytest.raises(ActionRefused) as refused:
        submit(team, case, by=team.officer3)
    assert codes(refused.value.reasons) == ["not_a_handler"]

    lead = team.open()
    with pytest.raises(ActionRefused) as refused:
        submit(team, lead)
    assert codes(refused.value.reasons) == ["wrong_state"]


def test_a_rejection_records_its_reasons_and_ends_the_referral(team):
    case = team.open_and_file()
    referral = submit(team, case)

    with pytest.raises(ActionRefused) as refused:
        svc.decide_referral(referral=referral, actor=team.head.user, approved=False)
    assert codes(refused.value.reasons) == ["rejection_reason_missing"]

    svc.decide_referral(referral=referral, actor=team.head.user, approved=False, reason="涉案金额未达追诉标准")
    assert rg.no_open_referral(ctx(case, team.head)) == []
    with pytest.raises(TransitionBlocked) as blocked:
        hand_over(team, case)
    assert codes(blocked.value.reasons) == ["referral_not_approved"]
    assert case.events.filter(event_type=EventType.ATTEMPT_REFUSED, name="refer_to_police").exists()

    again = submit(team, case)  # a new report may follow a rejected one
    assert again.is_open


def test_one_open_referral_per_case(team):
    case = team.open_and_file()
    first = submit(team, case)

    with pytest.raises(ActionRefused) as refused:
        submit(team, case)
    assert codes(refused.value.reasons) == ["referral_already_open"]

    with pytest.raises(IntegrityError), transaction.atomic():
        PoliceReferral.objects.create(
            case=case,
            report="重复",
            submitted_at=first.submitted_at,
            submitted_by=team.officer1.user,
        )


# --- due times ---------------------------------------------------------------------------------


def test_late_steps_are_recorded_and_shown_overdue(team, clock):
    case = team.open_and_file()
    referral = submit(team, case)

    clock.move_to(at(10, 9, 10))
    assert [(d.step, d.overdue) for d in referral.open_deadlines()] == [("decide_referral", True)]
    referral = svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    assert row(referral, "refer_to_police").due_at == at(10, 10, 10)

    clock.move_to(at(10, 10, 11))
    assert [(d.step, d.overdue) for d in referral.open_deadlines()] == [("refer_to_police", True)]
    hand_over(team, case)

    decided = case.events.get(name="decide_referral").payload
    assert (decided["due"], decided["overdue"]) == ("2026-10-08", True)
    assert case.events.get(name="refer_to_police").payload["overdue"] is True


def test_working_days_when_the_agency_policy_says_so(team, clock):
    AgencyPolicy.objects.create(agency=team.agency, referral_days_are_working_days=True)
    case, referral = referred(team)
    referral.refresh_from_db()
    assert referral.working_days
    assert due(referral, "decide_referral") == D(2026, 10, 9)  # 09-30, 10-08, 10-09

    clock.move_to(at(10, 9))
    referral = svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 10, 9))
    assert due(referral, "record_police_decision") == D(2026, 10, 13)  # 10-10 (make-up Saturday), 10-12, 10-13
    assert referral_events(case)[-1].payload["counting"] == "working_days"


def test_a_due_date_in_a_year_without_a_holiday_table_is_provisional(team, clock):
    clock.move_to(datetime.datetime(2026, 12, 30, 9, tzinfo=SH))
    case = team.open_and_file()
    referral = submit(team, case)
    decision = row(referral, "decide_referral")
    assert decision.due_on == D(2027, 1, 4)  # 2027-01-02 is a Saturday (by weekday: 2027 is not entered)
    assert decision.provisional is True
    assert referral.open_deadlines()[0].provisional


def test_calendar_days_by_default(team, clock):
    case, referral = referred(team)
    clock.move_to(at(10, 9))
    referral = svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 10, 9))
    assert due(referral, "record_police_decision") == D(2026, 10, 12)
    assert referral_events(case)[-1].payload["counting"] == "calendar_days"


# --- a decline and its remedies (第九条) -------------------------------------------------------


def test_decline_reconsideration_procuratorate_then_finally_declined(team, clock):
    case, referral = declined(team, clock)
    user = team.officer1.user
    assert due(referral, "request_reconsideration") == D(2026, 10, 12)
    assert [(d.step, d.optional) for d in referral.open_deadlines()] == [("request_reconsideration", True)]
    assert codes(rg.police_finally_declined(ctx(case, team.head))) == ["reconsideration_window_open"]

    clock.move_to(at(10, 9))
    referral = svc.request_reconsideration(referral=referral, actor=user, requested_on=D(2026, 10, 9))
    assert due(referral, "record_reconsideration_result") == D(2026, 10, 12)
    assert codes(rg.police_finally_declined(ctx(case, team.head))) == ["reconsideration_pending"]

    clock.move_to(at(10, 12))
    referral = svc.record_reconsideration_result(
        referral=referral, actor=user, accepted=False, answered_on=D(2026, 10, 12)
    )
    assert due(referral, "request_procuratorate_supervision") == D(2026, 10, 15)
    reasons = rg.police_finally_declined(ctx(case, team.head))
    assert [(r.code, r.article) for r in reasons] == [("procuratorate_window_open", ART_9)]
    assert "2026-10-15" in reasons[0].detail

    clock.move_to(at(10, 13))
    svc.request_procuratorate_supervision(
        referral=referral, actor=user, requested_on=D(2026, 10, 13), procuratorate="包头市昆都仑区人民检察院"
    )
    assert codes(rg.police_finally_declined(ctx(case, team.head))) == ["procuratorate_pending"]

    clock.move_to(at(10, 26))
    svc.record_procuratorate_result(referral=referral, actor=user, police_filed=False, notified_on=D(2026, 10, 26))
    assert rg.police_finally_declined(ctx(case, team.head)) == []

    resumed = svc.resume_after_referral(
        case=case, actor=team.head.user, note="公安机关最终不予立案，依法给予行政处罚。"
    )
    assert resumed.status == CaseStatus.INVESTIGATING
    referral.refresh_from_db()
    assert referral.finally_declined_at and not referral.is_open
    assert rg.no_open_referral(ctx(case, team.head)) == []
    assert [e.name for e in referral_events(case)][-4:] == [
        "request_reconsideration",
        "record_reconsideration_result",
        "request_procuratorate_supervision",
        "record_procuratorate_result",
    ]
    assert case.events.get(name="resume_after_referral").payload["back_to"] == CaseStatus.INVESTIGATING


def test_an_unanswered_decline_becomes_final_when_the_window_passes(team, clock):
    case, _ = declined(team, clock)

    clock.move_to(at(10, 12, 20))
    with pytest.raises(TransitionBlocked) as blocked:
        svc.resume_after_referral(case=case, actor=team.head.user, note="不予立案")
    assert codes(blocked.value.reasons) == ["reconsideration_window_open"]
    assert load_case(case.pk).status == CaseStatus.REFERRED
    assert case.events.filter(event_type=EventType.ATTEMPT_REFUSED, name="resume_after_referral").exists()

    clock.move_to(at(10, 13))
    assert (
        svc.resume_after_referral(case=case, actor=team.head.user, note="不予立案").status == CaseStatus.INVESTIGATING
    )


def resumed(team, clock):
    """Declined on 10-08; nothing asked within the 3 days (to 10-12); back to administrative handling on 10-13."""
    case, _ = declined(team, clock)
    clock.move_to(at(10, 13))
    svc.resume_after_referral(case=case, actor=team.head.user, note="公安机关不予立案，恢复行政处理。")
    return case, case.referrals.get()


def test_the_procuratorate_may_still_be_asked_after_the_case_went_back(team, clock):
    # 移送规定 第九条第一款、第十四条第一款: the supervision outlives the return; the late suggestion is flagged.
    case, referral = resumed(team, clock)
    clock.move_to(at(10, 20))

    referral = svc.request_procuratorate_supervision(
        referral=referral, actor=team.officer1.user, requested_on=D(2026, 10, 20), procuratorate="昆都仑区人民检察院"
    )

    assert referral.procuratorate_requested_on == D(2026, 10, 20)
    assert load_case(case.pk).status == CaseStatus.INVESTIGATING  # the administrative handling goes on
    event = referral_events(case)[-1]
    assert (event.name, event.payload["overdue"]) == ("request_procuratorate_supervision", True)
    with pytest.raises(ActionRefused) as again:
        svc.request_procuratorate_supervision(referral=referral, actor=team.officer1.user)
    assert codes(again.value.reasons) == ["procuratorate_already_requested"]
    with pytest.raises(ActionRefused) as reconsider:  # the police's reconsideration is not reopened
        svc.request_reconsideration(referral=referral, actor=team.officer1.user)
    assert "not_referred" in codes(reconsider.value.reasons)

    clock.move_to(at(10, 30))
    referral = svc.record_procuratorate_result(
        referral=referral, actor=team.officer1.user, police_filed=False, notified_on=D(2026, 10, 30)
    )
    assert referral.procuratorate_result_on == D(2026, 10, 30)


def test_when_the_police_open_a_case_on_supervision_the_items_are_handed_over(team, clock):
    _case, referral = resumed(team, clock)
    svc.request_procuratorate_supervision(referral=referral, actor=team.officer1.user, procuratorate="昆都仑区检察院")
    clock.move_to(at(10, 30))
    referral = svc.record_procuratorate_result(referral=referral, actor=team.officer1.user, police_filed=True)
    assert referral.closed_by_police_acceptance and due(referral, "record_items_handover") == D(2026, 11, 2)

    referral = svc.record_items_handover(referral=referral, actor=team.officer1.user, note="移交涉案食品120箱")

    assert referral.items_handed_over_on == D(2026, 10, 30)


def test_the_police_accepting_on_reconsideration_starts_the_items_period(team, clock):
    case, referral = declined(team, clock)
    svc.request_reconsideration(referral=referral, actor=team.officer1.user, requested_on=D(2026, 10, 8))
    clock.move_to(at(10, 9))
    referral = svc.record_reconsideration_result(
        referral=referral, actor=team.officer1.user, accepted=True, answered_on=D(2026, 10, 9)
    )
    assert referral.closed_by_police_acceptance and due(referral, "record_items_handover") == D(2026, 10, 12)
    assert codes(rg.police_finally_declined(ctx(case, team.head))) == ["police_accepted"]
    with pytest.raises(ActionRefused):
        svc.request_procuratorate_supervision(referral=referral, actor=team.officer1.user)


def test_a_decline_must_state_its_reasons_and_dates_cannot_run_backwards(team, clock):
    _case, referral = referred(team)
    with pytest.raises(ActionRefused) as refused:
        svc.record_police_decision(referral=referral, actor=team.officer1.user, accepted=False)
    assert codes(refused.value.reasons) == ["police_receipt_pending"]

    svc.record_police_receipt(referral=referral, actor=team.officer1.user)
    with pytest.raises(ActionRefused) as refused:
        svc.record_police_decision(referral=referral, actor=team.officer1.user, accepted=False)
    assert codes(refused.value.reasons) == ["police_reasons_missing"]
    with pytest.raises(ActionRefused) as refused:
        svc.record_police_decision(
            referral=referral, actor=team.officer1.user, accepted=True, decided_on=D(2026, 9, 28)
        )
    assert codes(refused.value.reasons) == ["date_before_previous_step"]
    with pytest.raises(ActionRefused) as refused:
        svc.record_police_receipt(referral=referral, actor=team.outsider.user)
    # Every reason at once (the registry's guards): who may act, and the receipt already recorded.
    assert codes(refused.value.reasons) == ["not_referral_officer", "receipt_already_recorded"]


# --- the guards of close, decide and the hand-over -------------------------------------------------


def test_referral_allows_close(team, clock):
    case, _referral = referred(team)
    assert codes(rg.referral_allows_close(ctx(case, team.head))) == ["police_not_accepted"]

    executing = team.open_and_file()
    Case.objects.filter(pk=executing.pk).update(status=CaseStatus.EXECUTING)
    assert rg.referral_allows_close(ctx(executing, team.head)) == []
    pending = submit(team, executing)
    reasons = rg.referral_allows_close(ctx(executing, team.head))
    assert [(r.code, r.article) for r in reasons] == [("referral_open", ART_82)]

    svc.decide_referral(referral=pending, actor=team.head.user, approved=False, reason="不构成犯罪")
    assert rg.referral_allows_close(ctx(executing, team.head)) == []


def test_no_open_referral_guards_the_decision(team):
    case = team.open_and_file()
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.NOTIFIED)
    assert rg.no_open_referral(ctx(case, team.head)) == []

    referral = submit(team, case)
    reasons = rg.no_open_referral(ctx(case, team.head))
    assert [(r.code, r.article) for r in reasons] == [("referral_open", ART_82)]
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    assert codes(rg.no_open_referral(ctx(case, team.head))) == ["referral_open"]


def test_the_hand_over_needs_approval_and_the_attachments_of_article_6(team):
    case = team.open_and_file()
    referral = submit(team, case)
    assert codes(rg.referral_approved(ctx(case, team.officer1))) == ["referral_pending_decision"]
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    assert rg.referral_approved(ctx(case, team.officer1)) == []

    only_items = {"materials": [ReferralMaterial.ITEMS_LIST]}
    assert codes(rg.referral_materials_complete(ctx(case, team.officer1, only_items))) == [
        "referral_material_missing",
        "referral_material_missing",
    ]
    assert rg.referral_materials_complete(ctx(case, team.officer1)) == []  # on display, before the payload
    with pytest.raises(TransitionBlocked) as blocked:
        hand_over(team, case, materials=[ReferralMaterial.ITEMS_LIST])
    assert codes(blocked.value.reasons) == ["referral_material_missing", "referral_material_missing"]
    with pytest.raises(TransitionBlocked) as blocked:  # 第五条第二款: handed to a named police organ
        svc.refer_to_police(case=case, actor=team.officer1.user, police_organ="  ", materials=MATERIALS)
    assert codes(blocked.value.reasons) == ["police_organ_missing"]
    assert blocked.value.reasons[0].article == REFERRAL_ART_5
    assert PoliceReferral.objects.get(pk=referral.pk).handed_over_at is None

    hand_over(team, case)
    assert codes(rg.referral_approved(ctx(case, team.officer1))) == ["referral_already_handed_over"]


def test_the_wired_registry_refuses_decide_and_close_under_referral(team):
    """Re-run after the lead wires cases/guards/referral.py into cases.transitions."""
    notified = team.open_and_file()
    Case.objects.filter(pk=notified.pk).update(status=CaseStatus.NOTIFIED)
    submit(team, notified)
    assert "referral_open" in codes(reasons_for(notified, "decide", team.head.user))

    executing = team.open_and_file()
    Case.objects.filter(pk=executing.pk).update(status=CaseStatus.EXECUTING)
    submit(team, executing)
    assert "referral_open" in codes(reasons_for(executing, "close", team.head.user))
    assert TRANSITIONS["refer_to_police"].form is referral_forms.HandOverForm
    assert TRANSITIONS["resume_after_referral"].form is referral_forms.ResumeForm


def test_the_guards_read_the_referral_once(team, django_assert_num_queries):
    case = team.open_and_file()
    submit(team, case)
    c = ctx(case, team.head)
    # The referral once, and the pending decision's stored deadline once (the reason names its due date).
    with django_assert_num_queries(2):
        for guard in (rg.referral_approved, rg.police_finally_declined, rg.referral_allows_close, rg.no_open_referral):
            guard(c)

    prefetched = context_for(Case.objects.prefetch_related("referrals").get(pk=case.pk), team.head.user)
    with django_assert_num_queries(0):
        assert codes(rg.no_open_referral(prefetched)) == ["referral_open"]


# --- fines and forms ---------------------------------------------------------------------------


def test_fines_already_imposed_are_recorded_for_crediting(team, clock):
    case, referral = referred(team)
    referral = svc.record_fines_already_imposed(
        referral=referral, actor=team.officer1.user, amount=Decimal("5000"), note="昆市监罚〔2026〕3号"
    )
    assert referral.fines_already_imposed == Decimal("5000")
    assert referral_events(case)[-1].payload["amount"] == "5000"
    with pytest.raises(ActionRefused):
        svc.record_fines_already_imposed(referral=referral, actor=team.officer1.user, amount=Decimal("-1"))


def test_the_forms_give_the_services_their_arguments(team):
    case = team.open_and_file()
    report = referral_forms.ReferralReportForm(
        {"team": [team.officer1.pk, team.outsider.pk], "report": "报告"}, case=case
    )
    assert not report.is_valid() and "team" in report.errors  # another agency's officer is not offered

    hand = referral_forms.HandOverForm(
        {"police_organ": "包头市公安局", "materials": ["referral_letter", "investigation_report"]}, case=case
    )
    assert hand.is_valid(), hand.errors
    decision = referral_forms.PoliceDecisionForm({"accepted": "no", "decided_on": "2026-09-29", "reasons": "理由"})
    assert decision.is_valid() and decision.cleaned_data["accepted"] is False


def test_every_action_form_matches_its_service():
    steps = {a.name: a for a in registry.others().values() if a.section == "referral"}
    assert set(steps) == set(REFERRAL_STEPS)
    for name, action in steps.items():
        assert action.form.__module__ == referral_forms.__name__, name
        assert set(action.form.base_fields) <= set(inspect.signature(getattr(svc, name)).parameters), name
    for form, service in (
        (referral_forms.HandOverForm, svc.refer_to_police),
        (referral_forms.ResumeForm, svc.resume_after_referral),
    ):
        assert set(form.base_fields) <= set(inspect.signature(service).parameters)


# --- the steps through the registry (cases.actions.referral) --------------------------------------------


def test_every_step_is_declared_once_in_the_registry_on_the_latest_referral(team):
    steps = [a for a in registry.all_actions() if a.section == "referral" and not a.transition]
    assert [a.name for a in steps] == REFERRAL_STEPS  # the order of the referral, as the page lists them
    for action in steps:
        assert action.event_type == EventType.REFERRAL and action.event == action.name
        assert action.summary and action.label_en, action.name
        assert (action.target is None) == (action.name == "submit_referral_report"), action.name
    assert registry.action_named("submit_referral_report").sources == [str(s) for s in CaseStatus if s in REFERRABLE]

    case = team.open_and_file()
    referral = submit(team, case)
    assert registry.action_named("decide_referral").target(case, {}) == referral


def test_a_refused_step_reports_every_reason_at_once_and_records_the_attempt(team, clock):
    case, referral = declined(team, clock)
    user = team.officer1.user
    svc.request_reconsideration(referral=referral, actor=user, requested_on=D(2026, 10, 8))
    svc.record_reconsideration_result(referral=referral, actor=user, accepted=False, answered_on=D(2026, 10, 8))
    svc.request_procuratorate_supervision(referral=referral, actor=user, procuratorate="包头市昆都仑区人民检察院")
    written = [e.name for e in referral_events(case)]

    with pytest.raises(ActionRefused) as refused:
        svc.request_reconsideration(referral=referral, actor=team.reviewer.user, requested_on=D(2026, 10, 8))

    expected = [
        ("not_referral_officer", REFERRAL_ART_5),
        ("reconsideration_already_requested", ART_9),
        ("procuratorate_already_requested", ART_9),
    ]
    assert [(r.code, r.article) for r in refused.value.reasons] == expected
    assert refused.value.reasons[2].detail == "已建议人民检察院立案监督，不再提请复议。"
    attempt = case.events.get(event_type=EventType.ATTEMPT_REFUSED, name="request_reconsideration")
    assert [(r["code"], r["article"]) for r in attempt.payload["reasons"]] == expected
    assert [e.name for e in referral_events(case)] == written  # nothing else written


def test_a_step_dated_in_the_future_or_before_the_step_it_follows_is_refused(team, clock):
    case, referral = referred(team)  # handed over on 09-29

    with pytest.raises(ActionRefused) as early:
        svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 9, 28))
    with pytest.raises(ActionRefused) as future:
        svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 9, 30))

    assert [(r.code, r.detail) for r in early.value.reasons] == [
        ("date_before_previous_step", "签收日期（2026-09-28）不能早于移送日期（2026-09-29）。")
    ]
    assert [(r.code, r.detail) for r in future.value.reasons] == [
        ("date_in_future", "签收日期（2026-09-30）不能晚于今天。")
    ]
    assert case.events.filter(event_type=EventType.ATTEMPT_REFUSED, name="record_police_receipt").count() == 2
    assert PoliceReferral.objects.get(pk=referral.pk).received_on is None

    clock.move_to(at(9, 30))
    svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 9, 30))
    with pytest.raises(ActionRefused) as refused:
        svc.record_police_decision(
            referral=referral,
            actor=team.officer1.user,
            accepted=False,
            decided_on=D(2026, 9, 29),
            notice_received_on=D(2026, 10, 1),
        )
    # Every entry at once: the decline's reasons, the decision before the receipt, the notice in the future.
    assert codes(refused.value.reasons) == ["police_reasons_missing", "date_before_previous_step", "date_in_future"]


def test_the_items_are_handed_over_on_or_after_the_police_filing_notice(team, clock):
    """第十二条: the items follow the police's filing notice (not merely the receipt)."""
    _case, referral = referred(team)
    svc.record_police_receipt(referral=referral, actor=team.officer1.user)  # 09-29
    clock.move_to(at(10, 8))
    svc.record_police_decision(referral=referral, actor=team.officer1.user, accepted=True, decided_on=D(2026, 10, 8))

    with pytest.raises(ActionRefused) as refused:
        svc.record_items_handover(referral=referral, actor=team.officer1.user, handed_over_on=D(2026, 10, 7))
    assert [(r.code, r.detail) for r in refused.value.reasons] == [
        ("date_before_previous_step", "移交日期（2026-10-07）不能早于收到立案通知书日期（2026-10-08）。")
    ]
    done = svc.record_items_handover(referral=referral, actor=team.officer1.user, handed_over_on=D(2026, 10, 8))
    assert done.items_handed_over_on == D(2026, 10, 8)


def test_the_listing_offers_each_step_to_whom_the_guards_let_act_now(team, clock):
    """``available`` (the API's ``actions``, the page's panels): without a payload only who acts and the order
    of the steps decide; the entries are checked on submit."""
    case, _referral = referred(team)

    def allowed(officer):
        return [a.name for a, reasons in available(case, officer.user, transition=False)
                if a.section == "referral" and not reasons]  # fmt: skip

    assert allowed(team.officer1) == ["record_police_receipt", "record_fines_already_imposed"]
    assert allowed(team.deputy) == ["record_police_receipt", "record_fines_already_imposed"]
    assert allowed(team.reviewer) == [] and allowed(team.outsider) == []
    blocked = dict(available(case, team.head.user, transition=False))
    assert codes(blocked[registry.action_named("decide_referral")]) == ["referral_already_decided"]
    assert codes(blocked[registry.action_named("record_police_decision")]) == ["police_receipt_pending"]


def test_a_step_on_a_case_without_a_referral_is_refused_through_the_registry(team):
    case = team.open_and_file()

    with pytest.raises(ActionRefused) as refused:
        perform(case=case, name="record_police_decision", actor=team.officer1.user, data={"accepted": True})

    assert codes(refused.value.reasons) == ["no_referral"]
    assert case.events.filter(event_type=EventType.ATTEMPT_REFUSED, name="record_police_decision").exists()
