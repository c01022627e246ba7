"""缴款: payments from bank receipts and on-the-spot collections (the ``record_payment`` transition), their
hand-over to the agency and the bank, and deferral or instalments (行政处罚法 第六十六条至第七十一条)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from kernel.money import plain

from ...guards import execution as rules
from ...models import Case
from ...models.execution import ArrangementKind, Payment, PaymentArrangement, PaymentChannel
from ..runner import lock_case, run_transition
from .common import acting_officer, day, officer_ref, record, refuse


def ledger_payload(led: rules.Ledger) -> dict[str, Any]:
    return {
        "on": day(led.on),
        "fine": plain(led.fine),
        "illegal_gains": plain(led.gains),
        "surcharge": plain(led.surcharge),
        "owed": plain(led.owed),
        "paid": plain(led.paid),
        "outstanding": plain(led.outstanding),
        "payment_due_on": day(led.payment_due.date) if led.payment_due else None,
    }


def record_payment(
    *,
    case: Case,
    actor,
    paid_on: datetime.date,
    amount: Decimal,
    channel: str,
    receipt_number: str,
    bank: str = "",
    on_spot_ground: str = "",
    on_spot_reason: str = "",
    party_requested: bool = False,
    on_water: bool = False,
) -> Case:
    """登记缴款 from the bank's receipt (罚缴分离, 第六十七条), or an on-the-spot collection under 第六十八条 or
    第六十九条 with the official receipt (第七十条); never more than is owed.

    The event (``record_payment``) carries ``payment``, ``paid_on``, ``amount``, ``channel``, ``receipt_number``,
    for an on-the-spot collection ``agency_due_on`` (第七十一条: 2 working days; null on water until landing) and
    ``ledger``: the fine, gains, surcharge, owed, paid and outstanding at the end of the recording day.
    """
    data = {
        "paid_on": paid_on,
        "amount": amount,
        "channel": channel,
        "receipt_number": receipt_number.strip(),
        "bank": bank.strip(),
        "on_spot_ground": on_spot_ground if channel == PaymentChannel.ON_SPOT else "",
        "on_spot_reason": on_spot_reason.strip() if channel == PaymentChannel.ON_SPOT else "",
        "party_requested": bool(party_requested),
        "on_water": bool(on_water and channel == PaymentChannel.ON_SPOT),
    }

    def apply(c: Case) -> dict[str, Any]:
        on_spot = channel == PaymentChannel.ON_SPOT
        due = rules.handover_due(paid_on) if on_spot and not data["on_water"] else None
        payment = Payment.objects.create(
            case=c,
            **data,
            collected_by=acting_officer(actor) if on_spot else None,
            agency_due_on=due.date if due else None,
            provisional=bool(due and due.provisional),
            recorded_by=actor,
        )
        led = rules.ledger_of(c, on=timezone.localdate())
        return {
            "payment": payment.pk,
            "paid_on": day(paid_on),
            "amount": plain(amount),
            "channel": channel,
            "bank": payment.bank,
            "receipt_number": payment.receipt_number,
            "on_spot_ground": payment.on_spot_ground,
            "agency_due_on": day(payment.agency_due_on),
            "provisional": payment.provisional,
            "paid_in_full": led.paid_in_full,
            "ledger": ledger_payload(led),
        }

    return run_transition(case=case, name="record_payment", actor=actor, data=data, apply=apply)


@transaction.atomic
def record_handover(
    *,
    payment: Payment,
    actor,
    handed_to_agency_on: datetime.date | None = None,
    deposited_on: datetime.date | None = None,
    landed_on: datetime.date | None = None,
) -> Payment:
    """第七十一条: money collected on the spot reaches the agency within 2 working days of collection (of landing,
    on water) and the designated bank within 2 more. Late hand-overs are recorded and flagged."""
    case = lock_case(payment.case_id)
    item = Payment.objects.select_for_update().get(pk=payment.pk)
    today = timezone.localdate()
    refuse(
        rules.handover_reasons(
            item,
            case,
            acting_officer(actor),
            landed_on=landed_on,
            handed_to_agency_on=handed_to_agency_on,
            deposited_on=deposited_on,
            today=today,
        )
    )
    if landed_on is not None:
        item.landed_on = landed_on
        due = rules.handover_due(landed_on)
        item.agency_due_on, item.provisional = due.date, item.provisional or due.provisional
    if handed_to_agency_on is not None:
        item.handed_to_agency_on = handed_to_agency_on
        due = rules.handover_due(handed_to_agency_on)
        item.bank_due_on, item.provisional = due.date, item.provisional or due.provisional
    if deposited_on is not None:
        item.deposited_on = deposited_on
    item.save()
    record(
        case,
        actor,
        "record_handover",
        {
            "payment": item.pk,
            "receipt_number": item.receipt_number,
            "landed_on": day(item.landed_on),
            "agency_due_on": day(item.agency_due_on),
            "handed_to_agency_on": day(item.handed_to_agency_on),
            "handover_late": item.handover_late,
            "bank_due_on": day(item.bank_due_on),
            "deposited_on": day(item.deposited_on),
            "deposit_late": item.deposit_late,
            "provisional": item.provisional,
        },
    )
    return item


@transaction.atomic
def approve_arrangement(
    *,
    case: Case,
    actor,
    kind: str,
    applied_on: datetime.date,
    reason: str,
    deferred_until: datetime.date | None = None,
    instalments: list[tuple[datetime.date, Decimal]] | None = None,
) -> PaymentArrangement:
    """暂缓或者分期缴纳 (第六十六条第二款): the party's application for real hardship, approved by a head. The
    schedule covers the unpaid fine; its end starts the court application period (第七十二条第二款).

    Event ``approve_arrangement``: ``arrangement``, ``kind``, ``applied_on``, ``approved_on``, ``ends_on``,
    ``amount``, ``instalments`` ([{due_on, amount}]), ``reason``, ``approved_by``.
    """
    locked = lock_case(case.pk)
    officer = acting_officer(actor)
    today = timezone.localdate()
    led = rules.ledger_of(locked, on=today)
    plan = list(instalments or [])
    refuse(
        rules.arrangement_reasons(
            locked,
            officer,
            led,
            kind=kind,
            applied_on=applied_on,
            reason=reason,
            deferred_until=deferred_until,
            instalments=plan,
            today=today,
        )
    )
    # arrangement_reasons has refused a caller who is no head, and a deferral without its date.
    assert officer is not None, "refused above"
    if kind == ArrangementKind.DEFERRAL:
        assert deferred_until is not None, "refused above"
        plan = [(deferred_until, led.fine_unpaid)]
    schedule = [{"due_on": day(due_on), "amount": plain(amount)} for due_on, amount in plan]
    arrangement = PaymentArrangement.objects.create(
        case=locked,
        kind=kind,
        applied_on=applied_on,
        reason=reason.strip(),
        amount=led.fine_unpaid,
        instalments=schedule,
        ends_on=plan[-1][0],
        approved_by=officer,
        approved_on=today,
        recorded_by=actor,
    )
    record(
        locked,
        actor,
        "approve_arrangement",
        {
            "arrangement": arrangement.pk,
            "kind": kind,
            "applied_on": day(applied_on),
            "approved_on": day(today),
            "ends_on": day(arrangement.ends_on),
            "amount": plain(arrangement.amount),
            "instalments": schedule,
            "reason": arrangement.reason,
            "approved_by": officer_ref(officer),
        },
    )
    return arrangement
