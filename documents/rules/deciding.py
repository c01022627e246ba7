"""When the documents of deciding may be made: the prior notice and the hearing documents, the legal review
opinion, the record of the collective discussion, the decisions (general procedure, on the spot, no penalty) and
the documents changing or revoking a decision — and the remedy bodies every decision must name."""

from __future__ import annotations

from cases.choices import Procedure
from cases.models import Case
from cases.selectors import current_notice, no_penalty_ground
from kernel.rules import ART_33, ART_44, ART_52, ART_57, ART_58, ART_64, Reason

from ..choices import DocumentKind as K
from ..contexts.decision_correction import decision_correction_for
from ..kinds import APL
from ..models import document_settings_for
from .common import (
    AFTER_NOTICE,
    ART_52_2,
    ART_57_1,
    ART_59,
    ART_59_5,
    ART_75_2,
    OPEN,
    Rule,
    S,
    _decided_review,
    _hearing,
    _in_states,
    _needs,
)


def _penalty_notice(case: Case, extra: dict) -> list[Reason]:
    return _in_states(case, AFTER_NOTICE - {S.DECIDED, S.EXECUTING}, "行政处罚事先告知书", ART_44) or _needs(
        current_notice(case) is not None, "no_notice", "尚未记录事先告知的内容，请先完成“事先告知”。", ART_44
    )


def _hearing_rights(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, {S.NOTIFIED, S.HEARING}, "听证告知书", f"{APL}第六十三条")
    notice = current_notice(case)
    return reasons or _needs(
        bool(notice and notice.hearing_right),
        "no_hearing_right",
        "拟作出的处罚不属于应当告知听证权利的情形。",
        f"{APL}第六十三条",
    )


def _hearing_notice(case: Case, extra: dict) -> list[Reason]:
    hearing = _hearing(case)
    return _in_states(case, {S.HEARING}, "听证通知书", ART_64) or _needs(
        bool(hearing and hearing.hearing_on), "hearing_not_scheduled", "尚未确定听证的时间、地点和主持人。", ART_64
    )


def _hearing_transcript(case: Case, extra: dict) -> list[Reason]:
    hearing = _hearing(case)
    return _in_states(case, AFTER_NOTICE, "听证笔录", ART_64) or _needs(
        bool(hearing and hearing.concluded), "hearing_not_held", "听证尚未举行或终止，没有听证笔录。", ART_64
    )


def _review_opinion(case: Case, extra: dict) -> list[Reason]:
    return _in_states(case, OPEN, "法制审核意见书", ART_58) or _needs(
        _decided_review(case) is not None, "no_review", "尚无已作出的法制审核意见。", ART_58
    )


def _discussion(case: Case, extra: dict) -> list[Reason]:
    return _in_states(case, OPEN, "集体讨论记录", ART_57) or _needs(
        case.discussions.exists(), "no_discussion", "尚未记录集体讨论。", ART_57
    )


def remedy_bodies_reasons(agency, *, article: str = ART_59_5) -> list[Reason]:
    """The decision states the route of its remedies (行政处罚法 第五十九条第一款第五项, 第五十二条第二款): the
    reconsideration organ and the court are named from the agency's document settings, never a placeholder —
    a decision that does not name the organ stretches the party's window from 60 days to up to a year
    (行政复议法 第二十条第三款), while execution would wait 60 days."""
    settings = document_settings_for(agency)
    reasons = []
    if not settings.reconsideration_organ.strip():
        reasons.append(
            Reason(
                "reconsideration_organ_not_configured",
                f"{agency.short_name}尚未设置行政复议机关：决定书应当载明申请行政复议的途径，"
                "请在管理后台“执法文书参数”中填写后再作出决定。",
                article,
            )
        )
    if not settings.court.strip():
        reasons.append(
            Reason(
                "court_not_configured",
                f"{agency.short_name}尚未设置管辖人民法院：决定书应当载明提起行政诉讼的途径，"
                "请在管理后台“执法文书参数”中填写后再作出决定。",
                article,
            )
        )
    return reasons


def remedy_bodies_named(ctx) -> list[Reason]:
    """Guard on ``decide`` and ``decide_on_spot`` (registered by this app): the decision issued with the step
    names the reconsideration organ and the court (行政处罚法 第五十九条第一款第五项, 第五十二条第二款), so the
    refusal comes before the decision is recorded, not after it, when its document could not be issued. On
    ``correct_decision`` the same for a change: its 变更行政处罚决定书 states the remedies too (第七十五条第二款)."""
    if ctx.action == "correct_decision" and ctx.data.get("outcome") != "changed":
        return []
    article = ART_52_2 if ctx.action == "decide_on_spot" else ART_59_5
    return remedy_bodies_reasons(ctx.case.agency, article=article)


def _decision(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, {S.DECIDED, S.EXECUTING}, "行政处罚决定书", ART_59)
    if not reasons and case.procedure != Procedure.GENERAL:
        reasons.append(Reason("summary_procedure", "当场处罚的案件制作当场行政处罚决定书。", ART_52))
    if not reasons and not case.decided_penalty_kinds:
        reasons.append(Reason("no_penalty_decided", "本案未决定给予行政处罚。", ART_59))
    return reasons or remedy_bodies_reasons(case.agency)


def _no_penalty(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, {S.DECIDED, S.EXECUTING, S.CLOSED}, "不予行政处罚决定书", ART_57_1)
    if not reasons and (case.procedure != Procedure.GENERAL or case.decided_penalty_kinds):
        reasons.append(Reason("penalty_decided", "本案决定给予行政处罚，应当制作行政处罚决定书。", ART_59))
    if not reasons and not no_penalty_ground(case):
        # 第五十七条第一款第二项: the decision cites the ground the law names — there is no stock phrase for it.
        reasons.append(
            Reason(
                "no_penalty_ground_missing",
                "本案未记录不予行政处罚的法定理由（第三十条、第三十一条、第三十三条），不能制作不予行政处罚决定书。",
                ART_33,
            )
        )
    return reasons or remedy_bodies_reasons(case.agency)


def _on_spot(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, {S.DECIDED, S.EXECUTING}, "当场行政处罚决定书", ART_52)
    if not reasons and case.procedure != Procedure.SUMMARY:
        reasons.append(Reason("general_procedure", "普通程序的案件制作行政处罚决定书。", ART_59))
    return reasons or remedy_bodies_reasons(case.agency, article=ART_52_2)


def _decision_correction(outcome: str, label: str) -> Rule:
    """第七十五条第二款: the document of a change or revocation the head recorded (``correct_decision``); a change
    names the remedy bodies as the decision does (第五十九条第一款第五项)."""

    def rule(case: Case, extra: dict) -> list[Reason]:
        found = decision_correction_for(case, extra, outcome) is not None
        verb = label[:2]
        reasons = _needs(found, "no_decision_correction", f"本案尚未{verb}行政处罚决定，不能制作{label}。", ART_75_2)
        if reasons or outcome != "changed":
            return reasons
        return remedy_bodies_reasons(case.agency)

    return rule


DECIDING_RULES: dict[str, Rule] = {
    K.PENALTY_NOTICE: _penalty_notice,
    K.HEARING_RIGHTS_NOTICE: _hearing_rights,
    K.HEARING_NOTICE: _hearing_notice,
    K.HEARING_TRANSCRIPT: _hearing_transcript,
    K.LEGAL_REVIEW_OPINION: _review_opinion,
    K.COLLECTIVE_DISCUSSION: _discussion,
    K.PENALTY_DECISION: _decision,
    K.ON_SPOT_DECISION: _on_spot,
    K.NO_PENALTY_DECISION: _no_penalty,
    K.DECISION_CHANGE: _decision_correction("changed", "变更行政处罚决定书"),
    K.DECISION_REVOCATION: _decision_correction("revoked", "撤销行政处罚决定书"),
}
