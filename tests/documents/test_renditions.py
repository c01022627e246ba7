"""脱敏副本 (documents/renditions.py): a PDF carrying the party's full identity number reaches only the case's
handlers and the agency's heads; everyone else who may see the case receives the masked rendition, marked on
every page, carrying the original's 文号 and verifiable as a redacted copy of it (个人信息保护法 第二十八条、
第五十一条; 等保 2.0 8.1.4.8/8.1.4.9). The PDFs are real (weasyprint) and read back with pdftotext."""

from __future__ import annotations

import hashlib
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from documents.choices import DOCUMENT_ACCESSED, RedactionPolicy
from documents.models import DocumentRendition
from documents.renditions import carries_personal_data, redact
from tests.cases.factories import INDIVIDUAL
from tests.documents.conftest import pdf_bytes, pdftotext

FULL_ID = INDIVIDUAL["id_number"]  # 11010519491231002X
MASKED_ID = "1101**********002X"
FULL_PHONE = INDIVIDUAL["phone"]  # 13812345678
MASKED_PHONE = "138****5678"


def fetch_pdf(client, response, tmp_path, name: str):
    """Follow the download's redirect to the presigned link; the PDF on disk for pdftotext."""
    assert response.status_code == 302, response
    pdf = client.get(response["Location"])
    data = b"".join(pdf.streaming_content)
    assert data.startswith(b"%PDF-")
    path = tmp_path / name
    path.write_bytes(data)
    return data, path


def download(client, officer, document, tmp_path, *, api=None):
    if api is not None:
        response = api(officer).get(f"/api/v1/documents/{document.pk}/content/")
        client.force_login(officer.user)  # the presigned link is served by the pages' storage view
    else:
        client.force_login(officer.user)
        response = client.get(f"/documents/{document.pk}/download/")
    return fetch_pdf(client, response, tmp_path, f"{officer.user.username}-{document.pk}.pdf")


def compact(path) -> str:
    return re.sub(r"\s+", "", pdftotext(path))


def test_the_decision_prints_the_full_identity_number_to_its_handler(client, team, decision, tmp_path):
    _data, path = download(client, team.officer1, decision, tmp_path)
    text = compact(path)

    assert FULL_ID in text
    assert "脱敏副本" not in text
    assert not DocumentRendition.objects.exists()


def test_a_supervisor_never_receives_the_full_identity_number(client, team, decided, decision, tmp_path):
    data, path = download(client, team.supervisor, decision, tmp_path)
    text = compact(path)

    assert FULL_ID not in text and FULL_PHONE not in pdftotext(path)
    assert MASKED_ID in text
    assert decision.number in text  # the original's 文号
    pages = [p for p in pdftotext(path).split("\f") if p.strip()]
    assert pages and all("脱敏副本" in re.sub(r"\s+", "", p) for p in pages)  # marked on every page
    rendition = DocumentRendition.objects.get(document=decision)
    assert rendition.policy == RedactionPolicy.MASKED
    assert rendition.storage_key.endswith("-masked.pdf") or "masked" in rendition.storage_key
    assert rendition.sha256 != decision.sha256
    assert hashlib.sha256(data).hexdigest() == rendition.sha256
    assert f"/verify/{rendition.token}/" in text  # its own QR code and link
    event = decided.events.get(event_type=DOCUMENT_ACCESSED, actor=team.supervisor.user)
    assert event.payload["rendition"] == "masked"


def test_the_api_gives_the_same_rendition_rendered_once(client, api, team, decision, tmp_path):
    page_data, _ = download(client, team.supervisor, decision, tmp_path)
    api_data, api_path = download(client, team.supervisor, decision, tmp_path, api=api)

    assert api_data == page_data
    assert FULL_ID not in compact(api_path)
    assert DocumentRendition.objects.filter(document=decision).count() == 1


def test_who_receives_the_original_and_who_the_rendition(client, team, decision, tmp_path):
    # The agency's heads sign (行政处罚法 第五十七条) and the handlers serve: the original. Everyone else who may
    # see the case — an officer of the agency not on the case, auxiliary staff, a supervisor — the rendition (a
    # legal reviewer sees only cases sent to legal review, and then the rendition too: receives_original).
    for officer in (team.head, team.deputy, team.officer2):
        _data, path = download(client, officer, decision, tmp_path)
        assert FULL_ID in compact(path), officer.name
    for officer in (team.officer3, team.aux):
        _data, path = download(client, officer, decision, tmp_path)
        text = compact(path)
        assert FULL_ID not in text and MASKED_ID in text and "脱敏副本" in text, officer.name


def test_a_legal_reviewer_receives_the_rendition(team, decided):
    from documents.renditions import receives_original

    assert not receives_original(team.reviewer.user, decided)
    assert receives_original(team.deputy.user, decided) and receives_original(team.officer1.user, decided)
    assert not receives_original(team.outsider.user, decided)  # (and 404 before any of this)


def test_the_case_page_says_the_supervisor_downloads_a_redacted_copy(client, team, decided, decision):
    client.force_login(team.supervisor.user)
    supervisor_page = client.get(f"/cases/{decided.pk}/").content.decode()
    client.force_login(team.officer1.user)
    handler_page = client.get(f"/cases/{decided.pk}/").content.decode()

    assert "下载脱敏副本" in supervisor_page
    assert "下载脱敏副本" not in handler_page


def test_the_rendition_verifies_as_a_redacted_copy_of_the_original(client, team, decision, tmp_path):
    data, _ = download(client, team.supervisor, decision, tmp_path)
    rendition = DocumentRendition.objects.get(document=decision)
    client.logout()

    page = client.get(f"/verify/{rendition.token}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert f"本件为文书 {decision.number} 的脱敏副本" in body
    assert rendition.sha256 in body and decision.sha256 in body

    same = client.post(f"/verify/{rendition.token}/", {"pdf": SimpleUploadedFile("r.pdf", data)}).content.decode()
    assert 'data-result="match"' in same and "与本系统存档的脱敏副本完全相同" in same

    on_original = client.post(f"/verify/{decision.token}/", {"pdf": SimpleUploadedFile("r.pdf", data)})
    assert 'data-result="rendition"' in on_original.content.decode()

    wrong = client.post(f"/verify/{rendition.token}/", {"pdf": SimpleUploadedFile("o.pdf", pdf_bytes(decision))})
    assert 'data-result="mismatch"' in wrong.content.decode()


def test_an_outsider_gets_404_and_no_rendition_is_made(client, team, decision):
    client.force_login(team.outsider.user)

    assert client.get(f"/documents/{decision.pk}/download/").status_code == 404
    assert not DocumentRendition.objects.exists()


# --- the redaction itself (pure) -------------------------------------------------------------------------------

SNAPSHOT = {
    "meta": {"number": "包市监罚〔2026〕1号"},
    "data": {
        "parties": [
            {
                "individual": True,
                "name": "张三丰",
                "id_number": FULL_ID,
                "phone": FULL_PHONE,
                "address": "包头市昆都仑区阿尔丁大街8号",
            },
            {
                "individual": False,
                "name": "包头市某某食品有限公司",
                "id_number": "91110000600037341L",
                "phone": "0472-5216688",
                "address": "包头市青山区幸福路1号",
            },
        ],
        "facts": f"当事人张三丰（身份证号{FULL_ID}，电话{FULL_PHONE}）于……",
    },
}


def test_masked_masks_numbers_everywhere_and_keeps_the_credit_code():
    masked = redact(SNAPSHOT, RedactionPolicy.MASKED)
    person, company = masked["data"]["parties"]

    assert (person["id_number"], person["phone"], person["name"]) == (MASKED_ID, MASKED_PHONE, "张三丰")
    assert company["id_number"] == "91110000600037341L"  # public registration data
    assert company["phone"] == "047*****6688"
    assert FULL_ID not in masked["data"]["facts"] and MASKED_ID in masked["data"]["facts"]
    assert FULL_PHONE not in masked["data"]["facts"]
    assert SNAPSHOT["data"]["parties"][0]["id_number"] == FULL_ID  # the original is untouched


def test_public_removes_numbers_and_the_address_and_masks_the_name():
    public = redact(SNAPSHOT, RedactionPolicy.PUBLIC)
    person, company = public["data"]["parties"]

    assert (person["name"], person["id_number"], person["phone"], person["address"]) == ("张某某", "", "", "")
    assert company["name"] == "包头市某某食品有限公司" and company["address"]  # an organisation is published by name
    assert "张三丰" not in public["data"]["facts"] and FULL_ID not in public["data"]["facts"]
    assert public["data"]["facts"].startswith("当事人张某某")


def test_a_document_without_identifiers_needs_no_rendition(team, decided, decision):
    class Plain:
        snapshot = {"meta": {}, "data": {"parties": "张三、李四"}}

    assert carries_personal_data(decision)
    assert not carries_personal_data(Plain())


def test_the_api_says_which_callers_download_a_redacted_copy(api, team, decided, decision):
    def redacted(officer) -> dict[str, bool]:
        rows = api(officer).get(f"/api/v1/documents/?case={decided.pk}").json()["results"]
        return {r["type"]: r["redacted"] for r in rows}

    assert redacted(team.supervisor)["penalty_decision"] is True
    assert redacted(team.officer1)["penalty_decision"] is False
    assert redacted(team.head)["penalty_decision"] is False


def test_a_failed_rendition_leaves_no_row_and_no_stored_file(client, team, decided, decision, settings, monkeypatch):
    from pathlib import Path

    media = Path(settings.STORAGES["default"]["OPTIONS"]["location"])

    def broken(*args, **kwargs):
        raise RuntimeError("database went away after the PDF was stored")

    monkeypatch.setattr(DocumentRendition.objects, "create", broken)
    client.force_login(team.supervisor.user)
    response = client.get(f"/documents/{decision.pk}/download/")

    assert response.status_code == 302 and response["Location"] == f"/cases/{decided.pk}/"  # refused, on the page
    assert "脱敏副本生成失败" in client.get(response["Location"]).content.decode()
    assert not DocumentRendition.objects.exists()
    assert not list(media.rglob("*masked*"))  # the key has "masked" in it (the supervisor's test above)
    assert not decided.events.filter(event_type=DOCUMENT_ACCESSED, actor=team.supervisor.user).exists()


def test_the_public_rendition_renders_through_the_same_pipeline(team, decision, tmp_path):
    """For the publication portal: the same mechanism, the ``public`` policy — no number, no phone, the natural
    person's name masked, still 脱敏副本 with the original's 文号; the masked one is a separate stored object."""
    from django.core.files.storage import default_storage

    from documents.renditions import rendition_of

    public = rendition_of(decision, RedactionPolicy.PUBLIC)
    assert rendition_of(decision, RedactionPolicy.PUBLIC) == public  # once per policy
    path = tmp_path / "public.pdf"
    with default_storage.open(public.storage_key, "rb") as handle:
        path.write_bytes(handle.read())
    text = compact(path)

    assert FULL_ID not in text and MASKED_ID not in text and FULL_PHONE not in text
    assert INDIVIDUAL["name"] not in text and "张某" in text
    assert "脱敏副本" in text and decision.number in text
    masked = rendition_of(decision, RedactionPolicy.MASKED)
    assert masked.storage_key != public.storage_key and masked.token != public.token


def test_the_storage_housekeeping_keeps_a_rendition_its_row_names(client, team, decided, decision, tmp_path):
    """documents/orphans.py considers rendition keys (``-masked.pdf``) and must find the row that names one."""
    from documents.orphans import OWNED

    download(client, team.supervisor, decision, tmp_path)
    rendition = DocumentRendition.objects.get(document=decision)
    pattern, named = OWNED["documents/"]
    orphan = rendition.storage_key.replace(f"/{decision.pk}-v", "/999999-v")

    assert pattern.match(rendition.storage_key) and pattern.match(orphan)
    assert named([rendition.storage_key, orphan]) == {rendition.storage_key}
