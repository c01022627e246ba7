"""Remedies, the reminder, the court application, the hand-over of collected fines, the receipt scan and closure
(行政处罚法 第四十八条、第六十一条、第七十一条至第七十三条; 行政强制法 第三十五条至第四十条、第五十三条至第五十八条;
行政复议法 第二十条、第二十九条; 行政诉讼法 第四十五条、第四十六条).

Named guards on the :class:`~cases.guards.core.Context`, declared per action in ``cases.actions.execution``. A guard
that acts on a record reads it from ``ctx.target`` (the pending remedy, the unserved reminder, the pending court
application, the payment or the service named in the payload). With an empty payload each guard answers whether
the step can be offered at all; the payload's own checks wait for it. Every date it compares with a period is a
stored deadline (``clocks``): a missing one is a reason, never a cue to count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadlines.selectors import unsettled_reasons
from kernel.money import yuan
from kernel.rules import AGENCY_POLICY, Reason, day_text
from matters.choices import PenaltyKind

from ...choices import TERMINAL_STATES, CaseStatus
from ...models.execution import COURT_DECIDED, PaymentChannel, Reminder
from ...models.remedies import RemedyOutcome
from .clocks import clock_of, court_window_of
from .ledger import (
    ART_61,
    ART_66,
    ART_71,
    ART_72,
    CL_35,
    CL_38,
    CL_40,
    CL_53,
    CL_54,
    CL_55,
    CL_56,
    EXECUTED_BY_SERVICE,
    MONEY_KINDS,
    RL_20,
    RL_29,
    RL_63,
    Ledger,
    dated_reasons,
    dated_since_decision,
    handler_or_head_reasons,
    is_head,
    ledger,
    ledger_on,
    owed_detail,
    payment_clock_reasons,
)
from .paying import method_reasons

if TYPE_CHECKING:
    from ...models import Case
    from ..core import Context


# --- who records what (行政处罚法 第四十二条: the case's handlers; the agency's heads) ---------------------------


def _handler_or_head(what: str):
    def performer(ctx: Context) -> list[Reason]:
        return handler_or_head_reasons(ctx.case, ctx.officer, what)

    performer.__doc__ = f"A handler of the case or a head of its agency {what}."
    return performer


remedy_recorded_by_handler_or_head = _handler_or_head("登记行政复议或者行政诉讼")
remedy_outcome_recorded_by_handler_or_head = _handler_or_head("登记复议决定或者裁判结果")
reminder_issued_by_handler_or_head = _handler_or_head("催告")
reminder_service_recorded_by_handler_or_head = _handler_or_head("登记催告书送达")
court_outcome_recorded_by_handler_or_head = _handler_or_head("登记法院裁定")
handover_recorded_by_handler_or_head = _handler_or_head("登记当场收缴罚款的上交")


def receipt_filed_by_handler_or_head(ctx: Context) -> list[Reason]:
    if ctx.officer is None:
        return [Reason("not_an_officer", "当前账号未关联执法机关工作人员。", "")]
    return handler_or_head_reasons(ctx.case, ctx.officer, "上传送达回证")


def court_application_signed_by_head(ctx: Context) -> list[Reason]:
    """行政强制法 第五十五条第二款: the application is signed by the agency's head."""
    if is_head(ctx.case, ctx.officer):
        return []
    return [Reason("not_agency_head", "强制执行申请书应当由行政机关负责人签名。", CL_55)]


# --- 行政复议、行政诉讼 ---------------------------------------------------------------------------------------


REMEDY_STATES = (CaseStatus.DECIDED, CaseStatus.EXECUTING, CaseStatus.CLOSED, CaseStatus.REFERRED)


def remedy_against_a_decision(ctx: Context) -> list[Reason]:
    if ctx.case.decided_on is None or ctx.case.status not in REMEDY_STATES:
        return [Reason("no_decision", "尚未作出行政处罚决定，无从申请行政复议或者提起行政诉讼。", RL_20)]
    return []


def remedy_filing_dated(ctx: Context) -> list[Reason]:
    """A reconsideration or a suit is brought against a decision already made, and recorded once brought."""
    return dated_since_decision(ctx, "filed_on", what="申请或者起诉日期", article=RL_20)


def remedy_posting_dated(ctx: Context) -> list[Reason]:
    """A filing sent by post is posted after the decision and no later than the organ received it.

    民事诉讼法 第八十五条: 期间不包括在途时间 — the postmark decides whether it was in time."""
    posted_on, filed_on = ctx.data.get("posted_on"), ctx.data.get("filed_on")
    reasons = dated_since_decision(ctx, "posted_on", what="邮寄日期", article=RL_20)
    if not reasons and posted_on is not None and filed_on is not None and posted_on > filed_on:
        reasons.append(
            Reason(
                "posted_after_filed",
                f"邮寄日期（{day_text(posted_on)}）不能晚于复议机关或者人民法院收到的日期（{day_text(filed_on)}）。",
                RL_20,
            )
        )
    return reasons


def one_remedy_at_a_time(ctx: Context) -> list[Reason]:
    """行政复议法 第二十九条: never a reconsideration and a suit at the same time."""
    pending = ctx.case.remedies.filter(outcome="").first()
    if pending is None:
        return []
    return [
        Reason(
            "remedy_pending",
            f"{pending.get_kind_display()}（{day_text(pending.filed_on)}提出）尚未结束；复议期间不得起诉，已起诉的不得申请复议。",
            RL_29,
        )
    ]


def remedy_organ_named(ctx: Context) -> list[Reason]:
    if ctx.data and not (ctx.data.get("organ") or "").strip():
        return [Reason("organ_missing", "请填写复议机关或者人民法院。", RL_20)]
    return []


def remedy_to_decide(ctx: Context) -> list[Reason]:
    remedy = ctx.target
    if remedy is None:
        return [Reason("no_pending_remedy", "没有尚未结束的行政复议或者行政诉讼。", RL_20)]
    if not remedy.pending:
        return [Reason("remedy_decided", "该复议或者诉讼的结果已经登记。", RL_20)]
    return []


def remedy_outcome_dated(ctx: Context) -> list[Reason]:
    """The outcome comes on or after the filing, and is received on or after it was made.

    行政复议法 第六十二条; 行政诉讼法 第八十一条."""
    remedy, decided_on = ctx.target, ctx.data.get("decided_on")
    if remedy is None:
        return []
    reasons = dated_reasons(
        decided_on, what="决定或者裁判日期", today=ctx.today, after=remedy.filed_on, since="申请日期", article=RL_20
    )
    return reasons + dated_reasons(
        ctx.data.get("received_on"),
        what="收到日期",
        today=ctx.today,
        after=decided_on,
        since="决定或者裁判日期",
        article=RL_20,
    )


def changed_fine_lawful(ctx: Context) -> list[Reason]:
    """行政复议法 第六十三条第二款; 行政诉讼法 第七十七条第二款: a change never burdens the party more."""
    if ctx.data.get("outcome") != RemedyOutcome.CHANGED:
        return []
    led = ledger(ctx)
    if led.fine <= 0:
        return []
    amount = ctx.data.get("changed_fine_amount")
    if amount is None:
        return [Reason("changed_amount_missing", "决定变更的，请填写变更后的罚款金额（不变更罚款的填原金额）。", RL_63)]
    if amount > led.fine:
        return [Reason("changed_heavier", f"变更不得加重当事人的义务：原罚款{yuan(led.fine)}。", RL_63)]
    return []


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
    return dated_reasons(
        ctx.data.get("served_on"),
        what="送达日期",
        today=ctx.today,
        after=reminder.issued_on if reminder is not None else None,
        since="催告日期",
        article=CL_38,
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
    reasons += payment_clock_reasons(led)
    owes = not led.nothing_to_pay and led.outstanding > 0
    if owes and not case.court_applications.filter(outcome__in=COURT_DECIDED).exists():
        reasons.append(
            Reason(
                "not_executed",
                f"处罚决定尚未执行完毕：{owed_detail(led)}。缴清或者人民法院对强制执行申请作出裁定后才能结案。",
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
