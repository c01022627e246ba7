"""中止执行 and 终结执行 of the agency's own execution (行政强制法 第三十九条、第四十条): before the case is before a
court — once an application is pending or ruled on, the court executes (第五十三条、第五十七条). While suspended, or
once terminated, no reminder is issued and no court application made; a terminated execution lets the case close.
The three years of 第三十九条第二款 are the stored deadline ``execution_suspension`` (never counted here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadlines.selectors import unsettled_reasons
from kernel.rules import ACEL_39, ACEL_40, Reason, day_text

from ...models.compulsion import ExecutionSuspension, ExecutionTermination, SuspensionGround, TerminationGround
from ...models.execution import CourtOutcome
from .clocks import clock_of
from .ledger import dated_reasons, dated_since_decision, handler_or_head

if TYPE_CHECKING:
    from ...models import Case
    from ..core import Context


suspension_recorded_by_handler_or_head = handler_or_head("suspension_recorded_by_handler_or_head", "中止执行")
resumption_recorded_by_handler_or_head = handler_or_head("resumption_recorded_by_handler_or_head", "恢复执行")
termination_recorded_by_handler_or_head = handler_or_head("termination_recorded_by_handler_or_head", "终结执行")


def running_suspension(case: Case) -> ExecutionSuspension | None:
    return case.execution_suspensions.filter(resumed_on__isnull=True).order_by("-pk").first()


def termination_of(case: Case) -> ExecutionTermination | None:
    return ExecutionTermination.objects.filter(case=case).first()


def execution_not_halted(ctx: Context) -> list[Reason]:
    """行政强制法 第三十九条、第四十条: while execution is suspended, or once it is terminated, the agency takes no
    step of it — no reminder, no application to the court."""
    ended = termination_of(ctx.case)
    if ended is not None:
        return [Reason("execution_terminated", f"本案已于{day_text(ended.terminated_on)}终结执行。", ACEL_40)]
    suspension = running_suspension(ctx.case)
    if suspension is not None:
        return [
            Reason(
                "execution_suspended",
                f"本案已于{day_text(suspension.suspended_on)}中止执行，恢复执行后才能继续催告或者申请强制执行。",
                ACEL_39,
            )
        ]
    return []


def agency_executes(ctx: Context) -> list[Reason]:
    """Suspension and termination by the agency belong to its own execution: not once a court application is pending
    or ruled on (the court decides; 行政强制法 第五十三条、第五十七条). Refused acceptance leaves it the agency's."""
    before_court = ctx.case.court_applications.exclude(outcome=CourtOutcome.NOT_ACCEPTED)
    if before_court.exists():
        return [
            Reason(
                "before_the_court",
                "已申请人民法院强制执行，执行由人民法院依法裁定，行政机关不再中止或者终结执行。",
                ACEL_39,
            )
        ]
    return []


def grounds_stated(ctx: Context) -> list[Reason]:
    """行政强制法 第三十九条、第四十条: the ground is one of the law's, with the facts that make it out."""
    if ctx.data and not (ctx.data.get("facts") or "").strip():
        return [Reason("facts_missing", "请写明中止或者终结执行的事实和理由。", ACEL_39)]
    return []


# --- 中止执行 (第三十九条) ----------------------------------------------------------------------------------


def suspension_dated(ctx: Context) -> list[Reason]:
    return dated_since_decision(ctx, "suspended_on", what="中止执行日期", article=ACEL_39)


def suspension_to_end(ctx: Context) -> list[Reason]:
    suspension = ctx.target
    if suspension is None:
        return [Reason("not_suspended", "本案没有尚未恢复的中止执行。", ACEL_39)]
    return []


def resumption_dated(ctx: Context) -> list[Reason]:
    suspension = ctx.target
    return dated_reasons(
        ctx.data.get("resumed_on"),
        what="恢复执行日期",
        today=ctx.today,
        after=suspension.suspended_on if suspension is not None else None,
        since="中止执行日期",
        article=ACEL_39,
    )


def ground_gone(ctx: Context) -> list[Reason]:
    """行政强制法 第三十九条第二款: execution resumes once the ground of the suspension is gone — say how."""
    if ctx.data and not (ctx.data.get("reason") or "").strip():
        return [Reason("resume_reason_missing", "请写明中止执行的情形消失的情况。", ACEL_39)]
    return []


# --- 终结执行 (第四十条; 第三十九条第二款) --------------------------------------------------------------------


def termination_dated(ctx: Context) -> list[Reason]:
    return dated_since_decision(ctx, "terminated_on", what="终结执行日期", article=ACEL_40)


def not_yet_terminated(ctx: Context) -> list[Reason]:
    ended = termination_of(ctx.case)
    if ended is None:
        return []
    return [Reason("execution_terminated", f"本案已于{day_text(ended.terminated_on)}终结执行。", ACEL_40)]


def three_years_suspended(ctx: Context) -> list[Reason]:
    """行政强制法 第三十九条第二款: the party truly unable to perform (suspended on 第一款第一项), three years
    suspended and not resumed — the stored deadline ``execution_suspension`` has run before the termination."""
    if ctx.data.get("ground") != TerminationGround.SUSPENDED_THREE_YEARS:
        return []
    suspension = running_suspension(ctx.case)
    if suspension is None:
        return [Reason("not_suspended", "本案没有尚未恢复的中止执行，不适用中止执行满三年不再执行。", ACEL_39)]
    if suspension.ground != SuspensionGround.HARDSHIP:
        return [
            Reason(
                "not_unable_to_perform",
                "中止执行满三年不再执行，限于当事人确无能力履行而中止执行的情形。",
                ACEL_39,
            )
        ]
    row = clock_of(ctx.case, "execution_suspension", suspension.pk)
    unsettled = unsettled_reasons(row, "中止执行满三年", ACEL_39)
    if unsettled or row is None:
        return unsettled
    terminated_on = ctx.data.get("terminated_on")
    if terminated_on is not None and terminated_on <= row.due_on:
        return [
            Reason(
                "suspension_under_three_years",
                f"本案于{day_text(suspension.suspended_on)}中止执行，至{day_text(row.due_on)}届满三年，"
                "届满后未恢复执行的，才能不再执行。",
                ACEL_39,
            )
        ]
    return []
