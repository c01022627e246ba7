"""缴款: payments from bank receipts and on-the-spot collections (the ``record_payment`` transition), their
hand-over to the agency and the bank, and deferral or instalments (行政处罚法 第六十六条至第七十一条).

The hand-over's two working days (to the agency from the collection, or from landing on water; to the bank from
reaching the agency) are the deadlines ``collection_handover`` and ``collection_deposit`` these events open and
meet; a deferral or instalment plan moves the deadline ``payment`` to its end (``deadline_watch.openers``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kernel.money import plain
from officers.selectors import officer_for_user

from ...guards import Context
from ...guards import execution as rules
from ...models import Case
from ...models.execution import ArrangementKind, Payment, PaymentArrangement, PaymentChannel
from ..runner import run_action, run_transition
from .common import day, locking, officer_ref


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
    ``on_spot_ground``, ``on_water`` (第七十一条: the hand-over counts from landing) and ``ledger``: the fine, gains,
    surcharge, owed, paid and outstanding at the end of the recording day.
    """
    on_spot = channel == PaymentChannel.ON_SPOT
    data = {
        "paid_on": paid_on,
        "amount": amount,
        "channel": channel,
        "receipt_number": receipt_number.strip(),
        "bank": bank.strip(),
        "on_spot_ground": on_spot_ground if on_spot else "",
        "on_spot_reason": on_spot_reason.strip() if on_spot else "",
        "party_requested": bool(party_requested),
        "on_water": bool(on_water and on_spot),
    }

    def apply(c: Case) -> dict[str, Any]:
        payment = Payment.objects.create(
            case=c, **data, collected_by=officer_for_user(actor) if on_spot else None, recorded_by=actor
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
            "on_water": payment.on_water,
            "paid_in_full": led.paid_in_full,
            "ledger": ledger_payload(led),
        }

    return run_transition(case=case, name="record_payment", actor=actor, data=data, apply=apply)


def record_handover(
    *,
    payment: Payment,
    actor,
    handed_to_agency_on: datetime.date | None = None,
    deposited_on: datetime.date | None = None,
    landed_on: datetime.date | None = None,
) -> Payment:
    """第七十一条: money collected on the spot reaches the agency within 2 working days of collection (of landing,
    on water) and the designated bank within 2 more. A late hand-over is recorded; its deadline says it was late.

    Event ``record_handover``: ``payment``, ``receipt_number`` and the dates this step records — ``landed_on``,
    ``handed_to_agency_on``, ``deposited_on`` (each null when not recorded by it).
    """
    case = Case.objects.get(pk=payment.case_id)
    return handover(
        case=case,
        actor=actor,
        payment=payment.pk,
        handed_to_agency_on=handed_to_agency_on,
        deposited_on=deposited_on,
        landed_on=landed_on,
    )


def handover(
    *,
    case: Case,
    actor,
    payment: int | None,
    handed_to_agency_on: datetime.date | None = None,
    deposited_on: datetime.date | None = None,
    landed_on: datetime.date | None = None,
) -> Payment:
    """``record_handover`` of the case's payment ``payment`` (its id; None refuses with the guards' reason)."""
    data: dict[str, Any] = {
        "payment": payment,
        "landed_on": landed_on,
        "handed_to_agency_on": handed_to_agency_on,
        "deposited_on": deposited_on,
    }

    def apply(ctx: Context) -> tuple[Payment, dict[str, Any]]:
        item: Payment = ctx.target
        if landed_on is not None:
            item.landed_on = landed_on
        if handed_to_agency_on is not None:
            item.handed_to_agency_on = handed_to_agency_on
        if deposited_on is not None:
            item.deposited_on = deposited_on
        item.save(update_fields=["landed_on", "handed_to_agency_on", "deposited_on"])
        return item, {
            "payment": item.pk,
            "receipt_number": item.receipt_number,
            "landed_on": day(landed_on),
            "handed_to_agency_on": day(handed_to_agency_on),
            "deposited_on": day(deposited_on),
        }

    return run_action(
        case=case, name="record_handover", actor=actor, data=data, apply=apply, target=locking(Payment, payment)
    )


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
    schedule covers the unpaid fine; its end moves the deadline ``payment`` and starts the court application period
    (第七十二条第二款).

    Event ``approve_arrangement``: ``arrangement``, ``kind``, ``applied_on``, ``approved_on``, ``ends_on``,
    ``amount``, ``instalments`` ([{due_on, amount}]), ``reason``, ``approved_by``.
    """
    data = {
        "kind": kind,
        "applied_on": applied_on,
        "reason": reason,
        "deferred_until": deferred_until,
        "instalments": list(instalments or []),
    }

    def apply(ctx: Context) -> tuple[PaymentArrangement, dict[str, Any]]:
        # The guards refused a caller who is no head, and a deferral without its date.
        officer = ctx.officer
        assert officer is not None, "arrangement_approved_by_head refuses a caller who is no head"
        led = rules.ledger(ctx)
        plan = list(instalments or [])
        if kind == ArrangementKind.DEFERRAL:
            assert deferred_until is not None, "arrangement_terms refuses a deferral without its date"
            plan = [(deferred_until, led.fine_unpaid)]
        schedule = [{"due_on": day(due_on), "amount": plain(amount)} for due_on, amount in plan]
        arrangement = PaymentArrangement.objects.create(
            case=ctx.case,
            kind=kind,
            applied_on=applied_on,
            reason=reason.strip(),
            amount=led.fine_unpaid,
            instalments=schedule,
            ends_on=plan[-1][0],
            approved_by=officer,
            approved_on=ctx.today,
            recorded_by=actor,
        )
        return arrangement, {
            "arrangement": arrangement.pk,
            "kind": kind,
            "applied_on": day(applied_on),
            "approved_on": day(ctx.today),
            "ends_on": day(arrangement.ends_on),
            "amount": plain(arrangement.amount),
            "instalments": schedule,
            "reason": arrangement.reason,
            "approved_by": officer_ref(officer),
        }

    return run_action(case=case, name="approve_arrangement", actor=actor, data=data, apply=apply)
