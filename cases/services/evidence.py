"""Evidence and recordings (全过程记录, 行政处罚法 第四十七条): stored as streams, never deleted after filing."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import uuid
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kernel.rules import ActionRefused, Reason
from media_storage.storage import get_storage

from ..choices import TERMINAL_STATES, EventType
from ..models import Case, Evidence
from ..sniffing import sniff_content_type
from ..tasks import verify_evidence
from .cases import _actor_officer, _refuse_unless_handler_or_head
from .deciding import void_pass
from .events import append_event
from .runner import lock_case

CHUNK = 1024 * 1024

ART_47 = "《中华人民共和国行政处罚法》第四十七条"


class UploadRejected(ValidationError):
    """The file is not accepted: ``code`` is ``too_large`` (413) or ``unsupported_type`` (415)."""


def check_upload(*, head: bytes, size: int | None) -> str:
    """Sniff the content type from the first bytes and check it and the size against the settings."""
    limit = settings.EVIDENCE_MAX_BYTES
    if size is not None and size > limit:
        raise UploadRejected(f"文件超过允许的大小（{limit // (1024 * 1024)} MB）。", code="too_large")
    content_type = sniff_content_type(head)
    if content_type not in settings.EVIDENCE_ACCEPTED_TYPES:
        raise UploadRejected(
            f"不接受此类文件（识别为 {content_type}）。可上传照片、录音、录像、PDF 扫描件。", code="unsupported_type"
        )
    return content_type


def add_evidence(
    *,
    case: Case,
    actor,
    stream: BinaryIO,
    original_filename: str,
    kind: str,
    title: str,
    head: bytes,
    size: int | None = None,
    description: str = "",
    captured_at: datetime.datetime | None = None,
    location: str = "",
    device: str = "",
    captured_by=None,
) -> Evidence:
    """Stream the file to object storage (hashing on the way) and record it on the case.

    ``head`` holds the first bytes of the file for sniffing; ``stream`` is read in
    chunks by the storage and never held whole in memory. If recording fails after
    the upload, the stored object is removed so nothing half-written survives.
    """
    officer = _actor_officer(actor)
    content_type = check_upload(head=head, size=size)
    case_now = Case.objects.get(pk=case.pk)
    if case_now.status in TERMINAL_STATES:
        raise ActionRefused([Reason("case_closed", "案件已终结，不能再补充证据。", ART_47)])
    _refuse_unless_handler_or_head(case_now, officer, "上传证据")

    key = f"cases/{case.agency_id}/{case.pk}/evidence/{uuid.uuid4().hex}"
    stored = get_storage().save_stream(
        key,
        stream,
        content_type=content_type,
        metadata={"case": str(case.pk), "filename": original_filename},
        length=size,
    )
    try:
        assert stored.sha256 is not None, "save_stream hashes what it stores"
        if stored.size > settings.EVIDENCE_MAX_BYTES:
            raise UploadRejected("文件超过允许的大小。", code="too_large")
        with transaction.atomic():
            locked = lock_case(case.pk)
            evidence = Evidence.objects.create(
                case=locked,
                kind=kind,
                title=title,
                description=description,
                storage_key=stored.name,
                original_filename=original_filename[:255],
                content_type=content_type,
                size=stored.size,
                sha256=stored.sha256,
                captured_at=captured_at,
                location=location,
                device=device,
                captured_by=captured_by or officer,
                uploaded_by=actor,
            )
            # New evidence after a pass is a material change: the pass no longer stands (第五十八条).
            voided = void_pass(locked, reason="补充新证据")
            append_event(
                case=locked,
                event_type=EventType.EVIDENCE_ADDED,
                actor=actor,
                payload={
                    "evidence": evidence.pk,
                    "title": title,
                    "kind": kind,
                    "sha256": stored.sha256,
                    "size": stored.size,
                    "content_type": content_type,
                    "voided_pass": voided.pk if voided else None,
                },
            )
            # A second, independent read of what was stored, by a worker after the commit.
            transaction.on_commit(lambda: verify_evidence.delay(evidence.pk))
    except BaseException:
        # Nothing half-written survives: remove the object, without hiding the original error.
        with contextlib.suppress(Exception):
            get_storage().delete(stored.name)
        raise
    return evidence


@transaction.atomic
def supersede_evidence(*, evidence: Evidence, actor, reason: str) -> Evidence:
    """作废: the item stays in the file, marked superseded with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": "请说明作废理由。"})
    locked_case = lock_case(evidence.case_id)
    _refuse_unless_handler_or_head(locked_case, _actor_officer(actor), "作废证据")
    item = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if item.superseded_at:
        raise ActionRefused([Reason("already_superseded", "该证据已作废。", ART_47)])
    item.superseded_at = timezone.now()
    item.superseded_reason = reason.strip()
    item.superseded_by = actor
    item.save()
    append_event(
        case=locked_case,
        event_type=EventType.EVIDENCE_SUPERSEDED,
        actor=actor,
        payload={"evidence": item.pk, "reason": item.superseded_reason},
    )
    return item


@transaction.atomic
def evidence_content_url(*, evidence: Evidence, actor, purpose: str = "download") -> str:
    """A short-lived presigned URL for the content; every one issued is recorded on the case."""
    locked_case = lock_case(evidence.case_id)
    url = get_storage().presigned_url(evidence.storage_key, filename=evidence.original_filename)
    append_event(
        case=locked_case,
        event_type=EventType.EVIDENCE_ACCESSED,
        actor=actor,
        payload={"evidence": evidence.pk, "purpose": purpose, "expires_in": settings.MEDIA_PRESIGN_SECONDS},
    )
    return url


def verify_stored_evidence(*, evidence_id: int) -> bool:
    """Re-read the object in chunks; True (and ``last_verified_at`` set) when hash and size match."""
    item = Evidence.objects.get(pk=evidence_id)
    digest, size = hashlib.sha256(), 0
    with get_storage().open(item.storage_key, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    if digest.hexdigest() != item.sha256 or size != item.size:
        return False
    Evidence.objects.filter(pk=item.pk).update(last_verified_at=timezone.now())
    return True
