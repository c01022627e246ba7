"""Documents on a decided case: the team of tests/cases/factories.py, a paying bank, a private media folder."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

BANK = "中国工商银行包头昆都仑支行"
PUBLIC = "https://zhifa.example.gov.cn"


@pytest.fixture(autouse=True)
def _documents_setup(settings, tmp_path):
    """A private local storage and a public base URL."""
    settings.PUBLIC_BASE_URL = PUBLIC
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "media_storage.backends.LocalStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "presign_seconds": 300},
        },
    }


@pytest.fixture
def bank(team):
    from documents.models import AgencyDocumentSettings

    # The agency's row exists already (the factory names its remedy bodies): the bank is added to it.
    settings, _ = AgencyDocumentSettings.objects.update_or_create(
        agency=team.agency,
        defaults=dict(
            fine_bank=BANK,
            fine_account_name="包头市财政局非税收入汇缴专户",
            fine_account_number="0603020109000012345",
            reconsideration_organ="包头市人民政府",
            court="包头市昆都仑区人民法院",
            contact="王强 0472-5123456",
        ),
    )
    return settings


def ready_to_decide(team, case=None, *, fine: str = "8000"):
    """Filed, concluded, notified and the hearing waived (tests/cases/test_deciding.py)."""
    case = case or team.open_and_file()
    team.conclude(case, fine_amount=Decimal(fine))
    team.notify(case)
    team.waive(case)
    return case


def decide(team, case=None, *, fine: str = "8000"):
    """Ready to decide, then decided by the head: ``decide`` issues the 行政处罚决定书 (documents.steps)."""
    return decide_now(team, ready_to_decide(team, case, fine=fine), fine=fine)


def decide_now(team, case, *, fine: str = "8000"):
    return team.decide(case, fine=fine)


@pytest.fixture
def decided(team, bank):
    return decide(team)


@pytest.fixture
def issue(django_capture_on_commit_callbacks):
    """``issue(case, kind, officer, **kwargs)``: issued and, on commit, rendered (eager tasks)."""
    from documents.services import issue_document

    def run(case, kind, officer, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            document = issue_document(case=case, kind=kind, actor=officer.user, **kwargs)
        document.refresh_from_db()
        return document

    return run


def step_document(case, kind: str):
    """The current version of the document a step issued itself (documents.steps)."""
    from documents.models import Document

    return Document.objects.get(case=case, kind=kind, superseded_by__isnull=True)


@pytest.fixture
def rendered():
    """``rendered(document)``: rendered and stored now, as the task queued on commit would."""
    from documents.services import render_stored

    def run(document):
        render_stored(document_id=document.pk)
        document.refresh_from_db()
        return document

    return run


@pytest.fixture
def decision(decided, rendered):
    """The decided case's 行政处罚决定书, issued by ``decide`` itself, rendered and stored."""
    return rendered(step_document(decided, "penalty_decision"))


def pdf_bytes(document) -> bytes:
    with default_storage.open(document.storage_key, "rb") as handle:
        return handle.read()


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # an honest failure, never a silent skip
        pytest.fail(f"{tool} (Debian poppler-utils) is missing: make test installs it")
    return path


def pdffonts(path: Path) -> list[dict[str, str]]:
    """``pdffonts`` as rows: name and the emb/sub/uni columns (the last five fields are emb sub uni obj gen)."""
    out = subprocess.run([need("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        fields = line.split()
        rows.append({"name": fields[0], "emb": fields[-5], "sub": fields[-4], "uni": fields[-3]})
    return rows


def pdftotext(path: Path) -> str:
    return subprocess.run([need("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True).stdout


PAGE_COUNTER = re.compile(r"^第\s*\d+\s*页\s*共\s*\d+\s*页$")


def body_text(path: Path, document) -> str:
    """The PDF's text without the running header and footer of each page (number, agency, QR caption,
    verification link, page counter), so a sentence broken by a page break reads whole."""
    furniture = {document.number, document.snapshot["meta"]["agency"]["name"], "扫码核验", ""}

    def is_furniture(line: str) -> bool:
        return line in furniture or bool(PAGE_COUNTER.match(line)) or line.startswith("核验：") or "/verify/" in line

    pages = []
    for page in pdftotext(path).split("\f"):
        lines = [line.strip() for line in page.splitlines()]
        while lines and is_furniture(lines[0]):
            lines.pop(0)
        while lines and is_furniture(lines[-1]):
            lines.pop()
        pages.append("".join(lines))
    return re.sub(r"\s+", "", "".join(pages))


def assert_issued_properly(client, document, tmp_path: Path) -> None:
    """Issue 10's "done when" for one document: rendered and stored (as the task queued on commit would, when it is
    not yet), every font embedded and one the CJK font, numbered in its kind's form (documents.services._number:
    ``[简称][代字]〔年度〕[序号]号``; a kind without a code carries the case number), the number and the verification
    link of the page furniture in the PDF's text, and the public page /verify/<token>/ (no login) naming the number
    and the kind's title and matching the genuine PDF."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from documents.kinds import spec_for
    from documents.services import render_stored

    if not document.is_rendered:
        render_stored(document_id=document.pk)
        document.refresh_from_db()
    assert document.is_rendered and document.sha256, (document.kind, document.status, document.render_error)
    data = pdf_bytes(document)
    path = tmp_path / f"{document.kind}-{document.pk}-v{document.version}.pdf"
    path.write_bytes(data)

    fonts = pdffonts(path)
    assert any("WenQuanYi" in f["name"] for f in fonts), (document.kind, fonts)
    assert all(f["emb"] == "yes" for f in fonts), (document.kind, fonts)

    spec = spec_for(document.kind)
    if spec.numbered:
        year = timezone.localdate(document.issued_at).year
        form = rf"{re.escape(document.agency.short_name)}{re.escape(spec.code)}〔{year}〕[1-9]\d*号"
        assert re.fullmatch(form, document.number), (document.kind, document.number, form)
        assert (document.number_code, document.number_year) == (spec.code, year)
        assert document.number.endswith(f"〕{document.number_serial}号"), document.number
    else:
        assert document.number == document.case.number, (document.kind, document.number)

    text = re.sub(r"\s+", "", pdftotext(path))
    link = f"/verify/{document.token}/"
    assert document.number in text, (document.kind, document.number)
    assert document.snapshot["meta"]["verify_url"] == f"{PUBLIC}{link}"
    assert f"核验：{PUBLIC}{link}" in text, (document.kind, link)

    client.logout()
    page = client.get(link)
    body = page.content.decode()
    assert page.status_code == 200, (document.kind, page.status_code)
    assert f'<dd class="verify-number">{document.number}</dd>' in body, document.kind
    assert f"<dd>{spec.label}" in body, (document.kind, spec.label)
    assert document.sha256 in body, document.kind

    upload = SimpleUploadedFile(f"{document.kind}.pdf", data, content_type="application/pdf")
    checked = client.post(link, {"pdf": upload})
    assert checked.status_code == 200, (document.kind, checked.status_code)
    assert 'data-result="match"' in checked.content.decode(), document.kind
