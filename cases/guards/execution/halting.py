"""中止执行, 终结执行 and 执行协议 of the agency's own execution (行政强制法 第三十九条、第四十条、第四十二条):
before the case is before a court — once an application is pending or ruled on, the court executes (第五十三条、
第五十七条). While suspended, while an agreement holds, or once terminated, no reminder is issued and no court
application made; a terminated execution lets the case close. The three years of 第三十九条第二款 are the stored
deadline ``execution_suspension`` (never counted here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadlines.selectors import unsettled_reasons
from kernel.rules import ACEL_39, ACEL_40, ACEL_42, AGENCY_POLICY, Reason, day_text

from ...models.compulsion import (
    ExecutionAgreement,
    ExecutionSuspension,
    ExecutionTermination,
    SuspensionGround,
    TerminationGround,
)
from ...models.execution import CourtOutcome
from .clocks import clock_of
from .ledger import dated_reasons, dated_since_decision, handler_or_head, is_head, ledger_on

if TYPE_CHECKING:
    from ...models import Case
    from ..core import Context


suspension_recorded_by_handler_or_head = handler_or_head("suspension_recorded_by_handler_or_head", "中止执行")
resumption_recorded_by_handler_or_head = handler_or_head("resumption_recorded_by_handler_or_head", "恢复执行")
termination_recorded_by_handler_or_head = handler_or_head("termination_recorded_by_handler_or_head", "终结执行")
breach_recorded_by_handler_or_head = handler_or_head("breach_recorded_by_handler_or_head", "登记不履行执行协议")


def running_suspension(case: Case) -> ExecutionSuspension | None:
    return case.execution_suspensions.filter(resumed_on__isnull=True).order_by("-pk").first()


def agreement_in_force(case: Case) -> ExecutionAgreement | None:
    return case.execution_agreements.filter(breached_on__isnull=True).order_by("-pk").first()


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
    agreement = agreement_in_force(ctx.case)
    if agreement is not None:
        return [
            Reason(
                "agreement_in_force",
                f"本案已于{day_text(agreement.agreed_on)}达成执行协议，当事人不履行协议的，登记后恢复强制执行。",
                ACEL_42,
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


# --- 执行协议 (第四十二条) ------------------------------------------------------------------------------------


def agreement_approved_by_head(ctx: Context) -> list[Reason]:
    """An agreement that reduces what the decision compels is the agency's: its head approves it (the project's
    rule, as for a deferral under 行政处罚法 第六十六条第二款)."""
    if is_head(ctx.case, ctx.officer):
        return []
    return [Reason("not_agency_head", "执行协议应当由行政机关负责人批准。", AGENCY_POLICY)]


def agreement_dated(ctx: Context) -> list[Reason]:
    return dated_since_decision(ctx, "agreed_on", what="达成协议日期", article=ACEL_42)


def public_interest_unharmed(ctx: Context) -> list[Reason]:
    """行政强制法 第四十二条第一款: only without harm to the public interest and others' lawful rights."""
    if ctx.data and not ctx.data.get("public_interest_unharmed"):
        return [
            Reason(
                "public_interest_not_confirmed",
                "执行协议只能在不损害公共利益和他人合法权益的情况下达成，请确认。",
                ACEL_42,
            )
        ]
    return []


def agreement_terms(ctx: Context) -> list[Reason]:
    """行政强制法 第四十二条第一款: staged performance, or the surcharge reduced or waived — the latter only where
    the party took remedial measures, and never more than the surcharge owed on the day agreed."""
    if not ctx.data:
        return []
    relief = ctx.data.get("surcharge_relief") or 0
    terms = (ctx.data.get("terms") or "").strip()
    if relief <= 0 and not terms:
        return [Reason("agreement_empty", "执行协议应当约定分阶段履行，或者减免加处罚款。", ACEL_42)]
    if relief <= 0:
        return []
    reasons: list[Reason] = []
    if not (ctx.data.get("remedial_measures") or "").strip():
        reasons.append(
            Reason("remedial_measures_missing", "当事人采取补救措施的，才可以减免加处罚款；请写明补救措施。", ACEL_42)
        )
    agreed_on = ctx.data.get("agreed_on")
    if agreed_on is not None:
        owed = ledger_on(ctx, min(agreed_on, ctx.today)).surcharge
        if relief > owed:
            reasons.append(
                Reason(
                    "relief_exceeds_surcharge",
                    f"减免的加处罚款（{relief}元）超过{day_text(agreed_on)}应缴的加处罚款（{owed}元）。",
                    ACEL_42,
                )
            )
    return reasons


def agreement_to_breach(ctx: Context) -> list[Reason]:
    if ctx.target is None:
        return [Reason("no_agreement_in_force", "本案没有正在履行的执行协议。", ACEL_42)]
    return []


def breach_dated(ctx: Context) -> list[Reason]:
    agreement = ctx.target
    return dated_reasons(
        ctx.data.get("breached_on"),
        what="不履行协议的日期",
        today=ctx.today,
        after=agreement.agreed_on if agreement is not None else None,
        since="达成协议日期",
        article=ACEL_42,
    )


def breach_described(ctx: Context) -> list[Reason]:
    if ctx.data and not (ctx.data.get("note") or "").strip():
        return [Reason("breach_note_missing", "请写明当事人不履行执行协议的情况。", ACEL_42)]
    return []
