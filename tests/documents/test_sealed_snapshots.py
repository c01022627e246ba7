"""A party's identity number and phone sealed in the frozen snapshot of an issued document, as they are in
``cases_party`` (documents/snapshots.py; 个人信息保护法 第二十八条、第五十一条; 等保 2.0 8.1.4.8): the stored row in the
real PostgreSQL never holds them in clear, yet the handler's PDF prints the full number, the supervisor's
rendition the mask, and a document issued before the sealing (clear values) still renders."""

from __future__ import annotations

import base64
import io
import secrets

import pytest
from django.core.management import call_command
from django.db import connection

from documents import services
from documents.choices import RedactionPolicy
from documents.models import Document
from documents.renditions import carries_personal_data, rendering_context
from documents.snapshots import key_ids, seal, unseal
from kernel.crypto import PiiDecryptionError, PiiKeyError, is_sealed, key_id, keyring
from tests.documents.conftest import decide, step_document
from tests.documents.test_renditions import FULL_ID, FULL_PHONE, MASKED_ID, compact, download


def new_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def stored_snapshots(**where) -> list[str]:
    """``snapshot::text`` of the rows as PostgreSQL holds them (no model conversion in between)."""
    column, value = next(iter(where.items()))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT snapshot::text FROM documents_document WHERE {column} = %s", [value])
        return [row[0] for row in cursor.fetchall()]


def individual(snapshot: dict) -> dict:
    return next(p for p in snapshot["data"]["parties"] if p["individual"])


def test_the_stored_snapshot_holds_neither_the_identity_number_nor_the_phone(decided, decision):
    assert connection.vendor == "postgresql"
    rows = stored_snapshots(case_id=decided.pk)  # every document the case's steps issued, the decision among them
    assert len(rows) >= 2 and stored_snapshots(id=decision.pk)

    for text in rows:
        assert FULL_ID not in text and FULL_ID.lower() not in text
        assert FULL_PHONE not in text
    party = individual(decision.snapshot)
    assert is_sealed(party["id_number"]) and is_sealed(party["phone"])
    assert party["id_number"].split(":")[1] == keyring().current_id
    assert party["name"] == "张三"  # only the numbers are sealed
    opened = individual(unseal(decision.snapshot))
    assert (opened["id_number"], opened["phone"]) == (FULL_ID, FULL_PHONE)


def test_the_handler_prints_the_full_number_and_the_supervisor_only_the_mask(client, team, decision, tmp_path):
    assert FULL_ID not in stored_snapshots(id=decision.pk)[0]

    _data, handler_pdf = download(client, team.officer1, decision, tmp_path)
    assert FULL_ID in compact(handler_pdf)
    assert "pii1:" not in compact(handler_pdf)

    _data, supervisor_pdf = download(client, team.supervisor, decision, tmp_path)
    text = compact(supervisor_pdf)
    assert MASKED_ID in text and "脱敏副本" in text
    assert FULL_ID not in text and "pii1:" not in text
    assert carries_personal_data(decision)  # the API's ``redacted`` reads the opened numbers


def test_a_snapshot_issued_before_the_sealing_still_renders(client, team, decided, decision, rendered, tmp_path):
    """A row holding clear values, as every document issued before this release does (never rewritten: the row is
    immutable, documents/migrations/0002), is rendered and redacted as before."""
    clear = unseal(decision.snapshot)
    old = Document.objects.create(
        case=decided,
        agency=decided.agency,
        kind=decision.kind,
        number=decision.number,
        number_code="",
        template=decision.template,
        snapshot=clear,
        issued_at=decision.issued_at,
        issued_by=decision.issued_by,
        issued_by_name=decision.issued_by_name,
    )
    assert FULL_ID in stored_snapshots(id=old.pk)[0]  # the old style: in clear
    old = rendered(old)

    _data, handler_pdf = download(client, team.officer1, old, tmp_path)
    assert FULL_ID in compact(handler_pdf)
    _data, supervisor_pdf = download(client, team.supervisor, old, tmp_path)
    text = compact(supervisor_pdf)
    assert MASKED_ID in text and FULL_ID not in text


def test_seal_binds_each_value_to_its_key_and_leaves_the_rest(settings):
    snapshot = {
        "meta": {"number": "包市监罚〔2026〕1号"},
        "data": {"parties": [{"name": "张三", "id_number": FULL_ID, "phone": ""}], "facts": "……"},
    }
    sealed = seal(snapshot)
    party = sealed["data"]["parties"][0]

    assert snapshot["data"]["parties"][0]["id_number"] == FULL_ID  # the original untouched
    assert is_sealed(party["id_number"]) and party["phone"] == ""  # empty stays empty
    assert sealed["meta"] == snapshot["meta"] and sealed["data"]["facts"] == "……"
    assert seal(sealed) == sealed  # never sealed twice
    assert unseal(sealed) == snapshot
    assert key_ids(sealed) == {keyring().current_id}

    moved = {"phone": party["id_number"]}  # a sealed identity number moved to the phone: it does not open
    with pytest.raises(PiiDecryptionError, match=r"documents\.snapshot\.phone"):
        unseal(moved)
    settings.PII_ENCRYPTION_KEY = new_key()  # the key it was sealed under gone: a clear error, never a blank
    with pytest.raises(PiiKeyError, match="neither PII_ENCRYPTION_KEY nor one of PII_ENCRYPTION_OLD_KEYS"):
        unseal(sealed)


@pytest.fixture
def under_key_a(settings):
    settings.PII_ENCRYPTION_KEY, settings.PII_INDEX_KEY = new_key(), new_key()
    return settings.PII_ENCRYPTION_KEY


def test_rotation_warns_that_the_old_key_must_stay_while_sealed_documents_exist(
    under_key_a, settings, team, bank, rendered
):
    decision = rendered(step_document(decide(team), "penalty_decision"))
    old_id = key_id(base64.b64decode(under_key_a))

    out, err = io.StringIO(), io.StringIO()
    call_command("rotate_pii_key", stdout=out, stderr=err)  # under the same key: nothing to warn about
    assert err.getvalue() == "" and "All personal data is sealed under the current key" in out.getvalue()

    settings.PII_ENCRYPTION_KEY, settings.PII_ENCRYPTION_OLD_KEYS = new_key(), [under_key_a]
    out, err = io.StringIO(), io.StringIO()
    call_command("rotate_pii_key", stdout=out, stderr=err)

    warning = err.getvalue()
    assert f"issued documents (documents_document.snapshot) carry values sealed under the old key {old_id}" in warning
    assert "Keep that key in PII_ENCRYPTION_OLD_KEYS" in warning
    assert "All personal data is sealed" not in out.getvalue()
    assert individual(Document.objects.get(pk=decision.pk).snapshot)["id_number"].split(":")[1] == old_id  # as issued
    html = services.render_html(Document.objects.get(pk=decision.pk))  # still opens with the old key kept
    assert FULL_ID in html
    masked = rendering_context(decision, policy=RedactionPolicy.MASKED, token="t")
    assert individual({"data": masked["d"]})["id_number"] == MASKED_ID

    settings.PII_ENCRYPTION_OLD_KEYS = []  # removed against the warning: the document no longer renders
    with pytest.raises(PiiKeyError, match=old_id):
        services.render_html(Document.objects.get(pk=decision.pk))
