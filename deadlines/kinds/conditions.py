"""Conditions and figures read when a deadline opens: from the event's typed payload (``events.catalogue``) and
the case it belongs to."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from events.catalogue.correction import ReinspectionRecorded
from events.catalogue.deciding import Decided, Notified
from events.catalogue.execution import (
    DecisionOutcome,
    DecisionServed,
    DocumentServed,
    HandoverRecorded,
    PaymentRecorded,
    RemedyDecided,
    RemedyFiled,
)
from events.catalogue.people import Created
from events.catalogue.seizure import EmergencySeizureDecided, EvidencePreserved, PreservationApproved, Seized
from officers.models import policy_for

from ..choices import Outcome
from .triggers import Condition

if TYPE_CHECKING:
    from cases.models import Case, CaseEvent

# --- conditions and figures read from the case ----------------------------------------------

SUPERSEDED = "由新的期限取代"
# 行政强制法 第四十条第四项: nothing is executed on a decision revoked or void.
NOTHING_TO_EXECUTE = {"revoked", "confirmed_invalid"}
# 行政处罚法 第四十八条第二款: revoked, confirmed unlawful or void — never published (again).
NOT_PUBLISHABLE = {"revoked", "confirmed_unlawful", "confirmed_invalid"}
ZERO = Decimal(0)


def money_due(case: Case) -> Decimal:
    """What the decision orders the party to pay: the fine and the confiscated illegal gains."""
    return (case.decided_fine_amount or ZERO) + (case.decided_illegal_gains or ZERO)


def _orders_payment(event: CaseEvent) -> bool:
    return money_due(event.case) > 0


def _registered_before_approval(event: CaseEvent) -> bool:
    return not event.data_as(EvidencePreserved).approved


def _returned_on_refusal(event: CaseEvent) -> bool:
    """The head refused items registered ahead of the approval: they were returned that day (第五十六条)."""
    return event.data_as(PreservationApproved).returned_on is not None


def _seized_in_emergency(event: CaseEvent) -> bool:
    """行政强制法 第十九条: carried out on the spot in an emergency, the head's approval follows within 24 hours."""
    return event.data_as(Seized).emergency


def _emergency_disapproved(event: CaseEvent) -> bool:
    """行政强制法 第十九条: the head thinks the seizure should not have been taken — released at once."""
    return not event.data_as(EmergencySeizureDecided).approved


def _serves_correction_notice(event: CaseEvent) -> bool:
    """行政处罚法 第二十八条第一款: a 责令改正通知书 served names its order and the period the officer set."""
    data = event.data_as(DocumentServed)
    return data.correction_order is not None and bool(data.correction_count) and data.served_on is not None


def _serves_changed_decision(event: CaseEvent) -> bool:
    """行政处罚法 第七十五条第二款: a 变更行政处罚决定书 served — a new act for the party, whose reconsideration and
    suit windows run from its service (行政复议法 第二十条; 行政诉讼法 第四十六条; the project's reading,
    docs/policy.md)."""
    data = event.data_as(DocumentServed)
    return (
        data.decision_correction is not None
        and data.decision_correction_outcome == "changed"
        and (data.served_on is not None)
    )


def _serves_changed_decision_ordering_payment(event: CaseEvent) -> bool:
    """The changed decision served still orders a payment: its fine (the change's) or the illegal gains."""
    correction = event.data_as(DocumentServed).decision_correction
    if correction is None or not _serves_changed_decision(event):
        return False
    changed = event.case.corrections.filter(pk=correction).values_list("changed_fine_amount", flat=True).first()
    fine = event.case.decided_fine_amount if changed is None else changed
    return (fine or ZERO) + (event.case.decided_illegal_gains or ZERO) > 0


def _corrected(event: CaseEvent) -> bool:
    return event.data_as(ReinspectionRecorded).corrected is True


def _not_corrected(event: CaseEvent) -> bool:
    return event.data_as(ReinspectionRecorded).corrected is False


def _is_penalty(event: CaseEvent) -> bool:
    return event.data_as(Decided).outcome in ("", "penalty")


def _general_procedure(event: CaseEvent) -> bool:
    return event.case.procedure == "general"


def _hearing_right(event: CaseEvent) -> bool:
    return event.data_as(Notified).hearing_right


def paid_in_full(event: CaseEvent) -> bool:
    """The payment service's ``paid_in_full`` (or its ledger's ``outstanding``); failing both, the sum of every
    ``record_payment`` event's ``amount`` against the fine and illegal gains decided."""
    data = event.data_as(PaymentRecorded)
    if data.paid_in_full is not None:
        return data.paid_in_full
    if data.ledger is not None and data.ledger.outstanding is not None:
        return data.ledger.outstanding <= 0
    payments = type(event).objects.filter(case_id=event.case_id, name="record_payment")
    paid = sum((e.data_as(PaymentRecorded).amount or ZERO for e in payments), ZERO)
    return paid >= money_due(event.case)


def _remedy(kind: str) -> Condition:
    def check(event: CaseEvent) -> bool:
        return event.data_as(RemedyFiled).kind == kind

    return check


def _remedy_posted(kind: str) -> Condition:
    """Filed by post: the period is met on the postmark's day (民事诉讼法 第八十五条: 期间不包括在途时间, 期满前交邮的
    不算过期 — applied through 行政复议法 第八十八条 and 行政诉讼法 第一百零一条)."""

    def check(event: CaseEvent) -> bool:
        data = event.data_as(RemedyFiled)
        return data.kind == kind and data.posted_on is not None

    return check


def _remedy_delivered(kind: str) -> Condition:
    """Filed in person (no postmark recorded): met on the day the organ received it."""

    def check(event: CaseEvent) -> bool:
        data = event.data_as(RemedyFiled)
        return data.kind == kind and data.posted_on is None

    return check


def _served_by_announcement(event: CaseEvent) -> bool:
    """行政处罚法 第六十一条: the agency's duty to serve within 7 working days is met by announcing in time; the
    decision counts as served later (``served_on``, 30 days after the announcement), and the party's periods run
    from then."""
    data = event.data_as(DecisionServed)
    return data.method == "announcement" and data.announced_on is not None


def _served_otherwise(event: CaseEvent) -> bool:
    return not _served_by_announcement(event)


def _announced_and_orders_payment(event: CaseEvent) -> bool:
    return _served_by_announcement(event) and _orders_payment(event)


def _served_otherwise_and_orders_payment(event: CaseEvent) -> bool:
    return _served_otherwise(event) and _orders_payment(event)


def _announced_general_procedure(event: CaseEvent) -> bool:
    return _served_by_announcement(event) and _general_procedure(event)


def _served_otherwise_general_procedure(event: CaseEvent) -> bool:
    return _served_otherwise(event) and _general_procedure(event)


# ``cases.models.remedies``: a judgment on the merits, and the ruling that refuses or dismisses (裁定).
JUDGED = frozenset({"upheld", "changed", "revoked", "confirmed_unlawful", "confirmed_invalid"})
NOT_ACCEPTED = "not_accepted"


def _remedy_decided(kind: str, outcomes: frozenset[str] = frozenset({*JUDGED, NOT_ACCEPTED})) -> Condition:
    """The outcome of a remedy of ``kind`` is one of ``outcomes`` — by default any the party may go on from: not a
    withdrawal, and not a mediation (a signed 调解书 binds, 行政复议法 第七十三条; 行政诉讼法 第六十条)."""

    def check(event: CaseEvent) -> bool:
        data = event.data_as(RemedyDecided)
        return data.kind == kind and data.outcome in outcomes

    return check


def _withdraws_publication(event: CaseEvent) -> bool:
    """行政处罚法 第四十八条第二款: the outcome — of a remedy, or the agency's own correction (第七十五条第二款) —
    changes, revokes, confirms unlawful or void a published decision that was not withdrawn (the service states it:
    ``withdraws_publication``)."""
    return event.data_as(DecisionOutcome).withdraws_publication


def _nothing_to_execute(event: CaseEvent) -> bool:
    return event.data_as(DecisionOutcome).outcome in NOTHING_TO_EXECUTE


def _not_publishable(event: CaseEvent) -> bool:
    return event.data_as(DecisionOutcome).outcome in NOT_PUBLISHABLE


def _enforceable_after_outcome(event: CaseEvent) -> bool:
    # A changed, upheld or withdrawn remedy leaves the decision to execute; the window is counted again.
    return event.data_as(RemedyDecided).outcome not in NOTHING_TO_EXECUTE and _orders_payment(event)


def _reminder_pending(event: CaseEvent) -> bool:
    # A reminder already served still precedes any later application: no second one is due.
    from ..models import Deadline

    served = Deadline.objects.filter(case_id=event.case_id, kind="enforcement_reminder", outcome=Outcome.MET)
    return _orders_payment(event) and not served.exists()


def _reminder_pending_after_outcome(event: CaseEvent) -> bool:
    return _enforceable_after_outcome(event) and _reminder_pending(event)


def _reminder_pending_after_change(event: CaseEvent) -> bool:
    """A reminder served before the change named the old sums (行政强制法 第三十五条: 明确的金额): the changed decision
    is reminded again before the application (``cases.guards.self_correction.reminder_after_change``)."""
    return _serves_changed_decision_ordering_payment(event)


def _collected_on_land(event: CaseEvent) -> bool:
    """行政处罚法 第七十一条: money collected on the spot reaches the agency within 2 working days of collection —
    of landing, when collected on water (``_landed``)."""
    data = event.data_as(PaymentRecorded)
    return data.channel == "on_spot" and not data.on_water


def _landed(event: CaseEvent) -> bool:
    return event.data_as(HandoverRecorded).landed_on is not None


def _handed_to_agency(event: CaseEvent) -> bool:
    return event.data_as(HandoverRecorded).handed_to_agency_on is not None


def _deposited(event: CaseEvent) -> bool:
    return event.data_as(HandoverRecorded).deposited_on is not None


def _limitation_start(event: CaseEvent) -> datetime.date | None:
    """行政处罚法 第三十六条第二款: counted from the act, or from its end when it continued."""
    data = event.data_as(Created)
    return data.violation_end_date or data.violation_date


def _limitation_months(case: Case) -> int:
    """行政处罚法 第三十六条第一款: two years; five where life and health or financial safety were harmed."""
    return 60 if case.matter.touches_safety and case.harm_occurred else 24


def _discovered_on(event: CaseEvent) -> datetime.date:
    return event.case.discovered_on


def _received(event: CaseEvent) -> datetime.date | None:
    """A remedy decision counts from its receipt, or its date when the receipt is not recorded (an agency's own
    correction, from its date)."""
    data = event.data_as(DecisionOutcome)
    return data.received_on or data.decided_on


def _lead_days(case: Case) -> int:
    from ..models import deadline_policy_for

    return deadline_policy_for(case.agency).lead_verification_working_days


def _extension_days(case: Case) -> int:
    from ..models import deadline_policy_for

    return deadline_policy_for(case.agency).case_time_limit_extension_days


def _statement_days(case: Case) -> int:
    return policy_for(case.agency).statement_period_working_days


def _review_days(case: Case) -> int:
    return policy_for(case.agency).legal_review_working_days


REMEDY_KINDS = ("reconsideration", "litigation", "litigation_after_reconsideration", "appeal", "appeal_ruling")


def remedy_periods_end(case: Case) -> datetime.date | None:
    """行政强制法 第五十三条: the court application is counted from the end of the remedy periods — the
    latest of the case's remedy windows — or, after an approved deferral or instalment plan, from its end
    when that is later (行政处罚法 第七十二条第二款; the payment deadline extended to the plan's end)."""
    from ..models import Deadline

    dues = (
        Deadline.objects.filter(case=case, kind__in=REMEDY_KINDS)
        .exclude(end_note=SUPERSEDED)
        .values_list("due_on", flat=True)
    )
    end = max(dues, default=None)
    if end is None:
        return None
    arranged = (
        Deadline.objects.filter(case=case, kind="payment", extensions__new_due_on__isnull=False)
        .values_list("extensions__new_due_on", flat=True)
        .order_by("-extensions__approved_at")
        .first()
    )
    return max(end, arranged) if arranged else end
