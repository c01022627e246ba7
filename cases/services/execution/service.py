"""送达: the decision's service (the ``serve`` transition), the service of other documents, and the scanned
送达回证 stored in object storage with its SHA-256 (行政处罚法 第六十一条; 行政强制法 第三十八条)."""

from __future__ import annotations

import contextlib
import datetime
import uuid
from typing import Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from clock.periods import add_calendar_days, add_months
from documents.kinds import INTERNAL, SPECS
from kernel.api import UploadRejected
from kernel.rules import Reason
from media_storage.storage import get_storage

from ...choices import TERMINAL_STATES, EventType, EvidenceKind, Procedure
from ...guards import execution as rules
from ...models import Case, Evidence
from ...models.execution import ServedDocument, Service, ServiceMethod
from ...tasks import verify_evidence
from ..events import append_event
from ..evidence import check_upload
from ..runner import lock_case, run_transition
from .common import acting_officer, day, record, refuse, require_officer

SERVICE_FIELDS = (
    "served_on",
    "method",
    "recipient",
    "address",
    "witnesses",
    "tracking_number",
    "consent_signed_on",
    "announced_on",
    "note",
)


def service_data(**fields: Any) -> dict[str, Any]:
    data = {key: fields.get(key) for key in SERVICE_FIELDS}
    for key in ("recipient", "address", "witnesses", "tracking_number", "note"):
        data[key] = (data[key] or "").strip()
    return data


def create_service(case: Case, actor, *, document: str, issued, data: dict[str, Any], **extra: Any) -> Service:
    """The service of ``issued`` (a documents.Document, or None), its title and 文号 copied as served."""
    if issued is not None:
        extra = {"document_title": issued.get_kind_display(), "document_number": issued.number, **extra}
    return Service.objects.create(
        case=case, document=document, issued_document=issued, recorded_by=actor, **data, **extra
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
    }


def serve_decision(
    *,
    case: Case,
    actor,
    served_on: datetime.date,
    method: str,
    recipient: str = "",
    address: str = "",
    witnesses: str = "",
    tracking_number: str = "",
    consent_signed_on: datetime.date | None = None,
    announced_on: datetime.date | None = None,
    note: str = "",
) -> Case:
    """送达行政处罚决定书 (第六十一条): on the spot, or within 7 working days by a lawful method. A late service
    is recorded with ``late`` set (the deadline and the flag in the event), never refused for lateness.

    The event (``serve``) carries the service and the clocks it starts: ``served_on``, ``method``,
    ``payment_due_on`` (第六十七条第三款, 15 days; null when nothing is to be paid), ``reconsideration_due_on``
    (行政复议法 第二十条, 60 days), ``litigation_due_on`` (行政诉讼法 第四十六条, 6 months; null for an on-the-spot
    decision: reconsideration first, 行政复议法 第二十三条), ``remedies_end_on`` and the ``*_provisional`` flags.
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
        note=note,
    )

    def apply(c: Case) -> dict[str, Any]:
        summary = c.procedure == Procedure.SUMMARY
        if method == ServiceMethod.ON_SPOT:
            due = None
        else:
            assert c.decided_on is not None, "a decision is served after it is made"
            due = rules.service_due(c.decided_on)
        judged_on = announced_on if method == ServiceMethod.ANNOUNCEMENT and announced_on else served_on
        service = create_service(
            c,
            actor,
            document=ServedDocument.ON_SPOT_DECISION if summary else ServedDocument.DECISION,
            issued=rules.decision_document(c),
            data=data,
            due_on=due.date if due else None,
            late=bool(due and judged_on > due.date),
            provisional=bool(due and due.provisional),
        )
        pays = bool((c.decided_fine_amount or 0) > 0 or (c.decided_illegal_gains or 0) > 0)
        payment = rules.payment_due(served_on) if pays else None
        reconsideration = add_calendar_days(served_on, rules.RECONSIDERATION_DAYS)
        litigation = None if summary else add_months(served_on, rules.LITIGATION_MONTHS)
        remedies_end = rules.remedy_periods_end(served_on=served_on, procedure=c.procedure)
        return {
            **service_payload(service),
            "due_on": day(service.due_on),
            "late": service.late,
            "provisional": service.provisional,
            "payment_due_on": day(payment.date) if payment else None,
            "payment_due_provisional": bool(payment and payment.provisional),
            "reconsideration_due_on": day(reconsideration.date),
            "litigation_due_on": day(litigation.date) if litigation else None,
            "reconsideration_first": summary,
            "remedies_end_on": day(remedies_end.date),
            "remedies_provisional": reconsideration.provisional or bool(litigation and litigation.provisional),
        }

    return run_transition(case=case, name="serve", actor=actor, data=data, apply=apply)


@transaction.atomic
def serve_document(*, case: Case, actor, document, served_on: datetime.date, method: str, **fields: Any) -> Service:
    """送达 of another issued document addressed to the party (a notice, a 先行登记保存 notice, …) by the same
    methods (第六十一条). ``document``: the documents.Document served, its current version.

    Event ``serve_document``: the service's keys (``service``, ``issued_document``, ``document_number``, …).
    """
    locked = lock_case(case.pk)
    officer = acting_officer(actor)
    today = timezone.localdate()
    data = service_data(served_on=served_on, method=method, **fields)
    reasons = rules.handler_or_head_reasons(locked, officer, "登记文书送达")
    if locked.status in TERMINAL_STATES:
        reasons.append(Reason("case_closed", "案件已终结，不能再登记送达。", rules.ART_61))
    reasons += servable_reasons(locked, document)
    reasons += rules.dated_reasons(served_on, what="送达日期", today=today, after=locked.filed_on, since="立案日期")
    refuse(reasons + rules.method_reasons(data, decision=False))
    service = create_service(locked, actor, document=ServedDocument.OTHER, issued=document, data=data)
    record(locked, actor, "serve_document", service_payload(service))
    return service


def servable(case: Case):
    """The documents of the case that are served on someone: current versions, addressed outside the agency,
    other than the decision (served by ``serve``) and the reminder (``serve_reminder``)."""
    return case.documents.filter(superseded_by__isnull=True).exclude(kind__in=NOT_SERVED_HERE).order_by("issued_at")


# Internal records are not served (documents.kinds: addressed_to); the decision and the reminder have their
# own service steps.
NOT_SERVED_HERE = (
    *(kind for kind, spec in SPECS.items() if spec.addressed_to == INTERNAL),
    *rules.DECISION_KINDS,
    "payment_reminder",
)


def servable_reasons(case: Case, document) -> list[Reason]:
    if document is None or getattr(document, "case_id", None) != case.pk:
        return [Reason("no_document_to_serve", "请选择本案已制作的、需要送达的执法文书。", rules.ART_61)]
    if not servable(case).filter(pk=document.pk).exists():
        return [
            Reason(
                "document_not_servable",
                f"{document}不在此送达：内部文书无需送达，已被更正的请送达最新版本，决定书和催告书各有其送达步骤。",
                rules.ART_61,
            )
        ]
    return []


def attach_service_receipt(
    *, service: Service, actor, stream: BinaryIO, original_filename: str, head: bytes, size: int | None = None
) -> Service:
    """The signed 送达回证 (or the postal return receipt), scanned: streamed to object storage, hashed on the way,
    and kept as an evidence item of the case linked to the service (全过程记录, 行政处罚法 第四十七条).

    Not through ``add_evidence``: a receipt arriving after the decision must not void the legal review's pass.
    """
    officer = require_officer(actor)
    content_type = check_upload(head=head, size=size)
    case = Case.objects.get(pk=service.case_id)
    refuse(_receipt_reasons(case, Service.objects.get(pk=service.pk), officer))
    key = f"cases/{case.agency_id}/{case.pk}/service/{uuid.uuid4().hex}"
    stored = get_storage().save_stream(
        key,
        stream,
        content_type=content_type,
        metadata={"case": str(case.pk), "service": str(service.pk), "filename": original_filename},
        length=size,
    )
    try:
        assert stored.sha256 is not None, "save_stream hashes what it stores"
        if stored.size > settings.EVIDENCE_MAX_BYTES:
            raise UploadRejected("文件超过允许的大小。", code="too_large")
        with transaction.atomic():
            locked = lock_case(case.pk)
            item = Service.objects.select_for_update().get(pk=service.pk)
            refuse(_receipt_reasons(locked, item, officer))
            evidence = Evidence.objects.create(
                case=locked,
                kind=EvidenceKind.SCANNED_RECORD,
                title=f"送达回证：{item.title}",
                description=f"{item.get_method_display()}，{item.served_on:%Y-%m-%d}送达{item.recipient}",
                storage_key=stored.name,
                original_filename=original_filename[:255],
                content_type=content_type,
                size=stored.size,
                sha256=stored.sha256,
                captured_by=officer,
                uploaded_by=actor,
            )
            item.receipt = evidence
            item.save(update_fields=["receipt"])
            append_event(
                case=locked,
                event_type=EventType.EVIDENCE_ADDED,
                actor=actor,
                name="attach_service_receipt",
                payload={
                    "evidence": evidence.pk,
                    "service": item.pk,
                    "title": evidence.title,
                    "kind": evidence.kind,
                    "sha256": stored.sha256,
                    "size": stored.size,
                    "content_type": content_type,
                },
            )
            transaction.on_commit(lambda: verify_evidence.delay(evidence.pk))
    except BaseException:
        with contextlib.suppress(Exception):
            get_storage().delete(stored.name)
        raise
    return item


def _receipt_reasons(case: Case, service: Service, officer) -> list[Reason]:
    reasons = rules.handler_or_head_reasons(case, officer, "上传送达回证")
    if case.status in TERMINAL_STATES:
        reasons.append(Reason("case_closed", "案件已终结归档，不能再补充送达回证。", rules.ART_61))
    if service.receipt_id is not None:
        reasons.append(Reason("receipt_already_filed", "该送达已有送达回证扫描件。", rules.ART_61))
    return reasons
