"""Conditions and figures read from the case when a deadline opens."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from ..choices import Outcome

if TYPE_CHECKING:
    from cases.models import Case, CaseEvent
from .triggers import (
    Condition,
)

# --- conditions and figures read from the case ----------------------------------------------

SUPERSEDED = "由新的期限取代"
# 行政强制法 第四十条第四项: nothing is executed on a decision revoked or void.
NOTHING_TO_EXECUTE = {"revoked", "confirmed_invalid"}


def _money(value) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def money_due(case: Case) -> Decimal:
    """What the decision orders the party to pay: the fine and the confiscated illegal gains."""
    return _money(case.decided_fine_amount) + _money(case.decided_illegal_gains)


def _orders_payment(event: CaseEvent) -> bool:
    return money_due(event.case) > 0


def _is_penalty(event: CaseEvent) -> bool:
    return event.payload.get("outcome", "penalty") == "penalty"


def _general_procedure(event: CaseEvent) -> bool:
    return event.case.procedure == "general"


def _hearing_right(event: CaseEvent) -> bool:
    return bool(event.payload.get("hearing_right"))


def paid_in_full(event: CaseEvent) -> bool:
    """The payment service's ``paid_in_full`` (or ``ledger.outstanding``); failing both, the sum of every
    ``record_payment`` event's ``amount`` against the fine and illegal gains decided."""
    payload = event.payload
    if "paid_in_full" in payload:
        return bool(payload["paid_in_full"])
    ledger = payload.get("ledger") if isinstance(payload.get("ledger"), dict) else {}
    if "outstanding" in payload or "outstanding" in ledger:
        return _money(payload.get("outstanding", ledger.get("outstanding"))) <= 0
    from cases.models import CaseEvent

    amounts = CaseEvent.objects.filter(case=event.case, name="record_payment").values_list("payload", flat=True)
    return sum((_money(p.get("amount")) for p in amounts), Decimal(0)) >= money_due(event.case)


def _remedy(kind: str) -> Condition:
    def check(event: CaseEvent) -> bool:
        return event.payload.get("kind") == kind

    return check


def _remedy_decided(kind: str) -> Condition:
    def check(event: CaseEvent) -> bool:
        return event.payload.get("kind") == kind and event.payload.get("outcome") not in {"", None, "withdrawn"}

    return check


def _withdraws_publication(event: CaseEvent) -> bool:
    """行政处罚法 第四十八条第二款: the outcome obliges withdrawing a live publication (the service sets the due)."""
    return bool(event.payload.get("publication_withdrawal_due"))


def _nothing_to_execute(event: CaseEvent) -> bool:
    return event.payload.get("outcome") in NOTHING_TO_EXECUTE


def _enforceable_after_outcome(event: CaseEvent) -> bool:
    # A changed, upheld or withdrawn remedy leaves the decision to execute; the window is counted again.
    return event.payload.get("outcome") not in NOTHING_TO_EXECUTE and _orders_payment(event)


def _reminder_pending(event: CaseEvent) -> bool:
    # A reminder already served still precedes any later application: no second one is due.
    from ..models import Deadline

    served = Deadline.objects.filter(case_id=event.case_id, kind="enforcement_reminder", outcome=Outcome.MET)
    return _orders_payment(event) and not served.exists()


def _reminder_pending_after_outcome(event: CaseEvent) -> bool:
    return _enforceable_after_outcome(event) and _reminder_pending(event)


def _on_spot_collection(event: CaseEvent) -> bool:
    return bool(event.payload.get("agency_due_on"))


def _handed_to_agency(event: CaseEvent) -> bool:
    return bool(event.payload.get("handed_to_agency_on"))


def _discovered_on(event: CaseEvent) -> datetime.date:
    return event.case.discovered_on


def _received(event: CaseEvent) -> datetime.date | None:
    """A remedy decision counts from its receipt, or its date when the receipt is not recorded."""
    value = event.payload.get("received_on") or event.payload.get("decided_on")
    return datetime.date.fromisoformat(str(value)[:10]) if value else None


def _lead_days(case: Case) -> int:
    from ..models import deadline_policy_for

    return deadline_policy_for(case.agency).lead_verification_working_days


def _extension_days(case: Case) -> int:
    from ..models import deadline_policy_for

    return deadline_policy_for(case.agency).case_time_limit_extension_days


def _statement_days(case: Case) -> int:
    from officers.models import policy_for

    return policy_for(case.agency).statement_period_working_days


def _review_days(case: Case) -> int:
    from officers.models import policy_for

    return policy_for(case.agency).legal_review_working_days


REMEDY_KINDS = ("reconsideration", "litigation", "litigation_after_reconsideration", "appeal")


def remedy_periods_end(case: Case) -> datetime.date | None:
    """行政强制法 第五十三条: the court application is counted from the end of the remedy periods — the
    latest of the case's remedy windows — or, after an approved deferral or instalment plan, from its end
    when that is later (行政处罚法 第七十二条第二款; the ``approve_arrangement`` event's ``ends_on``).
    The same reading as ``cases.guards.execution.court_window``."""
    from cases.models import CaseEvent

    from ..models import Deadline

    dues = (
        Deadline.objects.filter(case=case, kind__in=REMEDY_KINDS)
        .exclude(end_note=SUPERSEDED)
        .values_list("due_on", flat=True)
    )
    end = max(dues, default=None)
    if end is None:
        return None
    arrangement = (
        CaseEvent.objects.filter(case=case, name="approve_arrangement")
        .order_by("-seq")
        .values_list("payload", flat=True)
        .first()
    )
    if arrangement and arrangement.get("ends_on"):
        ends_on = datetime.date.fromisoformat(str(arrangement["ends_on"])[:10])
        end = max(end, ends_on)
    return end
