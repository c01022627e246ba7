"""Guards of the referral of a suspected crime (两法衔接): pure functions of the guard context.

Each reads the case's latest referral once per context (prefetched ``case.referrals`` when
present, else one query). Only one referral is open at a time, so the latest is the open one.
The ``*_reasons`` helpers take the referral itself: ``cases.services.referral`` re-checks the
locked row with them inside the transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kernel.rules import APL, REFERRAL_ART_5, Reason, day_text
from officers.eligibility import check_eligibility
from officers.models import Officer

from ..choices import TERMINAL_STATES, CaseStatus
from ..models.referral import REQUIRED_MATERIALS, PoliceReferral, ReferralMaterial

if TYPE_CHECKING:
    from ..models import Case
    from .core import Context

REG = "《行政执法机关移送涉嫌犯罪案件的规定》"
REFERRAL_ART_6 = f"{REG}第六条"
REFERRAL_ART_7 = f"{REG}第七条"
REFERRAL_ART_8 = f"{REG}第八条"
REFERRAL_ART_9 = f"{REG}第九条"
REFERRAL_ART_10 = f"{REG}第十条"
REFERRAL_ART_11 = f"{REG}第十一条"
REFERRAL_ART_12 = f"{REG}第十二条"
ART_27 = f"{APL}第二十七条"
ART_35 = f"{APL}第三十五条"
ART_82 = f"{APL}第八十二条"

_CACHE_KEY = "_police_referral"


def latest_referral(ctx: Context) -> PoliceReferral | None:
    """The case's latest referral, read once per context."""
    if _CACHE_KEY not in ctx.__dict__:
        ctx.__dict__[_CACHE_KEY] = referral_of(ctx.case)
    return ctx.__dict__[_CACHE_KEY]


def referral_of(case: Case) -> PoliceReferral | None:
    """The case's latest referral: from ``prefetch_related("referrals")`` when loaded, else one query."""
    cached = getattr(case, "_prefetched_objects_cache", {}).get("referrals")
    if cached is not None:
        return max(cached, key=lambda r: r.pk, default=None)
    return PoliceReferral.objects.filter(case_id=case.pk).order_by("-pk").first()


# --- the report and the decision (checked by cases.services.referral on the locked rows) ---


def team_reasons(members: list[Officer], case: Case, today: datetime.date) -> list[Reason]:
    """第五条: a team (专案组) of two or more eligible enforcement officers of the agency."""
    reasons: list[Reason] = []
    eligible = 0
    for officer in members:
        if officer.agency_id != case.agency_id:
            reasons.append(Reason("team_other_agency", f"{officer.name}不是本机关的执法人员。", REFERRAL_ART_5))
            continue
        result = check_eligibility(officer, case.matter.domain, today)
        eligible += result.eligible
        reasons += result.reasons
    if eligible < 2:
        reasons.append(
            Reason(
                "referral_team_too_small",
                f"专案组应当由2名或者2名以上行政执法人员组成，目前符合条件的只有{eligible}名。",
                REFERRAL_ART_5,
            )
        )
    return reasons


def decision_reasons(referral: PoliceReferral, officer: Officer, *, approved: bool, reason: str) -> list[Reason]:
    """第五条第二款: the principal head (or the head presiding) decides; reasons recorded when not approved."""
    reasons: list[Reason] = []
    case = referral.case
    if not (officer.agency_id == case.agency_id and officer.is_principal_head):
        detail = "是否批准移送涉嫌犯罪案件，由本机关正职负责人或者主持工作的负责人决定。"
        reasons.append(Reason("not_principal_head", detail, REFERRAL_ART_5))
    if referral.approved is not None:
        reasons.append(Reason("referral_already_decided", "该移送报告已经作出审批决定。", REFERRAL_ART_5))
    if case.status in TERMINAL_STATES:
        reasons.append(Reason("case_closed", f"案件已处于“{case.get_status_display()}”状态。", ""))
    if not approved and not reason.strip():
        detail = "决定不批准移送的，应当将不予批准的理由记录在案。"
        reasons.append(Reason("rejection_reason_missing", detail, REFERRAL_ART_5))
    return reasons


# --- refer_to_police -------------------------------------------------------------------


def approved_reasons(referral: PoliceReferral | None) -> list[Reason]:
    """第五条: an open referral report approved by the principal head and not yet handed over."""
    if referral is None or not referral.is_open:
        return [
            Reason(
                "referral_not_approved",
                "移送涉嫌犯罪案件须由专案组提出书面报告，并经本机关正职负责人或者主持工作的负责人批准。",
                REFERRAL_ART_5,
            )
        ]
    if referral.approved is None:
        return [
            Reason(
                "referral_pending_decision",
                f"移送报告尚待正职负责人审批（应于{day_text(referral.decision_due)}前作出决定）。",
                REFERRAL_ART_5,
            )
        ]
    if referral.handed_over_at is not None:
        return [Reason("referral_already_handed_over", "本案已移送公安机关。", REFERRAL_ART_5)]
    return []


def materials_reasons(materials: Iterable[str]) -> list[Reason]:
    """第六条（一）（二）: the referral letter and the investigation report always go with the case."""
    given = set(materials)
    return [
        Reason("referral_material_missing", f"移送涉嫌犯罪案件应当附有{m.label}。", REFERRAL_ART_6)
        for m in REQUIRED_MATERIALS
        if m.value not in given
    ] + [
        Reason("referral_material_unknown", f"未知的移送材料“{m}”。", REFERRAL_ART_6)
        for m in sorted(given - set(ReferralMaterial.values))
    ]


def referral_approved(ctx: Context) -> list[Reason]:
    """For ``refer_to_police``: the principal head approved the open referral (第五条)."""
    return approved_reasons(latest_referral(ctx))


def referral_materials_complete(ctx: Context) -> list[Reason]:
    """For ``refer_to_police``, on submit: the attachments of 第六条."""
    if not ctx.data:
        return []  # checked on submit, when the materials are known
    return materials_reasons(ctx.data.get("materials") or [])


# --- resume_after_referral -------------------------------------------------------------


def finally_declined_reasons(referral: PoliceReferral | None, today: datetime.date) -> list[Reason]:
    """第九条、第十条: the police declined and every remedy was used or let lapse; else what is still pending."""
    if referral is None or not referral.handed_over_at or referral.finally_declined_at:
        return [Reason("no_referral_handed_over", "本案没有已移送公安机关、尚未办结的移送。", REFERRAL_ART_8)]
    if referral.closed_by_police_acceptance:
        return [Reason("police_accepted", "公安机关已决定立案，案件不能恢复行政处理。", REFERRAL_ART_12)]
    if not referral.received_on:
        return [Reason("police_receipt_pending", "公安机关尚未签收移送书回执。", REFERRAL_ART_7)]
    if not referral.police_decision:
        return [
            Reason(
                "police_decision_pending",
                f"公安机关尚未作出立案或者不予立案的决定（应于{day_text(referral.police_decision_due)}前作出）。",
                REFERRAL_ART_8,
            )
        ]
    if referral.procuratorate_requested_on:
        if not referral.procuratorate_result:
            return [Reason("procuratorate_pending", "已建议人民检察院立案监督，尚未收到监督结果。", REFERRAL_ART_9)]
        return []  # the procuratorate found the police's reasons valid (police_filed closes the referral)
    if referral.reconsideration_requested_on:
        if not referral.reconsideration_result:
            return [
                Reason(
                    "reconsideration_pending",
                    f"已提请公安机关复议，复议决定尚未作出（应于{day_text(referral.reconsideration_answer_due)}前作出）。",
                    REFERRAL_ART_9,
                )
            ]
        if referral.procuratorate_due and today <= referral.procuratorate_due:
            return [
                Reason(
                    "procuratorate_window_open",
                    f"对不予立案的复议决定有异议的，本机关可在{day_text(referral.procuratorate_due)}前"
                    "建议人民检察院立案监督，期限届满前不能认定为最终不予立案。",
                    REFERRAL_ART_9,
                )
            ]
        return []
    if referral.reconsideration_request_due and today <= referral.reconsideration_request_due:
        return [
            Reason(
                "reconsideration_window_open",
                f"本机关可在{day_text(referral.reconsideration_request_due)}前提请公安机关复议"
                "或者建议人民检察院立案监督，期限届满前不能认定为最终不予立案。",
                REFERRAL_ART_9,
            )
        ]
    return []


def police_finally_declined(ctx: Context) -> list[Reason]:
    """For ``resume_after_referral``: the police declined for good (第九条、第十条)."""
    return finally_declined_reasons(latest_referral(ctx), ctx.today)


# --- close and decide: never a fine instead of a referral (以罚代刑) ----------------------


def referral_allows_close(ctx: Context) -> list[Reason]:
    """For ``close``: a referred case closes only once the police opened a case and have the items
    (第十二条); an executing case never closes while a referral is open (行政处罚法 第八十二条)."""
    referral = latest_referral(ctx)
    if ctx.case.status == CaseStatus.REFERRED:
        if referral is None or not referral.closed_by_police_acceptance:
            return [
                Reason(
                    "police_not_accepted",
                    "已移送公安机关的案件，须公安机关决定立案后方可结案；公安机关最终不予立案的，应恢复行政处理。",
                    REFERRAL_ART_10,
                )
            ]
        if not referral.items_handed_over_on:
            return [
                Reason(
                    "items_not_handed_over",
                    f"公安机关已立案，涉案物品及有关材料尚未移交（应于{day_text(referral.items_due)}前移交）。",
                    REFERRAL_ART_12,
                )
            ]
        return []
    if referral is not None and referral.is_open:
        return [Reason("referral_open", "本案正在办理涉嫌犯罪案件移送，不得以行政处罚代替移送而结案。", ART_82)]
    return []


def no_open_referral(ctx: Context) -> list[Reason]:
    """For ``decide``: a case under referral is not decided by a fine alone (行政处罚法 第八十二条; 第十一条)."""
    referral = latest_referral(ctx)
    if referral is None or not referral.is_open:
        return []
    if referral.approved is None:
        detail = "专案组已提出涉嫌犯罪案件移送报告，正职负责人作出决定前，不得以行政处罚代替移送。"
    else:
        detail = "正职负责人已批准移送涉嫌犯罪案件，应当移送公安机关，不得以行政处罚代替移送。"
    return [Reason("referral_open", detail, ART_82)]
