"""Fault tests with real services (issue 11, item 1): each test starts its OWN redis-server on a free port, its own
Celery workers pointed at it (and its own S3 server where S3 is the fault), and stops or kills them — never the
machine's shared PostgreSQL, Redis or S3. They share one xdist group, so they run one after another.

The workers read this test's PostgreSQL database (``worker_database_url``; the tests commit:
``django_db(transaction=True)``) and write into this test's storage: a private local folder, or the test's S3 bucket.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.plugins.celery_worker import _point_app_at, _restore, celery_env, worker_database_url

ROOT = Path(__file__).resolve().parents[2]
WORKER_APP_NAME = "zhifa-fault-worker"  # the workers' application_name in pg_stat_activity (PGAPPNAME)


def wait_for(predicate: Callable, *, timeout: float = 40, what: str = "the condition", logs=()):
    """Poll ``predicate`` every 0.1 s until it returns something true; fail with the workers' logs otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    tails = "\n".join(f"--- {log}:\n{Path(log).read_text(errors='replace')[-3000:]}" for log in logs)
    pytest.fail(f"timed out after {timeout} s waiting for {what}\n{tails}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RedisServer:
    """A private redis-server, no persistence; stopped and started again on the same port."""

    root: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:  # an honest failure, never a silent skip
            pytest.fail("redis-server is not installed (make test installs it)")
        log = (self.root / f"redis-{self.port}.log").open("ab")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.root)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        wait_for(answers, timeout=10, what=f"redis-server on port {self.port}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path
    name: str

    def kill(self) -> None:
        """SIGKILL, as the OOM killer or a power cut would: no clean-up, no acknowledgement."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGQUIT)  # cold shutdown: the test is over
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


class Faults:
    """This test's Redis, workers and storage; this process's Celery app sends to that Redis meanwhile."""

    def __init__(self, root: Path) -> None:
        from enforcement.celery import app

        self.app = app
        self.root = root
        self.media = root / "media"
        self.media.mkdir()
        self.gate = root / "gate"
        self.redis = RedisServer(root)
        self.redis.start()
        self.queue = f"zhifa-faults-{uuid.uuid4().hex[:8]}"
        self.storage_env: dict[str, str] = {"MEDIA_ROOT": str(self.media)}
        self.workers: list[Worker] = []
        self._saved = _point_app_at(app, self.redis.url, self.queue)

    def worker(self, *, gated: bool = False, **env: str) -> Worker:
        """A worker process on this test's Redis and queue, database and storage; started and answering."""
        database_url = worker_database_url()
        assert database_url, "the fault tests run on PostgreSQL"
        extra = {
            "DATABASE_URL": database_url,
            "PGAPPNAME": WORKER_APP_NAME,
            "DOCUMENTS_RENDER_RETRY_BACKOFF": "1",
            "DOCUMENTS_RENDER_RETRY_BACKOFF_MAX": "2",
            **self.storage_env,
            **env,
        }
        environment = celery_env(broker_url=self.redis.url, queue=self.queue, extra_env=extra)
        if "S3_ENDPOINT" not in extra:
            environment.pop("S3_ENDPOINT", None)
        environment.pop("FAULT_RENDER_GATE", None)
        if gated:
            environment["FAULT_RENDER_GATE"] = str(self.gate)
        number = len(self.workers) + 1
        name = f"{self.queue}-{number}@localhost"
        log = self.root / f"worker-{number}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "tests.faults.worker_app", "worker", "--pool=solo",
                 "--loglevel=INFO", "-Q", self.queue, "-n", name, "--without-gossip", "--without-mingle",
                 "--without-heartbeat"],
                cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        worker = Worker(process, log, name)
        self.workers.append(worker)
        wait_for(
            lambda: process.poll() is not None or self.app.control.ping(destination=[name], timeout=0.5),
            timeout=60,
            what=f"worker {name}",
            logs=[log],
        )
        if process.poll() is not None:
            pytest.fail(f"the worker exited:\n{log.read_text(errors='replace')[-3000:]}")
        return worker

    @property
    def logs(self) -> list[Path]:
        return [w.log for w in self.workers]

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.redis.stop()
        _restore(self.app, self._saved)


@pytest.fixture
def faults(tmp_path, settings):
    """This test's own Redis (started), a factory of workers, and a private local storage both sides use."""
    running = Faults(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "media_storage.backends.LocalStorage",
            "OPTIONS": {"location": str(running.media), "presign_seconds": 300},
        },
    }
    try:
        yield running
    finally:
        running.close()
