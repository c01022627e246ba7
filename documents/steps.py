"""The documents a step issues itself (行政处罚法 第四十七条: 全过程记录; DOMAIN.md, "Documents").

Each legal act recorded on a case is the moment its document exists: filing approves the 立案审批表,
the notice is the 行政处罚事先告知书, the decision is the 决定书, every service its 送达回证. The step's
case event (written by the service in the transaction that holds the case row locked) issues that
document in the same transaction, numbered from the same gapless counter, so the file cannot lack it
and no document is numbered for an act that rolled back.

A document the rules of ``documents.rules`` refuse at that moment (a decision not to punish has no
罚决) is not issued; what a file still lacks is what ``close`` names (``rules.closing_document_reasons``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cases.models import CaseEvent, Service
from events.catalogue.correction import CorrectionOrdered
from events.catalogue.deadlines import DeadlineExtended
from events.catalogue.deciding import ChairRecusalDecided, DiscussionRecorded, Transferred
from events.catalogue.execution import Closed, DecisionCorrected, ServiceRecorded
from events.catalogue.people import RecusalDecided
from events.catalogue.seizure import EmergencySeizureDecided, PreservationApproved, Seized, SeizureTestingStarted

from .choices import DocumentKind as K
from .models import Document


def _served_document(event: CaseEvent) -> dict[str, Any] | None:
    """The 送达回证 of a service names the document served and the service it records."""
    service_id = event.data_as(ServiceRecorded).service
    if service_id is None:
        return None
    service = Service.objects.filter(pk=service_id, case_id=event.case_id).first()
    if service is None or service.issued_document_id is None:
        return None
    return {"document": service.issued_document_id, "service": service.pk}


def _preservation(event: CaseEvent) -> dict[str, Any] | None:
    """先行登记保存证据通知书 and its 处理决定书 name the preservation (行政处罚法 第五十六条)."""
    preservation = getattr(event.data, "preservation", None)
    return None if preservation is None else {"preservation": preservation}


def _returned_on_refusal(event: CaseEvent) -> dict[str, Any] | None:
    """A head's refusal of items registered ahead of the approval returns them at once: the 处理决定书 (解除先行登记
    保存，退还当事人) is issued with it (行政处罚法 第五十六条)."""
    data = event.data_as(PreservationApproved)
    return None if data.returned_on is None else _preservation(event)


def _sampling(event: CaseEvent) -> dict[str, Any] | None:
    """抽样取证通知书 names the sampling it lists (行政处罚法 第五十六条)."""
    sampling = getattr(event.data, "sampling", None)
    return None if sampling is None else {"sampling": sampling}


def _recusal(event: CaseEvent) -> dict[str, Any] | None:
    """回避决定书 of the application the head decided (行政处罚法 第四十三条第三款、第六十四条第四项)."""
    if isinstance(event.data, RecusalDecided):
        return {"recusal_application": event.data.application}
    recusal = event.data_as(ChairRecusalDecided).recusal
    return {"chair_recusal": recusal} if recusal is not None else None


def _closing(event: CaseEvent) -> dict[str, Any] | None:
    """结案报告 from the report the head approved in ``close`` (unless the file already holds one)."""
    if Document.objects.filter(case_id=event.case_id, kind=K.CLOSING_REPORT, superseded_by__isnull=True).exists():
        return None
    return {"content": event.data_as(Closed).report}


def _seizure(event: CaseEvent) -> dict[str, Any] | None:
    """The seizure the decision and the list print."""
    seizure = event.data_as(Seized).seizure
    return {"seizure": seizure} if seizure is not None else None


def _seizure_ended(event: CaseEvent) -> dict[str, Any] | None:
    """The release or the disposal of the seizure the event names (行政强制法 第二十七条、第二十八条)."""
    seizure = getattr(event.data, "seizure", None)
    return None if seizure is None else {"seizure": seizure}


def _emergency_release(event: CaseEvent) -> dict[str, Any] | None:
    """行政强制法 第十九条: the head disapproved the emergency seizure — released at once, by a 解除决定书."""
    data = event.data_as(EmergencySeizureDecided)
    return None if data.approved or data.seizure is None else {"seizure": data.seizure}


def _seizure_testing(event: CaseEvent) -> dict[str, Any] | None:
    """行政强制法 第二十五条第三款: the testing period is notified to the party in writing."""
    data = event.data_as(SeizureTestingStarted)
    return None if data.testing is None else {"seizure": data.seizure, "testing": data.testing}


def _seizure_extension(event: CaseEvent) -> dict[str, Any] | None:
    """行政强制法 第二十五条第二款: a seizure's extension is notified to the party in writing, with its reason; the
    extension of any other deadline issues nothing."""
    data = event.data_as(DeadlineExtended)
    return {"extension": data.extension} if data.kind == "seizure" and data.extension is not None else None


def _discussion_record(event: CaseEvent) -> dict[str, Any] | None:
    """集体讨论笔录 of the discussion this event recorded."""
    return {"discussion": event.data_as(DiscussionRecorded).discussion}


def _transfer(event: CaseEvent) -> dict[str, Any] | None:
    """案件移送函: the organ and the reasons the head recorded in ``transfer``."""
    data = event.data_as(Transferred)
    return {"organ": data.organ, "reason": data.reason}


def _correction(event: CaseEvent) -> dict[str, Any] | None:
    """The order the 责令改正通知书 carries."""
    order = event.data_as(CorrectionOrdered).correction_order
    return {"correction_order": order} if order is not None else None


def _corrected(outcome: str) -> Callable[[CaseEvent], dict[str, Any] | None]:
    """变更 or 撤销行政处罚决定书 of the correction this event recorded, by its outcome (第七十五条第二款)."""

    def inputs(event: CaseEvent) -> dict[str, Any] | None:
        data = event.data_as(DecisionCorrected)
        if data.outcome != outcome or data.correction is None:
            return None
        return {"decision_correction": data.correction}

    return inputs


@dataclass(frozen=True)
class StepDocument:
    """``event`` (a case event's name) issues a document of ``kind``; ``inputs`` gives the issuing inputs,
    or ``None`` when this occurrence issues nothing."""

    event: str
    step: str  # the step as users know it
    kind: str
    inputs: Callable[[CaseEvent], dict[str, Any] | None] | None = None


STEP_DOCUMENTS: tuple[StepDocument, ...] = (
    StepDocument("file", "立案", K.FILING_APPROVAL),  # 第五十四条
    StepDocument("decide_recusal", "决定回避申请", K.RECUSAL_DECISION, _recusal),  # 第四十三条第三款
    StepDocument("decide_chair_recusal", "决定听证主持人是否回避", K.RECUSAL_DECISION, _recusal),  # 第六十四条第四项
    # 行政强制法 第二十四条: the decision and the list are made and handed over on the spot.
    StepDocument("order_correction", "责令改正", K.CORRECTION_NOTICE, _correction),  # 第二十八条第一款
    StepDocument("seize", "查封、扣押", K.SEIZURE_DECISION, _seizure),
    StepDocument("seize", "查封、扣押", K.SEIZURE_LIST, _seizure),
    StepDocument("extend_deadline", "批准延长查封、扣押期限", K.SEIZURE_EXTENSION_NOTICE, _seizure_extension),
    StepDocument("start_seizure_testing", "查封、扣押物品送检", K.SEIZURE_TESTING_NOTICE, _seizure_testing),
    StepDocument("release_seizure", "解除查封、扣押", K.SEIZURE_RELEASE, _seizure_ended),  # 第二十八条
    StepDocument("approve_emergency_seizure", "补办查封、扣押批准手续", K.SEIZURE_RELEASE, _emergency_release),
    StepDocument("dispose_seizure", "对查封、扣押物品作出处理决定", K.SEIZURE_DISPOSAL, _seizure_ended),  # 第二十七条
    StepDocument("notify", "事先告知", K.PENALTY_NOTICE),  # 第四十四条 (the hearing right is in the notice)
    StepDocument("schedule_hearing", "安排听证", K.HEARING_NOTICE),  # 第六十四条第二项
    StepDocument("hold_hearing", "举行听证", K.HEARING_TRANSCRIPT),  # 第六十四条第八项
    StepDocument("pass_legal_review", "法制审核", K.LEGAL_REVIEW_OPINION),  # 第五十八条
    StepDocument("return_legal_review", "法制审核", K.LEGAL_REVIEW_OPINION),
    # 第五十七条第二款: the record of the discussion the event recorded
    StepDocument("record_collective_discussion", "集体讨论", K.COLLECTIVE_DISCUSSION, _discussion_record),
    StepDocument("record_sampling", "抽样取证", K.SAMPLING_NOTICE, _sampling),  # 第五十六条
    StepDocument("preserve_evidence", "先行登记保存", K.PRESERVATION_NOTICE, _preservation),  # 第五十六条
    StepDocument("dispose_preserved_evidence", "先行登记保存处理决定", K.PRESERVATION_DISPOSAL, _preservation),
    StepDocument("approve_preservation", "不予批准先行登记保存", K.PRESERVATION_DISPOSAL, _returned_on_refusal),
    StepDocument("decide", "作出处罚决定", K.PENALTY_DECISION),  # 第五十九条
    StepDocument("decide", "作出处罚决定", K.NO_PENALTY_DECISION),  # 第五十七条第一款第二项
    StepDocument("decide_on_spot", "当场处罚", K.ON_SPOT_DECISION),  # 第五十二条
    # 第七十五条第二款: the agency's own change or revocation of its decision, one document by the outcome.
    StepDocument("correct_decision", "自行纠正行政处罚决定", K.DECISION_CHANGE, _corrected("changed")),
    StepDocument("correct_decision", "自行纠正行政处罚决定", K.DECISION_REVOCATION, _corrected("revoked")),
    StepDocument("serve", "送达", K.SERVICE_RECEIPT, _served_document),  # 第六十一条
    StepDocument("serve_document", "送达", K.SERVICE_RECEIPT, _served_document),
    StepDocument("serve_reminder", "送达", K.SERVICE_RECEIPT, _served_document),  # 行政强制法 第三十八条
    StepDocument("transfer", "移送有管辖权的机关", K.CASE_TRANSFER, _transfer),  # 第二十二条、第二十五条
    StepDocument("refer_to_police", "移送公安机关", K.CRIME_REFERRAL),  # 移送规定 第六条
    StepDocument("issue_reminder", "催告", K.PAYMENT_REMINDER),  # 行政强制法 第三十五条
    StepDocument("apply_to_court", "申请强制执行", K.ENFORCEMENT_APPLICATION),  # 行政强制法 第五十五条
    StepDocument("close", "结案", K.CLOSING_REPORT, _closing),  # 第四十七条
)


def steps_for(event_name: str) -> list[StepDocument]:
    return [step for step in STEP_DOCUMENTS if step.event == event_name]


def step_label(kind: str) -> str:
    """The step that issues ``kind``, as the refusal names it."""
    return "、".join(dict.fromkeys(step.step for step in STEP_DOCUMENTS if step.kind == kind))
