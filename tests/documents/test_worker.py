"""Rendering through the production parts: a real Celery worker process on Redis, reading the test
database, storing into a real S3 server (SeaweedFS, tests/plugins/s3_server.py).

The suite's shared worker has no object storage configured, so this module starts its own
(``running_worker``) with the test database and the S3 server's credentials, on a private queue.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from documents.choices import DocumentStatus
from documents.models import AgencyDocumentSettings, Document
from documents.tasks import render_document
from tests.cases.factories import build_team
from tests.documents.conftest import BANK, decide, pdffonts
from tests.plugins.celery_worker import _point_app_at, _restore, running_worker, worker_database_url
from tests.plugins.s3_server import remove_bucket, unique_bucket

pytestmark = [pytest.mark.celery, pytest.mark.s3, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


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
    from enforcement.celery import app

    log = tmp_path / "worker.log"
    storage = {
        "DATABASE_URL": worker_database_url(),
        "S3_ENDPOINT": s3_server.endpoint,
        "S3_ACCESS_KEY": s3_server.access_key,
        "S3_SECRET_KEY": s3_server.secret_key,
        "S3_BUCKET": bucket,
    }
    with running_worker(log=log, queue_prefix="zhifa-docs", extra_env=storage) as running:
        saved = _point_app_at(app, running.broker_url, running.queue)
        try:
            yield {"queue": running.queue, "pid": running.process.pid, "log": log}
        finally:
            _restore(app, saved)


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
    AgencyDocumentSettings.objects.filter(agency=team.agency).update(fine_bank=BANK)
    # Committed here (transaction=True): each step's document (立案审批表, 事先告知书, the decision) goes to
    # Redis on its step's commit, and only the worker renders.
    case = decide(team)
    issued = Document.objects.get(case=case, kind="penalty_decision")
    document = _wait_rendered(issued.pk, worker["log"])
    others = [_wait_rendered(d.pk, worker["log"]) for d in Document.objects.filter(case=case).exclude(pk=issued.pk)]

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
    assert {d.kind for d in others} == {"filing_approval", "penalty_notice"}
    assert all(d.status == DocumentStatus.RENDERED for d in others)
    assert len(list(s3_server.client().list_objects(bucket, prefix="documents/", recursive=True))) == 1 + len(others)
