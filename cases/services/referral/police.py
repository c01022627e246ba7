"""The answers of the police and the procuratorate, and what follows them (第七至十二条; 行政处罚法 第三十五条)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ...choices import TERMINAL_STATES
from ...guards import referral as rules
from ...models.referral import PoliceDecision, PoliceReferral, ProcuratorateResult, ReconsiderationResult
from .common import (
    _accept,
    _day,
    _event,
    _lock,
    _may_act,
    _officer,
    _referred_step,
    _refuse,
    _set_due,
)


@transaction.atomic
def record_police_receipt(
    *,
    referral: PoliceReferral,
    actor,
    received_on: datetime.date | None = None,
    receipt_number: str = "",
    forwarded_to: str = "",
) -> PoliceReferral:
    """公安机关在移送书回执上签字 (第七条); the police then decide within 3 days (第八条)."""
    case, ref = _referred_step(referral, actor, "登记公安机关签收回执")
    if ref.received_on:
        _refuse("receipt_already_recorded", "已登记公安机关签收回执。", rules.REFERRAL_ART_7)
    handed = timezone.localdate(ref.handed_over_at)
    ref.received_on = _day(received_on, after=handed, what="签收日期", since="移送日期")
    ref.receipt_number, ref.forwarded_to = receipt_number.strip(), forwarded_to.strip()
    next_ = _set_due(ref, "police_decision_due", "record_police_decision", ref.received_on)
    ref.save()
    facts = {"received_on": ref.received_on, "receipt_number": ref.receipt_number, "forwarded_to": ref.forwarded_to}
    _event(case, actor, "record_police_receipt", ref, next=next_, **facts)
    return ref


@transaction.atomic
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
    case, ref = _referred_step(referral, actor, "登记公安机关的决定")
    if not ref.received_on:
        _refuse("police_receipt_pending", "请先登记公安机关签收移送书回执。", rules.REFERRAL_ART_7)
    if ref.police_decision:
        _refuse("police_decision_already_recorded", "已登记公安机关的决定。", rules.REFERRAL_ART_8)
    if not accepted and not reasons.strip():
        _refuse("police_reasons_missing", "公安机关不予立案的，应当说明理由，请登记其理由。", rules.REFERRAL_ART_8)
    decided = _day(decided_on, after=ref.received_on, what="公安机关决定日期", since="签收日期")
    notice = _day(notice_received_on or decided, after=decided, what="收到通知书日期", since="决定日期")
    ref.police_decision = PoliceDecision.ACCEPTED if accepted else PoliceDecision.DECLINED
    ref.police_decided_on, ref.police_notice_received_on, ref.police_reasons = decided, notice, reasons.strip()
    if accepted:
        next_ = _accept(ref, notice)
    else:
        # 第九条第一款: 3 days from the decline notice to ask for reconsideration — read as the window of the
        # procuratorate route too (same sentence); a negative reconsideration later restarts that window.
        next_ = _set_due(ref, "reconsideration_request_due", "request_reconsideration", notice)
        ref.procuratorate_due = ref.reconsideration_request_due
    ref.save()
    facts = {"decision": ref.police_decision, "decided_on": decided, "notice_received_on": notice}
    _event(case, actor, "record_police_decision", ref, due=ref.police_decision_due, done=decided, next=next_, **facts)
    return ref


@transaction.atomic
def request_reconsideration(
    *, referral: PoliceReferral, actor, requested_on: datetime.date | None = None
) -> PoliceReferral:
    """提请公安机关复议 (第九条第一款): within 3 days of the decline notice; the police answer within 3 days."""
    case, ref = _referred_step(referral, actor, "提请公安机关复议")
    if not ref.police_declined:
        _refuse("police_not_declined", "公安机关未作出不予立案决定，无需提请复议。", rules.REFERRAL_ART_9)
    if ref.reconsideration_requested_on:
        _refuse("reconsideration_already_requested", "已提请公安机关复议。", rules.REFERRAL_ART_9)
    if ref.procuratorate_requested_on:
        _refuse("procuratorate_already_requested", "已建议人民检察院立案监督，不再提请复议。", rules.REFERRAL_ART_9)
    day = _day(requested_on, after=ref.police_notice_received_on, what="提请复议日期", since="收到不予立案通知书日期")
    ref.reconsideration_requested_on = day
    next_ = _set_due(ref, "reconsideration_answer_due", "record_reconsideration_result", day)
    ref.save()
    _event(case, actor, "request_reconsideration", ref, due=ref.reconsideration_request_due, done=day, next=next_)
    return ref


@transaction.atomic
def record_reconsideration_result(
    *, referral: PoliceReferral, actor, accepted: bool, answered_on: datetime.date | None = None, note: str = ""
) -> PoliceReferral:
    """公安机关的复议决定 (第九条第二款). Upheld: the procuratorate may be asked within 3 days."""
    case, ref = _referred_step(referral, actor, "登记复议决定")
    if not ref.reconsideration_requested_on or ref.reconsideration_result:
        _refuse("no_reconsideration_pending", "没有待作出决定的复议。", rules.REFERRAL_ART_9)
    day = _day(answered_on, after=ref.reconsideration_requested_on, what="收到复议决定日期", since="提请复议日期")
    ref.reconsideration_answered_on = day
    if accepted:
        ref.reconsideration_result = ReconsiderationResult.ACCEPTED
        next_ = _accept(ref, day)
    else:
        ref.reconsideration_result = ReconsiderationResult.UPHELD
        next_ = _set_due(ref, "procuratorate_due", "request_procuratorate_supervision", day)
    ref.save()
    facts = {"result": ref.reconsideration_result, "answered_on": day, "note": note}
    due = ref.reconsideration_answer_due
    _event(case, actor, "record_reconsideration_result", ref, due=due, done=day, next=next_, **facts)
    return ref


@transaction.atomic
def request_procuratorate_supervision(
    *, referral: PoliceReferral, actor, requested_on: datetime.date | None = None, procuratorate: str = ""
) -> PoliceReferral:
    """建议人民检察院立案监督 (第九条): after the decline, or within 3 days of a negative reconsideration."""
    case, ref = _referred_step(referral, actor, "建议人民检察院立案监督")
    if not ref.police_declined:
        _refuse("police_not_declined", "公安机关未作出不予立案决定。", rules.REFERRAL_ART_9)
    if ref.procuratorate_requested_on:
        _refuse("procuratorate_already_requested", "已建议人民检察院立案监督。", rules.REFERRAL_ART_9)
    if ref.reconsideration_requested_on and not ref.reconsideration_result:
        _refuse("reconsideration_pending", "复议决定作出后，方可对复议决定建议立案监督。", rules.REFERRAL_ART_9)
    since = ref.reconsideration_answered_on or ref.police_notice_received_on
    day = _day(requested_on, after=since, what="建议立案监督日期", since="收到通知书日期")
    ref.procuratorate_requested_on, ref.procuratorate = day, procuratorate.strip()
    ref.save()
    facts = {"procuratorate": ref.procuratorate, "after_reconsideration": bool(ref.reconsideration_result)}
    _event(case, actor, "request_procuratorate_supervision", ref, due=ref.procuratorate_due, done=day, **facts)
    return ref


@transaction.atomic
def record_procuratorate_result(
    *, referral: PoliceReferral, actor, police_filed: bool, notified_on: datetime.date | None = None, note: str = ""
) -> PoliceReferral:
    """立案监督的结果 (《人民检察院办理行政执法机关移送涉嫌犯罪案件的规定》第十一条)."""
    case, ref = _referred_step(referral, actor, "登记立案监督结果")
    if not ref.procuratorate_requested_on or ref.procuratorate_result:
        _refuse("no_supervision_pending", "没有待答复的立案监督建议。", rules.REFERRAL_ART_9)
    day = _day(notified_on, after=ref.procuratorate_requested_on, what="收到监督结果日期", since="建议立案监督日期")
    ref.procuratorate_result_on = day
    ref.procuratorate_result = ProcuratorateResult.POLICE_FILED if police_filed else ProcuratorateResult.REASONS_UPHELD
    next_ = _accept(ref, day) if police_filed else None
    ref.save()
    facts = {"result": ref.procuratorate_result, "notified_on": day, "note": note, "next": next_}
    _event(case, actor, "record_procuratorate_result", ref, **facts)
    return ref


@transaction.atomic
def record_items_handover(
    *, referral: PoliceReferral, actor, handed_over_on: datetime.date | None = None, note: str = ""
) -> PoliceReferral:
    """移交涉案物品及有关材料，办结交接手续 (第十二条): within 3 days of the police's filing notice."""
    case, ref = _referred_step(referral, actor, "登记涉案物品移交")
    if not ref.closed_by_police_acceptance:
        _refuse("police_not_accepted", "公安机关决定立案后，方移交涉案物品。", rules.REFERRAL_ART_12)
    if ref.items_handed_over_on:
        _refuse("items_already_handed_over", "涉案物品已经移交。", rules.REFERRAL_ART_12)
    day = _day(handed_over_on, after=ref.received_on, what="移交日期", since="签收日期")
    ref.items_handed_over_on, ref.items_note = day, note
    ref.save()
    _event(case, actor, "record_items_handover", ref, due=ref.items_due, done=day, note=note)
    return ref


@transaction.atomic
def record_fines_already_imposed(*, referral: PoliceReferral, actor, amount: Decimal, note: str = "") -> PoliceReferral:
    """移送前已给予的罚款 (行政处罚法 第三十五条第二款; 移送规定 第十一条第三款): credited against a criminal fine."""
    case, ref = _lock(referral)
    _may_act(case, _officer(actor), ref, "登记已给予的罚款")
    if case.status in TERMINAL_STATES or ref.approved is False or ref.finally_declined_at:
        _refuse("referral_not_open", "该移送已经办结或未获批准。", rules.ART_35)
    if amount is None or amount < 0:
        _refuse("amount_invalid", "罚款金额不能为负数。", rules.ART_35)
    previous, ref.fines_already_imposed = ref.fines_already_imposed, amount
    ref.save(update_fields=["fines_already_imposed"])
    _event(case, actor, "record_fines_already_imposed", ref, amount=amount, previous=previous, note=note)
    return ref


# name → service of the steps outside the transitions (forms: cases.forms.referral.ACTION_FORMS).
# ``submit_referral_report`` takes ``case=``; the others take ``referral=current_referral(case)``.
