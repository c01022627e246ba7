"""Waiting for the party, the legal review (第五十八条) and the decision itself (第五十七条、第五十九条)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from deadlines.selectors import unsettled_reasons
from kernel.money import yuan
from kernel.rules import (
    ART_33,
    ART_44,
    ART_45,
    ART_57,
    ART_58,
    ART_62,
    ART_64,
    Reason,
    day_text,
)
from matters.choices import PenaltyKind

from ...choices import Outcome, ReviewOutcome
from ..core import Context
from ..discussion import decision_discussion, discussion_required
from .notice import notice_in_force

# --- waiting for the party (第四十四条、第六十二条、第六十四条) ----------------------------------------


def party_heard(ctx: Context) -> list[Reason]:
    """The notice served, the statement period and the hearing window closed or waived, and any
    requested hearing held or ended. The windows' last days are read from their stored rows."""
    if not ctx.notice_is_current:
        return notice_in_force(ctx)
    notice, waived = ctx.notice, ctx.waiver is not None
    reasons: list[Reason] = []
    if not waived:
        statement = notice.statement_window
        reasons += unsettled_reasons(statement, "陈述申辩", ART_62)
        if statement is not None and not statement.recomputing and ctx.today <= statement.due_on:
            reasons.append(
                Reason(
                    "statement_period_open",
                    f"陈述申辩期限至{day_text(statement.due_on)}届满，期满或当事人明确放弃后才能继续。",
                    ART_62,
                )
            )
    hearing = ctx.hearing
    if hearing is not None:
        if not hearing.concluded:
            reasons.append(Reason("hearing_pending", "当事人已申请听证，听证结束后才能继续。", ART_64))
    elif notice.hearing_right and not waived:
        window = notice.hearing_window
        reasons += unsettled_reasons(window, "听证申请", ART_64)
        if window is not None and not window.recomputing and ctx.today <= window.due_on:
            reasons.append(
                Reason(
                    "hearing_window_open",
                    f"听证申请期限至{day_text(window.due_on)}届满，期满或当事人明确放弃后才能继续。",
                    ART_64,
                )
            )
    return reasons


def decision_dated_lawfully(ctx: Context) -> list[Reason]:
    """The decision's date against the case (行政处罚法 第四十四条、第四十五条、第五十七条、第五十八条、第六十二条、
    第六十四条): not in the future; not before the notice was served; after the last day of every window the
    party did not waive (on or after the waiver when it did); on or after the end of any hearing, the legal
    review's pass and the collective discussion the case required. Every clock that follows counts from it."""
    decided_on = ctx.data.get("decided_on") if ctx.data else None
    notice = ctx.notice
    if decided_on is None:
        return []
    if decided_on > ctx.today:
        return [Reason("decided_in_future", f"决定日期{day_text(decided_on)}不能晚于今天。", ART_57)]
    if notice is None:
        return []
    reasons: list[Reason] = []
    if decided_on < notice.served_on:
        detail = f"决定日期{day_text(decided_on)}早于事先告知书送达之日{day_text(notice.served_on)}。"
        reasons.append(Reason("decided_before_notice", detail, ART_44))
    waiver = ctx.waiver
    if waiver is not None:
        if decided_on < waiver.waived_on:
            detail = f"决定日期{day_text(decided_on)}早于当事人放弃陈述申辩和听证之日{day_text(waiver.waived_on)}。"
            reasons.append(Reason("decided_before_waiver", detail, ART_62))
    else:
        statement = notice.statement_window
        if statement is not None and decided_on <= statement.due_on:
            detail = f"决定日期{day_text(decided_on)}在陈述申辩期限（至{day_text(statement.due_on)}）之内。"
            reasons.append(Reason("decided_within_statement_period", detail, ART_62))
        window = notice.hearing_window
        if window is not None and ctx.hearing is None and decided_on <= window.due_on:
            detail = f"决定日期{day_text(decided_on)}在听证申请期限（至{day_text(window.due_on)}）之内。"
            reasons.append(Reason("decided_within_hearing_window", detail, ART_64))
    hearing = ctx.hearing
    if hearing is not None and hearing.ended_on is not None and decided_on < hearing.ended_on:
        detail = f"决定日期{day_text(decided_on)}早于听证结束之日{day_text(hearing.ended_on)}。"
        reasons.append(Reason("decided_before_hearing_ended", detail, ART_64))
    passed = ctx.valid_pass
    if passed is not None and decided_on < passed.reviewed_day:
        detail = f"决定日期{day_text(decided_on)}早于法制审核通过之日{day_text(passed.reviewed_day)}。"
        reasons.append(Reason("decided_before_review", detail, ART_58))
    discussion = decision_discussion(ctx) if discussion_required(ctx) else None
    if discussion is not None:
        held = discussion.held_on
        if decided_on < held:
            detail = f"决定日期{day_text(decided_on)}早于负责人集体讨论之日{day_text(held)}。"
            reasons.append(Reason("decided_before_discussion", detail, ART_57))
    return reasons


# --- legal review (第五十八条) ----------------------------------------------------------------------------


def review_not_pending(ctx: Context) -> list[Reason]:
    if ctx.review is not None and ctx.review.outcome == ReviewOutcome.PENDING:
        return [Reason("review_pending", "法制审核正在进行中。", ART_58)]
    return []


def review_pending(ctx: Context) -> list[Reason]:
    if ctx.review is None or ctx.review.outcome != ReviewOutcome.PENDING:
        return [Reason("no_pending_review", "没有待审核的提请。", ART_58)]
    return []


def review_dated_lawfully(ctx: Context) -> list[Reason]:
    """行政处罚法 第五十八条: the review is decided on or after it was submitted, and not in the future."""
    reviewed_on = ctx.data.get("reviewed_on") if ctx.data else None
    if reviewed_on is None:
        return []
    if reviewed_on > ctx.today:
        return [Reason("in_future", f"审核日期{day_text(reviewed_on)}不能晚于今天。", ART_58)]
    review = ctx.review
    submitted = timezone.localdate(review.submitted_at) if review is not None else None
    if submitted is not None and reviewed_on < submitted:
        detail = f"审核日期{day_text(reviewed_on)}不能早于提请法制审核之日{day_text(submitted)}。"
        return [Reason("reviewed_before_submission", detail, ART_58)]
    return []


# --- the decision (第五十七条、第五十九条) ----------------------------------------------------------


def major_case_reviewed(ctx: Context) -> list[Reason]:
    """行政处罚法 第五十八条: no major decision without a passed legal review (the heads' discussion is
    ``discussion.collective_discussion_held``)."""
    if not ctx.case.is_major:
        return []
    if ctx.valid_pass is None:
        why = "；".join(r["detail"].rstrip("。") for r in ctx.case.major_reasons)
        detail = f"本案属于重大执法决定（{why}），未经法制审核或者审核未通过的，不得作出决定。"
        if ctx.review is not None and ctx.review.voided_at is not None:
            detail += f"原审核意见已因{ctx.review.void_reason}失效，须重新提请法制审核。"
        return [Reason("legal_review_required", detail, ART_58)]
    return []


def no_penalty_ground_stated(ctx: Context) -> list[Reason]:
    """行政处罚法 第五十七条第一款第二项 with 第三十条、第三十一条、第三十三条: a decision not to punish rests on a
    ground the law names; the 不予行政处罚决定书 cites it (decided here, or carried from the proposal)."""
    if not ctx.data or ctx.data.get("outcome") != Outcome.NO_PENALTY or ctx.data.get("no_penalty_ground"):
        return []
    return [
        Reason(
            "no_penalty_ground_missing",
            "决定不予行政处罚的，应当写明法定理由：不满十四周岁（第三十条）、精神病人或者智力残疾人不能辨认或者控制"
            "自己行为（第三十一条）、违法行为轻微并及时改正或者初次违法且危害后果轻微并及时改正、没有主观过错"
            "（第三十三条）。",
            ART_33,
        )
    ]


def within_notice(ctx: Context) -> list[Reason]:
    """行政处罚法 第四十五条: never heavier than notified; a heavier penalty needs a new notice."""
    if not ctx.data or ctx.notice is None:
        return []
    notice, data = ctx.notice, ctx.data
    reasons: list[Reason] = []
    extra = set(data.get("decided_penalty_kinds") or []) - set(notice.penalty_kinds)
    if extra:
        reasons.append(Reason("kind_not_notified", "决定的处罚种类超出了事先告知的范围。", ART_45))
    # Property confiscated without its value would escape the comparison below: the notice stated one, so must the
    # decision.
    confiscating = PenaltyKind.CONFISCATE_PROPERTY in (data.get("decided_penalty_kinds") or [])
    if confiscating and notice.confiscation_value is not None and data.get("decided_confiscation_value") is None:
        reasons.append(
            Reason(
                "confiscation_value_missing",
                f"事先告知拟没收的非法财物价值{yuan(notice.confiscation_value)}，决定没收非法财物的，应当写明其价值，"
                "以确认不重于告知的处罚。",
                ART_45,
            )
        )
    for key, label in (
        ("decided_fine_amount", "fine_amount"),
        ("decided_illegal_gains", "illegal_gains"),
        ("decided_confiscation_value", "confiscation_value"),
    ):
        decided, notified = data.get(key), getattr(notice, label)
        if decided is not None and decided > (notified or Decimal(0)):
            reasons.append(
                Reason(
                    "heavier_than_notified",
                    f"决定的数额{yuan(decided)}高于告知的{yuan(notified or 0)}；"
                    "加重处罚须有新的事实或证据并重新告知，不得因当事人申辩而加重。",
                    ART_45,
                )
            )
    return reasons
