"""The guards of the referral's steps beside the transitions (``cases.actions.referral``): who acts, the order
of the police's answers and the agency's remedies (第七条至第十二条), the days each step records, and the fines
imposed before the referral (行政处罚法 第三十五条第二款)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from kernel.rules import REFERRAL_ART_5, Reason
from officers.models import Officer

from ...choices import CaseStatus
from ...models.referral import PoliceDecision, PoliceReferral
from .common import (
    ART_35,
    REFERRAL_ART_7,
    REFERRAL_ART_8,
    REFERRAL_ART_9,
    REFERRAL_ART_12,
    latest_referral,
    team_reasons,
)

if TYPE_CHECKING:
    from ..core import Context


# --- the steps of the referral beside the transitions (``cases.actions.referral``) ------------------
#
# Who acts, then the order of the steps, then what was entered. Each guard returns every reason it finds; the
# entries of a police step (its dates, the police's reasons) are checked once the step is in order, for its
# dates are measured from the step before it. The steps that act on a referral find it in ``ctx.target`` (the
# case's latest referral, locked by the service); the report acts on the case.

NOT_AN_OFFICER = Reason("not_an_officer", "当前账号未关联执法机关工作人员。", "")
NO_REFERRAL = Reason("no_referral", "本案尚未提出涉嫌犯罪案件移送报告。", REFERRAL_ART_5)


def _is_team_member(referral: PoliceReferral | None, officer: Officer) -> bool:
    return referral is not None and any(m.pk == officer.pk for m in referral.team.all())


def reported_by_handler(ctx: Context) -> list[Reason]:
    """第五条第一款: the report comes from the case's handlers (the team they form)."""
    if ctx.officer is None:
        return [NOT_AN_OFFICER]
    if ctx.is_handler:
        return []
    return [Reason("not_a_handler", f"只有本案的承办人才能{ctx.label}。", REFERRAL_ART_5)]


def decided_by_principal_head(ctx: Context) -> list[Reason]:
    """第五条第二款: the principal head, or the head presiding over the agency's work, decides."""
    me = ctx.officer
    if me is None:
        return [NOT_AN_OFFICER]
    if me.agency_id == ctx.case.agency_id and me.is_principal_head:
        return []
    detail = "是否批准移送涉嫌犯罪案件，由本机关正职负责人或者主持工作的负责人决定。"
    return [Reason("not_principal_head", detail, REFERRAL_ART_5)]


def referral_officer(ctx: Context) -> list[Reason]:
    """第五条: the case's handlers, the referral's team and the agency's heads carry the referral on."""
    me = ctx.officer
    if me is None:
        return [NOT_AN_OFFICER]
    if me.agency_id == ctx.case.agency_id and (me.is_head or ctx.is_handler or _is_team_member(ctx.target, me)):
        return []
    detail = f"只有本案承办人、专案组成员或本机关负责人才能{ctx.label}。"
    return [Reason("not_referral_officer", detail, REFERRAL_ART_5)]


# The report (submit_referral_report) -------------------------------------------------------------


def no_referral_open(ctx: Context) -> list[Reason]:
    """第五条: one referral at a time; a new report only once the last one ended."""
    referral = latest_referral(ctx)
    if referral is None or not referral.is_open:
        return []
    return [Reason("referral_already_open", "本案已有尚未办结的涉嫌犯罪案件移送。", REFERRAL_ART_5)]


def referral_team_eligible(ctx: Context) -> list[Reason]:
    """On submit: the team of 第五条 (two or more eligible enforcement officers of the agency)."""
    if not ctx.data:
        return []
    return team_reasons(list(ctx.data.get("team") or []), ctx.case, ctx.today)


def referral_report_written(ctx: Context) -> list[Reason]:
    """On submit: the written report on the suspected crime (第五条第一款)."""
    if not ctx.data or (ctx.data.get("report") or "").strip():
        return []
    return [Reason("referral_report_missing", "请填写涉嫌犯罪案件情况的调查报告。", REFERRAL_ART_5)]


# The principal head's decision (decide_referral) -----------------------------------------------------


def referral_awaiting_decision(ctx: Context) -> list[Reason]:
    """第五条第二款: a report not yet decided."""
    referral = ctx.target
    if referral is None:
        return [NO_REFERRAL]
    if referral.approved is not None:
        return [Reason("referral_already_decided", "该移送报告已经作出审批决定。", REFERRAL_ART_5)]
    return []


def rejection_reasoned(ctx: Context) -> list[Reason]:
    """On submit: 第五条第二款 — the reasons of a refusal are recorded."""
    if not ctx.data or ctx.data.get("approved") is not False or (ctx.data.get("reason") or "").strip():
        return []
    detail = "决定不批准移送的，应当将不予批准的理由记录在案。"
    return [Reason("rejection_reason_missing", detail, REFERRAL_ART_5)]


# While referred: the police's answers and the agency's remedies (第七条至第十二条) ------------------------


# 移送规定 第九条第一款、第十四条第一款: the procuratorate's supervision of the police's decline outlives the return to
# administrative handling — a suggestion after the 3 days is still recorded (flagged late by its stored deadline),
# and so are its result and, when the police then open a case, the hand-over of the items (第十二条). The project's
# reading (docs/policy.md).
AFTER_RESUMPTION = frozenset(
    {"request_procuratorate_supervision", "record_procuratorate_result", "record_items_handover"}
)


def resumed_after_decline(referral: PoliceReferral) -> bool:
    """The case went back to administrative handling after the police declined this referral."""
    return bool(referral.finally_declined_at) and referral.police_decision == PoliceDecision.DECLINED


def case_referred(ctx: Context) -> list[Reason]:
    """第八条: the police's answers follow the hand-over, while the case stands referred on this referral — or,
    for the procuratorate's supervision (第九条第一款、第十四条第一款), once it went back to administrative handling."""
    referral = ctx.target
    if referral is None:
        return [NO_REFERRAL]
    if ctx.action in AFTER_RESUMPTION and resumed_after_decline(referral):
        return []
    if ctx.case.status != CaseStatus.REFERRED or not referral.handed_over_at or referral.finally_declined_at:
        return [Reason("not_referred", "本案尚未移送公安机关，或者该移送已经办结。", REFERRAL_ART_8)]
    return []


def _referred(ctx: Context) -> PoliceReferral | None:
    """The referral when the case stands referred on it (``case_referred`` says why not)."""
    return None if case_referred(ctx) else ctx.target


def receipt_not_recorded(ctx: Context) -> list[Reason]:
    """第七条: the police sign the receipt once."""
    referral = _referred(ctx)
    if referral is None or not referral.received_on:
        return []
    return [Reason("receipt_already_recorded", "已登记公安机关签收回执。", REFERRAL_ART_7)]


def police_receipt_recorded(ctx: Context) -> list[Reason]:
    """第七条、第八条: the police decide on the case they signed for."""
    referral = _referred(ctx)
    if referral is None or referral.received_on:
        return []
    return [Reason("police_receipt_pending", "请先登记公安机关签收移送书回执。", REFERRAL_ART_7)]


def police_decision_not_recorded(ctx: Context) -> list[Reason]:
    """第八条: the police decide once (a reconsideration or the procuratorate may change it later)."""
    referral = _referred(ctx)
    if referral is None or not referral.police_decision:
        return []
    return [Reason("police_decision_already_recorded", "已登记公安机关的决定。", REFERRAL_ART_8)]


def police_declined(ctx: Context) -> list[Reason]:
    """第九条: the remedies answer a decision not to open a case."""
    referral = _referred(ctx)
    if referral is None or referral.police_declined:
        return []
    if ctx.action == "request_reconsideration":
        detail = "公安机关未作出不予立案决定，无需提请复议。"
    else:
        detail = "公安机关未作出不予立案决定。"
    return [Reason("police_not_declined", detail, REFERRAL_ART_9)]


def reconsideration_not_requested(ctx: Context) -> list[Reason]:
    """第九条: one reconsideration of the decline."""
    referral = _referred(ctx)
    if referral is None or not referral.reconsideration_requested_on:
        return []
    return [Reason("reconsideration_already_requested", "已提请公安机关复议。", REFERRAL_ART_9)]


def procuratorate_not_requested(ctx: Context) -> list[Reason]:
    """第九条: the procuratorate is asked once; after that, no reconsideration."""
    referral = _referred(ctx)
    if referral is None or not referral.procuratorate_requested_on:
        return []
    if ctx.action == "request_reconsideration":
        detail = "已建议人民检察院立案监督，不再提请复议。"
    else:
        detail = "已建议人民检察院立案监督。"
    return [Reason("procuratorate_already_requested", detail, REFERRAL_ART_9)]


def reconsideration_awaiting_answer(ctx: Context) -> list[Reason]:
    """第九条第二款: a reconsideration asked for and not yet answered."""
    referral = _referred(ctx)
    if referral is None or (referral.reconsideration_requested_on and not referral.reconsideration_result):
        return []
    return [Reason("no_reconsideration_pending", "没有待作出决定的复议。", REFERRAL_ART_9)]


def reconsideration_answered(ctx: Context) -> list[Reason]:
    """第九条: the procuratorate is asked about the decline, or about the reconsideration once answered."""
    referral = _referred(ctx)
    if referral is None or not referral.reconsideration_requested_on or referral.reconsideration_result:
        return []
    return [Reason("reconsideration_pending", "复议决定作出后，方可对复议决定建议立案监督。", REFERRAL_ART_9)]


def supervision_awaiting_result(ctx: Context) -> list[Reason]:
    """第九条: a request for supervision not yet answered by the procuratorate."""
    referral = _referred(ctx)
    if referral is None or (referral.procuratorate_requested_on and not referral.procuratorate_result):
        return []
    return [Reason("no_supervision_pending", "没有待答复的立案监督建议。", REFERRAL_ART_9)]


def police_filed_case(ctx: Context) -> list[Reason]:
    """第十二条: the items go to the police once they opened a case."""
    referral = _referred(ctx)
    if referral is None or referral.closed_by_police_acceptance:
        return []
    return [Reason("police_not_accepted", "公安机关决定立案后，方移交涉案物品。", REFERRAL_ART_12)]


def items_not_handed_over(ctx: Context) -> list[Reason]:
    """第十二条: the items are handed over once, with the hand-over formalities."""
    referral = _referred(ctx)
    if referral is None or not referral.items_handed_over_on:
        return []
    return [Reason("items_already_handed_over", "涉案物品已经移交。", REFERRAL_ART_12)]


# The order of each police step: the guards that say whether it may follow now.
STEP_ORDER: dict[str, tuple[Callable[[Context], list[Reason]], ...]] = {
    "record_police_receipt": (case_referred, receipt_not_recorded),
    "record_police_decision": (case_referred, police_receipt_recorded, police_decision_not_recorded),
    "request_reconsideration": (
        case_referred,
        police_declined,
        reconsideration_not_requested,
        procuratorate_not_requested,
    ),
    "record_reconsideration_result": (case_referred, reconsideration_awaiting_answer),
    "request_procuratorate_supervision": (
        case_referred,
        police_declined,
        procuratorate_not_requested,
        reconsideration_answered,
    ),
    "record_procuratorate_result": (case_referred, supervision_awaiting_result),
    "record_items_handover": (case_referred, police_filed_case, items_not_handed_over),
}


def _in_order(ctx: Context) -> PoliceReferral | None:
    """The referral when the step submitted may follow now (its entries are then checked), else None."""
    if not ctx.data or any(guard(ctx) for guard in STEP_ORDER.get(ctx.action, (case_referred,))):
        return None
    return ctx.target


def police_reasons_given(ctx: Context) -> list[Reason]:
    """On submit: 第八条 — a decline states its reasons in writing."""
    if _in_order(ctx) is None or ctx.data.get("accepted") is not False or (ctx.data.get("reasons") or "").strip():
        return []
    detail = "公安机关不予立案的，应当说明理由，请登记其理由。"
    return [Reason("police_reasons_missing", detail, REFERRAL_ART_8)]


@dataclass(frozen=True)
class StepDay:
    """A day a police step records (today when left empty) and the day of the step it follows."""

    field: str
    day: datetime.date
    what: str
    after: datetime.date | None
    since: str


def step_days(step: str, referral: PoliceReferral, data: dict[str, Any], today: datetime.date) -> list[StepDay]:
    """The days step ``step`` records, in order; the service writes them as the guard checked them."""

    def entered(key: str, default: datetime.date | None = None) -> datetime.date:
        return data.get(key) or default or today

    r = referral
    if step == "record_police_receipt":
        handed = timezone.localdate(r.handed_over_at) if r.handed_over_at else None
        return [StepDay("received_on", entered("received_on"), "签收日期", handed, "移送日期")]
    if step == "record_police_decision":
        decided = entered("decided_on")
        return [
            StepDay("decided_on", decided, "公安机关决定日期", r.received_on, "签收日期"),
            StepDay(
                "notice_received_on", entered("notice_received_on", decided), "收到通知书日期", decided, "决定日期"
            ),
        ]
    if step == "request_reconsideration":
        since = "收到不予立案通知书日期"
        return [StepDay("requested_on", entered("requested_on"), "提请复议日期", r.police_notice_received_on, since)]
    if step == "record_reconsideration_result":
        after = r.reconsideration_requested_on
        return [StepDay("answered_on", entered("answered_on"), "收到复议决定日期", after, "提请复议日期")]
    if step == "request_procuratorate_supervision":
        after = r.reconsideration_answered_on or r.police_notice_received_on
        return [StepDay("requested_on", entered("requested_on"), "建议立案监督日期", after, "收到通知书日期")]
    if step == "record_procuratorate_result":
        after = r.procuratorate_requested_on
        return [StepDay("notified_on", entered("notified_on"), "收到监督结果日期", after, "建议立案监督日期")]
    if step == "record_items_handover":
        # 第十二条: within 3 days of the police's filing notice — the latest of the answers that can bring it.
        after = r.procuratorate_result_on or r.reconsideration_answered_on or r.police_notice_received_on
        return [StepDay("handed_over_on", entered("handed_over_on"), "移交日期", after, "收到立案通知书日期")]
    return []


def step_dated(ctx: Context) -> list[Reason]:
    """On submit: nothing that happened is dated in the future, nor before the step it follows."""
    referral = _in_order(ctx)
    if referral is None:
        return []
    reasons: list[Reason] = []
    for d in step_days(ctx.action, referral, ctx.data, ctx.today):
        if d.day > ctx.today:
            reasons.append(Reason("date_in_future", f"{d.what}（{d.day:%Y-%m-%d}）不能晚于今天。", ""))
        if d.after and d.day < d.after:
            detail = f"{d.what}（{d.day:%Y-%m-%d}）不能早于{d.since}（{d.after:%Y-%m-%d}）。"
            reasons.append(Reason("date_before_previous_step", detail, ""))
    return reasons


# Fines imposed before the referral (行政处罚法 第三十五条第二款) -----------------------------------------------


def referral_not_ended(ctx: Context) -> list[Reason]:
    """A fine is credited on a referral pending or under way, not on one rejected or finally declined."""
    referral = ctx.target
    if referral is None:
        return [NO_REFERRAL]
    if referral.approved is False or referral.finally_declined_at:
        return [Reason("referral_not_open", "该移送已经办结或未获批准。", ART_35)]
    return []


def fine_amount_valid(ctx: Context) -> list[Reason]:
    """On submit: the amount of the fines already imposed (行政处罚法 第三十五条第二款), not negative."""
    if not ctx.data:
        return []
    amount = ctx.data.get("amount")
    if amount is not None and amount >= 0:
        return []
    return [Reason("amount_invalid", "罚款金额不能为负数。", ART_35)]
