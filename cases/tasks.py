"""Celery tasks: thin, idempotent wrappers around services, safe to retry (acks_late)."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from media_storage.exceptions import StorageUnavailable


@shared_task(
    name="cases.verify_evidence",
    acks_late=True,
    reject_on_worker_lost=True,  # a worker killed mid-check: Redis delivers it again (visibility_timeout)
    # Object storage or the database away for a while: retried with backoff; the sweep below catches the rest.
    autoretry_for=(StorageUnavailable, OperationalError, InterfaceError),
    retry_backoff=30,
    retry_backoff_max=300,
    max_retries=10,
)
def verify_evidence(evidence_id: int) -> bool:
    """Read a stored evidence object back and check it against the recorded SHA-256 and size."""
    from .services.evidence import verify_stored_evidence

    return verify_stored_evidence(evidence_id=evidence_id)


@shared_task(name="cases.verify_unverified_evidence")
def verify_unverified_evidence(older_than_minutes: int = 10, limit: int = 500) -> int:
    """The sweep (celery beat): queue the check of every item not yet verified; the number queued."""
    import datetime

    from .services.evidence import unverified_evidence_ids

    ids = unverified_evidence_ids(older_than=datetime.timedelta(minutes=older_than_minutes), limit=limit)
    for evidence_id in ids:
        verify_evidence.apply_async((evidence_id,), ignore_result=True)
    return len(ids)
