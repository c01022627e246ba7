"""The rules of deciding: the proposal and its benchmark, the prior notice and its windows,
the hearing, the legal review, the collective discussion and the decision itself."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from deadlines.prospects import due_if_opened, earliest_anchor
from deadlines.selectors import unsettled_reasons
from kernel.money import yuan
from kernel.rules import (
    ART_33,
    ART_44,
    ART_44_65,
    ART_45,
    ART_57,
    ART_58,
    ART_59_2,
    ART_62,
    ART_63,
    ART_64,
    ART_64_4,
    ART_64_8,
    Reason,
    day_text,
)
from matters.choices import PenaltyKind

from ..analysis import analyse
from ..choices import HearingGrant, HearingOutcome, Outcome, ReviewOutcome, TranscriptSignature
from ..selectors import evidence_after_hearing
from .core import Context
from .discussion import decision_discussion, discussion_required

MAX_AGENTS = 2  # 行政处罚法 第六十四条第五项: 委托一至二人代理


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


# --- the prior notice (第四十四条) ------------------------------------------------------------


def notice_can_be_served(ctx: Context) -> list[Reason]:
    report = ctx.report
    if report is None:
        return [Reason("no_report", "尚无调查终结报告和处理意见，不能告知。", ART_44)]
    reasons = []
    if report.outcome not in (Outcome.PENALTY, Outcome.NO_PENALTY):
        reasons.append(
            Reason("outcome_not_notifiable", f"处理意见为“{report.get_outcome_display()}”，不经事先告知程序。", ART_44)
        )
    # 行政处罚法 第四十四条、第六十五条: evidence first filed after the hearing is notified anew, on the same proposal.
    if ctx.notice_is_current and not evidence_after_hearing(ctx.case, ctx.hearing):
        reasons.append(
            Reason(
                "already_notified",
                "已就当前处理意见告知当事人；处理意见变更或者听证结束后补充了新证据的，才能重新告知。",
                ART_44,
            )
        )
    return reasons


def notice_dated_lawfully(ctx: Context) -> list[Reason]:
    """行政处罚法 第四十四条: the notice is served after filing (立案, 第五十四条) and not in the future."""
    served_on = ctx.data.get("served_on") if ctx.data else None
    if served_on is None:
        return []
    if served_on > ctx.today:
        return [Reason("served_in_future", "告知书送达日期不能晚于今天。", ART_44)]
    filed_on = ctx.case.filed_on
    if filed_on is not None and served_on < filed_on:
        return [Reason("served_before_filing", f"告知书送达日期不能早于立案日期{day_text(filed_on)}。", ART_44)]
    # 第四十四条、第六十五条: a new notice on evidence filed after the hearing is served once that evidence exists.
    later = evidence_after_hearing(ctx.case, ctx.hearing) if ctx.notice_is_current else []
    last_filed = max((timezone.localdate(item.uploaded_at) for item in later), default=None)
    if last_filed is not None and served_on < last_filed:
        return [
            Reason(
                "served_before_late_evidence",
                f"重新告知的送达日期不能早于听证后补充证据的提交日期{day_text(last_filed)}。",
                ART_44_65,
            )
        ]
    return []


def hearing_grant_reasoned(ctx: Context) -> list[Reason]:
    """行政处罚法 第六十三条第一款第五项、第六项: the handler may grant the hearing right beyond the computed grounds —
    as another heavier penalty (第五项) or under a provision of a law, regulation or rule (第六项) — and says why; under
    第六项 the reason names that provision."""
    under = ctx.data.get("hearing_granted_under") if ctx.data else ""
    if not under:
        return []
    if not (ctx.data.get("hearing_granted_reason") or "").strip():
        label = HearingGrant(under).label
        return [
            Reason(
                "hearing_grant_without_reason",
                f"承办人依{label}告知听证权利的，须写明理由"
                f"{'（所依据的法律、法规、规章条款）' if under == HearingGrant.OTHER_PROVISION else ''}。",
                ART_63,
            )
        ]
    return []


def notice_in_force(ctx: Context) -> list[Reason]:
    if ctx.notice_is_current:
        return []
    return [Reason("notice_missing", "尚未就当前处理意见向当事人送达事先告知书。", ART_44)]


def not_already_waived(ctx: Context) -> list[Reason]:
    if ctx.waiver is None:
        return []
    return [Reason("already_waived", f"当事人已于{day_text(ctx.waiver.waived_on)}明确放弃陈述、申辩和听证。", ART_62)]


def dated_after_service(field_name: str, label: str):
    def guard(ctx: Context) -> list[Reason]:
        day = ctx.data.get(field_name) if ctx.data else None
        if day is None or ctx.notice is None:
            return []
        if day < ctx.notice.served_on:
            return [
                Reason("before_service", f"{label}不能早于告知书送达日期{day_text(ctx.notice.served_on)}。", ART_44)
            ]
        if day > ctx.today:
            return [Reason("in_future", f"{label}不能晚于今天。", ART_44)]
        return []

    guard.__name__ = f"{field_name}_after_service"
    return guard


# --- the hearing (第六十三条至第六十五条) ---------------------------------------------------------


def hearing_may_be_requested(ctx: Context) -> list[Reason]:
    """行政处罚法 第六十三条、第六十四条第一项: an eligible penalty, requested within five working days after the
    notice was served — the last day read from the stored window. A request sent by post in time is in time
    (期间不包括在途时间): the officer records the postmark date."""
    notice = ctx.notice
    if notice is None:
        return []
    if not notice.hearing_right:
        return [Reason("hearing_not_eligible", "拟作出的处罚不属于当事人可以要求听证的情形。", ART_63)]
    reasons = not_already_waived(ctx)
    requested_on = ctx.data.get("requested_on") if ctx.data else None
    if requested_on is None:
        return reasons
    window = notice.hearing_window
    unsettled = unsettled_reasons(window, "听证申请", ART_64)
    if unsettled:
        return reasons + unsettled
    assert window is not None, "unsettled_reasons refuses a missing window"
    posted_on = ctx.data.get("posted_on")
    made_on = posted_on or requested_on
    if made_on > window.due_on:
        sent = f"（邮寄日期{day_text(posted_on)}）" if posted_on else f"（申请日期{day_text(requested_on)}）"
        reasons.append(
            Reason(
                "hearing_request_late",
                f"听证申请应在告知后五个工作日内提出，期限已于{day_text(window.due_on)}届满{sent}。",
                ART_64,
            )
        )
    return reasons


def posted_in_order(ctx: Context) -> list[Reason]:
    """A postmark (邮戳) date, when recorded: after the notice was served and not after the request arrived."""
    posted_on = ctx.data.get("posted_on") if ctx.data else None
    if posted_on is None or ctx.notice is None:
        return []
    arrived = ctx.data.get("requested_on") or ctx.data.get("received_on")
    if posted_on < ctx.notice.served_on:
        return [Reason("posted_before_service", "邮寄日期不能早于告知书送达日期。", ART_44)]
    if arrived is not None and posted_on > arrived:
        return [Reason("posted_after_arrival", "邮寄日期不能晚于收到日期。", ART_44)]
    return []


def hearing_can_be_scheduled(ctx: Context) -> list[Reason]:
    hearing = ctx.hearing
    if hearing is None:
        return [Reason("no_hearing_request", "当事人未申请听证。", ART_64)]
    if hearing.concluded:
        return [Reason("hearing_concluded", "听证已经结束。", ART_64)]
    if not ctx.data:
        return []
    reasons: list[Reason] = []
    chair = ctx.data.get("chair")
    if chair is not None and hearing.recusals.filter(chair=chair, granted=True).exists():
        # 第六十四条第四项: a chair the head recused on the party's application does not chair this hearing again.
        reasons.append(Reason("chair_recused", f"{chair.name}已经负责人决定回避，不得主持本次听证。", ART_64_4))
    elif chair is not None:
        investigators = {a.officer_id for a in ctx.case.assignments.all()}  # recused handlers investigated too
        if chair.pk in investigators:
            reasons.append(Reason("chair_is_investigator", f"{chair.name}是本案调查人员，不得主持听证。", ART_64))
        elif not (chair.is_hearing_chair and chair.agency_id == ctx.case.agency_id and chair.is_active):
            reasons.append(Reason("chair_not_designated", f"{chair.name}不是本机关指定的听证主持人。", ART_64))
    served_on, hearing_on = ctx.data.get("hearing_notice_served_on"), ctx.data.get("hearing_on")
    if served_on is not None and served_on < hearing.requested_on:
        reasons.append(Reason("notice_before_request", "听证通知不能早于听证申请。", ART_64))
    if served_on is not None and served_on > ctx.today:
        reasons.append(Reason("in_future", "听证通知送达日期不能晚于今天。", ART_64))
    if served_on is not None and hearing_on is not None:
        # The kind ``hearing_notice`` (deadlines.kinds) is the one definition of "seven working days before".
        latest = due_if_opened("hearing_notice", anchor_on=hearing_on)
        if served_on > latest.due_on:
            earliest = earliest_anchor("hearing_notice", served_on=served_on)
            reasons.append(
                Reason(
                    "hearing_notice_too_short",
                    f"听证通知于{day_text(served_on)}送达，应当在举行听证的七个工作日前通知，"
                    f"听证日期最早为{day_text(earliest.due_on)}{'（暂定）' if earliest.provisional else ''}。",
                    ART_64,
                )
            )
    agents = ctx.data.get("agents") or []
    if len(agents) > MAX_AGENTS:
        reasons.append(Reason("too_many_agents", "当事人可以委托一至二人代理。", ART_64))
    if ctx.data.get("public") is False and not (ctx.data.get("not_public_reason") or "").strip():
        reasons.append(
            Reason(
                "not_public_without_reason",
                "听证公开举行；涉及国家秘密、商业秘密或者个人隐私不公开的，须写明理由。",
                ART_64,
            )
        )
    return reasons


def chair_recusal_may_be_decided(ctx: Context) -> list[Reason]:
    """行政处罚法 第六十四条第四项: the party may apply for the recusal of the designated chair of a hearing not yet
    ended; the head decides. The application comes after the hearing was requested and the decision after the
    application, neither in the future."""
    hearing = ctx.hearing
    if hearing is None or hearing.chair_id is None:
        return [Reason("no_chair_designated", "尚未指定听证主持人，无从申请回避。", ART_64_4)]
    if hearing.concluded:
        return [Reason("hearing_concluded", "听证已经结束。", ART_64_4)]
    if not ctx.data:
        return []
    applied_on, decided_on = ctx.data.get("applied_on"), ctx.data.get("decided_on")
    reasons: list[Reason] = []
    if applied_on is not None and applied_on < hearing.requested_on:
        reasons.append(Reason("applied_before_request", "回避申请不能早于听证申请。", ART_64_4))
    if applied_on is not None and decided_on is not None and decided_on < applied_on:
        reasons.append(Reason("decided_before_application", "回避决定不能早于回避申请。", ART_64_4))
    if any(day is not None and day > ctx.today for day in (applied_on, decided_on)):
        reasons.append(Reason("in_future", "回避申请和决定的日期不能晚于今天。", ART_64_4))
    return reasons


def performed_by_designated_chair(ctx: Context) -> list[Reason]:
    hearing = ctx.hearing
    if hearing is None or hearing.chair_id is None:
        return [Reason("hearing_not_scheduled", "尚未安排听证、指定主持人。", ART_64)]
    if ctx.officer is None or ctx.officer.pk != hearing.chair_id:
        return [Reason("not_the_chair", f"听证由指定的主持人{hearing.chair.name}主持。", ART_64)]
    return []


def hearing_record_complete(ctx: Context) -> list[Reason]:
    if not ctx.data:
        return []
    reasons = _hearing_dated(ctx)
    outcome = ctx.data.get("outcome")
    if outcome == HearingOutcome.HELD and not (ctx.data.get("transcript") and ctx.data.get("report")):
        reasons.append(Reason("hearing_record_missing", "举行听证的，须记录听证笔录和听证报告。", ART_64))
    if outcome == HearingOutcome.ABSENT and not (ctx.data.get("transcript") or "").strip():
        reasons.append(Reason("absence_not_recorded", "终止听证的，须在笔录中载明当事人缺席或中途退出的情况。", ART_64))
    return reasons


def transcript_checked_and_signed(ctx: Context) -> list[Reason]:
    """行政处罚法 第六十四条第八项: the transcript of a hearing held is given to the party or its agent to check and
    sign or seal; a refusal is noted in it by the chair. An agent signs only when one was named for the hearing."""
    if not ctx.data or ctx.data.get("outcome") != HearingOutcome.HELD:
        return []
    signature = ctx.data.get("transcript_signature") or ""
    if not signature:
        return [
            Reason(
                "transcript_not_signed",
                "听证笔录应当交当事人或者其代理人核对无误后签字或者盖章；拒绝签字或者盖章的，由听证主持人在笔录中注明。",
                ART_64_8,
            )
        ]
    if signature == TranscriptSignature.AGENT and not (ctx.hearing and ctx.hearing.agents):
        return [Reason("no_agent_named", "听证安排中没有委托代理人，不能由代理人签字。", ART_64_8)]
    if signature == TranscriptSignature.REFUSED and not (ctx.data.get("signature_refusal_note") or "").strip():
        return [
            Reason(
                "signature_refusal_not_noted",
                "当事人或者其代理人拒绝签字或者盖章的，由听证主持人在笔录中注明拒绝的情况。",
                ART_64_8,
            )
        ]
    return []


def _hearing_dated(ctx: Context) -> list[Reason]:
    """行政处罚法 第六十四条: a hearing is held (or ended) on or after the day it was scheduled, never in the future;
    a request withdrawn is dated on or after the request."""
    ended_on, hearing = ctx.data.get("ended_on"), ctx.hearing
    if ended_on is None or hearing is None:
        return []
    if ended_on > ctx.today:
        return [Reason("in_future", f"听证（终止）日期{day_text(ended_on)}不能晚于今天。", ART_64)]
    held = ctx.data.get("outcome") in (HearingOutcome.HELD, HearingOutcome.ABSENT)
    if held and hearing.hearing_on is not None and ended_on < hearing.hearing_on:
        return [
            Reason(
                "held_before_scheduled",
                f"听证（终止）日期{day_text(ended_on)}不能早于通知的听证日期{day_text(hearing.hearing_on)}。",
                ART_64,
            )
        ]
    if ended_on < hearing.requested_on:
        return [Reason("before_request", "听证结束日期不能早于听证申请日期。", ART_64)]
    return []


def decision_rests_on_heard_evidence(ctx: Context) -> list[Reason]:
    """行政处罚法 第四十四条、第六十五条: the decision rests on the notified facts and evidence and on the hearing
    transcript. Evidence first filed after the hearing ended (and not superseded) was neither notified nor examined
    at the hearing: no decision until a new notice is served — with the hearing right again where the penalty
    carries it (``notify`` recomputes it)."""
    if not ctx.notice_is_current or ctx.hearing is None:
        return []
    later = evidence_after_hearing(ctx.case, ctx.hearing)
    if not later:
        return []
    titles = "、".join(f"“{item.title}”" for item in later)
    return [
        Reason(
            "evidence_after_hearing",
            f"证据{titles}在听证结束（{day_text(ctx.hearing.ended_on)}）后才提交，未经事先告知，也未在听证中质证，"
            "不能作为决定的依据；须重新送达行政处罚事先告知书（符合条件的，再次告知听证权利）后才能作出决定。",
            ART_44_65,
        )
    ]


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
