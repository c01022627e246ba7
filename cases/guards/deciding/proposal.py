"""The proposal and its benchmark (行政处罚法 第五十七条、第五十九条); ``decide``'s revision gate."""

from __future__ import annotations

from kernel.rules import (
    ART_57,
    ART_59_2,
    Reason,
)

from ...analysis import analyse
from ...choices import Outcome
from ..core import Context

# --- the proposal ----------------------------------------------------------------------------


def proposal_stands(ctx: Context) -> list[Reason]:
    """行政处罚法 第三十二至三十四条: the proposal sits lawfully in the statutory range and the benchmark."""
    if not ctx.data:
        return []
    data = ctx.data
    reasons = analyse(
        matter=ctx.case.matter,
        outcome=data.get("outcome", ""),
        penalty_kinds=data.get("penalty_kinds") or [],
        fine_amount=data.get("fine_amount"),
        base_amount=data.get("base_amount"),
        tier=data.get("tier"),
        justification=data.get("outside_tier_justification", ""),
        mitigation_ground=data.get("mitigation_ground", ""),
        no_penalty_ground=data.get("no_penalty_ground", ""),
        on=ctx.today,
    ).reasons
    if data.get("outcome") == Outcome.TRANSFER and not (data.get("transfer_organ") or "").strip():
        reasons.append(Reason("transfer_organ_missing", "移送其他机关的，须写明受移送机关。", ART_57))
    return reasons


def established_facts_stated(ctx: Context) -> list[Reason]:
    """行政处罚法 第五十九条第一款第二项: a proposal to decide — to punish or not — states the facts the investigation
    established; the decision prints them as its “经查”, not the text the lead was registered with (第四十条)."""
    if not ctx.data or ctx.data.get("outcome") not in (Outcome.PENALTY, Outcome.NO_PENALTY):
        return []
    if (ctx.data.get("facts") or "").strip():
        return []
    return [
        Reason(
            "established_facts_missing",
            "调查终结报告应当写明调查认定的违法事实：决定书据此载明“经查”的事实，而不是线索登记时的描述。",
            ART_59_2,
        )
    ]


def proposal_needs_revision(ctx: Context) -> list[Reason]:
    """After a return for a changed proposal, the proposal is revised before a new notice."""
    if ctx.report is None:
        return [Reason("no_report", "尚无调查终结报告。", ART_57)]
    return []
