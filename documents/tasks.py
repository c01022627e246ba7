"""Celery tasks: thin, idempotent wrappers around services, safe to retry (acks_late)."""

from __future__ import annotations

from celery import shared_task

from media_storage.exceptions import StorageUnavailable


@shared_task(
    name="documents.render_document",
    acks_late=True,
    autoretry_for=(StorageUnavailable,),
    retry_backoff=30,
    max_retries=10,
)
def render_document(document_id: int) -> bool:
    """Render an issued document to PDF and store it; a rendered document is left as it is (no-op)."""
    from .services import render_stored

    return render_stored(document_id=document_id)
