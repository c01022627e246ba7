"""The agency correcting its own penalty decision (行政处罚法 第七十五条第二款: 行政机关应当认真审查，发现有错误的，
应当主动改正), as named guards of the action ``correct_decision`` (``cases.actions.execution``): the head changes —
never to the party's greater burden, as a changed remedy outcome (行政复议法 第六十三条第二款) — or revokes a
decision that still stands, with the reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kernel.money import yuan
from kernel.rules import ACEL, ART_75_2, Reason, day_text

from ..models.remedies import CorrectionOutcome
from .execution import dated_since_decision, ledger
from .execution.compelling import served_reminder
from .execution.remedies import changed_fine_reasons

if TYPE_CHECKING:
    from ..models import Case, DecisionCorrection
    from .core import Context

ART_CHANGED_ENFORCED = f"{ART_75_2}；{ACEL}第五十三条"
ART_CHANGED_REMINDED = f"{ART_75_2}；{ACEL}第三十五条、第五十四条"


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


# --- enforcing a changed decision (行政强制法 第五十三条、第五十四条) ------------------------------------------------


def standing_change(case: Case) -> DecisionCorrection | None:
    """The latest change the agency made to its decision, if no revocation came after it."""
    latest = case.corrections.order_by("-decided_on", "-pk").first()
    return latest if latest is not None and latest.outcome == CorrectionOutcome.CHANGED else None


def changed_decision_served(ctx: Context) -> list[Reason]:
    """apply_to_court: a changed decision is a new act for the party — it is enforced only once its 变更行政处罚决定书
    is served, which opens new reconsideration and suit windows (行政复议法 第二十条; 行政诉讼法 第四十六条) after
    which the court application is counted again (the deadline ``court_application``)."""
    change = standing_change(ctx.case)
    if change is None or change.served_on is not None:
        return []
    detail = (
        f"本机关已于{day_text(change.decided_on)}变更行政处罚决定，变更行政处罚决定书尚未送达；送达后当事人可以重新申请"
        "行政复议或者提起行政诉讼，期限届满后才能申请强制执行。"
    )
    return [Reason("changed_decision_not_served", detail, ART_CHANGED_ENFORCED)]


def reminder_after_change(ctx: Context) -> list[Reason]:
    """apply_to_court: the reminder names the sums owed (行政强制法 第三十五条: 涉及金钱给付的，应当有明确的金额); one
    served before the changed decision was served named the old ones — the changed decision is reminded again."""
    change = standing_change(ctx.case)
    reminder = served_reminder(ctx.case)
    reminded_on = reminder.served_on if reminder is not None else None
    if change is None or change.served_on is None or reminded_on is None or reminded_on >= change.served_on:
        return []
    detail = (
        f"催告书于{day_text(reminded_on)}送达，早于变更行政处罚决定书的送达"
        f"（{day_text(change.served_on)}）；申请强制执行前，应当就变更后的决定重新催告并送达催告书。"
    )
    return [Reason("reminder_before_change", detail, ART_CHANGED_REMINDED)]
