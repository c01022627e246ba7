"""A real Celery worker on Redis for the tests that claim to exercise Celery.

The suite runs tasks eagerly by default; the ``celery_worker`` fixture points the
app at Redis (``TEST_REDIS_URL``, set by ``bin/test-services``) and starts a worker
process consuming a queue private to this test session, so that nothing else on
the machine takes its tasks and it takes nobody else's.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Worker:
    name: str
    queue: str
    broker_url: str
    process: subprocess.Popen


def _redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def reachable_redis_url() -> str:
    """The broker for the tests' Celery processes (``TEST_REDIS_URL``), checked to answer."""
    import redis

    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:  # an honest failure, never a silent skip
        pytest.fail(f"Redis is not reachable at {url} ({exc}); run the suite with `make test`.")
    return url


def celery_env(*, broker_url: str, queue: str, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a Celery process (worker, beat) of the tests: this one's, on Redis and the queue."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "enforcement.settings",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        **(extra_env or {}),
    }


def worker_database_url() -> str | None:
    """The URL of the database this test process uses (the test database once pytest-django created it),
    for another process — a worker, a server — to read and write what the test does.

    Only for PostgreSQL (the suite's database): a SQLite test database lives in this process's memory.
    """
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        return None
    auth = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@contextlib.contextmanager
def running_worker(*, log: Path, queue_prefix: str, extra_env: dict[str, str] | None = None) -> Iterator[Worker]:
    """A Celery worker process on Redis consuming a private queue; stopped when the block ends."""
    from enforcement.celery import app

    url = reachable_redis_url()
    queue = f"{queue_prefix}-{uuid.uuid4().hex[:8]}"
    name = f"{queue}@localhost"
    env = celery_env(broker_url=url, queue=queue, extra_env=extra_env)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "enforcement", "worker", "--pool=solo", "--loglevel=INFO",
             "-Q", queue, "-n", name, "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        saved = _point_app_at(app, url, queue)
        try:
            deadline = time.monotonic() + 60
            while not app.control.ping(destination=[name], timeout=0.5):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"The Celery worker did not start:\n{log.read_text(errors='replace')[-3000:]}")
        finally:
            _restore(app, saved)
        yield Worker(name=name, queue=queue, broker_url=url, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def _celery_worker_process(tmp_path_factory, request):
    # Tests whose tasks touch the database use ``@pytest.mark.django_db(transaction=True)``.
    request.getfixturevalue("django_db_setup")  # creates the test database and renames NAME to it
    database_url = worker_database_url()
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    extra = {"DATABASE_URL": database_url} if database_url else {}
    with running_worker(log=log, queue_prefix="zhifa-test", extra_env=extra) as worker:
        yield worker


@pytest.fixture
def celery_worker(_celery_worker_process):
    """The running worker, with this process's Celery app sending to it for the test's duration."""
    from enforcement.celery import app

    saved = _point_app_at(app, _celery_worker_process.broker_url, _celery_worker_process.queue)
    try:
        yield _celery_worker_process
    finally:
        _restore(app, saved)


_KEYS = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")


def _point_app_at(app, url: str, queue: str) -> dict:
    saved = {k: app.conf[k] for k in _KEYS}
    _reset_connections(app)
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False, task_default_queue=queue)
    return saved


def _restore(app, saved: dict) -> None:
    _reset_connections(app)
    app.conf.update(saved)


def _reset_connections(app) -> None:
    # Drop the cached broker pool and result backend so the next call uses the new settings.
    app._after_fork()
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
