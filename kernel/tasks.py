"""Celery tasks of the kernel: the periodic signed audit checkpoint (``kernel.checkpoint``)."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger("zhifa.audit")


@shared_task(name="kernel.audit_checkpoint")
def audit_checkpoint() -> int | None:
    """Write the next signed checkpoint (celery beat, hourly). Its number, or None when the record disagrees
    with the last checkpoint: then nothing is written and the finding is logged as CRITICAL, so that the
    tampering stays visible to ``verify_audit`` instead of being anchored over."""
    from .checkpoint import CheckpointError, write_checkpoint

    try:
        return write_checkpoint().number
    except CheckpointError as error:
        logger.critical("审计检查点未写入：%s", error)
        return None
