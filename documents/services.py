"""The actions on documents: issue (or correct), render and store, hand out a download, check a PDF.

``issue_document`` runs in one transaction with the case row locked: it checks the guards
(``documents.rules``), takes the 文号 serial from the gapless counter in the same transaction (a
rollback gives it back, DESIGN.md "Numbers without gaps"), freezes what the document prints in its
snapshot, writes the case event, and queues the rendering only on commit (DESIGN.md, "Side effects
after commit"). Rendering is idempotent: a rendered document is never rendered again.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from cases.models import Case
from cases.models.numbering import take_serial
from cases.services.events import append_event
from cases.services.runner import lock_case
from kernel.rules import ActionRefused, Reason
from media_storage.storage import get_storage
from officers.selectors import officer_for_user

from .choices import DOCUMENT_ACCESSED, DOCUMENT_ISSUED, DocumentStatus
from .contexts import BUILDERS, Source
from .contexts.common import agency_block, fmt_date
from .kinds import SPECS
from .models import Document, document_settings_for, new_token
from .render import qr_data_uri, render_to_pdf, verify_url
from .rules import issue_reasons

logger = logging.getLogger(__name__)
CHUNK = 1024 * 1024


class DocumentRefused(ActionRefused):
    """A rule refused issuing or reading a document; ``reasons`` say why (409 in the API)."""

    code = "document_not_allowed"


def _jsonable(value: Any) -> Any:
    # Exactly what JSON gives back, so the snapshot read from the database renders the same.
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def _number(case: Case, code: str, year: int) -> tuple[str, int]:
    """文号 ``[简称][代字]〔年度〕[序号]号``, serial per agency, kind code and year, without gaps."""
    serial = take_serial(agency=case.agency, kind=code, year=year)
    return f"{case.agency.short_name}{code}〔{year}〕{serial}号", serial


def issue_document(
    *,
    case: Case,
    kind: str,
    actor,
    correction_of: Document | None = None,
    extra: dict[str, Any] | None = None,
    reason: str = "",
    automatic: bool = False,
) -> Document | None:
    """制作执法文书: a new document of ``kind`` on ``case``, or a corrected version of ``correction_of``.

    A correction keeps the 文号 of the document it corrects and takes the next version; the old
    version is kept, marked as superseded. Raises :class:`DocumentRefused` with the reasons.

    ``automatic``: issued by the step that records the act (``documents.steps``), as that step's actor,
    whose right to act the step's own guards checked. Returns ``None`` instead of refusing when the
    document does not belong to this occurrence of the step (a decision not to punish has no 罚决).
    """
    spec = SPECS[kind]
    extra = dict(extra or {})
    with transaction.atomic():
        locked = lock_case(case.pk)
        previous = Document.objects.select_for_update().get(pk=correction_of.pk) if correction_of is not None else None
        officer = officer_for_user(actor)
        reasons = issue_reasons(
            case=locked,
            kind=kind,
            officer=officer,
            extra=extra,
            correction_of=previous,
            reason=reason,
            automatic=automatic,
        )
        if reasons and automatic:
            logger.info("documents: %s not issued on case %s: %s", kind, locked.pk, [r.code for r in reasons])
            return None
        if reasons:
            raise DocumentRefused(reasons)

        today = timezone.localdate()
        if previous is not None:
            number, code, year, serial = (
                previous.number,
                previous.number_code,
                previous.number_year,
                previous.number_serial,
            )
            version = previous.version + 1
        elif spec.numbered:
            code, year = spec.code, today.year
            number, serial = _number(locked, code, year)
            version = 1
        else:
            # Internal records carry the case number (DOMAIN.md, the table of documents).
            number, code, year, serial, version = locked.number, "", None, None, 1

        token = new_token()
        agency_settings = document_settings_for(locked.agency)
        data = BUILDERS[kind](Source(case=locked, settings=agency_settings, today=today, issuer=officer, extra=extra))
        meta = {
            "kind": spec.kind.value,
            "title": spec.label,
            "article": spec.article,
            "number": number,
            "case_number": locked.number,
            "version": version,
            "supersedes_version": previous.version if previous else None,
            "correction_reason": reason.strip(),
            "issued_on": fmt_date(today),
            "agency": agency_block(locked, agency_settings),
            "verify_url": verify_url(token),
        }
        document = Document.objects.create(
            case=locked,
            agency=locked.agency,
            kind=kind,
            number=number,
            number_code=code,
            number_year=year,
            number_serial=serial,
            version=version,
            supersedes=previous,
            correction_reason=reason.strip(),
            template=spec.template,
            snapshot=_jsonable({"meta": meta, "data": data}),
            issued_at=timezone.now(),
            issued_by=actor,
            issued_by_name=officer.name if officer else actor.get_username(),
            token=token,
        )
        append_event(
            case=locked,
            event_type=DOCUMENT_ISSUED,
            actor=actor,
            payload={
                "document": document.pk,
                "kind": kind,
                "title": spec.label,
                "document_number": number,
                "version": version,
                "supersedes": previous.pk if previous else None,
                "reason": reason.strip(),
                "automatic": automatic,
            },
        )
        # robust: a rendering that fails (or a broker that is down) is logged and leaves the document
        # "生成失败" or "待生成" to be retried; it never turns the committed act into an error.
        transaction.on_commit(lambda: _queue_rendering(document.pk), robust=True)
    return document


def _queue_rendering(document_id: int) -> None:
    from .tasks import render_document

    render_document.delay(document_id)


def rendering_context(document: Document) -> dict[str, Any]:
    """What the template sees: the snapshot and the QR code of its verification URL — nothing else."""
    meta = document.snapshot["meta"]
    return {"doc": meta, "d": document.snapshot["data"], "qr": qr_data_uri(meta["verify_url"])}


def render_html(document: Document) -> str:
    """The document as HTML from its snapshot (a preview; the PDF is made from the same HTML)."""
    from django.template.loader import render_to_string

    return render_to_string(document.template, rendering_context(document))


def render_stored(*, document_id: int) -> bool:
    """Render the document to PDF and store it with its size and SHA-256. True when it was rendered
    now; False when it already was (a second delivery of the task is a no-op)."""
    # Visible as "正在生成" at once; waits behind a rendering in progress (which holds the row lock).
    Document.objects.filter(pk=document_id, status__in=[DocumentStatus.ISSUED, DocumentStatus.FAILED]).update(
        status=DocumentStatus.RENDERING, render_error=""
    )
    try:
        with transaction.atomic():
            document = Document.objects.select_for_update().get(pk=document_id)
            if document.status == DocumentStatus.RENDERED:
                return False
            _html, pdf = render_to_pdf(document.template, rendering_context(document))
            stored = get_storage().save_stream(
                f"documents/{document.agency_id}/{document.case_id}/{document.pk}-v{document.version}.pdf",
                io.BytesIO(pdf),
                content_type="application/pdf",
                metadata={"document": str(document.pk), "case": str(document.case_id), "kind": document.kind},
                length=len(pdf),
            )
            digest = hashlib.sha256(pdf).hexdigest()
            if stored.sha256 and stored.sha256 != digest:
                raise RuntimeError(f"stored PDF hash {stored.sha256} differs from the rendered {digest}")
            document.status = DocumentStatus.RENDERED
            document.storage_key, document.size, document.sha256 = stored.name, stored.size, digest
            document.rendered_at = timezone.now()
            document.render_error = ""
            document.save(update_fields=["status", "storage_key", "size", "sha256", "rendered_at", "render_error"])
            # A stored object whose row did not commit stays orphaned under its own key, never reused.
    except Exception as exc:
        Document.objects.filter(pk=document_id).exclude(status=DocumentStatus.RENDERED).update(
            status=DocumentStatus.FAILED, render_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        logger.exception("rendering document %s failed", document_id)
        raise
    return True


@transaction.atomic
def document_url(*, document: Document, actor, purpose: str = "download") -> str:
    """A short-lived presigned URL of the PDF; every one handed out is recorded on the case."""
    locked_case = lock_case(document.case_id)
    current = Document.objects.get(pk=document.pk)
    if not current.is_rendered:
        raise DocumentRefused([Reason("not_rendered", "文书尚未生成PDF，请稍后再试。", "")])
    url = get_storage().presigned_url(
        current.storage_key, filename=current.pdf_filename, response_content_type="application/pdf"
    )
    append_event(
        case=locked_case,
        event_type=DOCUMENT_ACCESSED,
        actor=actor,
        payload={
            "document": current.pk,
            "kind": current.kind,
            "document_number": current.number,
            "version": current.version,
            "purpose": purpose,
            "expires_in": settings.MEDIA_PRESIGN_SECONDS,
        },
    )
    return url


@dataclass(frozen=True)
class PdfCheck:
    """The result of comparing an uploaded file with a document: same SHA-256 or not."""

    matches: bool
    sha256: str
    size: int


def check_pdf(*, document: Document, fileobj: IO[bytes]) -> PdfCheck:
    """Hash the uploaded file in chunks and compare with the rendered document's SHA-256."""
    digest, size = hashlib.sha256(), 0
    with contextlib.suppress(AttributeError, OSError):
        fileobj.seek(0)
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    value = digest.hexdigest()
    return PdfCheck(matches=bool(document.sha256) and value == document.sha256, sha256=value, size=size)
