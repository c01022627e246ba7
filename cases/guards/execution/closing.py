"""The hand-over of fines collected on the spot (行政处罚法 第七十一条), the service receipt on file (第六十一条;
全过程记录, 第四十七条) and what closing requires (第六十六条、第七十二条; 行政强制法 第四十条). Named guards on the
:class:`~cases.guards.core.Context`, declared in ``cases.actions.execution`` and ``cases.transitions``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kernel.rules import AGENCY_POLICY, Reason, day_text
from matters.choices import PenaltyKind

from ...choices import TERMINAL_STATES, CaseStatus
from ...models.execution import COURT_DECIDED, PaymentChannel
from .halting import termination_of
from .ledger import (
    ART_61,
    ART_66,
    ART_71,
    ART_72,
    EXECUTED_BY_SERVICE,
    MONEY_KINDS,
    dated_reasons,
    handler_or_head,
    handler_or_head_reasons,
    ledger,
    owed_detail,
    payment_clock_reasons,
)

if TYPE_CHECKING:
    from ...models import Case
    from ..core import Context


# --- who records what (行政处罚法 第四十二条: the case's handlers; the agency's heads) ---------------------------


handover_recorded_by_handler_or_head = handler_or_head("handover_recorded_by_handler_or_head", "登记当场收缴罚款的上交")


def receipt_filed_by_handler_or_head(ctx: Context) -> list[Reason]:
    if ctx.officer is None:
        return [Reason("not_an_officer", "当前账号未关联执法机关工作人员。", "")]
    return handler_or_head_reasons(ctx.case, ctx.officer, "上传送达回证")


# --- 当场收缴罚款的上交 (行政处罚法 第七十一条) -------------------------------------------------------------------


def collection_to_hand_over(ctx: Context) -> list[Reason]:
    """Only money collected on the spot is handed over by the officers (第七十一条)."""
    payment = ctx.target
    if not ctx.data:
        waiting = ctx.case.payments.filter(channel=PaymentChannel.ON_SPOT, deposited_on__isnull=True)
        if waiting.exists():
            return []
        return [Reason("no_collection_to_hand_over", "本案没有尚未缴付银行的当场收缴罚款。", ART_71)]
    if payment is None:
        return [Reason("payment_not_of_case", "该缴款不属于本案。", ART_71)]
    if not payment.on_spot:
        return [Reason("not_on_spot", "只有当场收缴的罚款需要登记上交。", ART_71)]
    return []


def handover_lawful(ctx: Context) -> list[Reason]:
    """第七十一条: to the agency, then to the bank — each once, in order, dated between the collection and today.

    On water the landing may be recorded first: the two working days to the agency start then."""
    payment = ctx.target
    if not ctx.data or payment is None or not payment.on_spot:
        return []
    landed_on = ctx.data.get("landed_on")
    handed_to_agency_on = ctx.data.get("handed_to_agency_on")
    deposited_on = ctx.data.get("deposited_on")
    reasons: list[Reason] = []
    if handed_to_agency_on is None and deposited_on is None and landed_on is None:
        reasons.append(Reason("nothing_to_record", "请填写交至行政机关或者缴付银行的日期。", ART_71))
    if landed_on is not None and not payment.on_water:
        reasons.append(Reason("not_on_water", "只有在水上当场收缴的罚款需要登记抵岸日期。", ART_71))
    if landed_on is not None and payment.landed_on is not None:
        reasons.append(Reason("already_landed", f"已登记于{day_text(payment.landed_on)}抵岸。", ART_71))
    if payment.on_water and payment.landed_on is None and landed_on is None and handed_to_agency_on is not None:
        reasons.append(Reason("landing_missing", "在水上当场收缴的，请填写抵岸日期。", ART_71))
    if handed_to_agency_on is not None and payment.handed_to_agency_on is not None:
        reasons.append(
            Reason("already_handed_over", f"已登记于{day_text(payment.handed_to_agency_on)}交至行政机关。", ART_71)
        )
    if deposited_on is not None and payment.deposited_on is not None:
        reasons.append(Reason("already_deposited", f"已登记于{day_text(payment.deposited_on)}缴付银行。", ART_71))
    today = ctx.today
    reasons += dated_reasons(
        landed_on, what="抵岸日期", today=today, after=payment.paid_on, since="收缴日期", article=ART_71
    )
    reasons += dated_reasons(
        handed_to_agency_on,
        what="交至行政机关日期",
        today=today,
        after=landed_on or payment.paid_on,
        since="收缴日期",
        article=ART_71,
    )
    handed = handed_to_agency_on or payment.handed_to_agency_on
    if deposited_on is not None and handed is None:
        reasons.append(Reason("deposit_before_handover", "请先登记交至行政机关的日期。", ART_71))
    reasons += dated_reasons(
        deposited_on, what="缴付银行日期", today=today, after=handed, since="交至行政机关日期", article=ART_71
    )
    return reasons


# --- 送达回证 (行政处罚法 第六十一条; 全过程记录, 第四十七条) --------------------------------------------------------


def receipt_case_open(ctx: Context) -> list[Reason]:
    if ctx.case.status in TERMINAL_STATES:
        return [Reason("case_closed", "案件已终结归档，不能再补充送达回证。", ART_61)]
    return []


def receipt_not_yet_filed(ctx: Context) -> list[Reason]:
    service = ctx.target
    if service is None:
        if ctx.data:
            return [Reason("no_service", "请选择本案的送达记录。", ART_61)]
        if ctx.case.services.filter(receipt__isnull=True).exists():
            return []
        return [Reason("no_service_awaiting_receipt", "本案没有尚待归档送达回证的送达记录。", ART_61)]
    if service.receipt_id is not None:
        return [Reason("receipt_already_filed", "该送达已有送达回证扫描件。", ART_61)]
    return []


# --- 结案 ---------------------------------------------------------------------------------------------------


def _other_kinds(case: Case) -> list[str]:
    kinds = set(case.decided_penalty_kinds or []) - EXECUTED_BY_SERVICE - MONEY_KINDS
    return [PenaltyKind(k).label if k in PenaltyKind.values else k for k in sorted(kinds)]


def decision_executed(ctx: Context) -> list[Reason]:
    """For ``close`` from ``executing``: the decision executed — paid in full (fine, confiscated gains and the
    surcharge), or nothing to pay (a warning, no penalty, a decision revoked), or the court has ruled on the
    application — with the on-the-spot money in the bank and the service receipt on file. (A referred case
    closes on the referral rule instead.)"""
    case = ctx.case
    if case.status != CaseStatus.EXECUTING:
        return []
    led = ledger(ctx)
    reasons: list[Reason] = []
    pending = led.pending_remedy
    if pending is not None:
        reasons.append(
            Reason(
                "remedy_pending",
                f"{pending.get_kind_display()}（{day_text(pending.filed_on)}提出）尚未结束；登记结果后才能结案。",
                AGENCY_POLICY,
            )
        )
    if led.revoked:
        return reasons  # 行政强制法 第四十条第四项: the decision revoked, execution ends
    if led.service is not None and led.service.served_on > ctx.today:
        # 民事诉讼法 第九十五条 (第六十一条): announced, the decision counts as served only thirty days later.
        reasons.append(
            Reason(
                "not_yet_served",
                f"行政处罚决定书公告送达，{day_text(led.service.served_on)}视为送达；此前决定尚未送达，不能结案。",
                ART_61,
            )
        )
    reasons += payment_clock_reasons(led)
    owes = not led.nothing_to_pay and led.outstanding > 0
    # 行政强制法 第四十条、第三十九条第二款: a terminated execution ends what is owed as a step of execution.
    ended = termination_of(case) is not None
    if owes and not ended and not case.court_applications.filter(outcome__in=COURT_DECIDED).exists():
        reasons.append(
            Reason(
                "not_executed",
                f"处罚决定尚未执行完毕：{owed_detail(led)}。缴清、终结执行或者人民法院对强制执行申请作出裁定后才能结案。",
                ART_72,
            )
        )
    undeposited = [p for p in case.payments.all() if not p.in_bank]
    if undeposited:
        reasons.append(
            Reason(
                "on_spot_not_deposited",
                f"当场收缴的罚款尚未登记缴付指定银行（收据{'、'.join(p.receipt_number for p in undeposited)}）。",
                ART_71,
            )
        )
    if led.service is not None and led.service.needs_receipt and led.service.receipt_id is None:
        reasons.append(
            Reason("service_receipt_missing", "行政处罚决定书的送达回证（或者邮寄回执）尚未扫描归档。", ART_61)
        )
    others = _other_kinds(case)
    if others and ctx.data and not (ctx.data.get("execution_note") or "").strip():
        reasons.append(Reason("execution_note_missing", f"请在结案报告中写明{'、'.join(others)}的执行情况。", ART_66))
    return reasons


def closing_report(ctx: Context) -> list[Reason]:
    if ctx.data and not (ctx.data.get("report") or "").strip():
        return [Reason("closing_report_missing", "请填写结案报告。", "")]
    return []
