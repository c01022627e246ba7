"""The referral of a suspected crime to the police (两法衔接; 国务院《行政执法机关移送涉嫌犯罪案件的规定》2020;
行政处罚法 第二十七条、第三十五条、第八十二条): the steps beside the two transitions, declared in the registry.

The hand-over (``refer_to_police``) and the return to administrative handling (``resume_after_referral``)
change the case's state: they are transitions (``cases.transitions``). The report acts on the case; every other
step acts on the case's latest referral (``target``), which its service locks. The guards
(``cases.guards.referral``) say who may act, whether the step follows now and whether its dates hold; the page
(``cases.views.referral``) offers the steps whose guards let this officer act now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kernel.forms import ActionForm

from ..choices import EventType
from ..forms import referral as forms
from ..guards import referral as rg
from ..models import Case
from ..models.case import REFERRABLE
from ..models.referral import PoliceReferral
from ..registry import Action, Guard, register
from ..services import referral as services
from .states import OPEN_STATES


def _latest_referral(case: Case, data: dict[str, Any]) -> PoliceReferral | None:
    """The referral a step acts on: the case's latest (the open one, when one is open)."""
    return services.current_referral(case)


def _on_latest(name: str, service: Callable[..., PoliceReferral]) -> Callable[..., PoliceReferral]:
    """``perform`` of a step on the referral, for the page and the API: the service on the case's latest referral
    (none: the guards refuse with ``no_referral``)."""

    def perform(*, case: Case, actor, **data: Any) -> PoliceReferral:
        referral = services.current_referral(case)
        if referral is None:
            services.refuse_without_referral(case=case, name=name, actor=actor, data=data)
        return service(referral=referral, actor=actor, **data)

    return perform


def _step(
    name: str,
    label: str,
    label_en: str,
    *,
    service: Callable[..., PoliceReferral],
    form: type[ActionForm],
    guards: tuple[Guard, ...],
    summary: str,
    performer: Guard = rg.referral_officer,
) -> Action:
    """A step on the case's latest referral, in any state the file is open in (the guards say when it follows)."""
    return Action(
        name=name,
        label=label,
        label_en=label_en,
        performer=performer,
        guards=guards,
        form=form,
        perform=_on_latest(name, service),
        event_type=EventType.REFERRAL,
        states=OPEN_STATES,
        section="referral",
        target=_latest_referral,
        summary=summary,
    )


register(
    Action(
        name="submit_referral_report",
        label="提出移送涉嫌犯罪案件报告",
        label_en="Submit the referral report",
        performer=rg.reported_by_handler,
        guards=(rg.no_referral_open, rg.referral_team_eligible, rg.referral_report_written),
        form=forms.ReferralReportForm,
        perform=services.submit_referral_report,
        event_type=EventType.REFERRAL,
        states=frozenset(REFERRABLE),
        section="referral",
        summary="专案组（2名以上执法人员）提出涉嫌犯罪案件情况的书面报告；正职负责人3日内决定（移送规定第五条）",
    ),
    _step(
        "decide_referral",
        "审批移送（正职负责人）",
        "Decide on the referral (principal head)",
        performer=rg.decided_by_principal_head,
        guards=(rg.referral_awaiting_decision, rg.rejection_reasoned),
        service=services.decide_referral,
        form=forms.ReferralDecisionForm,
        summary="正职负责人或者主持工作的负责人批准或者不批准移送，不批准的记录理由；批准后24小时内移送（移送规定第五条）",
    ),
    _step(
        "record_police_receipt",
        "登记公安机关签收回执",
        "Record the police's receipt",
        guards=(*rg.STEP_ORDER["record_police_receipt"], rg.step_dated),
        service=services.record_police_receipt,
        form=forms.PoliceReceiptForm,
        summary="公安机关在涉嫌犯罪案件移送书的回执上签字；公安机关3日内决定是否立案（移送规定第七条、第八条）",
    ),
    _step(
        "record_police_decision",
        "登记公安机关的决定",
        "Record the police's decision",
        guards=(*rg.STEP_ORDER["record_police_decision"], rg.police_reasons_given, rg.step_dated),
        service=services.record_police_decision,
        form=forms.PoliceDecisionForm,
        summary="公安机关立案或者不予立案的书面通知，不予立案的说明理由（移送规定第八条）",
    ),
    _step(
        "request_reconsideration",
        "提请公安机关复议",
        "Request the police to reconsider",
        guards=(*rg.STEP_ORDER["request_reconsideration"], rg.step_dated),
        service=services.request_reconsideration,
        form=forms.ReconsiderationRequestForm,
        summary="收到不予立案通知书后3日内提请作出决定的公安机关复议（移送规定第九条）",
    ),
    _step(
        "record_reconsideration_result",
        "登记复议决定",
        "Record the reconsideration",
        guards=(*rg.STEP_ORDER["record_reconsideration_result"], rg.step_dated),
        service=services.record_reconsideration_result,
        form=forms.ReconsiderationResultForm,
        summary="公安机关3日内作出的复议决定：决定立案，或者维持不予立案（移送规定第九条）",
    ),
    _step(
        "request_procuratorate_supervision",
        "建议人民检察院立案监督",
        "Ask the procuratorate to supervise",
        guards=(*rg.STEP_ORDER["request_procuratorate_supervision"], rg.step_dated),
        service=services.request_procuratorate_supervision,
        form=forms.ProcuratorateRequestForm,
        summary="对不予立案决定或者复议决定有异议的，建议人民检察院依法进行立案监督（移送规定第九条）",
    ),
    _step(
        "record_procuratorate_result",
        "登记立案监督结果",
        "Record the procuratorate's result",
        guards=(*rg.STEP_ORDER["record_procuratorate_result"], rg.step_dated),
        service=services.record_procuratorate_result,
        form=forms.ProcuratorateResultForm,
        summary="立案监督的结果：公安机关已立案，或者不立案理由成立（《人民检察院办理行政执法机关移送涉嫌犯罪案件的规定》）",
    ),
    _step(
        "record_items_handover",
        "登记涉案物品移交",
        "Record the hand-over of the items",
        guards=(*rg.STEP_ORDER["record_items_handover"], rg.step_dated),
        service=services.record_items_handover,
        form=forms.ItemsHandoverForm,
        summary="公安机关立案后3日内移交涉案物品及有关材料，办结交接手续（移送规定第十二条）",
    ),
    _step(
        "record_fines_already_imposed",
        "登记移送前已给予的罚款",
        "Record the fines already imposed",
        guards=(rg.referral_not_ended, rg.fine_amount_valid),
        service=services.record_fines_already_imposed,
        form=forms.FinesImposedForm,
        summary="移送前已给予的罚款，依法折抵相应罚金（行政处罚法第三十五条第二款；移送规定第十一条）",
    ),
)
