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

from kernel.api import UploadRejected
from media_storage.storage import get_storage

from ..choices import EventType
from ..guards import Context
from ..models import Case, Evidence
from ..sniffing import sniff_content_type
from ..tasks import verify_evidence
from .deciding import void_pass
from .events import append_event
from .runner import ActionBlocked, lock_case, reasons_for, record_refused_attempt, run_action

CHUNK = 1024 * 1024


def verify_after_commit(evidence: Evidence) -> None:
    """Queue the worker's second, independent read of what was stored, once the row is committed. ``robust``: a
    broker that is down is logged, never turns the committed act into an error (nor deletes its file); the item
    stays unverified until the check runs (``Evidence.last_verified_at`` empty). ``ignore_result``: nobody waits for
    the answer, so sending never touches the result store (which, on a Redis that is down, retries for a long time
    and then refuses every later send of the process)."""
    transaction.on_commit(lambda: verify_evidence.apply_async((evidence.pk,), ignore_result=True), robust=True)


def recording_stored(key: str, record):
    """Run ``record`` (the act that writes the row naming the stored object ``key``); if it fails, remove the
    object — but only when no committed row names it, so a failure after the commit never loses a file."""
    try:
        return record()
    except BaseException:
        with contextlib.suppress(Exception):
            if not Evidence.objects.filter(storage_key=key).exists():
                get_storage().delete(key)
        raise


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
    chunks by the storage and never held whole in memory. The action's guards are checked before anything
    is stored and again on the locked case; if recording fails after the upload, the stored object is
    removed so nothing half-written survives.
    """
    content_type = check_upload(head=head, size=size)
    data = {"kind": kind, "title": title, "description": description, "location": location, "device": device}
    refused = reasons_for(case, "add_evidence", actor, data)
    if refused:
        record_refused_attempt(case=case, name="add_evidence", actor=actor, reasons=refused)
        raise ActionBlocked("add_evidence", refused)

    key = f"cases/{case.agency_id}/{case.pk}/evidence/{uuid.uuid4().hex}"
    stored = get_storage().save_stream(
        key,
        stream,
        content_type=content_type,
        metadata={"case": str(case.pk), "filename": original_filename},
        length=size,
    )

    def apply(ctx: Context) -> tuple[Evidence, dict]:
        assert stored.sha256 is not None, "save_stream hashes what it stores"
        if stored.size > settings.EVIDENCE_MAX_BYTES:
            raise UploadRejected("文件超过允许的大小。", code="too_large")
        evidence = Evidence.objects.create(
            case=ctx.case,
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
            captured_by=captured_by or ctx.officer,
            uploaded_by=actor,
        )
        # New evidence after a pass is a material change: the pass no longer stands (第五十八条).
        voided = void_pass(ctx.case, reason="补充新证据")
        verify_after_commit(evidence)
        return evidence, {
            "evidence": evidence.pk,
            "title": title,
            "kind": kind,
            "sha256": stored.sha256,
            "size": stored.size,
            "content_type": content_type,
            "voided_pass": voided.pk if voided else None,
        }

    # Nothing half-written survives: the object goes if its row was not committed (the original error stands).
    return recording_stored(
        stored.name, lambda: run_action(case=case, name="add_evidence", actor=actor, data=data, apply=apply)
    )


def supersede_evidence(*, evidence: Evidence, actor, reason: str) -> Evidence:
    """作废: the item stays in the file, marked superseded with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": "请说明作废理由。"})

    def apply(ctx: Context) -> tuple[Evidence, dict]:
        item = ctx.target
        item.superseded_at = timezone.now()
        item.superseded_reason = reason.strip()
        item.superseded_by = actor
        item.save()
        return item, {"evidence": item.pk, "reason": item.superseded_reason}

    return run_action(
        case=evidence.case,
        name="supersede_evidence",
        actor=actor,
        data={"evidence": evidence, "reason": reason},
        apply=apply,
        target=lambda case: Evidence.objects.select_for_update().filter(pk=evidence.pk, case=case).first(),
    )


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


def unverified_evidence_ids(*, older_than: datetime.timedelta, limit: int) -> list[int]:
    """Evidence whose check after the commit never ran (a broker that was down, a worker that died), uploaded
    more than ``older_than`` ago so a check still in the queue is left to run: oldest first, at most ``limit``."""
    cutoff = timezone.now() - older_than
    unverified = Evidence.objects.filter(last_verified_at__isnull=True, uploaded_at__lte=cutoff)
    return list(unverified.order_by("uploaded_at", "pk").values_list("pk", flat=True)[:limit])


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
