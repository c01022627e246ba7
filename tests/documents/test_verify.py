"""The public verification page /verify/<token>/ (no login): it confirms number, agency, kind, date and
SHA-256, never personal data, and says whether an uploaded PDF matches."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.cases.factories import INDIVIDUAL
from tests.documents.conftest import pdf_bytes, step_document


def test_the_page_confirms_the_document_without_logging_in(client, team, decision):
    response = client.get(f"/verify/{decision.token}/")
    body = response.content.decode()

    assert response.status_code == 200
    assert 'lang="zh-CN"' in body
    for shown in (decision.number, team.agency.name, "行政处罚决定书", decision.sha256):
        assert shown in body
    assert timezone.localdate(decision.issued_at).isoformat() in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_page_shows_no_personal_data(client, team, decision):
    body = client.get(f"/verify/{decision.token}/").content.decode()

    for personal in (
        INDIVIDUAL["name"],
        INDIVIDUAL["id_number"],
        INDIVIDUAL["id_number"][-4:] + "<",  # not even a masked tail in a cell
        INDIVIDUAL["address"],
        INDIVIDUAL["phone"],
        team.officer1.name,
        "销售超过保质期的食品",  # the facts are the party's business too
    ):
        assert personal not in body, personal


def test_a_genuine_pdf_matches(client, decision):
    upload = SimpleUploadedFile("决定书.pdf", pdf_bytes(decision), content_type="application/pdf")

    body = client.post(f"/verify/{decision.token}/", {"pdf": upload}).content.decode()

    assert 'data-result="match"' in body
    assert "一致" in body


def test_an_altered_pdf_does_not_match(client, decision):
    data = bytearray(pdf_bytes(decision))
    data[len(data) // 2] ^= 0x01  # one bit flipped
    upload = SimpleUploadedFile("决定书.pdf", bytes(data), content_type="application/pdf")

    response = client.post(f"/verify/{decision.token}/", {"pdf": upload})
    body = response.content.decode()

    assert response.status_code == 200
    assert 'data-result="mismatch"' in body
    assert "不一致" in body
    assert 'data-result="match"' not in body


def test_an_unknown_token_is_404(client, decision):
    assert client.get("/verify/not-a-real-token-0123456789abcdef/").status_code == 404
    assert client.get(f"/verify/{decision.token[:-1]}/").status_code == 404


def test_a_corrected_version_says_so_on_the_old_versions_page(client, team, decided, decision, issue):
    issue(decided, "penalty_decision", team.officer1, correction_of=decision, reason="笔误")

    body = client.get(f"/verify/{decision.token}/").content.decode()

    assert "被第2版更正" in body


def test_a_document_not_yet_rendered_has_no_fingerprint_and_no_upload_form(client, decided):
    pending = step_document(decided, "penalty_decision")  # issued by ``decide``, not rendered yet

    body = client.get(f"/verify/{pending.token}/").content.decode()

    assert "文件正在生成" in body
    assert 'type="file"' not in body


def test_the_qr_code_points_at_this_page(team, decision):
    from tests.documents.conftest import PUBLIC

    assert decision.snapshot["meta"]["verify_url"] == f"{PUBLIC}/verify/{decision.token}/"
    assert len(decision.token) >= 32
