"""Rendering is an idempotent task queued on commit (DESIGN.md, "Side effects after commit"): a second
run is a no-op, a failure is recorded and a retry succeeds. Here tasks run eagerly on the local
storage; test_worker.py renders through a real Celery worker into a real S3 server."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from documents import services
from documents.choices import DocumentStatus
from documents.models import Document
from documents.services import issue_document, render_stored
from documents.tasks import render_document
from tests.documents.conftest import decide, step_document


def _stored_files(root) -> list:
    return sorted(p for p in root.rglob("*.pdf") if ".meta" not in p.parts)


def test_rendering_twice_is_a_no_op(decision, tmp_path):
    document = decision
    before = (document.storage_key, document.sha256, document.size, document.rendered_at)

    again = render_document.delay(document.pk).get(timeout=30)
    render_stored(document_id=document.pk)

    document.refresh_from_db()
    assert again is False
    assert (document.storage_key, document.sha256, document.size, document.rendered_at) == before
    assert len(_stored_files(tmp_path / "media")) == 1


def test_nothing_is_rendered_before_the_issuing_transaction_commits(team, decided, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "render_to_pdf", lambda *a: calls.append(a))

    decision = step_document(decided, "penalty_decision")
    document = issue_document(
        case=decided, kind="penalty_decision", actor=team.officer1.user, correction_of=decision, reason="笔误"
    )

    # In this test's transaction nothing has committed: neither the decision nor its correction is rendered.
    assert calls == []
    assert Document.objects.get(pk=document.pk).status == DocumentStatus.ISSUED
    assert Document.objects.get(pk=decision.pk).status == DocumentStatus.ISSUED


def test_a_failed_rendering_is_recorded_and_a_retry_renders_it(team, decided, monkeypatch):
    real = services.render_to_pdf

    def broken(*args):
        raise OSError("字体加载失败")

    monkeypatch.setattr(services, "render_to_pdf", broken)
    document = step_document(decided, "penalty_decision")
    with pytest.raises(OSError, match="字体加载失败"):
        render_document.delay(document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "字体加载失败" in document.render_error
    assert not document.storage_key

    monkeypatch.setattr(services, "render_to_pdf", real)
    assert render_document.delay(document.pk).get(timeout=30) is True

    document.refresh_from_db()
    assert document.status == DocumentStatus.RENDERED
    assert document.render_error == ""
    assert default_storage.stat(document.storage_key).sha256 == document.sha256


def test_the_stored_object_is_a_pdf_with_its_metadata(team, decided, decision):
    document = decision

    info = default_storage.stat(document.storage_key)

    assert info.content_type == "application/pdf"
    assert info.size == document.size
    assert info.metadata["document"] == str(document.pk)
    assert document.storage_key.startswith(f"documents/{team.agency.pk}/{decided.pk}/")


def test_the_snapshot_renders_the_same_html_whatever_happens_to_the_case_later(decided, decision):
    document = decision
    html = services.render_html(document)

    party = decided.parties.get()
    type(party).objects.filter(pk=party.pk).update(name="李四", address="别处")

    assert services.render_html(Document.objects.get(pk=document.pk)) == html
    assert "张三" in html and "李四" not in html


def test_a_failing_rendering_never_undoes_the_step_that_issued_the_document(
    team, bank, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args):
        raise OSError("字体加载失败")

    monkeypatch.setattr(services, "render_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):  # the renderings run on commit and fail
        case = decide(team)

    case.refresh_from_db()
    assert case.status == "decided"
    document = step_document(case, "penalty_decision")
    assert document.status == DocumentStatus.FAILED
    assert "字体加载失败" in document.render_error
