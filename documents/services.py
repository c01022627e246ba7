"""The actions on documents: issue (or correct), render and store, hand out a download, check a PDF.

``issue_document`` runs in one transaction with the case row locked: it checks the guards
(``documents.rules``), takes the 文号 serial from the gapless counter in the same transaction (a
rollback gives it back, DESIGN.md "Numbers without gaps"), freezes what the document prints in its
snapshot, writes the case event, and queues the rendering only on commit (DESIGN.md, "Side effects
after commit"). Rendering is idempotent: a rendered document is never rendered again, and a document is
claimed by one conditional UPDATE, so two workers never render one twice. Nothing is lost to an outage
(issue 11): a document whose rendering was never queued, whose worker died, or whose rendering failed
transiently is found by ``stuck_document_ids`` and rendered again (docs/documents.md, "Rendering").
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import logging
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from cases.models import Case
from cases.models.numbering import take_serial
from cases.services.events import append_event
from cases.services.runner import lock_case
from kernel.rules import ActionRefused, Reason
from media_storage.exceptions import StorageUnavailable
from media_storage.storage import get_storage
from officers.selectors import officer_for_user

from .choices import DOCUMENT_ACCESSED, DOCUMENT_ISSUED, DocumentStatus
from .contexts import BUILDERS, Source
from .contexts.common import agency_block, fmt_date
from .kinds import SPECS
from .models import Document, document_settings_for, new_token
from .render import qr_data_uri, render_to_pdf, verify_url
from .rules import issue_reasons
from .snapshots import seal, unseal

logger = logging.getLogger(__name__)
CHUNK = 1024 * 1024
# A database connection dropped or refused, object storage unreachable: worth another attempt later.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, StorageUnavailable, ConnectionError, TimeoutError)


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
            # The party's identity number and phone sealed, as in cases_party (documents.snapshots).
            snapshot=seal(_jsonable({"meta": meta, "data": data})),
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
    queue_rendering(document_id)


def queue_rendering(document_id: int) -> None:
    """Hand the rendering to whoever renders: the background loop of this process without a broker
    (``DOCUMENTS_RENDER_LOOP``, make run), a Celery worker otherwise. A broker that is down is logged and leaves
    the document "待生成"; the sweep (``requeue_stuck_documents``) queues it again — the document is never lost."""
    if settings.DOCUMENTS_RENDER_LOOP:
        from .background import render_loop

        render_loop.wake()
        return
    from .tasks import render_document

    try:
        # Fire and forget: nobody waits for the answer, so sending never touches the result store (on a Redis that
        # is down it retries for about twenty seconds, then refuses every later send of the process).
        render_document.apply_async((document_id,), ignore_result=True)
    except Exception:
        if render_document.app.conf.task_always_eager:
            raise  # eager (the suite): the rendering itself failed, and says so
        logger.warning("documents: rendering of %s not queued (broker unavailable?); the sweep queues it", document_id)


def rendering_context(document: Document) -> dict[str, Any]:
    """What the template sees: the snapshot (its sealed numbers opened) and the QR code of its verification URL —
    nothing else."""
    snapshot = unseal(document.snapshot)
    meta = snapshot["meta"]
    return {"doc": meta, "d": snapshot["data"], "qr": qr_data_uri(meta["verify_url"])}


def render_html(document: Document) -> str:
    """The document as HTML from its snapshot (a preview; the PDF is made from the same HTML)."""
    from django.template.loader import render_to_string

    return render_to_string(document.template, rendering_context(document))


def is_transient(exc: BaseException) -> bool:
    """A failure the same rendering may get past later: the database or the object storage unavailable for a
    while. Anything else (a template or data error) is permanent: retrying would fail the same way."""
    return isinstance(exc, TRANSIENT_ERRORS)


def _claimable() -> Q:
    stale = timezone.now() - datetime.timedelta(seconds=settings.DOCUMENTS_RENDER_STALE_SECONDS)
    abandoned = Q(status=DocumentStatus.RENDERING) & (
        Q(render_started_at__isnull=True) | Q(render_started_at__lt=stale)
    )
    return Q(status__in=[DocumentStatus.ISSUED, DocumentStatus.FAILED]) | abandoned


def render_stored(*, document_id: int) -> bool:
    """Render the document to PDF and store it with its size and SHA-256. True when it was rendered now; False
    when there was nothing to do: already rendered (a second delivery of the task), or being rendered right now
    by someone else.

    The document is claimed first by one conditional UPDATE (``issued`` or ``failed``, or ``rendering`` left by a
    worker that died more than ``DOCUMENTS_RENDER_STALE_SECONDS`` ago): of two workers, one wins, and the other
    renders nothing. The PDF is recorded by a second conditional UPDATE naming the claim; a claim taken over in
    between leaves its object unnamed, and it is removed. A failure is recorded as transient (retried by the task
    and the sweep, up to ``DOCUMENTS_RENDER_MAX_ATTEMPTS``) or permanent, and re-raised."""
    claimed_at = timezone.now()
    claimed = (
        Document.objects.filter(_claimable(), pk=document_id)
        .exclude(status=DocumentStatus.RENDERED)
        .update(
            status=DocumentStatus.RENDERING,
            render_started_at=claimed_at,
            render_attempts=F("render_attempts") + 1,
            render_error="",
            render_retryable=False,
        )
    )
    if not claimed:
        return False
    key = None
    try:
        document = Document.objects.get(pk=document_id)
        _html, pdf = render_to_pdf(document.template, rendering_context(document))
        stored = get_storage().save_stream(
            f"documents/{document.agency_id}/{document.case_id}/{document.pk}-v{document.version}.pdf",
            io.BytesIO(pdf),
            content_type="application/pdf",
            metadata={"document": str(document.pk), "case": str(document.case_id), "kind": document.kind},
            length=len(pdf),
        )
        key = stored.name
        digest = hashlib.sha256(pdf).hexdigest()
        if stored.sha256 and stored.sha256 != digest:
            raise RuntimeError(f"stored PDF hash {stored.sha256} differs from the rendered {digest}")
        recorded = Document.objects.filter(
            pk=document_id, status=DocumentStatus.RENDERING, render_started_at=claimed_at
        ).update(
            status=DocumentStatus.RENDERED,
            storage_key=stored.name,
            size=stored.size,
            sha256=digest,
            rendered_at=timezone.now(),
            render_error="",
            render_retryable=False,
        )
    except Exception as exc:
        _record_failure(document_id, claimed_at, exc)
        if key is not None:
            _discard_unless_named(key)
        raise
    if not recorded:
        logger.warning(
            "documents: rendering of %s was taken over by another worker; its copy is discarded", document_id
        )
        _discard_unless_named(key)
        return False
    return True


def _record_failure(document_id: int, claimed_at: datetime.datetime, exc: Exception) -> None:
    transient = is_transient(exc)
    if transient and not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()  # a dropped connection: the next query opens a new one
    try:
        attempts = Document.objects.filter(pk=document_id).values_list("render_attempts", flat=True).first() or 0
        give_up = transient and attempts >= settings.DOCUMENTS_RENDER_MAX_ATTEMPTS
        error = f"{type(exc).__name__}: {exc}"
        if give_up:
            error = f"已尝试生成 {attempts} 次仍失败，不再自动重试；排除故障后请在管理后台重新生成。{error}"
        elif transient:
            error = f"暂时性故障（第 {attempts} 次尝试），将自动重试。{error}"
        Document.objects.filter(pk=document_id, status=DocumentStatus.RENDERING, render_started_at=claimed_at).update(
            status=DocumentStatus.FAILED, render_error=error[:2000], render_retryable=transient and not give_up
        )
    except DatabaseError:
        # Still unreachable: the document stays "正在生成" and the sweep takes it over once the claim is stale.
        logger.warning("documents: the failure of rendering %s could not be recorded", document_id, exc_info=True)
    logger.exception("rendering document %s failed (%s)", document_id, "transient" if transient else "permanent")


def _discard_unless_named(key: str) -> None:
    """Remove a PDF stored by a rendering that did not record it — only when no row names it; when that cannot be
    checked it stays, for the orphan sweep (``clean_storage``) to judge later."""
    try:
        if not Document.objects.filter(storage_key=key).exists():
            get_storage().delete(key)
    except Exception:
        logger.warning("documents: could not remove the unrecorded PDF %s; the orphan sweep will", key, exc_info=True)


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long a transient failure waits before its next attempt: exponential, capped."""
    base = settings.DOCUMENTS_RENDER_RETRY_BACKOFF
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.DOCUMENTS_RENDER_RETRY_BACKOFF_MAX)
    return datetime.timedelta(seconds=seconds)


def stuck_document_ids(*, grace: datetime.timedelta | None = None, limit: int = 500) -> list[int]:
    """The documents the sweep renders again, oldest first: issued longer than ``grace`` ago and never claimed (a
    broker that was down); ``rendering`` for longer than ``DOCUMENTS_RENDER_STALE_SECONDS`` (a worker killed
    mid-render); failed transiently, once their backoff has passed. A permanent failure stays failed."""
    now = timezone.now()
    if grace is None:
        grace = datetime.timedelta(seconds=settings.DOCUMENTS_SWEEP_GRACE_SECONDS)
    stale = now - datetime.timedelta(seconds=settings.DOCUMENTS_RENDER_STALE_SECONDS)
    pending = Q(status=DocumentStatus.ISSUED, issued_at__lte=now - grace)
    abandoned = Q(status=DocumentStatus.RENDERING) & (
        Q(render_started_at__isnull=True) | Q(render_started_at__lt=stale)
    )
    retryable = Q(status=DocumentStatus.FAILED, render_retryable=True)
    rows = Document.objects.filter(pending | abandoned | retryable).order_by("issued_at", "pk")
    ids = []
    for pk, status, attempts, started in rows.values_list("pk", "status", "render_attempts", "render_started_at"):
        if status == DocumentStatus.FAILED and started is not None and started + retry_delay(attempts) > now:
            continue  # its backoff has not passed
        ids.append(pk)
        if len(ids) >= limit:
            break
    return ids


def requeue_documents(document_ids: list[int]) -> int:
    """The admin's 重新生成: the selected documents not rendered, given a fresh count of attempts and queued. One
    being rendered right now is left to its renderer (the claim refuses a second) unless its claim is stale."""
    ids = list(
        Document.objects.filter(pk__in=document_ids)
        .exclude(status=DocumentStatus.RENDERED)
        .values_list("pk", flat=True)
    )
    Document.objects.filter(pk__in=ids, status__in=[DocumentStatus.ISSUED, DocumentStatus.FAILED]).update(
        render_attempts=0
    )
    for pk in ids:
        queue_rendering(pk)
    return len(ids)


def render_pending(*, grace: datetime.timedelta | None = None, limit: int = 100) -> int:
    """One pass of the sweep run in this process (the background loop, ``manage.py render_pending``): render every
    stuck document now; a failure is recorded on its document and the pass goes on. The number rendered."""
    rendered = 0
    for pk in stuck_document_ids(grace=grace, limit=limit):
        with contextlib.suppress(Exception):  # recorded on the document and logged by render_stored
            rendered += render_stored(document_id=pk)
    return rendered


@transaction.atomic
def document_url(*, document: Document, actor, purpose: str = "download") -> str:
    """A short-lived presigned URL of the PDF; every one handed out is recorded on the case."""
    locked_case = lock_case(document.case_id)
    current = Document.objects.get(pk=document.pk)
    if not current.is_rendered:
        raise DocumentRefused([Reason("not_rendered", "文书尚未生成PDF，请稍后再试。", "")])
    return hand_out_pdf(
        case=locked_case,
        document=current,
        storage_key=current.storage_key,
        filename=current.pdf_filename,
        actor=actor,
        purpose=purpose,
    )


def hand_out_pdf(
    *, case, document: Document, storage_key: str, filename: str, actor, purpose: str, rendition: str = ""
) -> str:
    """The presigned URL of a document's PDF (the original, or the ``rendition`` named), recorded on the case —
    locked by the caller, in its transaction — as a DOCUMENT_ACCESSED event."""
    url = get_storage().presigned_url(storage_key, filename=filename, response_content_type="application/pdf")
    payload = {
        "document": document.pk,
        "kind": document.kind,
        "document_number": document.number,
        "version": document.version,
        "purpose": purpose,
        "expires_in": settings.MEDIA_PRESIGN_SECONDS,
    }
    if rendition:
        payload["rendition"] = rendition
    append_event(case=case, event_type=DOCUMENT_ACCESSED, actor=actor, payload=payload)
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
