"""Opening a case and keeping its people: parties, handlers, recusal, the filing request."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kernel.rules import ART_42, ActionRefused, Reason
from matters.models import Matter
from officers.eligibility import check_eligibility
from officers.models import Officer
from officers.selectors import officer_for_user

from ..choices import EventType, HandlerRole, Procedure, RecusalApplicant, RecusalDecision
from ..guards import Context
from ..models import Case, CaseHandler, Party, RecusalApplication
from ..selectors import active_assignments
from .events import append_event
from .runner import run_action


def _actor_officer(actor) -> Officer:
    officer = officer_for_user(actor)
    if officer is None:
        raise ActionRefused([Reason("not_an_officer", "当前账号未关联执法机关工作人员。", "")])
    return officer


def _handler_reasons(officers: list[Officer], *, agency_id: int, matter: Matter, on: datetime.date) -> list[Reason]:
    reasons: list[Reason] = []
    for officer in officers:
        if officer.agency_id != agency_id:
            reasons.append(Reason("handler_other_agency", f"{officer.name}不是本机关的执法人员。", ART_42))
            continue
        reasons += check_eligibility(officer, matter.domain, on).reasons
    return reasons


@transaction.atomic
def open_case(
    *,
    actor,
    matter: Matter,
    title: str,
    source: str,
    violation_date: datetime.date,
    discovered_on: datetime.date,
    co_handlers: list[Officer],
    procedure: str = Procedure.GENERAL,
    source_detail: str = "",
    facts: str = "",
    location: str = "",
    violation_division_code: str = "",
    violation_end_date: datetime.date | None = None,
    harm_occurred: bool = False,
    parties: list[dict[str, Any]] | None = None,
    request_filing: bool = False,
) -> Case:
    """登记案件线索 (or a summary-procedure case): the opening officer and their co-handlers,
    at least two certified officers in all (Art. 42), each eligible today for the matter's domain."""
    opener = _actor_officer(actor)
    today = timezone.localdate()
    officers = [opener, *[o for o in co_handlers if o.pk != opener.pk]]
    reasons = _handler_reasons(officers, agency_id=opener.agency_id, matter=matter, on=today)
    if len(officers) < 2:
        reasons.append(Reason("fewer_than_two_officers", "执法人员不得少于两人，请指定另一名承办人。", ART_42))
    if reasons:
        raise ActionRefused(reasons)

    case = Case(
        agency=opener.agency,
        matter=matter,
        procedure=procedure,
        source=source,
        source_detail=source_detail,
        title=title,
        facts=facts,
        location=location,
        violation_division_code=violation_division_code,
        violation_date=violation_date,
        violation_end_date=violation_end_date,
        harm_occurred=harm_occurred,
        discovered_on=discovered_on,
        created_by=actor,
    )
    case.full_clean(exclude=["number", "status"])
    case.save()
    for officer in officers:
        CaseHandler.objects.create(
            case=case, officer=officer, role=HandlerRole.LEAD if officer is opener else HandlerRole.ASSISTANT
        )
    append_event(
        case=case,
        event_type=EventType.CREATED,
        actor=actor,
        to_state=case.status,
        payload={
            "procedure": procedure,
            "matter": matter.code,
            "title": title,
            "handlers": [{"id": o.pk, "name": o.name} for o in officers],
            "violation_date": violation_date,
            "violation_end_date": violation_end_date,
            "discovered_on": discovered_on,
        },
    )
    for party in parties or []:
        _add_party(case=case, actor=actor, **party)
    if request_filing:
        _request_filing(case=case, actor=actor, opinion="")
    return case


def _add_party(*, case: Case, actor, **fields: Any) -> Party:
    party = Party(case=case, **fields)
    party.full_clean()
    party.save()
    # The event names the party but never records the identifier (logs carry no personal data).
    append_event(
        case=case, event_type=EventType.PARTY_ADDED, actor=actor, payload={"party": party.pk, "name": party.name}
    )
    return party


def add_party(*, case: Case, actor, **fields: Any) -> Party:
    """登记当事人 (the guards: ``cases.actions.people``)."""

    def apply(ctx: Context) -> tuple[Party, dict[str, Any]]:
        party = Party(case=ctx.case, **fields)
        party.full_clean()
        party.save()
        # The event names the party but never records the identifier (logs carry no personal data).
        return party, {"party": party.pk, "name": party.name}

    return run_action(case=case, name="add_party", actor=actor, data=fields, apply=apply)


def add_handler(*, case: Case, actor, officer: Officer, role: str = HandlerRole.ASSISTANT) -> CaseHandler:
    """指定承办人: only an officer of the agency eligible today for the matter's domain (Art. 42)."""

    def apply(ctx: Context) -> tuple[CaseHandler, dict[str, Any]]:
        assignment = CaseHandler.objects.create(case=ctx.case, officer=officer, role=role)
        return assignment, {"officer": {"id": officer.pk, "name": officer.name}, "role": role}

    return run_action(case=case, name="add_handler", actor=actor, data={"officer": officer, "role": role}, apply=apply)


def apply_for_recusal(
    *,
    case: Case,
    actor,
    officer: Officer,
    applicant: str,
    applied_on: datetime.date,
    grounds: str,
    party: Party | None = None,
) -> RecusalApplication:
    """回避申请 (Art. 43 ¶1–2): a handler records the party's application for a handler's recusal, or their own
    request. It waits for the head's decision; meanwhile the investigation goes on (Art. 43 ¶3)."""
    if not grounds.strip():
        raise ValidationError({"grounds": "请写明申请回避的理由。"})
    if applicant != RecusalApplicant.PARTY:
        party = None
    data = {"officer": officer, "applicant": applicant, "applied_on": applied_on, "grounds": grounds, "party": party}

    def apply(ctx: Context) -> tuple[RecusalApplication, dict[str, Any]]:
        application = RecusalApplication.objects.create(
            case=ctx.case,
            officer=officer,
            applicant=applicant,
            party=party,
            applied_on=applied_on,
            grounds=grounds.strip(),
            recorded_by=actor,
        )
        return application, {
            "application": application.pk,
            "officer": {"id": officer.pk, "name": officer.name},
            "applicant": applicant,
            "party": party.pk if party else None,
            "applied_on": applied_on,
            "grounds": application.grounds,
        }

    return run_action(case=case, name="apply_for_recusal", actor=actor, data=data, apply=apply)


def decide_recusal(
    *, case: Case, actor, application: RecusalApplication, decision: str, reasons: str
) -> RecusalApplication:
    """负责人决定 (Art. 43 ¶3): approved, the handler leaves the case as any recusal ends an assignment (the case
    then needs two eligible handlers again); rejected, the application stays on file with the reasons."""
    if not reasons.strip():
        raise ValidationError({"reasons": "请写明决定的理由。"})
    data = {"application": application, "decision": decision, "reasons": reasons}

    def apply(ctx: Context) -> tuple[RecusalApplication, dict[str, Any]]:
        record: RecusalApplication = ctx.target
        now = timezone.now()
        if decision == RecusalDecision.APPROVED:
            assignment = next(a for a in active_assignments(ctx.case) if a.officer_id == record.officer_id)
            assignment.recused_at = now
            assignment.recusal_initiator = record.applicant
            assignment.recusal_reason = record.grounds
            assignment.recusal_decided_by = actor
            assignment.save()
            record.assignment = assignment
        record.decision = decision
        record.decision_reasons = reasons.strip()
        record.decided_by = ctx.officer
        record.decided_at = now
        record.save()
        return record, {
            "application": record.pk,
            "officer": {"id": record.officer_id, "name": record.officer.name},
            "applicant": record.applicant,
            "decision": decision,
            "reasons": record.decision_reasons,
        }

    return run_action(case=case, name="decide_recusal", actor=actor, data=data, apply=apply)


def _request_filing(*, case: Case, actor, opinion: str) -> None:
    case.filing_requested_at = timezone.now()
    case.save(update_fields=["filing_requested_at", "updated_at"])
    append_event(case=case, event_type=EventType.FILING_REQUESTED, actor=actor, payload={"opinion": opinion})


def request_filing(*, case: Case, actor, opinion: str = "") -> Case:
    """提请立案审批: the handlers ask the head to file the case (Art. 54)."""

    def apply(ctx: Context) -> tuple[Case, dict[str, Any]]:
        ctx.case.filing_requested_at = timezone.now()
        ctx.case.save(update_fields=["filing_requested_at", "updated_at"])
        return ctx.case, {"opinion": opinion}

    return run_action(case=case, name="request_filing", actor=actor, data={"opinion": opinion}, apply=apply)
