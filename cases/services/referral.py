"""Referral of a suspected crime to the police (两法衔接; 国务院《行政执法机关移送涉嫌犯罪案件的规定》2020).

Every service takes the acting user, runs in one transaction with the case row locked (then the
referral row), refuses with :class:`ActionRefused` reasons, and appends one case event naming the step,
its due time and whether it was late: a late step is recorded, never refused. The periods are three
days by ``clock.periods``: calendar days rolled over holidays, or working days when the agency's policy
says so. ``refer_to_police`` and ``resume_after_referral`` are transitions run by :func:`run_transition`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from clock.periods import Due, add_calendar_days, add_hours, add_working_days
from enforcement.rules import REFERRAL_ART_5, ActionRefused, Reason
from officers.models import Officer, policy_for
from officers.selectors import officer_for_user

from ..choices import TERMINAL_STATES, CaseStatus
from ..guards import referral as rules
from ..models import Case
from ..models.case import REFERRABLE
from ..models.referral import OPEN_REFERRAL, PoliceDecision, PoliceReferral, ProcuratorateResult, ReconsiderationResult
from .events import append_event
from .runner import TransitionBlocked, lock_case, run_transition

REFERRAL_EVENT = "referral"  # CaseEvent.event_type of the non-transition referral steps
REFERRAL_DAYS = 3  # 第五条、第八条、第九条、第十二条: every day-period of the regulation is three days
HANDOVER_HOURS = 24  # 第五条第二款: hand-over within 24 hours of approval

current_referral = rules.referral_of  # the case's latest referral, for pages and the API


# --- helpers ---------------------------------------------------------------------------


def _refuse(code: str, detail: str, article: str = "") -> None:
    raise ActionRefused([Reason(code, detail, article)])


def _officer(actor) -> Officer:
    officer = officer_for_user(actor)
    if officer is None:
        _refuse("not_an_officer", "当前账号未关联执法机关工作人员。", "")
    return officer


def _ref(officer: Officer) -> dict[str, Any]:
    return {"id": officer.pk, "name": officer.name}


def _is_handler(case: Case, officer: Officer) -> bool:
    return any(a.officer_id == officer.pk and a.recused_at is None for a in case.assignments.all())


def _set_due(referral: PoliceReferral, field: str, step: str, start: datetime.date) -> dict[str, Any]:
    """Three days after ``start`` into ``field``; returns the event's ``next`` entry."""
    due: Due = (
        add_working_days(start, REFERRAL_DAYS)
        if referral.working_days
        else add_calendar_days(start, REFERRAL_DAYS, roll=True)
    )
    setattr(referral, field, due.date)
    if due.provisional and step not in referral.provisional_dues:
        referral.provisional_dues = [*referral.provisional_dues, step]
    return {"step": step, "due": due.date, "provisional": due.provisional}


def _event(case: Case, actor, step: str, referral: PoliceReferral, *, due=None, done=None, **facts: Any) -> None:
    payload = {"referral": referral.pk, "counting": "working_days" if referral.working_days else "calendar_days"}
    if due is not None:
        payload |= {"due": due, "overdue": done > due}
    append_event(case=case, event_type=REFERRAL_EVENT, actor=actor, name=step, payload=payload | facts)


def _lock(referral: PoliceReferral) -> tuple[Case, PoliceReferral]:
    # Always the case first, then the referral: the same order as the transitions.
    case = lock_case(referral.case_id)
    ref = PoliceReferral.objects.select_for_update().get(pk=referral.pk)
    ref.case = case  # the locked, prefetched row
    return case, ref


def _may_act(case: Case, officer: Officer, referral: PoliceReferral, what: str) -> None:
    if officer.agency_id == case.agency_id and (
        officer.is_head or _is_handler(case, officer) or referral.team.filter(pk=officer.pk).exists()
    ):
        return
    _refuse("not_referral_officer", f"只有本案承办人、专案组成员或本机关负责人才能{what}。", REFERRAL_ART_5)


def _day(day: datetime.date | None, *, after: datetime.date | None, what: str, since: str) -> datetime.date:
    today = timezone.localdate()
    day = day or today
    if day > today:
        _refuse("date_in_future", f"{what}（{day:%Y-%m-%d}）不能晚于今天。")
    if after and day < after:
        _refuse("date_before_previous_step", f"{what}（{day:%Y-%m-%d}）不能早于{since}（{after:%Y-%m-%d}）。")
    return day


def _referred_step(referral: PoliceReferral, actor, what: str) -> tuple[Case, PoliceReferral]:
    """Lock, check the actor, and require the case to stand referred on this referral."""
    case, ref = _lock(referral)
    _may_act(case, _officer(actor), ref, what)
    if case.status != CaseStatus.REFERRED or not ref.handed_over_at or ref.finally_declined_at:
        _refuse("not_referred", "本案尚未移送公安机关，或者该移送已经办结。", rules.REFERRAL_ART_8)
    return case, ref


def _accept(ref: PoliceReferral, notice_on: datetime.date) -> dict[str, Any]:
    # 第十二条: items and materials within 3 days of receiving the police's filing notice.
    ref.closed_by_police_acceptance = True
    return _set_due(ref, "items_due", "record_items_handover", notice_on)


# --- the report and the principal head's decision (第五条) ------------------------------


@transaction.atomic
def submit_referral_report(*, case: Case, actor, team: Iterable[Officer], report: str) -> PoliceReferral:
    """专案组提出移送涉嫌犯罪案件的书面报告 (第五条第一款; 行政处罚法 第二十七条)."""
    locked = lock_case(case.pk)
    me = _officer(actor)
    today = timezone.localdate()
    reasons: list[Reason] = []
    if locked.status not in REFERRABLE:
        label = CaseStatus(locked.status).label
        reasons.append(
            Reason("wrong_state", f"案件当前处于“{label}”阶段，不能提出移送涉嫌犯罪案件报告。", rules.ART_27)
        )
    if not _is_handler(locked, me):
        reasons.append(Reason("not_a_handler", "只有本案的承办人才能提出移送涉嫌犯罪案件报告。", REFERRAL_ART_5))
    if PoliceReferral.objects.filter(OPEN_REFERRAL, case=locked).exists():
        reasons.append(Reason("referral_already_open", "本案已有尚未办结的涉嫌犯罪案件移送。", REFERRAL_ART_5))
    members = list(
        Officer.objects.filter(pk__in={o.pk for o in team})
        .select_related("user")
        .prefetch_related("certificates__domains", "certificates__status_changes")
    )
    reasons += rules.team_reasons(members, locked, today)
    if not report.strip():
        reasons.append(Reason("referral_report_missing", "请填写涉嫌犯罪案件情况的调查报告。", REFERRAL_ART_5))
    if reasons:
        raise ActionRefused(reasons)

    referral = PoliceReferral(
        case=locked,
        report=report.strip(),
        submitted_at=timezone.now(),
        submitted_by=actor,
        working_days=policy_for(locked.agency).referral_days_are_working_days,
    )
    # 第五条第二款: the principal head decides within 3 days of receiving the report.
    next_ = _set_due(referral, "decision_due", "decide_referral", today)
    referral.save()
    referral.team.set(members)
    _event(locked, actor, "submit_referral_report", referral, team=[_ref(o) for o in members], next=next_)
    return referral


@transaction.atomic
def decide_referral(*, referral: PoliceReferral, actor, approved: bool, reason: str = "") -> PoliceReferral:
    """正职负责人审批移送 (第五条第二款): only the principal head (or the head presiding), within 3 days."""
    case, ref = _lock(referral)
    me = _officer(actor)
    reasons = rules.decision_reasons(ref, me, approved=approved, reason=reason)
    if reasons:
        raise ActionRefused(reasons)

    now = timezone.now()
    ref.decided_by, ref.decided_at, ref.approved = me, now, approved
    ref.rejection_reason = "" if approved else reason.strip()
    facts: dict[str, Any] = {"approved": approved, "reason": reason.strip(), "decided_by": _ref(me)}
    if approved:
        ref.handover_due = add_hours(now, HANDOVER_HOURS)
        facts["next"] = {"step": "refer_to_police", "due": ref.handover_due, "provisional": False}
    ref.save()
    _event(case, actor, "decide_referral", ref, due=ref.decision_due, done=timezone.localdate(now), **facts)
    return ref


# --- the transitions ---------------------------------------------------------------------


def refer_to_police(*, case: Case, actor, police_organ: str, materials: Iterable[str], note: str = "") -> Case:
    """向同级公安机关移送 (第五条第二款、第六条): the approved referral with its attachments; case → referred."""
    materials = sorted(set(materials))
    data = {"police_organ": police_organ, "materials": materials, "note": note}

    def apply(c: Case) -> dict[str, Any]:
        ref = PoliceReferral.objects.select_for_update().filter(case=c).order_by("-pk").first()
        reasons = rules.approved_reasons(ref) + rules.materials_reasons(materials)
        if not police_organ.strip():
            reasons.append(Reason("police_organ_missing", "请填写接受移送的同级公安机关。", REFERRAL_ART_5))
        if reasons:
            raise TransitionBlocked("refer_to_police", reasons)
        now = timezone.now()
        ref.police_organ, ref.handed_over_at, ref.handed_over_by = police_organ.strip(), now, actor
        ref.materials, ref.handover_note = materials, note
        if ref.fines_already_imposed is None and c.decided_fine_amount:
            ref.fines_already_imposed = c.decided_fine_amount  # 行政处罚法 第三十五条: to be credited
        ref.save()
        return {
            "step": "refer_to_police",
            "referral": ref.pk,
            "police_organ": ref.police_organ,
            "materials": materials,
            "note": note,
            "due": ref.handover_due,
            "overdue": now > ref.handover_due,
            "fines_already_imposed": ref.fines_already_imposed,
        }

    return run_transition(case=case, name="refer_to_police", actor=actor, data=data, apply=apply)


def resume_after_referral(*, case: Case, actor, note: str) -> Case:
    """恢复行政处理 (第十条): the police declined for good; the case returns to its state before the referral."""

    def apply(c: Case) -> dict[str, Any]:
        ref = PoliceReferral.objects.select_for_update().filter(case=c).order_by("-pk").first()
        reasons = rules.finally_declined_reasons(ref, timezone.localdate())
        if reasons:
            raise TransitionBlocked("resume_after_referral", reasons)
        ref.finally_declined_at = timezone.now()
        ref.save(update_fields=["finally_declined_at"])
        return {
            "step": "resume_after_referral",
            "referral": ref.pk,
            "note": note,
            "back_to": c.status_before_referral,
            "police_reasons": ref.police_reasons,
        }

    return run_transition(case=case, name="resume_after_referral", actor=actor, data={"note": note}, apply=apply)


# --- while referred: the police's answers and the agency's remedies ------------------------


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
ACTIONS = {
    "submit_referral_report": submit_referral_report,
    "decide_referral": decide_referral,
    "record_police_receipt": record_police_receipt,
    "record_police_decision": record_police_decision,
    "request_reconsideration": request_reconsideration,
    "record_reconsideration_result": record_reconsideration_result,
    "request_procuratorate_supervision": request_procuratorate_supervision,
    "record_procuratorate_result": record_procuratorate_result,
    "record_items_handover": record_items_handover,
    "record_fines_already_imposed": record_fines_already_imposed,
}


def perform_step(*, case: Case, step: str, actor, **fields: Any):
    """Run referral step ``step`` for the pages and the API alike: the report on the case,
    every later step on the case's latest referral."""
    service = ACTIONS[step]
    if step == "submit_referral_report":
        return service(case=case, actor=actor, **fields)
    referral = current_referral(case)
    if referral is None:
        raise ActionRefused([Reason("no_referral", "本案尚未提出涉嫌犯罪案件移送报告。", REFERRAL_ART_5)])
    return service(referral=referral, actor=actor, **fields)
