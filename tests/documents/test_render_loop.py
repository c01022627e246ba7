"""The embedded default renders without a broker and without blocking the request (issue 11, item 1): the document
is issued and committed, the request returns, and the background loop of the process renders it
(documents/background.py). Real commits on PostgreSQL: the loop's thread has its own connection."""

from __future__ import annotations

import threading
import time

import pytest

from documents import services
from documents.background import render_loop, run_pass
from documents.choices import DocumentStatus
from documents.models import Document
from tests.cases.factories import build_team

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loop_on(settings):
    settings.DOCUMENTS_RENDER_LOOP = True
    settings.DOCUMENTS_RENDER_LOOP_SECONDS = 1
    render_loop.ensure_started()  # as the first request of the web process does (request_started)
    try:
        yield render_loop
    finally:
        render_loop.stop()


def _wait_for(predicate, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.1)
    pytest.fail("timed out")


def test_an_issued_document_renders_in_the_background_not_in_the_request(loop_on, monkeypatch):
    team = build_team()
    gate, renderers = threading.Event(), []
    real = services.render_to_pdf

    def held(*args):
        renderers.append(threading.current_thread().name)
        assert gate.wait(timeout=20), "the issuing call waited for the rendering"
        return real(*args)

    monkeypatch.setattr(services, "render_to_pdf", held)

    case = team.open_and_file()  # files the case and issues its 立案审批表, rendered on commit until now

    document = Document.objects.get(case=case, kind="filing_approval")
    assert document.status in (DocumentStatus.ISSUED, DocumentStatus.RENDERING)  # returned before any PDF
    gate.set()
    rendered = _wait_for(lambda: Document.objects.filter(pk=document.pk, status=DocumentStatus.RENDERED).first())
    assert renderers == ["zhifa-render-loop"]
    assert rendered.render_attempts == 1


def test_one_pass_renders_what_was_left_and_a_second_finds_nothing(monkeypatch):
    team = build_team()
    monkeypatch.setattr(services, "_queue_rendering", lambda pk: None)  # the process died before rendering
    case = team.open_and_file()
    document = Document.objects.get(case=case, kind="filing_approval")
    assert document.status == DocumentStatus.ISSUED
    monkeypatch.undo()

    assert run_pass() == 1
    assert run_pass() == 0
    assert Document.objects.get(pk=document.pk).status == DocumentStatus.RENDERED
