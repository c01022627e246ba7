"""The rules of 责令改正 (行政处罚法 第二十八条第一款) and of the illegal gains (第二十八条第二款), one named
guard each.

A fine the penalty provision gives only to a party who does not correct (“拒不改正的，处……罚款”, quoted on the
matter: ``Matter.conditional_on_failure_to_correct``) is refused until the file shows an order whose notice was
served and either a re-inspection after its period found it not corrected or the party's refusal is recorded. The
period's last day is the stored deadline ``correction`` (``deadline_of``): no guard counts it.
"""

from __future__ import annotations

from decimal import Decimal

from deadlines.selectors import deadline_of, unsettled_reasons
from kernel.rules import ART_28, ART_28_2, Reason, day_text
from matters.choices import MultipleBase, PenaltyKind

from ..models.correction import CorrectionOrder
from ..selectors import current_report
from .core import Context


def _order(ctx: Context) -> CorrectionOrder | None:
    return ctx.target if isinstance(ctx.target, CorrectionOrder) else None


def correction_order_named(ctx: Context) -> list[Reason]:
    """The step acts on an order of this case (before the form is filled in: that there is one)."""
    if not ctx.data:
        if ctx.case.correction_orders.exists():
            return []
        return [Reason("no_correction_order", "本案尚未责令改正。", ART_28)]
    if _order(ctx) is None:
        return [Reason("no_correction_order", "请选择本案的责令改正。", ART_28)]
    return []


def correction_notice_served(ctx: Context) -> list[Reason]:
    """The party learns the order and its period from the served 责令改正通知书; before that nothing can be found
    uncorrected or refused."""
    order = _order(ctx)
    if order is None or order.served_on is not None:
        return []
    return [
        Reason(
            "correction_notice_not_served",
            "责令改正通知书尚未送达当事人，请先登记其送达（“登记其他文书的送达”），再登记复查结果或者拒不改正。",
            ART_28,
        )
    ]


def correction_not_settled(ctx: Context) -> list[Reason]:
    """An order is settled once: by a re-inspection or a recorded refusal."""
    order = _order(ctx)
    if order is None:
        return []
    if order.inspected_on is not None:
        return [Reason("correction_already_inspected", f"该责令改正已于{day_text(order.inspected_on)}复查。", ART_28)]
    if order.refused_on is not None:
        return [Reason("correction_already_refused", f"已于{day_text(order.refused_on)}登记当事人拒不改正。", ART_28)]
    return []


def correction_step_dated(ctx: Context) -> list[Reason]:
    """The re-inspection or the refusal is dated on or after service of the notice and not in the future."""
    order = _order(ctx)
    day = ctx.data.get("inspected_on") or ctx.data.get("refused_on") if ctx.data else None
    if order is None or day is None:
        return []
    if day > ctx.today:
        return [Reason("correction_dated_in_future", "日期不能晚于今天。", ART_28)]
    if order.served_on is not None and day < order.served_on:
        return [
            Reason(
                "correction_dated_before_service",
                f"日期不能早于责令改正通知书送达之日（{day_text(order.served_on)}）。",
                ART_28,
            )
        ]
    return []


def correction_ordered_in_time(ctx: Context) -> list[Reason]:
    """The order is not dated in the future (it may be given at an inspection before filing)."""
    ordered_on = ctx.data.get("ordered_on") if ctx.data else None
    if ordered_on is not None and ordered_on > ctx.today:
        return [Reason("correction_dated_in_future", "责令改正日期不能晚于今天。", ART_28)]
    return []


def reinspection_has_evidence(ctx: Context) -> list[Reason]:
    """A re-inspection's result rests on evidence: an item of the file or a written account of what was found."""
    if not ctx.data:
        return []
    evidence = ctx.data.get("evidence")
    if evidence is not None and getattr(evidence, "case_id", ctx.case.pk) != ctx.case.pk:
        return [Reason("reinspection_evidence_foreign", "复查证据须是本案的证据材料。", ART_28)]
    if evidence is None and not (ctx.data.get("note") or "").strip():
        return [
            Reason(
                "reinspection_without_evidence",
                "复查结果须附证据：请选择本案的证据材料，或者写明复查所见情况。",
                ART_28,
            )
        ]
    return []


# --- the conditional fine -------------------------------------------------------------------------------------


def _failure_to_correct_shown(case) -> tuple[bool, list[Reason]]:
    """Whether the file shows a failure to correct: a served order refused, or re-inspected after its stored last
    day and found not corrected. Also the reasons a stored deadline cannot be read now."""
    for order in case.correction_orders.exclude(served_on=None).order_by("-pk"):
        if order.refused_on is not None:
            return True, []
        if order.corrected is False and order.inspected_on is not None:
            deadline = deadline_of(case.pk, "correction", ref=str(order.pk))
            unsettled = unsettled_reasons(deadline, "责令改正", ART_28)
            if unsettled:
                return False, unsettled
            assert deadline is not None
            if order.inspected_on > deadline.due_on:
                return True, []
    return False, []


def conditional_fine_after_failure_to_correct(ctx: Context) -> list[Reason]:
    """行政处罚法 第二十八条第一款 with the penalty provision (食品安全法 第一百二十六条: 责令改正，给予警告；拒不
    改正的，处……罚款): a fine conditional on a failure to correct is proposed only once the file shows it."""
    if not ctx.data:
        return []
    matter = ctx.case.matter
    words = matter.conditional_on_failure_to_correct
    kinds = ctx.data.get("penalty_kinds") or ctx.data.get("decided_penalty_kinds") or []
    if not words or PenaltyKind.FINE not in kinds:
        return []
    shown, unsettled = _failure_to_correct_shown(ctx.case)
    if shown:
        return []
    if unsettled:
        return unsettled
    provision = matter.penalty_provision
    return [
        Reason(
            "fine_needs_failure_to_correct",
            f"《{provision.law}》{provision.article}规定“{words}”：须先责令改正并送达责令改正通知书，"
            "改正期限届满后复查仍未改正，或者登记当事人拒不改正，才能提出罚款。",
            f"{ART_28}；《{provision.law}》{provision.article}",
        )
    ]


# --- 第二十八条第二款: illegal gains ------------------------------------------------------------------------


def gains_found(matter, data: dict) -> Decimal | None:
    """The illegal gains the proposal records: ``illegal_gains_found``, and the fine's base amount where the matter's
    fine is a multiple of 违法所得 (the base is then the gains the investigation established)."""
    amounts = [data.get("illegal_gains_found")]
    if matter.multiple_base == MultipleBase.ILLEGAL_GAINS:
        amounts.append(data.get("base_amount"))
    found = [a for a in amounts if a]
    return max(found) if found else None


def illegal_gains_confiscated(ctx: Context) -> list[Reason]:
    """行政处罚法 第二十八条第二款: 当事人有违法所得，除依法应当退赔的外，应当予以没收. Where the report records the
    illegal gains found and they are not to be refunded, a penalty proposal confiscates them in full; a proposal of
    no penalty need not. Illegal gains recorded as the base of the fine (a matter whose fine is a multiple of
    违法所得, ``MultipleBase.ILLEGAL_GAINS``) are illegal gains found too: the larger of the two is what is owed."""
    data = ctx.data
    if not data:
        return []
    found = gains_found(ctx.case.matter, data)
    if not found or data.get("gains_refunded") or data.get("outcome") != "penalty":
        return []
    proposed = data.get("illegal_gains") or 0
    if PenaltyKind.CONFISCATE_GAINS in (data.get("penalty_kinds") or []) and proposed >= found:
        return []
    return [
        Reason(
            "illegal_gains_not_confiscated",
            f"已查明违法所得{found}元，且未载明依法应当退赔：处罚意见应当没收违法所得（拟没收{proposed}元）。",
            ART_28_2,
        )
    ]


def correction_ordered(ctx: Context) -> list[Reason]:
    """行政处罚法 第二十八条第一款: 行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为. A penalty decision
    carries the order — in the decision (the report's ``correction``, printed by the 行政处罚决定书) or in a
    责令改正通知书 on file — unless the file records that the violation has ended (the report's ``violation_ended``).
    Checked on ``decide`` when a penalty is decided, and on ``decide_on_spot`` (the 当场处罚决定书 carries it)."""
    if not ctx.data or (ctx.data.get("outcome") or "penalty") != "penalty":
        return []
    if (ctx.data.get("correction") or "").strip() or (ctx.data.get("violation_ended") or "").strip():
        return []
    report = current_report(ctx.case)
    if report is not None and ((report.correction or "").strip() or (report.violation_ended or "").strip()):
        return []
    if ctx.case.correction_orders.exists():
        return []
    return [
        Reason(
            "correction_not_ordered",
            "实施行政处罚，应当责令当事人改正或者限期改正违法行为：请在调查终结报告中写明责令改正的内容（由决定书载明），"
            "或者制作责令改正通知书；违法行为已经终止的，在报告中写明终止的情况。",
            ART_28,
        )
    ]
