"""The answers of the police and the procuratorate, and what follows them (第七至十二条; 行政处罚法 第三十五条).

Each step runs through the registry on the referral (``common.run_step``): the guards of
``cases.guards.referral`` check who acts, the order of the steps and the dates, and ``apply`` writes the
days as the guards checked them (``rules.step_days``: today when left empty).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ...guards import Context
from ...guards import referral as rules
from ...models.referral import PoliceDecision, PoliceReferral, ProcuratorateResult, ReconsiderationResult
from .common import _accept, next_step, payload, run_step

Written = tuple[PoliceReferral, dict[str, Any]]


def _days(step: str, ctx: Context, ref: PoliceReferral) -> dict[str, datetime.date]:
    return {d.field: d.day for d in rules.step_days(step, ref, ctx.data, ctx.today)}


def record_police_receipt(
    *,
    referral: PoliceReferral,
    actor,
    received_on: datetime.date | None = None,
    receipt_number: str = "",
    forwarded_to: str = "",
) -> PoliceReferral:
    """公安机关在移送书回执上签字 (第七条); the police then decide within 3 days (第八条)."""

    def apply(ctx: Context, ref: PoliceReferral) -> Written:
        ref.received_on = _days("record_police_receipt", ctx, ref)["received_on"]
        ref.receipt_number, ref.forwarded_to = receipt_number.strip(), forwarded_to.strip()
        ref.save()
        # 第八条: the police decide within 3 days of receiving the case.
        next_ = next_step("record_police_decision", ref.received_on)
        facts: dict[str, Any] = {
            "received_on": ref.received_on,
            "receipt_number": ref.receipt_number,
            "forwarded_to": ref.forwarded_to,
        }
        return ref, payload(ref, next=next_, **facts)

    data = {"received_on": received_on, "receipt_number": receipt_number, "forwarded_to": forwarded_to}
    return run_step("record_police_receipt", referral=referral, actor=actor, data=data, apply=apply)


def record_police_decision(
    *,
    referral: PoliceReferral,
    actor,
    accepted: bool,
    decided_on: datetime.date | None = None,
    notice_received_on: datetime.date | None = None,
    reasons: str = "",
) -> PoliceReferral:
    """公安机关立案或者不予立案的书面通知 (第八条). A decline opens the 3-day windows of 第九条."""

    def apply(ctx: Context, ref: PoliceReferral) -> Written:
        days = _days("record_police_decision", ctx, ref)
        decided, notice = days["decided_on"], days["notice_received_on"]
        ref.police_decision = PoliceDecision.ACCEPTED if accepted else PoliceDecision.DECLINED
        ref.police_decided_on, ref.police_notice_received_on, ref.police_reasons = decided, notice, reasons.strip()
        # A decline: 第九条第一款, 3 days from the notice to ask for reconsideration — read as the window of the
        # procuratorate route too (same sentence: one row serves both, ``referral_reconsideration_request``);
        # a negative reconsideration later opens a new window for the procuratorate.
        next_ = _accept(ref, notice) if accepted else next_step("request_reconsideration", notice)
        ref.save()
        facts = {
            "decision": ref.police_decision,
            "decided_on": decided,
            "notice_received_on": notice,
            "reasons": ref.police_reasons,
        }
        return ref, payload(ref, row=ref.deadline("record_police_decision"), done=decided, next=next_, **facts)

    data = {
        "accepted": accepted,
        "decided_on": decided_on,
        "notice_received_on": notice_received_on,
        "reasons": reasons,
    }
    return run_step("record_police_decision", referral=referral, actor=actor, data=data, apply=apply)


def request_reconsideration(
    *, referral: PoliceReferral, actor, requested_on: datetime.date | None = None
) -> PoliceReferral:
    """提请公安机关复议 (第九条第一款): within 3 days of the decline notice; the police answer within 3 days."""

    def apply(ctx: Context, ref: PoliceReferral) -> Written:
        day = _days("request_reconsideration", ctx, ref)["requested_on"]
        ref.reconsideration_requested_on = day
        ref.save()
        # 第九条第二款: the police answer within 3 days of the request.
        next_ = next_step("record_reconsideration_result", day)
        row = ref.deadline("request_reconsideration")
        return ref, payload(ref, row=row, done=day, next=next_, requested_on=day)

    data = {"requested_on": requested_on}
    return run_step("request_reconsideration", referral=referral, actor=actor, data=data, apply=apply)


def record_reconsideration_result(
    *, referral: PoliceReferral, actor, accepted: bool, answered_on: datetime.date | None = None, note: str = ""
) -> PoliceReferral:
    """公安机关的复议决定 (第九条第二款). Upheld: the procuratorate may be asked within 3 days."""

    def apply(ctx: Context, ref: PoliceReferral) -> Written:
        day = _days("record_reconsideration_result", ctx, ref)["answered_on"]
        ref.reconsideration_answered_on = day
        if accepted:
            ref.reconsideration_result = ReconsiderationResult.ACCEPTED
            next_ = _accept(ref, day)
        else:
            ref.reconsideration_result = ReconsiderationResult.UPHELD
            # 第九条: a new window of 3 days for the procuratorate, from the answer.
            next_ = next_step("request_procuratorate_supervision", day)
        ref.save()
        facts = {"result": ref.reconsideration_result, "answered_on": day, "note": note}
        row = ref.deadline("record_reconsideration_result")
        return ref, payload(ref, row=row, done=day, next=next_, **facts)

    data = {"accepted": accepted, "answered_on": answered_on, "note": note}
    return run_step("record_reconsideration_result", referral=referral, actor=actor, data=data, apply=apply)


def request_procuratorate_supervision(
    *, referral: PoliceReferral, actor, requested_on: datetime.date | None = None, procuratorate: str = ""
) -> PoliceReferral:
    """建议人民检察院立案监督 (第九条): after the decline, or within 3 days of a negative reconsideration."""

    def apply(ctx: Context, ref: PoliceReferral) -> Written:
        day = _days("request_procuratorate_supervision", ctx, ref)["requested_on"]
        ref.procuratorate_requested_on, ref.procuratorate = day, procuratorate.strip()
        ref.save()
        after = bool(ref.reconsideration_result)
        # 第九条: straight after the decline the window is the decline's (one for both remedies); after an upheld
        # reconsideration, the window the answer opened.
        row = ref.deadline("request_procuratorate_supervision" if after else "request_reconsideration")
        facts = {"procuratorate": ref.procuratorate, "after_reconsideration": after, "requested_on": day}
        return ref, payload(ref, row=row, done=day, **facts)

    data = {"requested_on": requested_on, "procuratorate": procuratorate}
    return run_step("request_procuratorate_supervision", referral=referral, actor=actor, data=data, apply=apply)


def record_procuratorate_result(
    *, referral: PoliceReferral, actor, police_filed: bool, notified_on: datetime.date | None = None, note: str = ""
) -> PoliceReferral:
    """立案监督的结果 (《人民检察院办理行政执法机关移送涉嫌犯罪案件的规定》第十一条)."""

    def apply(ctx: Context, ref: PoliceReferral) -> Written:
        day = _days("record_procuratorate_result", ctx, ref)["notified_on"]
        ref.procuratorate_result_on = day
        ref.procuratorate_result = (
            ProcuratorateResult.POLICE_FILED if police_filed else ProcuratorateResult.REASONS_UPHELD
        )
        next_ = _accept(ref, day) if police_filed else None
        ref.save()
        facts: dict[str, Any] = {"result": ref.procuratorate_result, "notified_on": day, "note": note, "next": next_}
        return ref, payload(ref, **facts)

    data = {"police_filed": police_filed, "notified_on": notified_on, "note": note}
    return run_step("record_procuratorate_result", referral=referral, actor=actor, data=data, apply=apply)


def record_items_handover(
    *, referral: PoliceReferral, actor, handed_over_on: datetime.date | None = None, note: str = ""
) -> PoliceReferral:
    """移交涉案物品及有关材料，办结交接手续 (第十二条): within 3 days of the police's filing notice."""

    def apply(ctx: Context, ref: PoliceReferral) -> Written:
        day = _days("record_items_handover", ctx, ref)["handed_over_on"]
        ref.items_handed_over_on, ref.items_note = day, note
        ref.save()
        row = ref.deadline("record_items_handover")
        return ref, payload(ref, row=row, done=day, note=note, handed_over_on=day)

    data = {"handed_over_on": handed_over_on, "note": note}
    return run_step("record_items_handover", referral=referral, actor=actor, data=data, apply=apply)


def record_fines_already_imposed(*, referral: PoliceReferral, actor, amount: Decimal, note: str = "") -> PoliceReferral:
    """移送前已给予的罚款 (行政处罚法 第三十五条第二款; 移送规定 第十一条第三款): credited against a criminal fine."""

    def apply(ctx: Context, ref: PoliceReferral) -> Written:
        previous, ref.fines_already_imposed = ref.fines_already_imposed, amount
        ref.save(update_fields=["fines_already_imposed"])
        return ref, payload(ref, amount=amount, previous=previous, note=note)

    data = {"amount": amount, "note": note}
    return run_step("record_fines_already_imposed", referral=referral, actor=actor, data=data, apply=apply)
