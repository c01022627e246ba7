"""Rendering through the production parts: a real Celery worker process on Redis, reading the test
database, storing into a real S3 server (SeaweedFS, tests/plugins/s3_server.py).

The suite's shared ``celery_worker`` fixture runs against the developer's database, not the test
database, so this module starts its own worker with the test database's URL and the S3 server's
credentials, on a private queue, and points this process's Celery app at it for the test.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from documents.choices import DocumentStatus
from documents.models import AgencyDocumentSettings, Document
from documents.services import issue_document
from documents.tasks import render_document
from tests.cases.factories import build_team
from tests.documents.conftest import BANK, decide, pdffonts
from tests.plugins.celery_worker import _point_app_at, _redis_url, _restore
from tests.plugins.s3_server import remove_bucket, unique_bucket

pytestmark = [pytest.mark.celery, pytest.mark.s3, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    """The test database pytest-django created (NAME is already the test database's here)."""
    db = settings.DATABASES["default"]
    auth = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def bucket(s3_server, settings):
    name = unique_bucket()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "media_storage.backends.MinioStorage", "OPTIONS": s3_server.storage_options(name)},
    }
    default_storage.ensure_bucket()
    try:
        yield name
    finally:
        remove_bucket(s3_server, name)


@pytest.fixture
def worker(s3_server, bucket, tmp_path):
    """A Celery worker that sees this test's database and bucket, consuming a private queue."""
    import redis

    from enforcement.celery import app

    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:  # an honest failure, never a silent skip
        pytest.fail(f"Redis is not reachable at {url} ({exc}); run the suite with `make test`.")
    queue = f"zhifa-docs-{uuid.uuid4().hex[:8]}"
    name = f"{queue}@localhost"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "enforcement.settings",
        "DATABASE_URL": _database_url(),
        "S3_ENDPOINT": s3_server.endpoint,
        "S3_ACCESS_KEY": s3_server.access_key,
        "S3_SECRET_KEY": s3_server.secret_key,
        "S3_BUCKET": bucket,
        "CELERY_BROKER_URL": url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "enforcement", "worker", "--pool=solo", "--loglevel=INFO",
             "-Q", queue, "-n", name, "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    saved = _point_app_at(app, url, queue)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[name], timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The Celery worker did not start:\n{log.read_text(errors='replace')[-3000:]}")
        yield {"queue": queue, "pid": process.pid, "log": log}
    finally:
        _restore(app, saved)
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_rendered(pk: int, log: Path, timeout: float = 60) -> Document:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document = Document.objects.get(pk=pk)
        if document.status in (DocumentStatus.RENDERED, DocumentStatus.FAILED):
            return document
        time.sleep(0.2)
    pytest.fail(f"not rendered within {timeout} s:\n{log.read_text(errors='replace')[-3000:]}")


def test_an_issued_decision_is_rendered_by_a_real_worker_into_s3(worker, s3_server, bucket, tmp_path):
    team = build_team()
    AgencyDocumentSettings.objects.create(agency=team.agency, fine_bank=BANK)
    case = decide(team)

    # Committed here (transaction=True); on commit the task goes to Redis, and only the worker renders.
    issued = issue_document(case=case, kind="penalty_decision", actor=team.officer1.user)
    document = _wait_rendered(issued.pk, worker["log"])

    assert document.status == DocumentStatus.RENDERED, document.render_error
    data = s3_server.client().get_object(bucket, document.storage_key).read()
    assert hashlib.sha256(data).hexdigest() == document.sha256
    assert len(data) == document.size
    assert s3_server.client().stat_object(bucket, document.storage_key).content_type == "application/pdf"
    path = tmp_path / "from-s3.pdf"
    path.write_bytes(data)
    assert any("WenQuanYi" in f["name"] and f["emb"] == "yes" for f in pdffonts(path))
    assert "documents.render_document[" in worker["log"].read_text(errors="replace")

    # A second delivery, sent to the worker's queue: a no-op there.
    again = render_document.apply_async(args=[document.pk], queue=worker["queue"]).get(timeout=30)

    assert again is False
    assert Document.objects.get(pk=document.pk).sha256 == document.sha256
    assert len(list(s3_server.client().list_objects(bucket, prefix="documents/", recursive=True))) == 1
