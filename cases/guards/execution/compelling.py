"""Remedies, the reminder, the court application, the hand-over of collected fines and closure."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kernel.money import yuan
from kernel.rules import AGENCY_POLICY, Reason, day_text
from matters.choices import PenaltyKind

from ...choices import CaseStatus
from ...models.execution import (
    COURT_DECIDED,
    CourtApplication,
    Payment,
    Reminder,
)
from ...models.remedies import Remedy, RemedyOutcome
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
    CourtWindow,
    Ledger,
    court_window,
    dated_reasons,
    handler_or_head_reasons,
    is_head,
    ledger,
    owed_detail,
    remedy_periods_end,
)
from .paying import (
    method_reasons,
)

if TYPE_CHECKING:
    from officers.models import Officer

    from ...models import Case
    from ..core import Context


# --- 行政复议、行政诉讼 ---------------------------------------------------------------------------------------


REMEDY_STATES = (CaseStatus.DECIDED, CaseStatus.EXECUTING, CaseStatus.CLOSED, CaseStatus.REFERRED)


def remedy_filing_reasons(
    case: Case,
    officer: Officer | None,
    *,
    filed_on: datetime.date,
    organ: str,
    pending: Remedy | None,
    today: datetime.date,
) -> list[Reason]:
    reasons: list[Reason] = []
    if case.decided_on is None or case.status not in REMEDY_STATES:
        reasons.append(Reason("no_decision", "尚未作出行政处罚决定，无从申请行政复议或者提起行政诉讼。", RL_20))
    reasons += handler_or_head_reasons(case, officer, "登记行政复议或者行政诉讼")
    reasons += dated_reasons(filed_on, what="申请或者起诉日期", today=today, after=case.decided_on, since="决定日期")
    if pending is not None:
        reasons.append(
            Reason(
                "remedy_pending",
                f"{pending.get_kind_display()}（{day_text(pending.filed_on)}提出）尚未结束；复议期间不得起诉，已起诉的不得申请复议。",
                RL_29,
            )
        )
    if not organ.strip():
        reasons.append(Reason("organ_missing", "请填写复议机关或者人民法院。", RL_20))
    return reasons


def remedy_outcome_reasons(
    remedy: Remedy,
    case: Case,
    officer: Officer | None,
    led: Ledger,
    *,
    outcome: str,
    decided_on: datetime.date,
    received_on: datetime.date | None,
    changed_fine_amount: Decimal | None,
    today: datetime.date,
) -> list[Reason]:
    reasons = handler_or_head_reasons(case, officer, "登记复议决定或者裁判结果")
    if not remedy.pending:
        reasons.append(Reason("remedy_decided", "该复议或者诉讼的结果已经登记。", RL_20))
    reasons += dated_reasons(decided_on, what="决定或者裁判日期", today=today, after=remedy.filed_on, since="申请日期")
    reasons += dated_reasons(received_on, what="收到日期", today=today, after=decided_on, since="决定或者裁判日期")
    if outcome == RemedyOutcome.CHANGED and led.fine > 0:
        if changed_fine_amount is None:
            reasons.append(
                Reason("changed_amount_missing", "决定变更的，请填写变更后的罚款金额（不变更罚款的填原金额）。", RL_63)
            )
        elif changed_fine_amount > led.fine:
            # 行政复议法 第六十三条第二款; 行政诉讼法 第七十七条第二款: never heavier for the applicant.
            reasons.append(Reason("changed_heavier", f"变更不得加重当事人的义务：原罚款{yuan(led.fine)}。", RL_63))
    return reasons


# --- 催告 (行政强制法 第三十五条、第三十八条) --------------------------------------------------------------------


def reminder_issue_reasons(
    case: Case,
    officer: Officer | None,
    led: Ledger,
    *,
    issued_on: datetime.date,
    performance_deadline: datetime.date,
    manner: str,
    today: datetime.date,
) -> list[Reason]:
    reasons: list[Reason] = []
    if case.status != CaseStatus.EXECUTING:
        reasons.append(Reason("wrong_state", "只有执行中的案件才能催告。", CL_35))
    reasons += handler_or_head_reasons(case, officer, "催告")
    reasons += dated_reasons(issued_on, what="催告日期", today=today, after=case.decided_on, since="决定日期")
    if led.nothing_to_pay or led.outstanding <= 0:
        reasons.append(Reason("nothing_to_enforce", "没有尚未履行的金钱给付义务，无需催告。", CL_35))
    elif not led.overdue:
        due = led.payment_due.date if led.payment_due else None
        reasons.append(
            Reason(
                "not_yet_overdue",
                f"缴款期限（{day_text(due)}）或者批准的暂缓、分期期限尚未届满，当事人尚未逾期。",
                ART_72,
            )
        )
    if performance_deadline < issued_on:
        reasons.append(Reason("deadline_before_issue", "履行期限不能早于催告日期。", CL_35))
    if not manner.strip():
        reasons.append(Reason("manner_missing", "催告书应当载明履行义务的方式（缴款的银行或者电子支付途径）。", CL_35))
    return reasons


def reminder_service_reasons(
    reminder: Reminder, case: Case, officer: Officer | None, data: dict[str, Any], today: datetime.date
) -> list[Reason]:
    """行政强制法 第三十八条: served directly; if refused or impossible, by the Civil Procedure Law's methods."""
    reasons = handler_or_head_reasons(case, officer, "登记催告书送达")
    if reminder.service_id:
        reasons.append(Reason("reminder_already_served", f"该催告书已于{day_text(reminder.served_on)}送达。", CL_38))
    reasons += dated_reasons(
        data.get("served_on"), what="送达日期", today=today, after=reminder.issued_on, since="催告日期"
    )
    return reasons + method_reasons(data, decision=False)


# --- 申请人民法院强制执行 (行政强制法 第五十三条至第五十八条) ------------------------------------------------------


def served_reminder(case: Case) -> Reminder | None:
    return (
        case.reminders.filter(service__isnull=False)
        .select_related("service")
        .order_by("-service__served_on", "-pk")
        .first()
    )


def application_window(case: Case, led: Ledger) -> CourtWindow | None:
    if led.service is None:
        return None
    end = remedy_periods_end(served_on=led.service.served_on, procedure=case.procedure, remedies=led.remedies)
    return court_window(end, led.arrangement)


def court_application_reasons(
    case: Case, officer: Officer | None, led: Ledger, *, filed_on: datetime.date, court: str, today: datetime.date
) -> list[Reason]:
    reasons: list[Reason] = []
    if case.status != CaseStatus.EXECUTING:
        reasons.append(Reason("wrong_state", "只有执行中的案件才能申请人民法院强制执行。", CL_53))
    if not is_head(case, officer):
        # 行政强制法 第五十五条第二款: the application is signed by the agency's head.
        reasons.append(Reason("not_agency_head", "强制执行申请书应当由行政机关负责人签名。", CL_55))
    reasons += dated_reasons(filed_on, what="申请日期", today=today, after=case.decided_on, since="决定日期")
    if not court.strip():
        reasons.append(Reason("court_missing", "请填写有管辖权的人民法院。", CL_54))
    if led.revoked:
        reasons.append(Reason("nothing_to_enforce", "处罚决定已被撤销或者确认无效，终结执行。", CL_40))
        return reasons
    if led.nothing_to_pay or led.outstanding <= 0:
        reasons.append(Reason("nothing_to_enforce", "没有尚未履行的金钱给付义务。", CL_53))
        return reasons
    if case.court_applications.filter(outcome="").exists():
        reasons.append(Reason("application_pending", "已有尚未裁定的强制执行申请。", CL_56))
    pending = led.pending_remedy
    if pending is not None:
        reasons.append(
            Reason(
                "remedy_pending",
                f"当事人已于{day_text(pending.filed_on)}提起{pending.get_kind_display()}，尚未结束，不能申请强制执行。",
                CL_53,
            )
        )
    window = application_window(case, led)
    if window is None:
        reasons.append(Reason("decision_not_served", "行政处罚决定书的送达尚未登记。", ART_61))
    elif pending is None:
        tentative = "（暂定）" if window.provisional else ""
        basis = "暂缓或者分期缴纳期限" if window.after_arrangement else "申请行政复议或者提起行政诉讼的期限"
        if filed_on <= window.opens_after:
            reasons.append(
                Reason(
                    "remedy_periods_running",
                    f"{basis}至{day_text(window.opens_after)}{tentative}届满，届满后三个月内才能申请强制执行。",
                    ART_72 if window.after_arrangement else CL_53,
                )
            )
        elif filed_on > window.closes_on:
            reasons.append(
                Reason(
                    "application_window_closed",
                    f"{basis}于{day_text(window.opens_after)}届满，申请强制执行的期限已于{day_text(window.closes_on)}{tentative}届满。",
                    CL_53,
                )
            )
    reminder = served_reminder(case)
    if reminder is None:
        reasons.append(
            Reason("reminder_missing", "申请强制执行前，应当以书面形式催告当事人履行义务并送达催告书。", CL_54)
        )
    else:
        assert reminder.waits_until is not None, "served_reminder returns a served one; serve_reminder set waits_until"
        if filed_on <= reminder.waits_until:
            reasons.append(
                Reason(
                    "reminder_too_recent",
                    f"催告书于{day_text(reminder.served_on)}送达，满十个工作日（{day_text(reminder.waits_until)}"
                    f"{'（暂定）' if reminder.provisional else ''}）后当事人仍未履行的，才能申请强制执行。",
                    CL_54,
                )
            )
    return reasons


def court_outcome_reasons(
    application: CourtApplication,
    case: Case,
    officer: Officer | None,
    *,
    decided_on: datetime.date,
    today: datetime.date,
) -> list[Reason]:
    reasons = handler_or_head_reasons(case, officer, "登记法院裁定")
    if application.outcome:
        reasons.append(Reason("court_already_decided", "该申请的裁定已经登记。", CL_56))
    return reasons + dated_reasons(
        decided_on, what="裁定日期", today=today, after=application.filed_on, since="申请日期"
    )


# --- 当场收缴罚款的上交 (行政处罚法 第七十一条) -------------------------------------------------------------------


def handover_reasons(
    payment: Payment,
    case: Case,
    officer: Officer | None,
    *,
    landed_on: datetime.date | None,
    handed_to_agency_on: datetime.date | None,
    deposited_on: datetime.date | None,
    today: datetime.date,
) -> list[Reason]:
    reasons = handler_or_head_reasons(case, officer, "登记当场收缴罚款的上交")
    if not payment.on_spot:
        return [*reasons, Reason("not_on_spot", "只有当场收缴的罚款需要登记上交。", ART_71)]
    if handed_to_agency_on is None and deposited_on is None:
        reasons.append(Reason("nothing_to_record", "请填写交至行政机关或者缴付银行的日期。", ART_71))
    if payment.on_water and payment.landed_on is None and landed_on is None and handed_to_agency_on is not None:
        reasons.append(Reason("landing_missing", "在水上当场收缴的，请填写抵岸日期。", ART_71))
    if handed_to_agency_on is not None and payment.handed_to_agency_on is not None:
        reasons.append(
            Reason("already_handed_over", f"已登记于{day_text(payment.handed_to_agency_on)}交至行政机关。", ART_71)
        )
    if deposited_on is not None and payment.deposited_on is not None:
        reasons.append(Reason("already_deposited", f"已登记于{day_text(payment.deposited_on)}缴付银行。", ART_71))
    reasons += dated_reasons(landed_on, what="抵岸日期", today=today, after=payment.paid_on, since="收缴日期")
    reasons += dated_reasons(
        handed_to_agency_on, what="交至行政机关日期", today=today, after=landed_on or payment.paid_on, since="收缴日期"
    )
    handed = handed_to_agency_on or payment.handed_to_agency_on
    if deposited_on is not None and handed is None:
        reasons.append(Reason("deposit_before_handover", "请先登记交至行政机关的日期。", ART_71))
    reasons += dated_reasons(deposited_on, what="缴付银行日期", today=today, after=handed, since="交至行政机关日期")
    return reasons


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
