"""The people and the evidence of a case: the filing request, handlers, recusal, parties, evidence (行政处罚法
第四十二条、第四十三条、第四十七条、第五十四条). A handler leaves the case by recusal only on a recorded application —
the party's, or the handler's own request — that the head granted (``decide_recusal``, 第四十三条)."""

from __future__ import annotations

from typing import Any

from ..choices import CaseStatus, EventType
from ..forms import case as forms
from ..guards import core as g
from ..guards import people as p
from ..models import Case, Evidence, RecusalApplication
from ..registry import Action, record_named, register
from ..services import cases as services
from ..services import evidence as evidence_services
from .states import EVERY_STATE, OPEN_STATES


def _add_party(*, case: Case, actor, **data: Any):
    return services.add_party(case=case, actor=actor, **forms.PartyForm.party_kwargs(data))


def _add_evidence(*, case: Case, actor, file, **data: Any):
    try:
        head = file.read(64)
        file.seek(0)
        return evidence_services.add_evidence(
            case=case,
            actor=actor,
            stream=file,
            original_filename=file.name or "upload",
            head=head,
            size=file.size,
            **data,
        )
    finally:
        file.close()


def _supersede(*, case: Case, actor, evidence: Evidence, reason: str):
    return evidence_services.supersede_evidence(evidence=evidence, actor=actor, reason=reason)


register(
    Action(
        name="request_filing",
        label="提请立案审批",
        label_en="Request filing approval",
        performer=g.performed_by_handler,
        guards=(p.filing_not_yet_requested,),
        form=forms.RequestFilingForm,
        perform=services.request_filing,
        event_type=EventType.FILING_REQUESTED,
        event_name="",
        states=frozenset({CaseStatus.LEAD}),
        section="people",
        summary="承办人提请负责人审批立案（第五十四条）",
    ),
    Action(
        name="add_handler",
        label="增加承办人",
        label_en="Add a handler",
        performer=g.performed_by_handler_or_head,
        guards=(p.new_handler_eligible,),
        form=forms.AddHandlerForm,
        perform=services.add_handler,
        event_type=EventType.HANDLER_ADDED,
        event_name="",
        states=OPEN_STATES,
        section="people",
        summary="本机关持有效执法证的执法人员（第四十二条）",
    ),
    Action(
        name="apply_for_recusal",
        label="登记回避申请",
        label_en="Record an application for recusal",
        performer=g.performed_by_handler,
        guards=(
            p.recused_officer_is_handler,
            p.own_recusal_request_is_own,
            p.party_application_names_the_party,
            p.no_pending_recusal_application,
        ),
        form=forms.ApplyForRecusalForm,
        perform=services.apply_for_recusal,
        event_type=EventType.RECUSAL,
        states=OPEN_STATES,
        section="people",
        summary="当事人申请或者承办人本人申请回避，写明理由；决定作出之前不停止调查（第四十三条）",
    ),
    Action(
        name="decide_recusal",
        label="决定回避申请",
        label_en="Decide an application for recusal",
        performer=g.performed_by_head,
        guards=(p.recusal_application_pending, p.recusal_decided_by_another_head, p.recused_handler_still_assigned),
        form=forms.DecideRecusalForm,
        perform=services.decide_recusal,
        event_type=EventType.RECUSAL,
        states=OPEN_STATES,
        section="people",
        target=record_named(RecusalApplication, "application"),
        summary="负责人决定回避或者驳回申请并写明理由；驳回的申请留存案卷（第四十三条第三款）",
    ),
    Action(
        name="add_party",
        label="登记当事人",
        label_en="Add a party",
        performer=g.performed_by_handler_or_head,
        form=forms.PartyForm,
        perform=_add_party,
        event_type=EventType.PARTY_ADDED,
        event_name="",
        states=OPEN_STATES,
        section="people",
        summary="当事人的姓名或名称、身份证件号码或统一社会信用代码",
    ),
    Action(
        name="add_evidence",
        label="上传证据",
        label_en="Upload evidence",
        performer=g.performed_by_handler_or_head,
        form=forms.EvidenceForm,
        perform=_add_evidence,
        event_type=EventType.EVIDENCE_ADDED,
        event_name="",
        states=OPEN_STATES,
        section="evidence",
        multipart=True,
        summary="照片、录音、录像、扫描件存入对象存储，记录SHA-256（第四十七条）",
    ),
    Action(
        name="supersede_evidence",
        label="作废证据",
        label_en="Supersede evidence",
        performer=g.performed_by_handler_or_head,
        guards=(p.evidence_not_superseded,),
        form=forms.SupersedeEvidenceForm,
        perform=_supersede,
        event_type=EventType.EVIDENCE_SUPERSEDED,
        event_name="",
        states=EVERY_STATE,
        section="evidence",
        target=record_named(Evidence, "evidence"),
        summary="证据标记作废并写明理由，仍保留在案卷中",
    ),
)
