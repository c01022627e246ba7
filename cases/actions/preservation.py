"""先行登记保存 (行政处罚法 第五十六条), declared in the registry: the handlers' request with the list of items, a
head's approval, the registration of the items (the seven working days of the disposal run from it), the disposal
decision. Steps beside the lifecycle; the guards (``cases.guards.preservation``) say who acts and when."""

from __future__ import annotations

from typing import Any

from ..choices import CaseStatus, EventType
from ..forms import preservation as forms
from ..guards import preservation as g
from ..guards.core import performed_by_handler, performed_by_handler_or_head
from ..models import Case, EvidencePreservation
from ..registry import Action, record_named, register
from ..services import preservation as services
from .states import OPEN_STATES

# 第五十六条: “在收集证据时” — evidence is preserved during the investigation.
COLLECTING = frozenset({CaseStatus.INVESTIGATING})
_named = record_named(EvidencePreservation, "preservation")
# The steps, in their order (the page's section offers them so).
ACTIONS = (
    "request_preservation",
    "approve_preservation",
    "preserve_evidence",
    "dispose_preserved_evidence",
    "record_sampling",
)


def _on(service):
    """``perform`` for the page and the API: the form's ``preservation`` (a row of the case) passed on by id."""

    def perform(*, case: Case, actor, preservation: EvidencePreservation | None = None, **data: Any):
        return service(case=case, actor=actor, preservation=preservation.pk if preservation else None, **data)

    return perform


register(
    Action(
        name="request_preservation",
        label="提请先行登记保存证据",
        label_en="Request evidence preservation",
        performer=performed_by_handler,
        needs_handlers=True,
        guards=(g.preservation_reason_stated, g.preservation_items_listed),
        form=forms.PreservationRequestForm,
        perform=services.request_preservation,
        event_type=EventType.PRESERVATION,
        states=COLLECTING,
        section="evidence",
        summary="证据可能灭失或者以后难以取得的，承办人列明物品清单，报负责人批准（第五十六条）",
    ),
    Action(
        name="approve_preservation",
        label="审批先行登记保存证据",
        label_en="Approve evidence preservation",
        performer=g.approved_by_agency_head,
        guards=(
            g.preservation_named,
            g.preservation_awaiting_approval,
            g.refusal_reasoned,
            g.approval_within_24_hours,
        ),
        form=forms.PreservationApprovalForm,
        perform=_on(services.approve_preservation),
        event_type=EventType.PRESERVATION,
        states=OPEN_STATES,
        section="evidence",
        target=_named,
        summary="本机关负责人批准（第五十六条）；本机关参数允许的，情况紧急时先行登记保存后二十四小时内补办批准"
        "（部门规章规定，非行政处罚法）；不予批准的，已登记保存的物品即时解除并退还当事人",
    ),
    Action(
        name="preserve_evidence",
        label="登记保存证据",
        label_en="Register the preserved evidence",
        performer=performed_by_handler,
        needs_handlers=True,
        guards=(
            g.preservation_named,
            g.not_yet_registered,
            g.approved_before_registration,
            g.registered_after_approval,
            g.registration_not_in_future,
        ),
        form=forms.PreservationRegistrationForm,
        perform=_on(services.preserve_evidence),
        event_type=EventType.PRESERVATION,
        states=COLLECTING,
        section="evidence",
        target=_named,
        summary="登记保存物品并向当事人出具先行登记保存证据通知书；七个工作日内作出处理决定（第五十六条、第八十五条）",
    ),
    Action(
        name="dispose_preserved_evidence",
        label="对先行登记保存的证据作出处理决定",
        label_en="Decide on the preserved evidence",
        performer=performed_by_handler_or_head,
        guards=(
            g.preservation_named,
            g.registered_before_disposal,
            g.disposal_dated,
            g.pending_approval_returns_only,
            g.disposal_explained,
        ),
        form=forms.PreservationDisposalForm,
        perform=_on(services.dispose_preserved_evidence),
        event_type=EventType.PRESERVATION,
        states=OPEN_STATES,
        section="evidence",
        target=_named,
        summary="退还、查封扣押、移送有关机关或者其他措施；自登记保存之日起七个工作日内（第五十六条、第八十五条）",
    ),
    Action(
        name="record_sampling",
        label="抽样取证",
        label_en="Take samples as evidence",
        performer=performed_by_handler,
        needs_handlers=True,
        guards=(g.samples_listed, g.sampling_not_in_future),
        form=forms.SamplingForm,
        perform=services.record_sampling,
        event_type=EventType.SAMPLING,
        states=COLLECTING,
        section="evidence",
        summary="收集证据时可以采取抽样取证的方法，列明样品清单，向当事人出具抽样取证通知书（第五十六条）",
    ),
)
