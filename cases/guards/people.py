"""Guards of the actions on the people of a case: the filing request, handlers, recusal (行政处罚法 第四十二条、
第四十三条、第五十四条)."""

from __future__ import annotations

from kernel.rules import ART_42, ART_43, ART_47, ART_54, Reason
from officers.eligibility import check_eligibility

from ..choices import Procedure, RecusalInitiator
from ..selectors import is_active_handler
from .core import Context


def filing_not_yet_requested(ctx: Context) -> list[Reason]:
    """第五十四条: the handlers ask the head once; the head then files or declines."""
    reasons = []
    if ctx.case.procedure != Procedure.GENERAL:
        reasons.append(Reason("wrong_state", "只有普通程序的线索可以提请立案审批。", ART_54))
    if ctx.case.filing_requested_at:
        reasons.append(Reason("filing_already_requested", "已提请立案审批，等待负责人审批。", ART_54))
    return reasons


def new_handler_eligible(ctx: Context) -> list[Reason]:
    """第四十二条: a handler is an officer of the agency, eligible today for the matter's domain."""
    officer = ctx.data.get("officer")
    if officer is None:
        return []
    if is_active_handler(ctx.case, officer):
        return [Reason("already_handler", f"{officer.name}已是本案承办人。", "")]
    if officer.agency_id != ctx.case.agency_id:
        return [Reason("handler_other_agency", f"{officer.name}不是本机关的执法人员。", ART_42)]
    return check_eligibility(officer, ctx.case.matter.domain, ctx.today).reasons


def may_decide_recusal(ctx: Context) -> list[Reason]:
    """第四十三条: an officer withdraws of their own motion; any other recusal is decided by the head."""
    me = ctx.officer
    if me is None:
        return [Reason("not_an_officer", "当前账号未关联执法机关工作人员。", "")]
    is_head = me.agency_id == ctx.case.agency_id and me.is_head
    if is_head:
        return []
    initiator, officer = ctx.data.get("initiator"), ctx.data.get("officer")
    if not ctx.data:
        # Before the form is filled in: a handler may withdraw themself.
        return (
            []
            if is_active_handler(ctx.case, me)
            else [Reason("recusal_needs_head", "回避由行政机关负责人决定。", ART_43)]
        )
    if initiator == RecusalInitiator.SELF:
        if officer is not None and officer.pk != me.pk:
            return [Reason("recusal_not_own", "执法人员只能申请本人回避，他人回避由负责人决定。", ART_43)]
        return []
    return [Reason("recusal_needs_head", "当事人申请的回避由行政机关负责人决定。", ART_43)]


def recused_officer_is_handler(ctx: Context) -> list[Reason]:
    officer = ctx.data.get("officer")
    if officer is None or is_active_handler(ctx.case, officer):
        return []
    return [Reason("not_a_handler", f"{officer.name}不是本案承办人。", ART_43)]


def evidence_not_superseded(ctx: Context) -> list[Reason]:
    item = ctx.target
    if item is not None and item.superseded_at:
        return [Reason("already_superseded", "该证据已作废。", ART_47)]
    return []
