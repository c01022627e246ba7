"""送达: the decision's service (the ``serve`` transition) and the scanned 送达回证 stored in object storage with
its SHA-256 (行政处罚法 第六十一条; 行政强制法 第三十八条). The service of the other documents of the case is the
documents app's (``documents.actions.serve_document``), by the same methods and the same records.

Nothing here counts a period: the event ``serve`` meets the deadline ``service`` and opens ``payment``, the remedy
windows and ``court_application`` (``deadlines.kinds``), which every reader takes from the stored rows.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, BinaryIO

from django.conf import settings

from deadlines.prospects import due_if_opened
from kernel.api import UploadRejected
from media_storage.storage import get_storage

from ...choices import EvidenceKind, Procedure
from ...guards import Context
from ...guards import execution as rules
from ...models import Case, Evidence
from ...models.execution import ServedDocument, Service, ServiceMethod
from ..evidence import check_upload, recording_stored, verify_after_commit
from ..runner import ActionBlocked, reasons_for, record_refused_attempt, run_action, run_transition
from .common import day, locking

SERVICE_FIELDS = (
    "served_on",
    "method",
    "recipient",
    "address",
    "witnesses",
    "tracking_number",
    "consent_signed_on",
    "announced_on",
    "announcement_ground",
    "announcement_attempts",
    "note",
)


TEXT_FIELDS = (
    "recipient",
    "address",
    "witnesses",
    "tracking_number",
    "announcement_ground",
    "announcement_attempts",
    "note",
)


def service_data(**fields: Any) -> dict[str, Any]:
    data = {key: fields.get(key) for key in SERVICE_FIELDS}
    for key in TEXT_FIELDS:
        data[key] = (data[key] or "").strip()
    return with_deemed_service(data)


def with_deemed_service(data: dict[str, Any]) -> dict[str, Any]:
    """By announcement, the day the document counts as served is the clock's, not the user's: thirty days from the
    announcement, rolled (``deadlines.kinds`` ``announcement_service``; 民事诉讼法 第九十五条). A date the user gave
    stays in ``stated_served_on`` for the guard that refuses a different one."""
    if data.get("method") != ServiceMethod.ANNOUNCEMENT or data.get("announced_on") is None:
        return data
    deemed = due_if_opened("announcement_service", starts_on=data["announced_on"]).due_on
    return {**data, "stated_served_on": data.get("served_on"), "served_on": deemed}


def create_service(case: Case, actor, *, document: str, issued, data: dict[str, Any], **extra: Any) -> Service:
    """The service of ``issued`` (a documents.Document, or None), its title and 文号 copied as served."""
    if issued is not None:
        extra = {"document_title": issued.get_kind_display(), "document_number": issued.number, **extra}
    recorded = {key: value for key, value in data.items() if key in SERVICE_FIELDS}
    return Service.objects.create(
        case=case, document=document, issued_document=issued, recorded_by=actor, **recorded, **extra
    )


def service_payload(service: Service) -> dict[str, Any]:
    return {
        "service": service.pk,
        "document": service.document,
        "document_title": service.title,
        "issued_document": service.issued_document_id,
        "document_number": service.document_number,
        "served_on": day(service.served_on),
        "method": service.method,
        "recipient": service.recipient,
        "consent_signed_on": day(service.consent_signed_on),
        "announced_on": day(service.announced_on),
        "announcement_ground": service.announcement_ground,
    }


def serve_decision(
    *,
    case: Case,
    actor,
    served_on: datetime.date | None = None,
    method: str,
    recipient: str = "",
    address: str = "",
    witnesses: str = "",
    tracking_number: str = "",
    consent_signed_on: datetime.date | None = None,
    announced_on: datetime.date | None = None,
    announcement_ground: str = "",
    announcement_attempts: str = "",
    note: str = "",
) -> Case:
    """送达行政处罚决定书 (第六十一条): on the spot, or within 7 working days by a lawful method. A late service is
    recorded, never refused for lateness: the deadline ``service`` it meets says it came late (judged by the
    announcement's date when served by announcement).

    The event (``serve``) carries the service — ``served_on`` (by announcement, the day it counts as served,
    counted by the clock: ``with_deemed_service``), ``method``, ``announced_on``, ``announcement_ground`` … —
    and ``reconsideration_first`` for an on-the-spot decision (行政复议法 第二十三条: no direct suit). The periods
    it starts are the deadlines it opens.
    """
    data = service_data(
        served_on=served_on,
        method=method,
        recipient=recipient,
        address=address,
        witnesses=witnesses,
        tracking_number=tracking_number,
        consent_signed_on=consent_signed_on,
        announced_on=announced_on,
        announcement_ground=announcement_ground,
        announcement_attempts=announcement_attempts,
        note=note,
    )

    def apply(c: Case) -> dict[str, Any]:
        summary = c.procedure == Procedure.SUMMARY
        service = create_service(
            c,
            actor,
            document=ServedDocument.ON_SPOT_DECISION if summary else ServedDocument.DECISION,
            issued=rules.decision_document(c),
            data=data,
        )
        return {**service_payload(service), "reconsideration_first": summary}

    return run_transition(case=case, name="serve", actor=actor, data=data, apply=apply)


def attach_service_receipt(
    *, service: Service, actor, stream: BinaryIO, original_filename: str, head: bytes, size: int | None = None
) -> Service:
    """The signed 送达回证 (or the postal return receipt), scanned: streamed to object storage, hashed on the way,
    and kept as an evidence item of the case linked to the service (全过程记录, 行政处罚法 第四十七条).

    Not through ``add_evidence``: a receipt arriving after the decision must not void the legal review's pass. The
    action's guards (``cases.actions.execution``) are checked before anything is stored and again on the locked
    rows; if recording fails after the upload, the stored object is removed.
    """
    content_type = check_upload(head=head, size=size)
    case = Case.objects.get(pk=service.case_id)
    data = {"service": service}
    refused = reasons_for(case, "attach_service_receipt", actor, data)
    if refused:
        record_refused_attempt(case=case, name="attach_service_receipt", actor=actor, reasons=refused)
        raise ActionBlocked("attach_service_receipt", refused)
    key = f"cases/{case.agency_id}/{case.pk}/service/{uuid.uuid4().hex}"
    stored = get_storage().save_stream(
        key,
        stream,
        content_type=content_type,
        metadata={"case": str(case.pk), "service": str(service.pk), "filename": original_filename},
        length=size,
    )

    def apply(ctx: Context) -> tuple[Service, dict[str, Any]]:
        assert stored.sha256 is not None, "save_stream hashes what it stores"
        if stored.size > settings.EVIDENCE_MAX_BYTES:
            raise UploadRejected("文件超过允许的大小。", code="too_large")
        item: Service = ctx.target
        evidence = Evidence.objects.create(
            case=ctx.case,
            kind=EvidenceKind.SCANNED_RECORD,
            title=f"送达回证：{item.title}",
            description=f"{item.get_method_display()}，{item.served_on:%Y-%m-%d}送达{item.recipient}",
            storage_key=stored.name,
            original_filename=original_filename[:255],
            content_type=content_type,
            size=stored.size,
            sha256=stored.sha256,
            captured_by=ctx.officer,
            uploaded_by=actor,
        )
        item.receipt = evidence
        item.save(update_fields=["receipt"])
        verify_after_commit(evidence)
        return item, {
            "evidence": evidence.pk,
            "service": item.pk,
            "title": evidence.title,
            "kind": evidence.kind,
            "sha256": stored.sha256,
            "size": stored.size,
            "content_type": content_type,
        }

    return recording_stored(
        stored.name,
        lambda: run_action(
            case=case,
            name="attach_service_receipt",
            actor=actor,
            data=data,
            apply=apply,
            target=locking(Service, service.pk),
        ),
    )
