"""One service per transition of the lifecycle (DOMAIN.md, "Transitions: from, to, who").

Each takes the acting user explicitly and its payload as keyword arguments, and
runs through :func:`run_transition` (one transaction, the case row locked, the
guards, the state change, the event). Deciding lives in ``services.deciding``;
service, payment and closure in ``services.execution``. The 备案 of an on-the-spot
decision, an action beside the lifecycle, follows the decision it files.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from kernel.validators import validate_division_code

from ..models import Case
from ..models.numbering import take_serial
from .execution import close_case, record_payment, serve_decision
from .runner import run_action, run_transition

# The transitions of execution (issue 5) live in ``services.execution``; named here as every transition is.
__all__ = [
    "close_case",
    "decide_on_spot",
    "decline_case",
    "file_case",
    "file_on_spot_decision",
    "record_payment",
    "serve_decision",
    "transfer_case",
    "withdraw_case",
]


def _assign_case_number(case: Case, on: datetime.date) -> None:
    """案号 ``[简称]立〔年度〕[序号]号``, serial per agency and year, without gaps."""
    serial = take_serial(agency=case.agency, kind="立", year=on.year)
    case.number_year, case.number_serial = on.year, serial
    case.number = f"{case.agency.short_name}立〔{on.year}〕{serial}号"


def file_case(*, case: Case, actor, opinion: str = "") -> Case:
    """立案 (Art. 54): the head approves the handlers' filing request."""

    def apply(c: Case) -> dict[str, Any]:
        c.filed_on = timezone.localdate()
        _assign_case_number(c, c.filed_on)
        return {"number": c.number, "filed_on": c.filed_on, "opinion": opinion}

    return run_transition(case=case, name="file", actor=actor, data={"opinion": opinion}, apply=apply)


def decline_case(*, case: Case, actor, reason: str) -> Case:
    def apply(c: Case) -> dict[str, Any]:
        c.outcome_note = reason
        return {"reason": reason}

    return run_transition(case=case, name="decline", actor=actor, data={"reason": reason}, apply=apply)


def decide_on_spot(
    *,
    case: Case,
    actor,
    penalty_kinds: list[str],
    fine_amount: Decimal | None,
    legal_basis: str,
    place: str,
    facts: str = "",
    evidence: str = "",
    correction: str = "",
    violation_ended: str = "",
    violation_division_code: str = "",
) -> Case:
    """当场处罚 (Arts. 51–52): a warning or a small fine, decided where the officers stand, with the order to correct
    it carries (第二十八条第一款) or what shows the violation ended; the place of violation whose division the agency's
    area must cover (第二十二条; ``guards.jurisdiction``); ``evidence``: what the officers saw or took on the spot
    (第五十一条: “违法事实确凿”), printed by the decision with the evidence items on file."""
    violation_division_code = violation_division_code.strip()
    try:
        validate_division_code(violation_division_code)
    except ValidationError as error:
        raise ValidationError({"violation_division_code": error.messages}) from None
    data = {
        "violation_division_code": violation_division_code,
        "penalty_kinds": penalty_kinds,
        "fine_amount": fine_amount,
        "legal_basis": legal_basis,
        "place": place,
        "facts": facts,
        "evidence": evidence.strip(),
        "correction": correction.strip(),
        "violation_ended": violation_ended.strip(),
    }

    def apply(c: Case) -> dict[str, Any]:
        today = timezone.localdate()
        if facts:
            c.facts = facts
        c.legal_basis = legal_basis
        if violation_division_code:
            c.violation_division_code = violation_division_code
        c.decided_penalty_kinds = sorted(penalty_kinds)
        c.decided_fine_amount = fine_amount if "fine" in penalty_kinds else None
        c.decided_on = today
        _assign_case_number(c, today)
        return {**data, "number": c.number, "decided_on": today}

    return run_transition(case=case, name="decide_on_spot", actor=actor, data=data, apply=apply)


def file_on_spot_decision(*, case: Case, actor, filed_on: datetime.date, note: str = "") -> Case:
    """备案 (Art. 52 ¶3): the on-the-spot decision reported to the officers' agency, on ``filed_on``."""
    data = {"filed_on": filed_on, "note": note}

    def apply(ctx) -> tuple[Case, dict[str, Any]]:
        c = ctx.case
        c.on_spot_filed_on = filed_on
        c.save(update_fields=["on_spot_filed_on", "updated_at"])
        return c, data

    return run_action(case=case, name="file_on_spot_decision", actor=actor, data=data, apply=apply)


def withdraw_case(*, case: Case, actor, reason: str) -> Case:
    def apply(c: Case) -> dict[str, Any]:
        c.outcome_note = reason
        return {"reason": reason}

    return run_transition(case=case, name="withdraw", actor=actor, data={"reason": reason}, apply=apply)


def transfer_case(*, case: Case, actor, organ: str, reason: str) -> Case:
    def apply(c: Case) -> dict[str, Any]:
        c.outcome_note = f"移送{organ}：{reason}"
        return {"organ": organ, "reason": reason}

    return run_transition(case=case, name="transfer", actor=actor, data={"organ": organ, "reason": reason}, apply=apply)
