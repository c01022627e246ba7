"""The prior notice (第四十四条) and its windows: when it may be served, its dates, the waiver."""

from __future__ import annotations

from kernel.rules import (
    ART_44,
    ART_44_65,
    ART_62,
    ART_63,
    Reason,
    day_text,
)

from ...choices import HearingGrant, Outcome
from ...selectors import records_after_hearing
from ..core import Context

# --- the prior notice (第四十四条) ------------------------------------------------------------


def notice_can_be_served(ctx: Context) -> list[Reason]:
    report = ctx.report
    if report is None:
        return [Reason("no_report", "尚无调查终结报告和处理意见，不能告知。", ART_44)]
    reasons = []
    if report.outcome not in (Outcome.PENALTY, Outcome.NO_PENALTY):
        reasons.append(
            Reason("outcome_not_notifiable", f"处理意见为“{report.get_outcome_display()}”，不经事先告知程序。", ART_44)
        )
    # 行政处罚法 第四十四条、第六十五条: evidence first filed after the hearing is notified anew, on the same proposal.
    if ctx.notice_is_current and not records_after_hearing(ctx.case, ctx.hearing):
        reasons.append(
            Reason(
                "already_notified",
                "已就当前处理意见告知当事人；处理意见变更或者听证结束后补充了新证据的，才能重新告知。",
                ART_44,
            )
        )
    return reasons


def notice_dated_lawfully(ctx: Context) -> list[Reason]:
    """行政处罚法 第四十四条: the notice is served after filing (立案, 第五十四条) and not in the future."""
    served_on = ctx.data.get("served_on") if ctx.data else None
    if served_on is None:
        return []
    if served_on > ctx.today:
        return [Reason("served_in_future", "告知书送达日期不能晚于今天。", ART_44)]
    filed_on = ctx.case.filed_on
    if filed_on is not None and served_on < filed_on:
        return [Reason("served_before_filing", f"告知书送达日期不能早于立案日期{day_text(filed_on)}。", ART_44)]
    # 第四十四条、第六十五条: a new notice on evidence filed after the hearing is served once that evidence exists.
    later = records_after_hearing(ctx.case, ctx.hearing) if ctx.notice_is_current else []
    last_filed = max((item.filed_on for item in later), default=None)
    if last_filed is not None and served_on < last_filed:
        return [
            Reason(
                "served_before_late_evidence",
                f"重新告知的送达日期不能早于听证后补充证据的提交日期{day_text(last_filed)}。",
                ART_44_65,
            )
        ]
    return []


def hearing_grant_reasoned(ctx: Context) -> list[Reason]:
    """行政处罚法 第六十三条第一款第五项、第六项: the handler may grant the hearing right beyond the computed grounds —
    as another heavier penalty (第五项) or under a provision of a law, regulation or rule (第六项) — and says why; under
    第六项 the reason names that provision."""
    under = ctx.data.get("hearing_granted_under") if ctx.data else ""
    if not under:
        return []
    if not (ctx.data.get("hearing_granted_reason") or "").strip():
        label = HearingGrant(under).label
        return [
            Reason(
                "hearing_grant_without_reason",
                f"承办人依{label}告知听证权利的，须写明理由"
                f"{'（所依据的法律、法规、规章条款）' if under == HearingGrant.OTHER_PROVISION else ''}。",
                ART_63,
            )
        ]
    return []


def notice_in_force(ctx: Context) -> list[Reason]:
    if ctx.notice_is_current:
        return []
    return [Reason("notice_missing", "尚未就当前处理意见向当事人送达事先告知书。", ART_44)]


def not_already_waived(ctx: Context) -> list[Reason]:
    if ctx.waiver is None:
        return []
    return [Reason("already_waived", f"当事人已于{day_text(ctx.waiver.waived_on)}明确放弃陈述、申辩和听证。", ART_62)]


def dated_after_service(field_name: str, label: str):
    def guard(ctx: Context) -> list[Reason]:
        day = ctx.data.get(field_name) if ctx.data else None
        if day is None or ctx.notice is None:
            return []
        if day < ctx.notice.served_on:
            return [
                Reason("before_service", f"{label}不能早于告知书送达日期{day_text(ctx.notice.served_on)}。", ART_44)
            ]
        if day > ctx.today:
            return [Reason("in_future", f"{label}不能晚于今天。", ART_44)]
        return []

    guard.__name__ = f"{field_name}_after_service"
    return guard
