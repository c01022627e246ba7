"""Service of the decision, payments and arrangements (行政处罚法 第六十一条、第六十六条至第七十一条).

Each rule is a named guard on the :class:`~cases.guards.core.Context`: it returns every reason it finds, with its
article, and checks the payload only once there is one (``ctx.data``) — with an empty payload it answers whether
the step can be offered at all (the case page and the API's ``actions``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kernel.money import yuan
from kernel.rules import ART_52, Reason, day_text

from ...choices import Procedure
from ...models.execution import ArrangementKind, OnSpotGround, Payment, PaymentChannel, ServiceMethod
from .ledger import (
    ART_61,
    ART_66,
    ART_67,
    ART_68,
    ART_69,
    ART_70,
    ART_72,
    ON_SPOT_SMALL_FINE,
    ZERO,
    Ledger,
    dated_since_decision,
    is_head,
    ledger,
    ledger_of,
    owed_detail,
    payment_clock_reasons,
    service_dated,
)

if TYPE_CHECKING:
    from ...models import Case
    from ..core import Context


# --- 送达 (行政处罚法 第六十一条; 行政强制法 第三十八条) ----------------------------------------------------------


def method_reasons(data: dict[str, Any], *, decision: bool) -> list[Reason]:
    """What each method of service needs on record (行政处罚法 第六十一条, by the Civil Procedure Law's methods)."""
    method, served_on = data.get("method"), data.get("served_on")
    reasons: list[Reason] = []
    if method == ServiceMethod.ON_SPOT and not decision:
        reasons.append(
            Reason(
                "on_spot_only_for_decision",
                "当场交付仅适用于当场宣告的行政处罚决定书；其他文书请选择直接送达。",
                ART_61,
            )
        )
    if (
        method in (ServiceMethod.ON_SPOT, ServiceMethod.DIRECT, ServiceMethod.AGENT, ServiceMethod.LEFT)
        and not (data.get("recipient") or "").strip()
    ):
        reasons.append(Reason("recipient_missing", "请写明受送达人或者代收、签收的人。", ART_61))
    if method == ServiceMethod.LEFT and not (data.get("witnesses") or "").strip():
        reasons.append(
            Reason(
                "left_without_witness",
                "留置送达的，应当记明拒收事由和日期，由见证人签名，或者采用拍照、录像等方式记录送达过程。",
                ART_61,
            )
        )
    if method == ServiceMethod.POST and not (data.get("tracking_number") or "").strip():
        reasons.append(
            Reason("post_without_tracking", "邮寄送达的，请填写邮件编号，以回执上注明的收件日期为送达日期。", ART_61)
        )
    if method == ServiceMethod.ELECTRONIC:
        consent = data.get("consent_signed_on")
        if consent is None:
            reasons.append(
                Reason("electronic_without_consent", "采用传真、电子邮件等方式送达，须当事人同意并签订确认书。", ART_61)
            )
        elif served_on is not None and consent > served_on:
            reasons.append(Reason("consent_after_service", "电子送达确认书应当在送达之前签订。", ART_61))
        if not (data.get("address") or "").strip():
            reasons.append(Reason("electronic_address_missing", "请填写当事人确认的传真号码或者电子送达地址。", ART_61))
    if method == ServiceMethod.ANNOUNCEMENT:
        reasons += announcement_reasons(data)
    elif method and served_on is None:
        reasons.append(Reason("served_on_missing", "请填写送达日期。", ART_61))
    return reasons


def announcement_reasons(data: dict[str, Any]) -> list[Reason]:
    """行政处罚法 第六十一条 → 民事诉讼法 第九十五条: 受送达人下落不明，或者用本节规定的其他方式无法送达的，公告送达 —
    the last resort, so the file says which and how it was established; 自发出公告之日起，经过三十日，即视为送达 — the
    day is counted by the clock (``services.execution.service.with_deemed_service``), and a different day given by
    hand is refused."""
    reasons: list[Reason] = []
    if data.get("announced_on") is None:
        reasons.append(Reason("announcement_date_missing", "公告送达的，请填写公告日期。", ART_61))
    if not data.get("announcement_ground"):
        reasons.append(
            Reason(
                "announcement_ground_missing",
                "公告送达仅适用于受送达人下落不明，或者用其他方式无法送达的情形：请选择事由。",
                ART_61,
            )
        )
    if not (data.get("announcement_attempts") or "").strip():
        reasons.append(
            Reason(
                "announcement_attempts_missing",
                "请写明查找受送达人下落的情况，或者已采用的其他送达方式及无法送达的原因。",
                ART_61,
            )
        )
    stated, deemed = data.get("stated_served_on"), data.get("served_on")
    if stated is not None and deemed is not None and stated != deemed:
        reasons.append(
            Reason(
                "deemed_date_counted",
                f"公告送达自公告之日起经过三十日视为送达，即{day_text(deemed)}；无需另填送达日期。",
                ART_61,
            )
        )
    return reasons


DECISION_KINDS = ("penalty_decision", "on_spot_decision", "no_penalty_decision")  # documents.choices.DocumentKind


def decision_document(case: Case):
    """The current version of the decision's document (documents.Document), issued by ``decide`` or
    ``decide_on_spot``; None before it is issued."""
    return (
        case.documents.filter(kind__in=DECISION_KINDS, superseded_by__isnull=True).order_by("-issued_at", "-pk").first()
    )


def decision_document_issued(ctx: Context) -> list[Reason]:
    """What is served is the issued decision document (第六十一条), with its 文号: the 行政处罚决定书, or the
    不予行政处罚决定书 (第五十七条第一款第二项)."""
    case = ctx.case
    if decision_document(case) is not None:
        return []
    punished = case.procedure == Procedure.SUMMARY or bool(case.decided_penalty_kinds)
    title = "行政处罚决定书" if punished else "不予行政处罚决定书"
    return [Reason("no_decision_document", f"{title}尚未制作，请先在“执法文书”中制作。", ART_61)]


def decision_service_dated(ctx: Context) -> list[Reason]:
    """第六十一条: the decision is served on or after the day it was made, and the service is recorded once made
    (not in the future)."""
    return service_dated(ctx, after=ctx.case.decided_on, since="决定日期", article=ART_61)


def decision_handed_over_on_the_spot(ctx: Context) -> list[Reason]:
    """An on-the-spot decision is handed over on the spot (第五十二条); whatever is handed over on the spot is so
    the day the decision is announced (第六十一条第一款)."""
    case, method, served_on = ctx.case, ctx.data.get("method"), ctx.data.get("served_on")
    reasons: list[Reason] = []
    if case.procedure == Procedure.SUMMARY and method and method != ServiceMethod.ON_SPOT:
        reasons.append(
            Reason(
                "summary_delivered_on_spot",
                "当场作出的行政处罚决定书应当当场交付当事人；当事人拒绝签收的，在决定书上注明。",
                ART_52,
            )
        )
    if method == ServiceMethod.ON_SPOT and served_on is not None and served_on != case.decided_on:
        reasons.append(
            Reason(
                "on_spot_not_same_day", f"当场交付的送达日期应为宣告决定之日（{day_text(case.decided_on)}）。", ART_61
            )
        )
    return reasons


def decision_service_method(ctx: Context) -> list[Reason]:
    return method_reasons(ctx.data, decision=True) if ctx.data else []


def service_lawful(ctx: Context) -> list[Reason]:
    """For ``serve``: the decision's document issued; the service dated and made by a lawful method.

    Lateness is not a reason: a late but real service is recorded, and the deadline ``service`` it meets says it
    came late (the service itself must not be lost because it came late)."""
    return (
        decision_document_issued(ctx)
        + decision_service_dated(ctx)
        + decision_handed_over_on_the_spot(ctx)
        + decision_service_method(ctx)
    )


# --- 缴款 (行政处罚法 第六十六条至第七十一条) ------------------------------------------------------------------


def something_to_pay(ctx: Context) -> list[Reason]:
    """第六十七条: a fine or confiscated gains the decision orders, not paid yet."""
    led = ledger(ctx)
    if led.nothing_to_pay:
        why = "处罚决定已被撤销或者确认无效" if led.revoked else "处罚决定没有罚款或者没收违法所得"
        return [Reason("nothing_to_pay", f"{why}，无需缴款。", ART_67)]
    if not ctx.data and led.outstanding <= 0:
        return [Reason("paid_in_full", f"款项已经缴清：{owed_detail(led)}。", ART_67)]
    if led.service is None:
        # A case referred before the service (《行政执法机关移送涉嫌犯罪案件的规定》第十一条): nothing runs yet.
        return [Reason("decision_not_served", "行政处罚决定书尚未送达，缴款期限尚未开始，不能登记缴款。", ART_67)]
    return []


def payment_dated(ctx: Context) -> list[Reason]:
    """A payment is made after the decision and recorded once made (第六十七条)."""
    return dated_since_decision(ctx, "paid_on", what="缴款日期", article=ART_67)


def payment_receipt(ctx: Context) -> list[Reason]:
    """罚缴分离实施办法 第八条: the bank's 罚款收据; 行政处罚法 第七十条: the finance department's official receipt —
    each counted once."""
    receipt = (ctx.data.get("receipt_number") or "").strip()
    if not receipt:
        on_spot = ctx.data.get("channel") == PaymentChannel.ON_SPOT
        what = "财政部门统一制发的专用票据号码" if on_spot else "代收机构出具的罚款收据号码"
        return [Reason("receipt_missing", f"请填写{what}。", ART_70 if on_spot else ART_67)]
    if Payment.objects.filter(case=ctx.case, receipt_number=receipt).exists():
        return [Reason("receipt_already_recorded", f"收据号码{receipt}已经登记过，不能重复登记。", ART_67)]
    return []


def payment_bank_named(ctx: Context) -> list[Reason]:
    """罚款决定与罚款收缴分离实施办法 第七条、第八条: the designated 代收机构 issues the receipt."""
    if ctx.data.get("channel") == PaymentChannel.BANK and not (ctx.data.get("bank") or "").strip():
        return [Reason("bank_missing", "请填写收缴罚款的代收机构（指定银行）。", ART_67)]
    return []


def _on_spot_reasons(case: Case, led: Ledger, data: dict[str, Any]) -> list[Reason]:
    ground, paid_on = data.get("on_spot_ground"), data.get("paid_on")
    reason_text = (data.get("on_spot_reason") or "").strip()
    if not ground:
        return [
            Reason(
                "on_spot_ground_missing",
                "执法人员不得自行收缴罚款；当场收缴的，须写明第六十八条或者第六十九条规定的情形。",
                ART_67,
            )
        ]
    reasons: list[Reason] = []
    if ground in (OnSpotGround.SMALL_FINE, OnSpotGround.HARD_LATER):
        # 第六十八条: only for a decision made on the spot under 第五十一条, at the time it is made.
        if case.procedure != Procedure.SUMMARY:
            reasons.append(
                Reason("on_spot_not_summary", "第六十八条的当场收缴仅适用于依照第五十一条当场作出的处罚决定。", ART_68)
            )
        elif paid_on is not None and paid_on != case.decided_on:
            reasons.append(
                Reason(
                    "on_spot_not_at_decision",
                    f"第六十八条的当场收缴应在当场作出决定时（{day_text(case.decided_on)}）进行。",
                    ART_68,
                )
            )
        if ground == OnSpotGround.SMALL_FINE and led.fine > ON_SPOT_SMALL_FINE:
            reasons.append(
                Reason("on_spot_fine_over_100", f"罚款为{yuan(led.fine)}，超过一百元，不能以此为由当场收缴。", ART_68)
            )
        if ground == OnSpotGround.HARD_LATER and not reason_text:
            reasons.append(Reason("on_spot_reason_missing", "请写明不当场收缴事后难以执行的具体情况。", ART_68))
    elif ground == OnSpotGround.REMOTE:
        if not data.get("party_requested"):
            reasons.append(
                Reason("on_spot_not_requested", "边远、水上、交通不便地区当场收缴罚款，须经当事人提出。", ART_69)
            )
        if not reason_text:
            reasons.append(
                Reason(
                    "on_spot_area_missing",
                    "请写明所在的边远、水上或者交通不便地区，以及当事人到银行缴纳确有困难的情况。",
                    ART_69,
                )
            )
    amount = data.get("amount")
    if amount is not None and amount > led.fine_unpaid:
        reasons.append(
            Reason(
                "on_spot_beyond_fine",
                f"当场只能收缴尚未缴纳的罚款（{yuan(led.fine_unpaid)}）；加处罚款和没收违法所得应当到指定银行缴纳。",
                ART_67,
            )
        )
    return reasons


def on_spot_collection_lawful(ctx: Context) -> list[Reason]:
    """第六十七条: officers never collect fines themselves — except in the cases of 第六十八条 and 第六十九条."""
    if ctx.data.get("channel") != PaymentChannel.ON_SPOT:
        return []
    return _on_spot_reasons(ctx.case, ledger_of(ctx.case, on=ctx.data.get("paid_on") or ctx.today), ctx.data)


def payment_within_owed(ctx: Context) -> list[Reason]:
    """Never more than is owed, the surcharge included (第七十二条): counted with this payment in place (it may stop
    the surcharge)."""
    amount, paid_on = ctx.data.get("amount"), ctx.data.get("paid_on")
    if amount is not None and amount <= 0:
        return [Reason("amount_not_positive", "缴款金额应当大于零。", ART_67)]
    if amount is None or paid_on is None:
        return []
    after = ledger_of(ctx.case, on=max(paid_on, ctx.today), extra=(paid_on, amount))
    if after.paid <= after.owed:
        return []
    most = after.owed - (after.paid - amount)
    return [
        Reason(
            "amount_exceeds_owed",
            f"本次缴款{yuan(amount)}超过应缴金额：按此缴款计算应缴合计{yuan(after.owed)}，"
            f"此前已缴{yuan(after.paid - amount)}，本次最多{yuan(max(ZERO, most))}。",
            ART_72,
        )
    ]


def payment_lawful(ctx: Context) -> list[Reason]:
    """For ``record_payment``: something is owed; the date, the receipt, the channel and the amount.

    The deadline ``payment`` the surcharge counts from must be stored."""
    reasons = something_to_pay(ctx)
    if reasons or not ctx.data:
        return reasons
    return (
        payment_clock_reasons(ledger(ctx))
        + payment_dated(ctx)
        + payment_receipt(ctx)
        + payment_bank_named(ctx)
        + on_spot_collection_lawful(ctx)
        + payment_within_owed(ctx)
    )


# --- 暂缓、分期 (行政处罚法 第六十六条第二款) ----------------------------------------------------------------


def arrangement_approved_by_head(ctx: Context) -> list[Reason]:
    """第六十六条第二款: deferral or instalments with the agency's approval — its head's."""
    if is_head(ctx.case, ctx.officer):
        return []
    return [Reason("not_agency_head", "暂缓或者分期缴纳罚款，须经行政机关负责人批准。", ART_66)]


def fine_left_to_arrange(ctx: Context) -> list[Reason]:
    led = ledger(ctx)
    if led.nothing_to_pay or led.fine_unpaid <= 0:
        return [Reason("no_fine_unpaid", "没有尚未缴纳的罚款，无需暂缓或者分期。", ART_66)]
    return []


def arrangement_applied_dated(ctx: Context) -> list[Reason]:
    """The party applies after the decision; the application is recorded once made (第六十六条第二款)."""
    return dated_since_decision(ctx, "applied_on", what="申请日期", article=ART_66)


def hardship_stated(ctx: Context) -> list[Reason]:
    if ctx.data and not (ctx.data.get("reason") or "").strip():
        return [Reason("hardship_missing", "暂缓或者分期缴纳须当事人确有经济困难，请写明情况。", ART_66)]
    return []


def arrangement_terms(ctx: Context) -> list[Reason]:
    """第六十六条第二款: the terms of the deferral or the instalments.

    A deferral ends after the payment deadline the decision set (the stored deadline ``payment``); instalments are
    two or more, in order, after the application, and add up to the unpaid fine."""
    if not ctx.data:
        return []
    led, data = ledger(ctx), ctx.data
    reasons: list[Reason] = []
    if data.get("kind") == ArrangementKind.DEFERRAL:
        deferred_until = data.get("deferred_until")
        if deferred_until is None:
            reasons.append(Reason("deferral_date_missing", "请填写暂缓缴纳的期限。", ART_66))
        elif led.clock_missing:
            reasons += payment_clock_reasons(led)
        elif led.payment_due is not None and deferred_until <= led.payment_due.date:
            reasons.append(
                Reason("deferral_not_later", f"暂缓期限应晚于原缴款期限（{day_text(led.payment_due.date)}）。", ART_66)
            )
        return reasons
    instalments = list(data.get("instalments") or [])
    applied_on = data.get("applied_on")
    if len(instalments) < 2:
        reasons.append(Reason("too_few_instalments", "分期缴纳至少分为两期。", ART_66))
    days = [day for day, _ in instalments]
    if days != sorted(set(days)):
        reasons.append(Reason("instalments_out_of_order", "各期缴纳期限应当按先后顺序排列且互不相同。", ART_66))
    if days and applied_on is not None and days[0] < applied_on:
        reasons.append(Reason("instalment_before_application", "第一期的期限不能早于申请日期。", ART_66))
    if any(amount <= 0 for _, amount in instalments):
        reasons.append(Reason("instalment_not_positive", "每期金额应当大于零。", ART_66))
    total = sum((amount for _, amount in instalments), ZERO)
    if instalments and total != led.fine_unpaid:
        reasons.append(
            Reason(
                "instalments_do_not_add_up",
                f"各期合计{yuan(total)}，应当等于尚未缴纳的罚款{yuan(led.fine_unpaid)}。",
                ART_66,
            )
        )
    return reasons
