"""The agency correcting its own penalty decision (行政处罚法 第七十五条第二款: 行政机关应当认真审查，发现有错误的，
应当主动改正), as named guards of the action ``correct_decision`` (``cases.actions.execution``): the head changes —
never to the party's greater burden, as a changed remedy outcome (行政复议法 第六十三条第二款) — or revokes a
decision that still stands, with the reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kernel.money import yuan
from kernel.rules import ART_75_2, Reason

from ..models.remedies import CorrectionOutcome
from .execution import dated_since_decision, ledger
from .execution.remedies import changed_fine_reasons

if TYPE_CHECKING:
    from .core import Context


def corrected_by_head(ctx: Context) -> list[Reason]:
    if ctx.same_agency and ctx.officer is not None and ctx.officer.is_head:
        return []
    return [Reason("not_agency_head", "自行纠正行政处罚决定须由本机关负责人决定。", ART_75_2)]


def decision_to_correct(ctx: Context) -> list[Reason]:
    """A penalty decision that still stands: not revoked or void (by a remedy or an earlier correction)."""
    case = ctx.case
    if case.decided_on is None:
        return [Reason("not_decided", "尚未作出行政处罚决定，没有可以纠正的决定。", ART_75_2)]
    if not case.decided_penalty_kinds:
        return [Reason("no_penalty_decided", "本案决定不予行政处罚，没有可以纠正的行政处罚决定。", ART_75_2)]
    if ledger(ctx).revoked:
        return [Reason("decision_revoked", "行政处罚决定已被撤销或者确认无效，没有可以纠正的决定。", ART_75_2)]
    return []


def correction_reasons_stated(ctx: Context) -> list[Reason]:
    if ctx.data and not (ctx.data.get("reasons") or "").strip():
        return [Reason("correction_reasons_missing", "自行纠正应当写明发现的错误和纠正的理由。", ART_75_2)]
    return []


def correction_dated(ctx: Context) -> list[Reason]:
    return dated_since_decision(ctx, "decided_on", what="纠正决定日期", article=ART_75_2)


def corrected_not_heavier(ctx: Context) -> list[Reason]:
    """A change never burdens the party more: a fine at most the one that stands, and none added where none was."""
    if ctx.data.get("outcome") != CorrectionOutcome.CHANGED:
        return []
    amount = ctx.data.get("changed_fine_amount")
    if ledger(ctx).fine <= 0 and amount:
        return [
            Reason(
                "changed_heavier", f"变更不得加重当事人的义务：原决定没有罚款，不能增加罚款{yuan(amount)}。", ART_75_2
            )
        ]
    return changed_fine_reasons(ctx, article=ART_75_2)
