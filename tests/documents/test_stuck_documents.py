"""Nothing half-done survives a failure (issue 11, item 1): a rendering claims its document with one conditional
UPDATE, so a second delivery or a second worker renders nothing; a document stuck before "已生成" — never queued,
left "正在生成" by a dead worker, failed transiently — is found by the sweep and rendered; a permanent failure stays
failed and a transient one is given up after ``DOCUMENTS_RENDER_MAX_ATTEMPTS`` with a clear reason.

Eager tasks on the local storage; the same paths with a real Redis, worker and S3 server are in
tests/documents/test_faults.py."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import OperationalError
from django.template import TemplateSyntaxError
from django.utils import timezone

from documents import services
from documents.choices import DocumentStatus
from documents.models import Document
from documents.services import render_stored, requeue_documents, stuck_document_ids
from documents.tasks import requeue_stuck_documents
from media_storage.exceptions import StorageUnavailable
from tests.documents.conftest import step_document


def _pdfs(root) -> list:
    return sorted(p for p in root.rglob("*.pdf") if ".meta" not in p.parts)


def _fail_with(monkeypatch, exc: Exception) -> None:
    def broken(*args):
        raise exc

    monkeypatch.setattr(services, "render_to_pdf", broken)


@pytest.fixture
def document(decided):
    return step_document(decided, "penalty_decision")  # issued, not rendered: nothing committed in this test


def _set(document, **fields) -> Document:
    Document.objects.filter(pk=document.pk).update(**fields)
    return Document.objects.get(pk=document.pk)


def test_a_document_being_rendered_is_not_rendered_a_second_time(document, tmp_path, monkeypatch):
    _set(document, status=DocumentStatus.RENDERING, render_started_at=timezone.now())
    calls = []
    monkeypatch.setattr(services, "render_to_pdf", lambda *a: calls.append(a))

    assert render_stored(document_id=document.pk) is False

    assert calls == []
    assert Document.objects.get(pk=document.pk).status == DocumentStatus.RENDERING


def test_a_rendering_left_by_a_dead_worker_is_taken_over_once_stale(document, tmp_path, settings):
    settings.DOCUMENTS_RENDER_STALE_SECONDS = 600
    started = timezone.now() - datetime.timedelta(minutes=11)
    _set(document, status=DocumentStatus.RENDERING, render_started_at=started, render_attempts=1)

    assert document.pk in stuck_document_ids()
    assert render_stored(document_id=document.pk) is True

    document.refresh_from_db()
    assert (document.status, document.render_attempts) == (DocumentStatus.RENDERED, 2)
    assert len(_pdfs(tmp_path / "media")) == 1


def test_a_claim_taken_over_mid_render_records_nothing_and_removes_its_copy(document, tmp_path, monkeypatch):
    real = services.render_to_pdf

    def overtaken(*args):
        # Meanwhile the sweep judged this rendering dead and another worker claimed it.
        _set(document, render_started_at=timezone.now() + datetime.timedelta(seconds=1))
        return real(*args)

    monkeypatch.setattr(services, "render_to_pdf", overtaken)

    assert render_stored(document_id=document.pk) is False

    assert Document.objects.get(pk=document.pk).status == DocumentStatus.RENDERING  # the other worker's to finish
    assert _pdfs(tmp_path / "media") == []


def test_an_issued_document_never_queued_is_rendered_by_the_sweep(document, tmp_path, settings):
    settings.DOCUMENTS_SWEEP_GRACE_SECONDS = 120
    assert document.pk not in stuck_document_ids()  # just issued: may still be in the queue

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3)):
        queued = requeue_stuck_documents.delay().get()
        assert document.pk not in stuck_document_ids()

    assert queued >= 1
    assert Document.objects.get(pk=document.pk).status == DocumentStatus.RENDERED


@pytest.mark.parametrize(
    "error",
    [OperationalError("server closed the connection unexpectedly"), StorageUnavailable()],
    ids=["database-dropped", "storage-down"],
)
def test_a_transient_failure_is_retried_after_its_backoff(document, monkeypatch, settings, error):
    settings.DOCUMENTS_RENDER_RETRY_BACKOFF = 30
    _fail_with(monkeypatch, error)

    with pytest.raises(type(error)):
        render_stored(document_id=document.pk)

    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert document.render_retryable is True
    assert document.render_attempts == 1
    assert document.render_error.startswith("暂时性故障")
    assert document.pk not in stuck_document_ids()  # backing off
    _set(document, render_started_at=timezone.now() - datetime.timedelta(seconds=31))
    assert document.pk in stuck_document_ids()

    monkeypatch.undo()
    assert render_stored(document_id=document.pk) is True
    document.refresh_from_db()
    assert (document.status, document.render_error, document.render_retryable) == (DocumentStatus.RENDERED, "", False)


def test_a_permanent_failure_stays_failed(document, monkeypatch):
    _fail_with(monkeypatch, TemplateSyntaxError("Invalid block tag on line 3: 'endfor'"))

    with pytest.raises(TemplateSyntaxError):
        render_stored(document_id=document.pk)

    document = _set(document, render_started_at=timezone.now() - datetime.timedelta(days=1))
    assert document.status == DocumentStatus.FAILED
    assert document.render_retryable is False
    assert "endfor" in document.render_error
    assert document.pk not in stuck_document_ids()


def test_transient_failures_are_given_up_after_the_maximum_attempts(document, monkeypatch, settings):
    settings.DOCUMENTS_RENDER_MAX_ATTEMPTS = 2
    _fail_with(monkeypatch, StorageUnavailable())

    for _attempt in range(2):
        with pytest.raises(StorageUnavailable):
            render_stored(document_id=document.pk)

    document = _set(document, render_started_at=timezone.now() - datetime.timedelta(days=1))
    assert (document.status, document.render_attempts, document.render_retryable) == (DocumentStatus.FAILED, 2, False)
    assert "已尝试生成 2 次仍失败，不再自动重试" in document.render_error
    assert document.pk not in stuck_document_ids()

    # The administrator's 重新生成 starts afresh (the storage is back).
    monkeypatch.undo()
    assert requeue_documents([document.pk]) == 1
    document.refresh_from_db()
    assert (document.status, document.render_attempts) == (DocumentStatus.RENDERED, 1)


def test_the_admin_re_renders_stuck_documents_not_only_failed_ones(document, decided, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    stuck = _set(
        document,
        status=DocumentStatus.RENDERING,
        render_started_at=timezone.now() - datetime.timedelta(hours=1),
    )
    issued = step_document(decided, "filing_approval")
    assert issued.status == DocumentStatus.ISSUED

    response = client.post(
        "/admin/documents/document/",
        {"action": "render_again", "_selected_action": [stuck.pk, issued.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "已重新排队 2 份文书" in response.content.decode()
    assert set(Document.objects.filter(pk__in=[stuck.pk, issued.pk]).values_list("status", flat=True)) == {
        DocumentStatus.RENDERED
    }
