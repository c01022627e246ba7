"""The rendering loop of the embedded default (``make run``: no broker, ``DOCUMENTS_RENDER_LOOP``).

Without Celery a document used to be rendered inside the request that issued it (an eager task on commit), so
the officer waited for weasyprint. Here one daemon thread per process renders instead: it is woken when a
document is issued (``documents.services.queue_rendering``, on commit) and otherwise polls the database every
``DOCUMENTS_RENDER_LOOP_SECONDS``, running the same sweep as the Celery beat task (``render_pending``): documents
issued and never rendered, left "正在生成" by a process that died, or failed transiently — so a restart loses
nothing. It starts with the first request the process serves (runserver's reloader parent serves none; a management
command such as ``seed_demo`` none either, so it never dies mid-render on exit). Two processes running it (two
gunicorn workers) never render one document twice: each rendering claims its document with one conditional UPDATE first.

The suite turns it off (``DOCUMENTS_RENDER_LOOP = False`` in tests/conftest.py) and calls ``run_pass`` itself.
"""

from __future__ import annotations

import datetime
import logging
import os
import threading

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)


def run_pass() -> int:
    """One pass of the sweep, synchronously: render every stuck document; the number rendered."""
    from .services import render_pending

    # No queue to wait for: everything issued is this loop's to render at once.
    return render_pending(grace=datetime.timedelta(0))


class RenderLoop:
    """One daemon thread per process (re-created after a fork), woken early by ``wake``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wakeup = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self._stopping = False

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self._pid == os.getpid()

    def ensure_started(self) -> None:
        if self.running:
            return
        with self._lock:
            if self.running:
                return
            self._stopping = False
            self._wakeup = threading.Event()
            self._wakeup.set()  # the first pass at once: what an earlier run left
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="zhifa-render-loop", daemon=True)
            self._thread.start()
            logger.info("documents: rendering loop started in process %s", self._pid)

    def wake(self) -> None:
        """Render now what was just issued — in a process whose loop runs. A command (``seed_demo``, a shell) starts
        none: it would exit mid-render; what it issued is rendered by the server's loop."""
        if self.running:
            self._wakeup.set()

    def stop(self, timeout: float = 10) -> None:
        """End the thread after its current pass (the tests; a process that switches the loop off)."""
        thread = self._thread
        self._stopping = True
        self._wakeup.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    def _run(self) -> None:
        wakeup = self._wakeup
        while True:
            wakeup.wait(timeout=settings.DOCUMENTS_RENDER_LOOP_SECONDS)
            wakeup.clear()
            if self._stopping or not settings.DOCUMENTS_RENDER_LOOP:
                logger.info("documents: rendering loop stopped in process %s", os.getpid())
                return
            try:
                run_pass()
            except Exception:  # the database away for a moment: the next pass tries again
                logger.warning("documents: rendering loop pass failed", exc_info=True)
            finally:
                connections.close_all()  # this thread's connections only: never held between passes


render_loop = RenderLoop()


def start_with_first_request(**kwargs) -> None:
    """``request_started`` receiver: start the loop in a process that serves requests, when it is on."""
    if settings.DOCUMENTS_RENDER_LOOP and not render_loop.running:
        render_loop.ensure_started()
