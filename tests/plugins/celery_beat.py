"""A real ``celery beat`` sending the project's schedule to the real worker of ``celery_worker.py``.

Beat runs as production runs it (docker-compose.yml: ``celery -A enforcement beat
--schedule=… --enable-remote-control``), on the unchanged ``CELERY_BEAT_SCHEDULE``, with its
pidfile and schedule file in a temporary directory. A daily entry is made due now not by
shortening its schedule but by beat's own state: ``mark_last_sent`` writes the schedule file
(celery's ``PersistentScheduler`` shelve) as beat leaves it when it last sent an entry days
ago — so beat, on starting, sends the missed run at once, exactly as after a night of downtime.

``celery_beat(missed=[entry, ...])`` starts one on the session's worker queue; every beat a
test started is stopped at its teardown. ``running_beat`` is the launcher underneath.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.plugins.celery_worker import (
    ROOT,
    _point_app_at,
    _restore,
    celery_env,
    reachable_redis_url,
    worker_database_url,
)

STOP_TIMEOUT = 15.0
# INFO: "Scheduler: Sending due task <entry> (<task>)", then DEBUG: "<task> sent. id-><task id>".
_SENDING = re.compile(r"Sending due task (?P<entry>\S+) \((?P<task>[^)]+)\)")
_SENT = re.compile(r"(?P<task>\S+) sent\. id->(?P<id>[0-9a-f-]+)")


@dataclass(frozen=True)
class Sent:
    """One message beat published: which schedule entry, which task, and the task id."""

    entry: str
    task: str
    id: str


@dataclass
class Beat:
    name: str
    queue: str
    schedule_file: Path
    pidfile: Path
    log: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    def sent(self) -> list[Sent]:
        """What beat has sent so far, read from its log."""
        found: list[Sent] = []
        entry = None
        for line in self.log.read_text(errors="replace").splitlines():
            if match := _SENDING.search(line):
                entry = match["entry"]
            elif (match := _SENT.search(line)) and entry is not None:
                found.append(Sent(entry=entry, task=match["task"], id=match["id"]))
                entry = None
        return found

    def wait_until_sent(self, count: int = 1, timeout: float = 20.0) -> list[Sent]:
        deadline = time.monotonic() + timeout
        while len(sent := self.sent()) < count:
            if self.process is None or self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"beat sent {len(sent)} of {count} task(s):\n{self.log_tail()}")
            time.sleep(0.1)
        return sent

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else "(no log)"

    def stop(self) -> None:
        """SIGTERM (beat saves its schedule and removes its pidfile), SIGKILL if it hangs; idempotent."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


def mark_last_sent(schedule_file: Path, last_sent: dict[str, datetime.datetime]) -> None:
    """Write beat's schedule file from the real ``CELERY_BEAT_SCHEDULE``, these entries last sent then.

    Uses celery's own ``PersistentScheduler`` (the class ``celery beat`` runs), so the file is the one
    beat would have left; a name not in the project's schedule fails with ``KeyError``.
    """
    from celery.beat import PersistentScheduler

    from enforcement.celery import app

    scheduler = PersistentScheduler(app=app, schedule_filename=str(schedule_file))
    try:
        for name, when in last_sent.items():
            scheduler.schedule[name].last_run_at = when
    finally:
        scheduler.close()


def read_schedule(schedule_file: Path) -> dict:
    """The entries of beat's schedule file, as beat stored them (read once beat has stopped)."""
    from celery.beat import PersistentScheduler

    with PersistentScheduler.persistence.open(str(schedule_file), flag="r") as store:
        return dict(store["entries"])


@contextlib.contextmanager
def running_beat(*, workdir: Path, queue: str, extra_env: dict[str, str] | None = None,
                 missed: Iterable[str] = ()) -> Iterator[Beat]:  # fmt: skip
    """A ``celery beat`` process sending to ``queue`` on Redis, answering ping; stopped when the block ends.

    ``missed``: entries of the schedule beat last sent two days ago, so it sends them at once (the
    rest keep their stored last run, or count as sent just now in a new file)."""
    from enforcement.celery import app

    url = reachable_redis_url()
    workdir.mkdir(parents=True, exist_ok=True)
    beat = Beat(
        name=f"celerybeat-{uuid.uuid4().hex[:8]}@localhost",
        queue=queue,
        schedule_file=workdir / "celerybeat-schedule",
        pidfile=workdir / "beat.pid",
        log=workdir / f"beat-{time.monotonic_ns()}.log",
    )
    saved = _point_app_at(app, url, queue)
    try:
        if missed := list(missed):
            two_days_ago = app.now() - datetime.timedelta(days=2)
            mark_last_sent(beat.schedule_file, dict.fromkeys(missed, two_days_ago))
        with beat.log.open("wb") as out:
            beat.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "enforcement", "beat", "--loglevel=DEBUG",
                 f"--schedule={beat.schedule_file}", f"--pidfile={beat.pidfile}",
                 "--enable-remote-control", f"--hostname={beat.name}"],
                cwd=ROOT, env=celery_env(broker_url=url, queue=queue, extra_env=extra_env),
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while not app.control.ping(destination=[beat.name], timeout=0.5):  # the compose healthcheck
                if beat.process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"celery beat did not start:\n{beat.log_tail()}")
        finally:
            _restore(app, saved)
        yield beat
    finally:
        beat.stop()


@pytest.fixture
def celery_beat(celery_worker, tmp_path) -> Iterator[Callable[..., Beat]]:
    """``celery_beat(missed=[...])``: a real beat on the session worker's queue, reading and writing one
    schedule file in this test's temporary directory (a restarted beat finds what the last one left).
    Start the next only once the previous is stopped (``beat.stop()``): two beats send everything twice."""
    database_url = worker_database_url()
    extra = {"DATABASE_URL": database_url} if database_url else {}
    with contextlib.ExitStack() as stack:

        def start(*, missed: Iterable[str] = ()) -> Beat:
            launcher = running_beat(
                workdir=tmp_path / "beat", queue=celery_worker.queue, extra_env=extra, missed=missed
            )
            return stack.enter_context(launcher)

        yield start
