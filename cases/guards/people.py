"""Guards of the actions on the people of a case: the filing request, handlers, recusal (行政处罚法 第四十二条、
第四十三条、第五十四条)."""

from __future__ import annotations

from kernel.rules import ART_42, ART_43, ART_47, ART_54, ART_64_4, Reason
from officers.eligibility import check_eligibility

from ..choices import Procedure, RecusalApplicant, RecusalDecision
from ..models import ChairRecusal
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


def recused_officer_is_handler(ctx: Context) -> list[Reason]:
    officer = ctx.data.get("officer")
    if officer is None or is_active_handler(ctx.case, officer):
        return []
    return [Reason("not_a_handler", f"{officer.name}不是本案承办人。", ART_43)]


# --- 回避申请 (第四十三条): a handler records the application, the head decides ---------------------------


def own_recusal_request_is_own(ctx: Context) -> list[Reason]:
    """第四十三条第一款: a handler asks for their own recusal; a colleague's is asked by the party or decided by
    the head."""
    officer = ctx.data.get("officer")
    if ctx.data.get("applicant") != RecusalApplicant.SELF or officer is None or ctx.officer is None:
        return []
    if officer.pk == ctx.officer.pk:
        return []
    return [Reason("recusal_not_own", f"执法人员只能申请本人回避，不能申请{officer.name}回避。", ART_43)]


def party_application_names_the_party(ctx: Context) -> list[Reason]:
    """第四十三条第二款: the application is the party's right; the record names which party applied."""
    if ctx.data.get("applicant") == RecusalApplicant.PARTY and ctx.data.get("party") is None:
        return [Reason("recusal_party_missing", "当事人申请回避的，应当写明提出申请的当事人。", ART_43)]
    return []


def no_pending_recusal_application(ctx: Context) -> list[Reason]:
    """第四十三条第三款: the head decides each application; a second one waits for the first decision."""
    officer = ctx.data.get("officer")
    if officer is None:
        return []
    if ctx.case.recusal_applications.filter(officer=officer, decision="").exists():
        return [
            Reason(
                "recusal_application_pending",
                f"对{officer.name}的回避申请尚待负责人决定，不能重复登记。",
                ART_43,
            )
        ]
    return []


def recusal_application_pending(ctx: Context) -> list[Reason]:
    """第四十三条第三款: the head decides an application of this case that has not been decided."""
    application = ctx.target
    if application is None:
        if ctx.data:
            return [Reason("recusal_application_missing", "请选择本案待决定的回避申请。", ART_43)]
        if not ctx.case.recusal_applications.filter(decision="").exists():
            return [Reason("recusal_application_missing", "本案没有待决定的回避申请。", ART_43)]
        return []
    if not application.is_pending:
        return [
            Reason(
                "recusal_already_decided",
                f"该回避申请已于{application.decided_at:%Y-%m-%d}决定（{application.get_decision_display()}）。",
                ART_43,
            )
        ]
    return []


def recusal_decided_by_another_head(ctx: Context) -> list[Reason]:
    """第四十三条第三款, 第六十四条第四项: the head decides — not the officer whose recusal is asked, a handler or the
    hearing's chair (no one judges their own cause)."""
    application = ctx.target
    if application is None or ctx.officer is None or application.concerned_officer_id != ctx.officer.pk:
        return []
    article = ART_64_4 if isinstance(application, ChairRecusal) else ART_43
    return [Reason("recusal_own_decision", "负责人不能决定本人的回避申请，应由其他负责人决定。", article)]


def recused_handler_still_assigned(ctx: Context) -> list[Reason]:
    """An approved recusal ends the officer's assignment: they must still be handling the case."""
    application = ctx.target
    if application is None or ctx.data.get("decision") != RecusalDecision.APPROVED:
        return []
    if is_active_handler(ctx.case, application.officer):
        return []
    return [Reason("not_a_handler", f"{application.officer.name}已不是本案承办人，无需决定回避。", ART_43)]


def evidence_not_superseded(ctx: Context) -> list[Reason]:
    item = ctx.target
    if item is not None and item.superseded_at:
        return [Reason("already_superseded", "该证据已作废。", ART_47)]
    return []
