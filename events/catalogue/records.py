"""The record itself: evidence, documents, and the publication of the decision (行政处罚法 第四十七条、第四十八条)."""

from __future__ import annotations

import datetime

from ..payloads import Payload, event


@event("evidence_added", "上传证据")
class EvidenceAdded(Payload):
    evidence: int
    title: str = ""
    kind: str = ""
    sha256: str = ""
    size: int = 0
    content_type: str = ""
    voided_pass: int | None = None


@event("attach_service_receipt", "上传送达回证")
class ServiceReceiptAttached(Payload):
    evidence: int
    service: int
    title: str = ""
    kind: str = ""
    sha256: str = ""
    size: int = 0
    content_type: str = ""


@event("evidence_superseded", "证据作废")
class EvidenceSuperseded(Payload):
    evidence: int
    reason: str = ""


@event("evidence_accessed", "查看证据")
class EvidenceAccessed(Payload):
    evidence: int
    purpose: str = ""
    expires_in: int = 0


@event("document_issued", "制作执法文书")
class DocumentIssued(Payload):
    document: int
    kind: str = ""
    title: str = ""
    document_number: str = ""
    version: int = 1
    supersedes: int | None = None
    reason: str = ""
    automatic: bool = False


@event("document_accessed", "查看执法文书")
class DocumentAccessed(Payload):
    document: int
    kind: str = ""
    document_number: str = ""
    version: int = 1
    purpose: str = ""
    expires_in: int = 0
    # The redaction policy of the 脱敏副本 handed out instead of the original (documents.renditions); "" = original.
    rendition: str = ""


@event("publish_decision", "登记行政处罚决定的公开")
class DecisionPublished(Payload):
    """The decision published: meets the deadline ``publication`` (国办发〔2018〕118号) on ``published_on``; whether
    it came late is that deadline's (``Deadline.met_late``)."""

    publication: int | None = None
    published_on: datetime.date | None = None
    channel: str = ""
    channel_detail: str = ""
    url: str = ""
    decision_number: str = ""
    party_name: str = ""


@event("withdraw_publication", "撤回已公开的行政处罚决定信息")
class PublicationWithdrawn(Payload):
    """The publication withdrawn: meets the deadlines ``publication_withdrawal`` of ``remedies`` (行政处罚法
    第四十八条第二款) on ``withdrawn_on``."""

    publication: int | None = None
    withdrawn_on: datetime.date | None = None
    reason: str = ""
    remedies: tuple[int, ...] = ()


@event("decide_not_to_publish", "决定不予公开行政处罚决定")
class PublicationDeclined(Payload):
    """依法决定不予公开 (行政处罚法 第五十条; 政府信息公开条例 第十四条至第十六条): ends the deadline ``publication``
    as not due on ``decided_on``."""

    non_publication: int | None = None
    decided_on: datetime.date | None = None
    reason: str = ""
    detail: str = ""


@event("lift_non_publication", "解除不予公开的决定")
class NonPublicationLifted(Payload):
    """A head lifts the decision not to publish, with the reason (the ground ceased): the duty to publish reopens —
    the deadline ``publication`` opens again from ``lifted_on`` (国办发〔2018〕118号: 7 working days; the project's
    reading, docs/policy.md)."""

    non_publication: int | None = None
    lifted_on: datetime.date | None = None
    reason: str = ""
