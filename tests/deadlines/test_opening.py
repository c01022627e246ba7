"""Opening and meeting deadlines from the case's events (the post_save receiver on CaseEvent)."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from cases.choices import EventType
from cases.models import CaseEvent
from cases.services import deciding, lifecycle
from cases.services.runner import TransitionBlocked
from deadline_watch.openers import apply_event
from deadlines.choices import Outcome
from deadlines.models import Deadline
from tests.deadlines.steps import D, decided, emit, kinds

pytestmark = pytest.mark.django_db


def test_registering_a_lead_opens_its_verification_and_filing_meets_it(team, travel):
    travel(D(2026, 9, 1))
    lead = team.open(discovered_on=D(2026, 8, 31), request_filing=True)
    verification = Deadline.objects.get(case=lead, kind="lead_verification")

    # 15 working days; Sunday 2026-09-20 is a make-up working day (调休).
    assert (verification.starts_on, verification.due_on) == (D(2026, 8, 31), D(2026, 9, 20))
    lifecycle.file_case(case=lead, actor=team.head.user)

    rows = kinds(lead)
    assert (rows["lead_verification"].outcome, rows["lead_verification"].met_on) == (Outcome.MET, D(2026, 9, 1))
    # 行政处罚法 第六十条: ninety days from filing, 2026-11-30.
    assert (rows["case_time_limit"].starts_on, rows["case_time_limit"].due_on) == (D(2026, 9, 1), D(2026, 11, 30))
    assert rows["case_time_limit"].outcome == Outcome.OPEN


def test_a_refused_step_touches_no_deadline(team, travel):
    travel(D(2026, 9, 1))
    lead = team.open(discovered_on=D(2026, 8, 31), request_filing=True)

    with pytest.raises(TransitionBlocked):
        lifecycle.file_case(case=lead, actor=team.officer1.user)  # a handler may not approve filing

    assert lead.events.filter(event_type=EventType.ATTEMPT_REFUSED, name="file").exists()
    rows = kinds(lead)
    assert rows["lead_verification"].outcome == Outcome.OPEN  # not met by the refused attempt
    assert "case_time_limit" not in rows


def test_a_summary_procedure_case_has_no_lead_verification(team):
    case = team.open(procedure="summary")

    assert not Deadline.objects.filter(case=case, kind="lead_verification").exists()


def test_the_notice_opens_the_statement_window_and_the_waiver_closes_it(team, travel):
    travel(D(2026, 9, 14))
    case = team.open_and_file()
    team.conclude(case)  # 8,000 yuan on an individual: no hearing right
    team.notify(case, served_on=D(2026, 9, 14))

    rows = kinds(case)
    assert rows["statement"].due_on == D(2026, 9, 20)  # Sunday 09-20 is a make-up working day
    assert "hearing_request" not in rows
    team.waive(case)

    statement = Deadline.objects.get(pk=rows["statement"].pk)
    assert (statement.outcome, statement.met_on) == (Outcome.WAIVED, D(2026, 9, 14))


def test_a_new_notice_supersedes_the_windows_of_the_old_one(team, travel):
    travel(D(2026, 9, 14))
    case = team.open_and_file()
    team.conclude(case)
    team.notify(case, served_on=D(2026, 9, 14))
    first = Deadline.objects.get(case=case, kind="statement")
    emit(case, "notify", event_type=EventType.TRANSITION, served_on="2026-09-16")

    first.refresh_from_db()
    assert first.outcome == Outcome.ENDED and first.end_note == "由新的期限取代"
    assert Deadline.objects.get(case=case, kind="statement", outcome=Outcome.OPEN).due_on == D(2026, 9, 22)


def test_a_hearing_request_meets_the_window_and_stops_the_case_time_limit_until_the_hearing_ends(team, travel):
    travel(D(2026, 9, 30))
    case = team.open_and_file(violation_date=D(2026, 9, 1), discovered_on=D(2026, 9, 20))
    team.conclude(case, fine_amount=Decimal("50000"))
    team.notify(case, served_on=D(2026, 9, 30))
    travel(D(2026, 10, 9))
    deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=D(2026, 10, 9))

    rows = kinds(case)
    assert (rows["hearing_request"].outcome, rows["hearing_request"].met_on) == (Outcome.MET, D(2026, 10, 9))
    assert rows["case_time_limit"].is_suspended
    before = rows["case_time_limit"].due_on  # 2026-12-29: ninety days from 2026-09-30

    deciding.schedule_hearing(
        case=case, actor=team.officer1.user, chair=team.chair, hearing_notice_served_on=D(2026, 10, 9),
        hearing_on=D(2026, 10, 20), place="听证室",
    )  # fmt: skip
    notice = Deadline.objects.get(case=case, kind="hearing_notice")
    # 7 working days before the hearing on 2026-10-20 (10/12–16, 19, 20): served by Saturday 10-10, a make-up
    # working day; served on 10-09, in time.
    assert (notice.due_on, notice.met_on, notice.outcome) == (D(2026, 10, 10), D(2026, 10, 9), Outcome.MET)
    assert not notice.met_late

    travel(D(2026, 10, 20))
    deciding.hold_hearing(case=case, actor=team.chair.user, outcome="held", ended_on=D(2026, 10, 20),
                          transcript="笔录", report="报告", transcript_signature="party")  # fmt: skip

    limit = Deadline.objects.get(case=case, kind="case_time_limit")
    assert not limit.is_suspended
    # 9 to 20 October, both days included, are not counted: twelve days later.
    assert before == D(2026, 12, 29)
    assert limit.due_on == D(2027, 1, 11)
    assert limit.changes.get().reason == "suspension"


def test_the_decision_meets_the_case_time_limit_and_opens_service_and_publication(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)

    rows = kinds(case)
    assert (rows["case_time_limit"].outcome, rows["case_time_limit"].met_on) == (Outcome.MET, D(2026, 9, 14))
    assert rows["service"].due_on == D(2026, 9, 22)  # 行政处罚法 第六十一条: 7 working days (09-20 worked)
    assert rows["publication"].due_on == D(2026, 9, 22)  # 国办发〔2018〕118号: 7 working days


def test_serving_the_decision_opens_payment_remedies_and_the_court_application(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-16", method="direct")

    rows = kinds(case)
    assert rows["service"].outcome == Outcome.MET
    assert rows["payment"].due_on == D(2026, 10, 8)  # 15 days: 2026-10-01 is a holiday, rolled to 10-08
    assert rows["reconsideration"].due_on == D(2026, 11, 16)  # 60 days: Sunday 11-15 rolled
    assert rows["litigation"].due_on == D(2027, 3, 16)  # six months
    assert rows["litigation"].provisional  # 2027 is not in the table yet
    court = rows["court_application"]
    assert (court.starts_on, court.due_on) == (D(2027, 3, 16), D(2027, 6, 16))
    reminder = rows["enforcement_reminder"]
    assert reminder.derived_from_id == court.pk and reminder.anchor_on == court.due_on
    assert reminder.due_on < court.due_on and reminder.provisional


def test_an_on_the_spot_decision_goes_to_reconsideration_first(team, travel):
    travel(D(2026, 9, 14))
    case = team.open_on_the_spot()
    lifecycle.decide_on_spot(case=case, actor=team.officer1.user, penalty_kinds=["fine"], fine_amount=Decimal("200"),
                             legal_basis="依据", place="现场", correction="立即改正")  # fmt: skip
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-14", method="on_spot")

    rows = kinds(case)
    assert "litigation" not in rows and "service" not in rows
    assert rows["court_application"].starts_on == rows["reconsideration"].due_on == D(2026, 11, 13)


def test_money_collected_on_land_reaches_the_agency_in_two_working_days_on_water_from_landing(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-14", method="direct")
    emit(case, "record_payment", event_type=EventType.TRANSITION, payment=7, paid_on="2026-09-14", amount="100.00",
         channel="on_spot")  # fmt: skip
    emit(case, "record_payment", event_type=EventType.TRANSITION, payment=8, paid_on="2026-09-14", amount="100.00",
         channel="on_spot", on_water=True)  # fmt: skip

    assert Deadline.objects.get(case=case, kind="collection_handover", ref="7").due_on == D(2026, 9, 16)
    assert not Deadline.objects.filter(case=case, kind="collection_handover", ref="8").exists()
    # 行政处罚法 第七十一条: on water, from landing (Sunday 09-20 is a make-up working day).
    emit(case, "record_handover", event_type=EventType.EXECUTION, payment=8, landed_on="2026-09-17")
    landed = Deadline.objects.get(case=case, kind="collection_handover", ref="8")
    assert (landed.starts_on, landed.due_on, landed.outcome) == (D(2026, 9, 17), D(2026, 9, 20), Outcome.OPEN)
    emit(case, "record_handover", event_type=EventType.EXECUTION, payment=8, handed_to_agency_on="2026-09-21")
    landed.refresh_from_db()
    assert (landed.outcome, landed.met_on, landed.met_late) == (Outcome.MET, D(2026, 9, 21), True)
    deposit = Deadline.objects.get(case=case, kind="collection_deposit", ref="8")
    assert (deposit.starts_on, deposit.outcome) == (D(2026, 9, 21), Outcome.OPEN)


def test_a_decision_served_by_announcement_meets_the_service_deadline_on_the_announcement(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-10-16", method="announcement",
         announced_on="2026-09-16")  # fmt: skip

    rows = kinds(case)
    assert (rows["service"].met_on, rows["service"].met_late) == (D(2026, 9, 16), False)
    # The party's periods run from the day the decision counts as served (民事诉讼法: 30 days after announcing).
    assert rows["payment"].starts_on == D(2026, 10, 16)


def test_payment_in_full_meets_payment_and_makes_court_enforcement_moot(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-14")
    emit(case, "record_payment", event_type=EventType.TRANSITION, paid_on="2026-09-20", amount="3000.00",
         paid_in_full=False)  # fmt: skip
    assert kinds(case)["payment"].outcome == Outcome.OPEN
    emit(case, "record_payment", event_type=EventType.TRANSITION, paid_on="2026-09-22", amount="5000.00",
         paid_in_full=True)  # fmt: skip

    rows = kinds(case)
    assert (rows["payment"].outcome, rows["payment"].met_on) == (Outcome.MET, D(2026, 9, 22))
    assert rows["court_application"].outcome == Outcome.ENDED
    assert rows["enforcement_reminder"].outcome == Outcome.ENDED


def test_without_paid_in_full_the_amounts_are_summed_against_the_fine(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-14")
    emit(case, "record_payment", event_type=EventType.TRANSITION, paid_on="2026-09-20", amount="3000.00")
    emit(case, "record_payment", event_type=EventType.TRANSITION, paid_on="2026-09-21", amount="5000.00")

    assert kinds(case)["payment"].met_on == D(2026, 9, 21)


def test_an_approved_deferral_moves_payment_and_the_court_application(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-14")
    emit(case, "approve_arrangement", actor=team.head.user, kind="deferral", ends_on="2027-04-30",
         reason="经济困难", approved_by={"id": team.head.pk, "name": team.head.name})  # fmt: skip

    rows = kinds(case)
    assert rows["payment"].due_on == D(2027, 4, 30) and not rows["payment"].provisional
    assert rows["payment"].extensions.get().approved_by == team.head
    # 第七十二条第二款: counted from the end of the deferral (later than the remedy periods, 2027-03-15).
    assert rows["court_application"].starts_on == D(2027, 4, 30)
    assert rows["court_application"].due_on == D(2027, 7, 30)
    assert rows["enforcement_reminder"].anchor_on == D(2027, 7, 30)


def test_a_remedy_pends_enforcement_and_its_decision_opens_the_suit_and_the_application_again(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-14")
    emit(case, "file_remedy", kind="reconsideration", filed_on="2026-10-20", remedy=1)

    rows = kinds(case)
    assert (rows["reconsideration"].outcome, rows["reconsideration"].met_on) == (Outcome.MET, D(2026, 10, 20))
    assert rows["litigation"].outcome == Outcome.ENDED
    assert rows["court_application"].outcome == Outcome.ENDED
    emit(case, "record_remedy_outcome", kind="reconsideration", outcome="upheld", decided_on="2026-12-01",
         received_on="2026-12-03", remedy=1)  # fmt: skip

    rows = kinds(case, outcome=Outcome.OPEN)
    assert rows["litigation_after_reconsideration"].due_on == D(2026, 12, 18)
    # The latest remedy window still ends with the six months to sue (as cases.guards.execution counts it).
    assert rows["court_application"].starts_on == D(2027, 3, 15)


def test_a_revoked_decision_leaves_nothing_to_enforce(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-14")
    emit(case, "file_remedy", kind="reconsideration", filed_on="2026-10-20")
    emit(case, "record_remedy_outcome", kind="reconsideration", outcome="revoked", decided_on="2026-12-01")

    rows = kinds(case)
    assert rows["payment"].outcome == Outcome.ENDED
    assert rows["court_application"].outcome == Outcome.ENDED
    assert rows["publication"].outcome == Outcome.ENDED


def test_the_same_event_seen_twice_opens_nothing_twice(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    serve = emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-14")
    before = sorted(Deadline.objects.filter(case=case).values_list("kind", "due_on", "outcome"))

    apply_event(serve)
    apply_event(CaseEvent.objects.get(case=case, name="file"))
    apply_event(CaseEvent.objects.get(case=case, name="notify"))

    assert sorted(Deadline.objects.filter(case=case).values_list("kind", "due_on", "outcome")) == before


def test_replaying_a_case_record_rebuilds_the_same_deadlines(team, travel):
    travel(D(2026, 9, 14))
    case = decided(team)
    emit(case, "serve", event_type=EventType.TRANSITION, served_on="2026-09-14")
    built = sorted(Deadline.objects.filter(case=case).values_list("kind", "starts_on", "due_on", "outcome", "met_on"))
    Deadline.objects.filter(case=case, derived_from__isnull=False).delete()
    Deadline.objects.filter(case=case).delete()

    call_command("recompute_deadlines", "--replay", "--case", str(case.pk), stdout=io.StringIO())

    rebuilt = sorted(Deadline.objects.filter(case=case).values_list("kind", "starts_on", "due_on", "outcome", "met_on"))
    assert rebuilt == built


def test_a_fault_in_the_engine_never_undoes_the_legal_act(team, settings, monkeypatch):
    settings.DEADLINES_STRICT = False

    def broken(event):
        raise RuntimeError("boom")

    monkeypatch.setattr("deadline_watch.subscriptions.apply_event", broken)
    case = team.open_and_file()

    case.refresh_from_db()
    assert case.status == "investigating"
    assert not Deadline.objects.filter(case=case).exists()
