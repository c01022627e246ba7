"""Opening a case and keeping its people: parties, handlers, recusal, the filing request."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kernel.rules import ART_42, ART_43, ART_54, ActionRefused, Reason
from matters.models import Matter
from officers.eligibility import check_eligibility
from officers.models import Officer
from officers.selectors import officer_for_user

from ..choices import TERMINAL_STATES, CaseStatus, EventType, HandlerRole, Procedure, RecusalInitiator
from ..models import Case, CaseHandler, Party
from ..selectors import active_assignments, is_active_handler
from .events import append_event
from .runner import lock_case


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


def _refuse_if_terminal(case: Case) -> None:
    if case.status in TERMINAL_STATES:
        raise ActionRefused([Reason("case_closed", f"案件已处于“{case.get_status_display()}”状态，不能再修改。", "")])


def _refuse_unless_handler_or_head(case: Case, officer: Officer, what: str) -> None:
    if not (is_active_handler(case, officer) or (officer.agency_id == case.agency_id and officer.is_head)):
        raise ActionRefused([Reason("not_handler_or_head", f"只有本案承办人或本机关负责人才能{what}。", "")])


@transaction.atomic
def add_party(*, case: Case, actor, **fields: Any) -> Party:
    locked = lock_case(case.pk)
    _refuse_if_terminal(locked)
    _refuse_unless_handler_or_head(locked, _actor_officer(actor), "登记当事人")
    return _add_party(case=locked, actor=actor, **fields)


@transaction.atomic
def add_handler(*, case: Case, actor, officer: Officer, role: str = HandlerRole.ASSISTANT) -> CaseHandler:
    """指定承办人: only an officer of the agency eligible today for the matter's domain (Art. 42)."""
    locked = lock_case(case.pk)
    _refuse_if_terminal(locked)
    _refuse_unless_handler_or_head(locked, _actor_officer(actor), "指定承办人")
    if is_active_handler(locked, officer):
        raise ActionRefused([Reason("already_handler", f"{officer.name}已是本案承办人。", "")])
    reasons = _handler_reasons([officer], agency_id=locked.agency_id, matter=locked.matter, on=timezone.localdate())
    if reasons:
        raise ActionRefused(reasons)
    assignment = CaseHandler.objects.create(case=locked, officer=officer, role=role)
    append_event(
        case=locked,
        event_type=EventType.HANDLER_ADDED,
        actor=actor,
        payload={"officer": {"id": officer.pk, "name": officer.name}, "role": role},
    )
    return assignment


@transaction.atomic
def recuse_handler(*, case: Case, actor, officer: Officer, initiator: str, reason: str) -> CaseHandler:
    """回避 (Art. 43): a handler withdraws, or the head decides on recusal (on a party's application
    or of their own motion). The case then needs two eligible handlers again before it moves on."""
    locked = lock_case(case.pk)
    _refuse_if_terminal(locked)
    me = _actor_officer(actor)
    if not reason.strip():
        raise ValidationError({"reason": "请说明回避理由。"})
    assignment = next((a for a in active_assignments(locked) if a.officer_id == officer.pk), None)
    if assignment is None:
        raise ActionRefused([Reason("not_a_handler", f"{officer.name}不是本案承办人。", ART_43)])
    is_head = me.agency_id == locked.agency_id and me.is_head
    if initiator == RecusalInitiator.SELF and me.pk != officer.pk and not is_head:
        raise ActionRefused([Reason("recusal_not_own", "执法人员只能申请本人回避，他人回避由负责人决定。", ART_43)])
    if initiator != RecusalInitiator.SELF and not is_head:
        raise ActionRefused([Reason("recusal_needs_head", "当事人申请的回避由行政机关负责人决定。", ART_43)])
    assignment.recused_at = timezone.now()
    assignment.recusal_initiator = initiator
    assignment.recusal_reason = reason.strip()
    assignment.recusal_decided_by = actor
    assignment.save()
    append_event(
        case=locked,
        event_type=EventType.HANDLER_RECUSED,
        actor=actor,
        payload={"officer": {"id": officer.pk, "name": officer.name}, "initiator": initiator, "reason": reason},
    )
    return assignment


def _request_filing(*, case: Case, actor, opinion: str) -> None:
    case.filing_requested_at = timezone.now()
    case.save(update_fields=["filing_requested_at", "updated_at"])
    append_event(case=case, event_type=EventType.FILING_REQUESTED, actor=actor, payload={"opinion": opinion})


@transaction.atomic
def request_filing(*, case: Case, actor, opinion: str = "") -> Case:
    """提请立案审批: the handlers ask the head to file the case (Art. 54)."""
    locked = lock_case(case.pk)
    me = _actor_officer(actor)
    reasons: list[Reason] = []
    if locked.status != CaseStatus.LEAD or locked.procedure != Procedure.GENERAL:
        reasons.append(Reason("wrong_state", "只有普通程序的线索可以提请立案审批。", ART_54))
    if not is_active_handler(locked, me):
        reasons.append(Reason("not_a_handler", "只有本案的承办人才能提请立案审批。", ART_54))
    if locked.filing_requested_at:
        reasons.append(Reason("filing_already_requested", "已提请立案审批，等待负责人审批。", ART_54))
    if reasons:
        raise ActionRefused(reasons)
    _request_filing(case=locked, actor=actor, opinion=opinion)
    return locked
