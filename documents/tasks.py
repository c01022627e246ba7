"""Celery tasks: thin, idempotent wrappers around services, safe to retry.

``acks_late`` + ``reject_on_worker_lost``: a worker killed mid-render leaves its message unacknowledged, and Redis
delivers it again after ``visibility_timeout`` (settings.CELERY_BROKER_TRANSPORT_OPTIONS); the sweep
(``requeue_stuck_documents``) does not wait that long. The claim in ``render_stored`` makes every second delivery a
no-op.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="documents.render_document",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # bounded by DOCUMENTS_RENDER_MAX_ATTEMPTS, counted on the document
)
def render_document(self, document_id: int) -> bool:
    """Render an issued document to PDF and store it; a rendered document is left as it is (no-op). A transient
    failure (database or object storage unavailable) is retried with exponential backoff while the document
    allows it; a permanent one stays "生成失败" with its reason."""
    from .models import Document
    from .services import TRANSIENT_ERRORS, render_stored, retry_delay

    try:
        return render_stored(document_id=document_id)
    except TRANSIENT_ERRORS as exc:
        if self.request.is_eager:
            raise  # no broker to wait in: the sweep (the background loop) takes it up
        try:
            row = Document.objects.filter(pk=document_id).values_list("render_retryable", "render_attempts").first()
        except TRANSIENT_ERRORS:
            row = (True, self.request.retries + 1)  # the database is still away: try again later
        retryable, attempts = row or (False, 0)
        if not retryable or self.request.retries + 1 >= settings.DOCUMENTS_RENDER_MAX_ATTEMPTS:
            raise
        countdown = retry_delay(attempts).total_seconds()
        logger.info("documents: rendering %s retried in %.0f s after %s", document_id, countdown, exc)
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(name="documents.requeue_stuck_documents")
def requeue_stuck_documents(limit: int = 500) -> int:
    """The sweep (celery beat, every five minutes): queue again every document stuck before "已生成" — issued while
    the broker was down, left "正在生成" by a worker that died, failed transiently. The number queued."""
    from .services import stuck_document_ids

    ids = stuck_document_ids(limit=limit)
    for document_id in ids:
        render_document.apply_async((document_id,), ignore_result=True)
    return len(ids)


@shared_task(name="documents.clean_storage")
def clean_storage() -> dict[str, int]:
    """Daily: abort multipart uploads never completed and remove stored objects no committed row names, both older
    than ``STORAGE_ORPHAN_GRACE_HOURS`` (documents/orphans.py)."""
    from .orphans import clean_storage as clean

    return clean().as_dict()
