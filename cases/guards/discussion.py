"""The heads' collective discussion (集体讨论, 行政处罚法 第五十七条第二款): when the law requires it before a
decision, and what a lawful record of one holds.

"对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定" is law, not a setting: the investigation
report answers 情节复杂? and 重大违法行为?, and either "yes" with a penalty requires a recorded discussion whatever
the agency's settings. The settings (``AgencyPolicy.discussion_for_major`` / ``discussion_for_complex``) may only
add cases.
"""

from __future__ import annotations

from kernel.rules import AGENCY_POLICY, ART_57, ART_57_2, ART_58, Reason, day_text

from ..choices import CaseStatus, DiscussionPurpose, Outcome
from ..discussion_criteria import LABELS, criteria_of_proposal
from ..models import CollectiveDiscussion
from .core import Context

# A discussion for the decision follows the party's hearing: in ``deliberation`` after a passed legal review, or
# in ``notified``/``hearing`` when the case needs no legal review (it is not major, 第五十八条).
DECISION_STATES = frozenset({CaseStatus.NOTIFIED, CaseStatus.HEARING, CaseStatus.DELIBERATION})


def _penalty_given(ctx: Context) -> bool:
    """第五十七条第二款 speaks of 给予行政处罚: the decision's outcome when submitted, else the proposal's."""
    outcome = ctx.data.get("outcome") if ctx.data else None
    if outcome:
        return outcome == Outcome.PENALTY
    return ctx.report is not None and ctx.report.outcome == Outcome.PENALTY


def statutory_discussion_grounds(ctx: Context) -> list[str]:
    """Why the law (第五十七条第二款) puts this decision before the heads: the report's answers."""
    report = ctx.report
    if report is None or not _penalty_given(ctx):
        return []
    grounds = []
    if report.complex_circumstances:
        why = report.complex_circumstances_reason.strip()
        grounds.append(f"调查终结报告认定情节复杂{f'（{why}）' if why else ''}")
    if report.serious_violation:
        why = report.serious_violation_reason.strip()
        grounds.append(f"调查终结报告认定属于重大违法行为{f'（{why}）' if why else ''}")
    return grounds


def policy_discussion_grounds(ctx: Context) -> list[str]:
    """The cases the agency adds (its settings never take one of the law's away)."""
    policy, report = ctx.policy, ctx.report
    grounds = []
    if policy.discussion_for_major and ctx.case.is_major:
        grounds.append("本案属于重大执法决定，本机关规定重大案件须经集体讨论")
    if policy.discussion_for_complex and report is not None and report.complex_facts:
        grounds.append("案件情况疑难复杂，本机关规定此类案件须经集体讨论")
    return grounds


def discussion_required(ctx: Context) -> bool:
    return bool(statutory_discussion_grounds(ctx) or policy_discussion_grounds(ctx))


def decision_discussion(ctx: Context) -> CollectiveDiscussion | None:
    """The latest discussion held for deciding on the current proposal: after its passed review for a major case,
    on its current notice otherwise (a changed proposal or a voided pass needs a new discussion)."""
    discussions = ctx.case.discussions.filter(purpose=DiscussionPurpose.DECIDE)
    if ctx.case.is_major:
        if ctx.valid_pass is None:
            return None
        discussions = discussions.filter(review=ctx.valid_pass)
    else:
        if not ctx.notice_is_current:
            return None
        discussions = discussions.filter(notice=ctx.notice)
    return discussions.order_by("-held_on", "-pk").first()


# --- on the investigation report (``conclude_investigation``, ``revise_proposal``) ---------------------------------


def discussion_grounds_stated(ctx: Context) -> list[Reason]:
    """第五十七条第二款: a report that finds the circumstances complex or the violation serious says why — the
    reason goes before the heads and into the discussion record."""
    if not ctx.data:
        return []
    reasons = []
    for flag, label in (("complex_circumstances", "情节复杂"), ("serious_violation", "重大违法行为")):
        if ctx.data.get(flag) and not (ctx.data.get(f"{flag}_reason") or "").strip():
            detail = f"调查终结报告认定{label}的，应当写明理由（给予行政处罚须经负责人集体讨论决定）。"
            reasons.append(Reason("discussion_ground_reason_missing", detail, ART_57_2))
    return reasons


def discussion_criteria_applied(ctx: Context) -> list[Reason]:
    """第五十七条第二款 and the agency's documented criteria (本机关政策, ``AgencyPolicy``): a proposed penalty that
    meets one is 情节复杂 or a 重大违法行为 — the answer is pre-set and cannot be cleared."""
    if not ctx.data:
        return []
    reasons = []
    for flag, criteria in criteria_of_proposal(ctx.data, case=ctx.case, policy=ctx.policy).items():
        if ctx.data.get(flag):
            continue
        label = LABELS[flag]
        detail = (
            f"{'；'.join(criteria)}：依本机关规定属于{label}，调查终结报告不能取消这一认定"
            "（给予行政处罚须经负责人集体讨论决定）。"
        )
        reasons.append(Reason(f"{flag}_criterion_met", detail, f"{ART_57_2}；{AGENCY_POLICY}"))
    return reasons


# --- on ``decide`` ----------------------------------------------------------------------------------------


def collective_discussion_held(ctx: Context) -> list[Reason]:
    """行政处罚法 第五十七条第二款: a penalty for a complex case or a serious violation is decided by the heads'
    collective discussion — recorded before ``decide``, whatever the agency's settings."""
    if ctx.case.is_major and ctx.valid_pass is None:
        return []  # the review comes first (major_case_reviewed says so); the discussion follows its pass
    statutory, policy = statutory_discussion_grounds(ctx), policy_discussion_grounds(ctx)
    if not (statutory or policy) or decision_discussion(ctx) is not None:
        return []
    article = ART_57_2 if statutory else f"{ART_57_2}；{AGENCY_POLICY}"
    detail = (
        f"{'；'.join(statutory or policy)}。对情节复杂或者重大违法行为给予行政处罚，应当由行政机关负责人集体讨论决定，"
        "本案尚未记录为作出决定召开的负责人集体讨论。"
    )
    return [Reason("collective_discussion_required", detail, article)]


# --- on ``record_collective_discussion`` ----------------------------------------------------------------------


def _heads(ctx: Context) -> list:
    return [o for o in ctx.data.get("attendees") or [] if o.is_head and o.agency_id == ctx.case.agency_id]


def discussion_attendance(ctx: Context) -> list[Reason]:
    """第五十七条第二款: 行政机关负责人集体讨论 — at least two heads of the agency."""
    if not ctx.data:
        return []
    if len(_heads(ctx)) < 2:
        return [Reason("too_few_heads", "集体讨论应当由两名以上本机关负责人参加。", ART_57_2)]
    return []


def discussion_presided(ctx: Context) -> list[Reason]:
    """The head who presided is one of the heads who took part."""
    presided_by = ctx.data.get("presided_by") if ctx.data else None
    if presided_by is None:
        return []
    if presided_by.pk not in {o.pk for o in _heads(ctx)}:
        return [Reason("presider_not_attending", f"主持人{presided_by.name}应当是参加讨论的本机关负责人。", ART_57_2)]
    return []


def discussion_opinions_recorded(ctx: Context) -> list[Reason]:
    """The record holds each participant's opinion, by name, and the conclusion."""
    if not ctx.data:
        return []
    opinions = (ctx.data.get("opinions") or "").strip()
    missing = [o.name for o in ctx.data.get("attendees") or [] if o.name not in opinions]
    if missing:
        detail = f"集体讨论笔录应当逐人记录参加人员的意见，未记录{'、'.join(missing)}的意见。"
        return [Reason("opinion_missing", detail, ART_57_2)]
    return []


def discussion_purpose_fits(ctx: Context) -> list[Reason]:
    """A discussion for the decision is held once the party was heard: in ``deliberation`` after a passed legal
    review, or in ``notified``/``hearing`` when the case needs no legal review (第五十七条第二款、第五十八条)."""
    if not ctx.data or ctx.data.get("purpose") != DiscussionPurpose.DECIDE:
        return []
    status = ctx.case.status
    if status not in DECISION_STATES:
        current = CaseStatus(status).label
        detail = f"案件当前处于“{current}”阶段；为作出决定召开的集体讨论，应在事先告知之后、作出决定之前进行。"
        return [Reason("discussion_not_for_this_stage", detail, ART_57_2)]
    if ctx.case.is_major or status == CaseStatus.DELIBERATION:
        if ctx.valid_pass is None:
            detail = "本案须经法制审核，为作出决定召开的集体讨论须在法制审核通过之后进行。"
            return [Reason("legal_review_required", detail, ART_58)]
        return []
    if not ctx.notice_is_current:
        return [Reason("notice_missing", "尚未就当前处理意见送达事先告知书，不能讨论作出决定。", ART_57_2)]
    return []


def discussion_dated_lawfully(ctx: Context) -> list[Reason]:
    """Not in the future; a discussion for the decision not before the review passed or the notice was served."""
    held_on = ctx.data.get("held_on") if ctx.data else None
    if held_on is None:
        return []
    if held_on > ctx.today:
        return [Reason("in_future", f"讨论日期{day_text(held_on)}不能晚于今天。", ART_57)]
    if ctx.data.get("purpose") != DiscussionPurpose.DECIDE:
        return []
    passed = ctx.valid_pass
    if passed is not None and held_on < passed.reviewed_day:
        detail = f"讨论日期{day_text(held_on)}不能早于法制审核通过之日{day_text(passed.reviewed_day)}。"
        return [Reason("discussed_before_review", detail, ART_58)]
    notice = ctx.notice if ctx.notice_is_current else None
    if notice is not None and held_on < notice.served_on:
        detail = f"讨论日期{day_text(held_on)}不能早于事先告知书送达之日{day_text(notice.served_on)}。"
        return [Reason("discussed_before_notice", detail, ART_57_2)]
    return []
