"""The hearing (第六十三条至第六十五条): request, scheduling, the chair, the transcript, the evidence heard."""

from __future__ import annotations

from deadlines.prospects import due_if_opened, earliest_anchor
from deadlines.selectors import unsettled_reasons
from kernel.rules import (
    ART_44,
    ART_44_65,
    ART_63,
    ART_64,
    ART_64_4,
    ART_64_8,
    Reason,
    day_text,
)

from ...choices import HearingOutcome, TranscriptSignature
from ...selectors import records_after_hearing
from ..core import Context
from .notice import not_already_waived

MAX_AGENTS = 2  # 行政处罚法 第六十四条第五项: 委托一至二人代理


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


def chair_recusal_may_be_applied(ctx: Context) -> list[Reason]:
    """行政处罚法 第六十四条第四项: the party may apply for the recusal of the designated chair of a hearing not yet
    ended (a handler records it, naming the party). The application comes after the hearing was requested, not in
    the future."""
    hearing = ctx.hearing
    if hearing is None or hearing.chair_id is None:
        return [Reason("no_chair_designated", "尚未指定听证主持人，无从申请回避。", ART_64_4)]
    if hearing.concluded:
        return [Reason("hearing_concluded", "听证已经结束。", ART_64_4)]
    if not ctx.data:
        return []
    reasons: list[Reason] = []
    if ctx.data.get("party") is None:
        reasons.append(Reason("recusal_party_missing", "请写明申请主持人回避的当事人。", ART_64_4))
    applied_on = ctx.data.get("applied_on")
    if applied_on is not None and applied_on < hearing.requested_on:
        reasons.append(Reason("applied_before_request", "回避申请不能早于听证申请。", ART_64_4))
    if applied_on is not None and applied_on > ctx.today:
        reasons.append(Reason("in_future", "回避申请的日期不能晚于今天。", ART_64_4))
    return reasons


def no_pending_chair_recusal(ctx: Context) -> list[Reason]:
    """行政处罚法 第六十四条第四项: while the head has not decided the party's application against the chair, the
    hearing is not held (the project's reading: the right to apply would be empty if the challenged chair could hold
    the hearing first) and no second application is recorded."""
    hearing = ctx.hearing
    pending = hearing.recusals.filter(decided_on__isnull=True).first() if hearing is not None else None
    if pending is None:
        return []
    return [
        Reason(
            "chair_recusal_pending",
            f"当事人于{day_text(pending.applied_on)}申请听证主持人{pending.chair.name}回避，尚待负责人决定；"
            "决定作出之前不举行听证，也不重复登记申请。",
            ART_64_4,
        )
    ]


def chair_recusal_may_be_decided(ctx: Context) -> list[Reason]:
    """行政处罚法 第六十四条第四项: the head decides a pending application of this case's hearing, on or after the
    day it was made and not in the future."""
    application = ctx.target
    if application is None:
        pending = ctx.hearing is not None and ctx.hearing.recusals.filter(decided_on__isnull=True).exists()
        if ctx.data or not pending:
            return [Reason("chair_recusal_missing", "本案没有待决定的听证主持人回避申请。", ART_64_4)]
        return []
    if not application.is_pending:
        outcome = "决定回避" if application.granted else "驳回申请"
        detail = f"该回避申请已于{day_text(application.decided_on)}决定（{outcome}）。"
        return [Reason("recusal_already_decided", detail, ART_64_4)]
    decided_on = ctx.data.get("decided_on") if ctx.data else None
    if decided_on is not None and decided_on < application.applied_on:
        return [Reason("decided_before_application", "回避决定不能早于回避申请。", ART_64_4)]
    if decided_on is not None and decided_on > ctx.today:
        return [Reason("in_future", "回避决定的日期不能晚于今天。", ART_64_4)]
    return []


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
    transcript. A record that can ground the decision first filed after the hearing ended — uploaded evidence (not
    superseded), an inquiry or inspection 笔录, a sample, evidence registered for preservation, a seizure — was
    neither notified nor examined at the hearing: no decision until a new notice is served — with the hearing right
    again where the penalty carries it (``notify`` recomputes it)."""
    if not ctx.notice_is_current or ctx.hearing is None:
        return []
    later = records_after_hearing(ctx.case, ctx.hearing)
    if not later:
        return []
    titles = "、".join(item.title for item in later)
    return [
        Reason(
            "evidence_after_hearing",
            f"{titles}在听证结束（{day_text(ctx.hearing.ended_on)}）后才提交，未经事先告知，也未在听证中质证，"
            "不能作为决定的依据；须重新送达行政处罚事先告知书（符合条件的，再次告知听证权利）后才能作出决定。",
            ART_44_65,
        )
    ]
