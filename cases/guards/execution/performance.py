"""履行 of a penalty that is performed, not paid (行政处罚法 第九条: a warning, 责令停产停业, a permit suspended or
revoked …): recorded once the decision was served, for a kind the decision imposed, once per kind. While the case
stands referred, only the kinds of 《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款 keep being executed:
“行政执法机关向公安机关移送涉嫌犯罪案件前已经作出的警告，责令停产停业，暂扣或者吊销许可证、暂扣或者吊销执照的
行政处罚决定，不停止执行。” (The decision was made before the referral: none is made while it is open.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kernel.rules import APL, Reason
from matters.choices import PenaltyKind

from ...choices import CaseStatus
from ...models.performance import PerformanceRecord
from ..referral.common import REFERRAL_ART_11
from .ledger import dated_reasons, handler_or_head, ledger

if TYPE_CHECKING:
    from ..core import Context

ART_9 = f"{APL}第九条"
ART_61 = f"{APL}第六十一条"
REFERRAL_ART_11_2 = f"{REFERRAL_ART_11}第二款"
# Paid, not performed: recorded by ``record_payment`` (第六十七条).
PAID_KINDS = frozenset({PenaltyKind.FINE, PenaltyKind.CONFISCATE_GAINS})
# 第十一条第二款: 警告，责令停产停业，暂扣或者吊销许可证、暂扣或者吊销执照.
NOT_STOPPED_BY_REFERRAL = frozenset(
    {PenaltyKind.WARNING, PenaltyKind.SUSPEND_BUSINESS, PenaltyKind.SUSPEND_PERMIT, PenaltyKind.REVOKE_PERMIT}
)

performance_recorded_by_handler_or_head = handler_or_head(
    "performance_recorded_by_handler_or_head", "登记处罚决定的履行"
)


def performance_of_a_decided_kind(ctx: Context) -> list[Reason]:
    """The kind was decided and is performed, not paid; once per kind; while referred, a kind of 第十一条第二款."""
    case = ctx.case
    performable = [k for k in case.decided_penalty_kinds if k not in PAID_KINDS]
    if not performable:
        detail = "处罚决定没有需要登记履行的处罚种类（罚款、没收违法所得以缴款登记）。"
        return [Reason("nothing_to_perform", detail, ART_9)]
    kind = ctx.data.get("kind") if ctx.data else None
    if not kind:
        return []
    label = PenaltyKind(kind).label if kind in PenaltyKind.values else kind
    if kind in PAID_KINDS:
        return [Reason("kind_is_paid", f"{label}以缴款登记，不作为履行登记。", ART_9)]
    if kind not in case.decided_penalty_kinds:
        return [Reason("kind_not_decided", f"处罚决定没有给予{label}。", ART_9)]
    if case.status == CaseStatus.REFERRED and kind not in NOT_STOPPED_BY_REFERRAL:
        return [
            Reason(
                "execution_stopped_by_referral",
                f"案件已移送公安机关：移送前作出的警告，责令停产停业，暂扣或者吊销许可证、执照的决定不停止执行，"
                f"{label}不在其列。",
                REFERRAL_ART_11_2,
            )
        ]
    if PerformanceRecord.objects.filter(case=case, kind=kind).exists():
        return [Reason("performance_already_recorded", f"{label}的履行已经登记。", ART_9)]
    return []


def performance_after_service(ctx: Context) -> list[Reason]:
    """The decision served (its periods start then, 第六十一条); the performance dated between the service and today."""
    service = ledger(ctx).service
    if service is None:
        return [Reason("decision_not_served", "行政处罚决定书尚未送达，不能登记履行。", ART_61)]
    return dated_reasons(
        ctx.data.get("performed_on") if ctx.data else None,
        what="履行日期",
        today=ctx.today,
        after=service.served_on,
        since="送达日期",
        article=ART_61,
    )
