"""The referral's guards on the lifecycle: ``refer_to_police`` (第六条), ``resume_after_referral`` (第九条、第十条), and
``close`` and ``decide`` — never a fine instead of a referral (以罚代刑, 第十一条).

A due date is read from the step's stored deadline (``PoliceReferral.deadline``); where it only dates a reason's
text, the text leaves the date out when the row is not settled."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from deadlines.selectors import unsettled_reasons
from kernel.rules import REFERRAL_ART_5, Reason, day_text

from ...choices import CaseStatus
from ...models.referral import REQUIRED_MATERIALS, PoliceReferral, ReferralMaterial
from .common import (
    ART_82,
    REFERRAL_ART_6,
    REFERRAL_ART_7,
    REFERRAL_ART_8,
    REFERRAL_ART_9,
    REFERRAL_ART_10,
    REFERRAL_ART_11,
    REFERRAL_ART_12,
    latest_referral,
)

if TYPE_CHECKING:
    from ..core import Context


def _by(referral: PoliceReferral, step: str, text: str) -> str:
    """``text`` with the stored due date of ``step`` put in ("应于{date}前…"), or "" when the date is not settled (no
    row yet, or one being counted again): a reason that does not turn on the date only leaves it out."""
    row = referral.deadline(step)
    if row is None or row.recomputing:
        return ""
    return text.format(date=day_text(row.due_on))


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
                f"移送报告尚待正职负责人审批{_by(referral, 'decide_referral', '（应于{date}前作出决定）')}。",
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


def police_organ_named(ctx: Context) -> list[Reason]:
    """For ``refer_to_police``, on submit: the police organ of the same level it is handed to (第五条第二款)."""
    if ctx.data and not (ctx.data.get("police_organ") or "").strip():
        return [Reason("police_organ_missing", "请填写接受移送的同级公安机关。", REFERRAL_ART_5)]
    return []


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
                "公安机关尚未作出立案或者不予立案的决定"
                f"{_by(referral, 'record_police_decision', '（应于{date}前作出）')}。",
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
                    "已提请公安机关复议，复议决定尚未作出"
                    f"{_by(referral, 'record_reconsideration_result', '（应于{date}前作出）')}。",
                    REFERRAL_ART_9,
                )
            ]
        # 第九条: after an upheld reconsideration, a new window of 3 days for the procuratorate.
        window = referral.deadline("request_procuratorate_supervision")
        unsettled = unsettled_reasons(window, "建议人民检察院立案监督", REFERRAL_ART_9)
        if unsettled:
            return unsettled
        assert window is not None, "unsettled_reasons refuses a missing window"
        if today <= window.due_on:
            return [
                Reason(
                    "procuratorate_window_open",
                    f"对不予立案的复议决定有异议的，本机关可在{day_text(window.due_on)}前"
                    "建议人民检察院立案监督，期限届满前不能认定为最终不予立案。",
                    REFERRAL_ART_9,
                )
            ]
        return []
    # 第九条: after the decline one window of 3 days serves both remedies, the reconsideration and the procuratorate.
    window = referral.deadline("request_reconsideration")
    unsettled = unsettled_reasons(window, "提请复议或者建议人民检察院立案监督", REFERRAL_ART_9)
    if unsettled:
        return unsettled
    assert window is not None, "unsettled_reasons refuses a missing window"
    if today <= window.due_on:
        return [
            Reason(
                "reconsideration_window_open",
                f"本机关可在{day_text(window.due_on)}前提请公安机关复议"
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
                    "公安机关已立案，涉案物品及有关材料尚未移交"
                    f"{_by(referral, 'record_items_handover', '（应于{date}前移交）')}。",
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


def served_while_referred(ctx: Context) -> list[Reason]:
    """For ``serve`` while the case stands referred: 《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款
    “行政执法机关向公安机关移送涉嫌犯罪案件前已经作出的……行政处罚决定，不停止执行” — a decision made before the
    referral and not yet served is served; no decision is made while the referral is open (第十一条第一款;
    ``no_open_referral`` on ``decide``), so there is nothing else to serve."""
    case = ctx.case
    if case.status != CaseStatus.REFERRED:
        return []
    if case.status_before_referral == CaseStatus.DECIDED:
        return []
    if case.status_before_referral == CaseStatus.EXECUTING:
        detail = "本案移送前作出的行政处罚决定已经送达，无需再次送达。"
    else:
        detail = "本案移送公安机关前没有作出行政处罚决定；移送期间不得作出行政处罚决定，也就没有可以送达的决定书。"
    return [Reason("no_decision_before_referral", detail, REFERRAL_ART_11)]
