"""Nothing half-done survives a failure, proven with the real services (issue 11, item 1 and its "done when").

Each test runs its own redis-server, its own Celery workers (``tests/faults/conftest.py``) and, for the storage
outage, its own S3 server, and breaks them: the broker stopped while evidence, a 送达回证 and documents are recorded;
a worker SIGKILLed mid-render; the worker's database connection terminated mid-render (``pg_terminate_backend``);
the S3 server frozen during an upload and a rendering. Each ends with every file present and verified and every
document rendered exactly once. One xdist group: they run one after another, never beside each other.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from cases.models import Evidence
from cases.services import execution as svc
from cases.tasks import verify_unverified_evidence
from documents.choices import DocumentStatus
from documents.models import Document
from documents.tasks import requeue_stuck_documents
from media_storage.storage import get_storage
from tests.cases.factories import build_team
from tests.cases.test_execution import PDF, decided, serve
from tests.cases.test_pages import jpeg_bytes
from tests.faults.conftest import WORKER_APP_NAME, wait_for

pytestmark = [
    pytest.mark.celery,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("faults"),
]


def _upload(api, officer, case, data: bytes):
    payload = {"kind": "photo", "title": "现场照片", "file": SimpleUploadedFile("scene.jpg", data)}
    return api(officer).post(f"/api/v1/cases/{case.pk}/evidence/", payload, format="multipart")


def _pdfs(media, document) -> list:
    folder = media / "documents" / str(document.agency_id) / str(document.case_id)
    return sorted(folder.glob(f"{document.pk}-v{document.version}*.pdf"))


def _all_rendered() -> bool:
    return not Document.objects.exclude(status=DocumentStatus.RENDERED).exists()


def _status(pk: int, *statuses) -> Document | None:
    return Document.objects.filter(pk=pk, status__in=statuses).first()


def test_a_broker_outage_loses_nothing_and_everything_is_done_once_it_returns(faults, api, settings):
    settings.DOCUMENTS_SWEEP_GRACE_SECONDS = 0
    team = build_team()
    faults.redis.stop()  # the broker goes down before anything is recorded

    case = decided(team)  # filed, notified, decided: each step issues its document while Redis is down
    serve(team, case)
    data = jpeg_bytes()
    response = _upload(api, team.officer1, case, data)
    service = svc.attach_service_receipt(
        service=case.services.get(), actor=team.officer1.user, stream=io.BytesIO(PDF),
        original_filename="送达回证.pdf", head=PDF[:64], size=len(PDF),
    )  # fmt: skip

    assert response.status_code == 201, response.content  # accepted: recorded, its check waits for the broker
    ours = Evidence.objects.filter(pk__in=[response.json()["id"], service.receipt_id])
    assert len(ours) == 2
    assert all((faults.media / e.storage_key).is_file() for e in ours)
    assert all(e.last_verified_at is None for e in ours)
    unverified = Evidence.objects.filter(case=case, last_verified_at__isnull=True).count()  # and the factory's
    documents = list(Document.objects.filter(case=case))
    assert len(documents) >= 3 and all(d.status == DocumentStatus.ISSUED for d in documents)

    faults.redis.start()  # the broker returns, and so do the workers
    faults.worker()
    assert verify_unverified_evidence(older_than_minutes=0) == unverified  # the sweeps of celery beat, run here
    assert requeue_stuck_documents() == len(documents)

    wait_for(
        lambda: not ours.filter(last_verified_at__isnull=True).exists() and _all_rendered(),
        what="every file verified and every document rendered",
        logs=faults.logs,
    )
    for document in Document.objects.filter(case=case):
        assert len(_pdfs(faults.media, document)) == 1, document
        assert document.render_attempts == 1
    assert requeue_stuck_documents() == 0


def test_a_worker_killed_mid_render_is_taken_over_and_the_document_rendered_once(faults, settings):
    team = build_team()
    faults.gate.touch()
    first = faults.worker(gated=True)

    case = team.open_and_file()  # issues the 立案审批表, queued on commit to the worker
    document = Document.objects.get(case=case, kind="filing_approval")
    wait_for(lambda: _status(document.pk, DocumentStatus.RENDERING), what="the claim", logs=faults.logs)
    first.kill()  # mid-render: claimed, no PDF, the message never acknowledged
    faults.gate.unlink()

    assert requeue_stuck_documents() == 0  # a rendering is not judged dead before the threshold (10 minutes)
    settings.DOCUMENTS_RENDER_STALE_SECONDS = 1  # here, for the sweep, and in the restarted worker, for its claim
    faults.worker(DOCUMENTS_RENDER_STALE_SECONDS="1")
    wait_for(lambda: document.pk in _stuck(), timeout=5, what="the claim to go stale")
    assert requeue_stuck_documents() == 1
    rendered = wait_for(
        lambda: _status(document.pk, DocumentStatus.RENDERED), what="the rendering after the restart", logs=faults.logs
    )

    assert rendered.render_attempts == 2
    assert len(_pdfs(faults.media, rendered)) == 1
    assert requeue_stuck_documents() == 0


def _stuck() -> list[int]:
    from documents.services import stuck_document_ids

    return stuck_document_ids()


def _terminate_worker_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s AND pid <> pg_backend_pid()",
            [WORKER_APP_NAME],
        )
        return cursor.fetchone()[0]


def test_a_database_connection_dropped_mid_render_is_retried_and_renders(faults):
    team = build_team()
    faults.gate.touch()
    faults.worker(gated=True)

    case = team.open_and_file()
    document = Document.objects.get(case=case, kind="filing_approval")
    wait_for(lambda: _status(document.pk, DocumentStatus.RENDERING), what="the claim", logs=faults.logs)
    assert _terminate_worker_connections() == 1  # the worker's one connection, idle in the rendering
    faults.gate.unlink()

    rendered = wait_for(
        lambda: _status(document.pk, DocumentStatus.RENDERED), what="the retried rendering", logs=faults.logs
    )

    assert rendered.render_attempts == 2  # the first failed on the dropped connection, the retry rendered it
    assert rendered.render_error == ""
    assert len(_pdfs(faults.media, rendered)) == 1  # the first attempt's copy, recorded by no row, was removed
    assert "retried in" in faults.logs[0].read_text(errors="replace")


@pytest.fixture
def frozen_s3(faults, settings):
    """This test's own S3 server (SeaweedFS) with short timeouts on both sides; ``freeze`` makes it accept
    connections and never answer, the worst kind of outage."""
    from tests.plugins.s3_server import start_seaweedfs

    server = start_seaweedfs()
    try:
        options = server.storage_options("zhifa-faults", connect_timeout=1, read_timeout=1)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "media_storage.backends.MinioStorage", "OPTIONS": options},
        }
        get_storage().ensure_bucket()
        faults.storage_env = {
            "S3_ENDPOINT": server.endpoint, "S3_ACCESS_KEY": server.access_key, "S3_SECRET_KEY": server.secret_key,
            "S3_BUCKET": "zhifa-faults", "S3_CONNECT_TIMEOUT": "1", "S3_READ_TIMEOUT": "1",
        }  # fmt: skip
        yield server
    finally:
        server.stop()


def test_an_s3_outage_refuses_uploads_cleanly_and_renders_once_s3_returns(faults, frozen_s3, api):
    team = build_team()
    case = team.open_and_file()  # the 立案审批表 waits for a worker: none yet
    worker = faults.worker()
    filing = Document.objects.get(case=case, kind="filing_approval")
    wait_for(lambda: _status(filing.pk, DocumentStatus.RENDERED), what="the first rendering", logs=faults.logs)

    frozen_s3.freeze()
    data = jpeg_bytes()
    refused = _upload(api, team.officer1, case, data)
    team.notify(team.conclude(case))  # 事先告知 issues the 行政处罚事先告知书, rendered while S3 is away
    document = Document.objects.filter(case=case).exclude(pk=filing.pk).first()
    # While S3 is away: the upload is refused as a clean 503, nothing recorded; the rendering fails transiently.
    assert refused.status_code == 503, refused.content
    assert refused.json()["code"] == "storage_unavailable"
    assert not Evidence.objects.filter(case=case, title="现场照片").exists()
    assert document is not None
    failed = wait_for(
        lambda: Document.objects.filter(pk=document.pk, status=DocumentStatus.FAILED, render_retryable=True).first(),
        what="the rendering to fail transiently",
        logs=faults.logs,
    )
    assert failed.render_error.startswith("暂时性故障")

    frozen_s3.thaw()
    client, bucket = frozen_s3.client(), "zhifa-faults"
    assert list(client.list_objects(bucket, prefix="cases/", recursive=True)) == []  # nothing half-stored
    accepted = _upload(api, team.officer1, case, data)  # the officer tries again
    assert accepted.status_code == 201, accepted.content
    rendered = wait_for(lambda: _status(document.pk, DocumentStatus.RENDERED), what="the retry", logs=faults.logs)
    verified = wait_for(
        lambda: Evidence.objects.filter(pk=accepted.json()["id"], last_verified_at__isnull=False).first(),
        what="the check of the stored photo",
        logs=faults.logs,
    )

    assert client.stat_object(bucket, verified.storage_key).size == len(data)
    pdfs = [o.object_name for o in client.list_objects(bucket, prefix=f"documents/{case.agency_id}/", recursive=True)]
    assert sorted(pdfs) == sorted([_key(filing), rendered.storage_key])  # each exactly once
    assert worker.process.poll() is None


def _key(document) -> str:
    return Document.objects.get(pk=document.pk).storage_key
