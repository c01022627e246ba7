"""Reconsideration and suit against a decision (行政复议法 第二十条、第二十九条; 行政诉讼法 第四十五条、第四十六条;
行政处罚法 第七十三条): filed after the decision, one at a time, and their outcome — a changed decision never
heavier. Named guards on the :class:`~cases.guards.core.Context`, declared in ``cases.actions.execution``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kernel.money import yuan
from kernel.rules import Reason, day_text

from ...choices import CaseStatus
from ...models.remedies import JUDGED, RemedyKind, RemedyOutcome
from .ledger import (
    LL_7,
    LL_85,
    RL_20,
    RL_29,
    RL_63,
    dated_reasons,
    dated_since_decision,
    handler_or_head,
    ledger,
)

if TYPE_CHECKING:
    from ..core import Context


# --- who records what (行政处罚法 第四十二条: the case's handlers; the agency's heads) ---------------------------


remedy_recorded_by_handler_or_head = handler_or_head("remedy_recorded_by_handler_or_head", "登记行政复议或者行政诉讼")
remedy_outcome_recorded_by_handler_or_head = handler_or_head(
    "remedy_outcome_recorded_by_handler_or_head", "登记复议决定或者裁判结果"
)


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


def appeal_follows_first_instance(ctx: Context) -> list[Reason]:
    """行政诉讼法 第七条、第八十五条: an appeal lies against a first-instance judgment or ruling (not a 调解书, not a
    withdrawal), once; the second instance is final."""
    if not ctx.data or ctx.data.get("kind") != RemedyKind.APPEAL:
        return []
    remedies = list(ctx.case.remedies.exclude(outcome="").order_by("decided_on", "pk"))
    first = next((r for r in reversed(remedies) if r.kind == RemedyKind.LITIGATION), None)
    if first is None or first.outcome not in (*JUDGED, RemedyOutcome.NOT_ACCEPTED):
        detail = "上诉针对人民法院的第一审判决或者裁定：本案没有已登记判决或者裁定结果的第一审行政诉讼。"
        return [Reason("no_first_instance", detail, LL_85)]
    if any(r.kind == RemedyKind.APPEAL and r.filed_on >= first.filed_on for r in remedies):
        return [Reason("already_appealed", "第二审判决、裁定是终审判决、裁定（两审终审），不能再次上诉。", LL_7)]
    return []


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


def changed_fine_reasons(ctx: Context, *, article: str) -> list[Reason]:
    """A change never burdens the party more: the changed fine at most the fine as it stands (the ledger's)."""
    if ctx.data.get("outcome") != RemedyOutcome.CHANGED:
        return []
    led = ledger(ctx)
    if led.fine <= 0:
        return []
    amount = ctx.data.get("changed_fine_amount")
    if amount is None:
        return [
            Reason("changed_amount_missing", "决定变更的，请填写变更后的罚款金额（不变更罚款的填原金额）。", article)
        ]
    if amount > led.fine:
        return [Reason("changed_heavier", f"变更不得加重当事人的义务：原罚款{yuan(led.fine)}。", article)]
    return []


def changed_fine_lawful(ctx: Context) -> list[Reason]:
    """行政复议法 第六十三条第二款; 行政诉讼法 第七十七条第二款: a change never burdens the party more."""
    return changed_fine_reasons(ctx, article=RL_63)
