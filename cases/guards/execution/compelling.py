"""Compelling performance: the reminder and the application to the court (行政强制法 第三十五条至第四十条、
第五十三条至第五十八条). Named guards on the :class:`~cases.guards.core.Context`, declared per action in
``cases.actions.execution``. A guard that acts on a record reads it from ``ctx.target`` (the unserved reminder,
the pending court application). With an empty payload each guard answers whether the step can be offered at all;
the payload's own checks wait for it. Every date it compares with a period is a stored deadline (``clocks``): a
missing one is a reason, never a cue to count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadlines.selectors import unsettled_reasons
from kernel.rules import Reason, day_text

from ...models.execution import Reminder
from .clocks import clock_of, court_window_of
from .ledger import (
    ART_61,
    ART_72,
    CL_35,
    CL_38,
    CL_40,
    CL_53,
    CL_54,
    CL_55,
    CL_56,
    Ledger,
    dated_reasons,
    dated_since_decision,
    handler_or_head,
    is_head,
    ledger,
    ledger_on,
    payment_clock_reasons,
    service_dated,
)
from .paying import method_reasons

if TYPE_CHECKING:
    from ...models import Case
    from ..core import Context


# --- who records what (行政处罚法 第四十二条: the case's handlers; the agency's heads) ---------------------------


reminder_issued_by_handler_or_head = handler_or_head("reminder_issued_by_handler_or_head", "催告")
reminder_service_recorded_by_handler_or_head = handler_or_head(
    "reminder_service_recorded_by_handler_or_head", "登记催告书送达"
)
court_outcome_recorded_by_handler_or_head = handler_or_head("court_outcome_recorded_by_handler_or_head", "登记法院裁定")


def court_application_signed_by_head(ctx: Context) -> list[Reason]:
    """行政强制法 第五十五条第二款: the application is signed by the agency's head."""
    if is_head(ctx.case, ctx.officer):
        return []
    return [Reason("not_agency_head", "强制执行申请书应当由行政机关负责人签名。", CL_55)]


# --- 催告 (行政强制法 第三十五条、第三十八条) --------------------------------------------------------------------


def reminder_issue_dated(ctx: Context) -> list[Reason]:
    return dated_since_decision(ctx, "issued_on", what="催告日期", article=CL_35)


def _reminder_ledger(ctx: Context) -> Ledger:
    """The money position on the reminder's date: the amount it states is owed on that day."""
    issued_on = ctx.data.get("issued_on")
    return ledger_on(ctx, min(issued_on, ctx.today)) if issued_on else ledger(ctx)


def party_in_default(ctx: Context) -> list[Reason]:
    """行政强制法 第三十五条: a reminder only once the party failed to perform.

    Something is still owed, and was due before the reminder's date — by the stored deadline ``payment``, or the
    approved deferral or instalments."""
    led = _reminder_ledger(ctx)
    if led.nothing_to_pay or led.outstanding <= 0:
        return [Reason("nothing_to_enforce", "没有尚未履行的金钱给付义务，无需催告。", CL_35)]
    if led.clock_missing:
        return payment_clock_reasons(led)
    if not led.overdue:
        due = led.payment_due.date if led.payment_due else None
        return [
            Reason(
                "not_yet_overdue",
                f"缴款期限（{day_text(due)}）或者批准的暂缓、分期期限尚未届满，当事人尚未逾期。",
                ART_72,
            )
        ]
    return []


def unserved_reminder(case: Case) -> Reminder | None:
    return case.reminders.filter(service__isnull=True).order_by("-pk").first()


def earlier_reminder_served(ctx: Context) -> list[Reason]:
    """One reminder at a time: the one issued is served (行政强制法 第三十八条) before another is issued."""
    pending = unserved_reminder(ctx.case)
    if pending is None:
        return []
    return [
        Reason(
            "reminder_not_served",
            f"{day_text(pending.issued_on)}的催告书尚未送达，请先登记其送达。",
            CL_38,
        )
    ]


def reminder_terms(ctx: Context) -> list[Reason]:
    """行政强制法 第三十五条: the deadline and the manner of performance."""
    if not ctx.data:
        return []
    reasons: list[Reason] = []
    issued_on, deadline = ctx.data.get("issued_on"), ctx.data.get("performance_deadline")
    if issued_on is not None and deadline is not None and deadline < issued_on:
        reasons.append(Reason("deadline_before_issue", "履行期限不能早于催告日期。", CL_35))
    if not (ctx.data.get("manner") or "").strip():
        reasons.append(Reason("manner_missing", "催告书应当载明履行义务的方式（缴款的银行或者电子支付途径）。", CL_35))
    return reasons


def reminder_to_serve(ctx: Context) -> list[Reason]:
    reminder = ctx.target
    if reminder is None:
        return [Reason("no_unserved_reminder", "没有尚未送达的催告书。", CL_38)]
    if reminder.service_id:
        return [Reason("reminder_already_served", f"该催告书已于{day_text(reminder.served_on)}送达。", CL_38)]
    return []


def reminder_service_dated(ctx: Context) -> list[Reason]:
    """行政强制法 第三十八条: the reminder is served after it was issued, and recorded once served."""
    reminder = ctx.target
    return service_dated(
        ctx, after=reminder.issued_on if reminder is not None else None, since="催告日期", article=CL_38
    )


def reminder_service_method(ctx: Context) -> list[Reason]:
    """行政强制法 第三十八条: served directly; if refused or impossible, by the Civil Procedure Law's methods."""
    return method_reasons(ctx.data, decision=False) if ctx.data else []


# --- 申请人民法院强制执行 (行政强制法 第五十三条至第五十八条) ------------------------------------------------------


def served_reminder(case: Case) -> Reminder | None:
    return (
        case.reminders.filter(service__isnull=False)
        .select_related("service")
        .order_by("-service__served_on", "-pk")
        .first()
    )


def _application_ledger(ctx: Context) -> Ledger:
    """The money position on the application's date: the amount it asks for is owed on that day."""
    filed_on = ctx.data.get("filed_on")
    return ledger_on(ctx, min(filed_on, ctx.today)) if filed_on else ledger(ctx)


def _nothing_to_enforce(led: Ledger) -> bool:
    return led.revoked or led.nothing_to_pay or led.outstanding <= 0


def court_application_dated(ctx: Context) -> list[Reason]:
    return dated_since_decision(ctx, "filed_on", what="申请日期", article=CL_53)


def court_named(ctx: Context) -> list[Reason]:
    if ctx.data and not (ctx.data.get("court") or "").strip():
        return [Reason("court_missing", "请填写有管辖权的人民法院。", CL_54)]
    return []


def something_to_enforce(ctx: Context) -> list[Reason]:
    """行政强制法 第五十三条: a money obligation not performed; 第四十条第四项: none once the decision is revoked."""
    led = _application_ledger(ctx)
    if led.revoked:
        return [Reason("nothing_to_enforce", "处罚决定已被撤销或者确认无效，终结执行。", CL_40)]
    if _nothing_to_enforce(led):
        return [Reason("nothing_to_enforce", "没有尚未履行的金钱给付义务。", CL_53)]
    return []


def no_application_pending(ctx: Context) -> list[Reason]:
    if _nothing_to_enforce(_application_ledger(ctx)):
        return []
    if ctx.case.court_applications.filter(outcome="").exists():
        return [Reason("application_pending", "已有尚未裁定的强制执行申请。", CL_56)]
    return []


def no_remedy_pending(ctx: Context) -> list[Reason]:
    """行政强制法 第五十三条: the party neither seeks a remedy nor performs — not while a remedy is pending."""
    led = _application_ledger(ctx)
    pending = led.pending_remedy
    if _nothing_to_enforce(led) or pending is None:
        return []
    return [
        Reason(
            "remedy_pending",
            f"当事人已于{day_text(pending.filed_on)}提起{pending.get_kind_display()}，尚未结束，不能申请强制执行。",
            CL_53,
        )
    ]


def within_court_window(ctx: Context) -> list[Reason]:
    """行政强制法 第五十三条: within three months after the remedy periods end (the deadline ``court_application``).

    After an approved deferral or instalment plan, from its end (行政处罚法 第七十二条第二款)."""
    led = _application_ledger(ctx)
    if _nothing_to_enforce(led):
        return []
    if led.service is None:
        return [Reason("decision_not_served", "行政处罚决定书的送达尚未登记。", ART_61)]
    filed_on = ctx.data.get("filed_on")
    if led.pending_remedy is not None or filed_on is None:
        return []
    window = court_window_of(ctx.case, led.arrangement)
    if window is None:
        return unsettled_reasons(None, "申请人民法院强制执行的期限", CL_53)
    unsettled = unsettled_reasons(window.deadline, "申请人民法院强制执行的期限", CL_53)
    if unsettled:
        return unsettled
    tentative = "（暂定）" if window.provisional else ""
    basis = "暂缓或者分期缴纳期限" if window.after_arrangement else "申请行政复议或者提起行政诉讼的期限"
    if filed_on <= window.opens_after:
        return [
            Reason(
                "remedy_periods_running",
                f"{basis}至{day_text(window.opens_after)}{tentative}届满，届满后三个月内才能申请强制执行。",
                ART_72 if window.after_arrangement else CL_53,
            )
        ]
    if filed_on > window.closes_on:
        return [
            Reason(
                "application_window_closed",
                f"{basis}于{day_text(window.opens_after)}届满，申请强制执行的期限已于{day_text(window.closes_on)}{tentative}届满。",
                CL_53,
            )
        ]
    return []


def reminder_waited(ctx: Context) -> list[Reason]:
    """行政强制法 第五十四条、第六十九条: ten working days after the reminder was served.

    The stored deadline ``reminder_wait``: the party still did not perform, and only then may the agency apply."""
    if _nothing_to_enforce(_application_ledger(ctx)):
        return []
    reminder = served_reminder(ctx.case)
    if reminder is None:
        return [Reason("reminder_missing", "申请强制执行前，应当以书面形式催告当事人履行义务并送达催告书。", CL_54)]
    filed_on = ctx.data.get("filed_on")
    if filed_on is None:
        return []
    wait = clock_of(ctx.case, "reminder_wait", reminder.pk)
    unsettled = unsettled_reasons(wait, "催告书送达后的履行期间", CL_54)
    if unsettled or wait is None:
        return unsettled
    if filed_on <= wait.due_on:
        return [
            Reason(
                "reminder_too_recent",
                f"催告书于{day_text(reminder.served_on)}送达，满十个工作日（{day_text(wait.due_on)}"
                f"{'（暂定）' if wait.provisional else ''}）后当事人仍未履行的，才能申请强制执行。",
                CL_54,
            )
        ]
    return []


def application_to_decide(ctx: Context) -> list[Reason]:
    application = ctx.target
    if application is None:
        return [Reason("no_pending_application", "没有尚未裁定的强制执行申请。", CL_56)]
    if application.outcome:
        return [Reason("court_already_decided", "该申请的裁定已经登记。", CL_56)]
    return []


def court_outcome_dated(ctx: Context) -> list[Reason]:
    """The court rules after the application, and the ruling is recorded once made.

    行政强制法 第五十七条、第五十八条."""
    application = ctx.target
    return dated_reasons(
        ctx.data.get("decided_on"),
        what="裁定日期",
        today=ctx.today,
        after=application.filed_on if application is not None else None,
        since="申请日期",
        article=CL_56,
    )
