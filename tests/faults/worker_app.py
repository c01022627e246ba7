"""The Celery app of the fault tests' workers: the project's own, plus one test hook.

With ``FAULT_RENDER_GATE`` set to a path, every rendering waits (at most a minute) while that file exists, after
the document was claimed and before its PDF is made: the test can then kill the worker or drop its database
connection at exactly that moment, instead of hoping to hit it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from enforcement.celery import app

__all__ = ["app"]

_patched = False


@task_prerun.connect
def _hold_renderings_at_the_gate(task=None, **kwargs) -> None:
    global _patched
    gate = os.environ.get("FAULT_RENDER_GATE")
    if _patched or not gate or task is None or task.name != "documents.render_document":
        return
    from documents import services

    real = services.render_to_pdf

    def gated(*args):
        deadline = time.monotonic() + 60
        while Path(gate).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return real(*args)

    services.render_to_pdf = gated
    _patched = True
