"""Identity and phone numbers encrypted at rest in the real PostgreSQL, and still found by exact search through the
keyed blind index (kernel/crypto.py; 个人信息保护法 第二十八条、第五十一条; 等保 2.0 8.1.4.8)."""

from __future__ import annotations

import base64
import io
import secrets

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from cases.models import Party
from kernel.crypto import PiiKeyError, blind_index, keyring, reseal_table
from kernel.validators import id_number_check_char
from officers.models import Officer
from tests.cases.factories import INDIVIDUAL, ORGANIZATION

ID, PHONE = INDIVIDUAL["id_number"], INDIVIDUAL["phone"]
PARTY = {
    "encrypted": {"id_number": "cases.party.id_number", "phone": "cases.party.phone"},
    "indexes": {
        "identifier_index": ("identifier", ("id_number", "credit_code")),
        "phone_index": ("phone", ("phone",)),
    },
}


def new_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def raw(table: str, pk: int, *columns: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()


@pytest.fixture
def case(team):
    return team.open(parties=[dict(INDIVIDUAL), dict(ORGANIZATION)])


def test_the_database_holds_no_identity_or_phone_number(case):
    assert connection.vendor == "postgresql"
    person = case.parties.get(kind="individual")

    id_number, phone, identifier_index, phone_index = raw(
        "cases_party", person.pk, "id_number", "phone", "identifier_index", "phone_index"
    )
    assert ID not in id_number and PHONE not in phone
    assert id_number.startswith(f"pii1:{keyring().current_id}:") and phone.startswith("pii1:")
    assert identifier_index == blind_index(ID, kind="identifier") and len(identifier_index) == 64
    assert phone_index == blind_index(PHONE, kind="phone")
    with connection.cursor() as cursor:  # nowhere in the row, in any form PostgreSQL can search
        cursor.execute("SELECT count(*) FROM cases_party WHERE row_to_json(cases_party)::text LIKE %s", [f"%{ID}%"])
        assert cursor.fetchone()[0] == 0
    # The application reads the numbers back whole; the credit code of an organisation stays in clear.
    assert (person.id_number, person.phone, person.identifier) == (ID, PHONE, ID)
    company = case.parties.get(kind="organization")
    assert raw("cases_party", company.pk, "credit_code")[0] == ORGANIZATION["credit_code"]


def test_an_officers_phone_is_encrypted_too(team):
    team.officer1.phone = "13900001111"
    team.officer1.save(update_fields=["phone"])

    assert "13900001111" not in raw("officers_officer", team.officer1.pk, "phone")[0]
    assert Officer.objects.get(pk=team.officer1.pk).phone == "13900001111"


def test_the_case_list_finds_the_party_by_exact_identity_or_phone_number(client, team, case):
    other_id = "11010519491231003" + id_number_check_char("11010519491231003")
    other = team.open(title="另一案件", parties=[{**INDIVIDUAL, "id_number": other_id, "phone": ""}])
    client.force_login(team.officer1.user)

    def found(q: str) -> bool:
        return f"/cases/{case.pk}/" in client.get("/cases/", {"q": q}).content.decode()

    assert found(ID) and found(ID.lower()) and found("110105 19491231 002X")
    assert found("138 1234 5678") and found("+8613812345678")
    assert found(ORGANIZATION["credit_code"])
    assert not found(ID[:10])  # exact only: a prefix of an encrypted number finds nothing
    assert f"/cases/{other.pk}/" not in client.get("/cases/", {"q": ID}).content.decode()


def test_the_api_filter_finds_by_identity_number_within_scope(api, team, case):
    mine = api(team.officer1).get("/api/v1/cases/", {"q": ID.lower()}).json()["results"]
    outsider = api(team.outsider).get("/api/v1/cases/", {"q": ID}).json()["results"]

    assert [c["id"] for c in mine] == [case.pk]
    assert outsider == []  # the index is searched only among the cases the caller may see


def test_an_encrypted_field_cannot_be_filtered_by_value(case):
    with pytest.raises(FieldError, match="blind index"):
        list(Party.objects.filter(id_number=ID))
    with pytest.raises(FieldError, match="encrypted"):
        list(Party.objects.filter(phone__contains="138"))
    assert Party.objects.filter(case=case, id_number="").count() == 1  # blank: the organisation


def test_the_wrong_key_is_a_clear_error_not_a_blank_number(settings, case):
    stored_under = keyring().current_id
    settings.PII_ENCRYPTION_KEY = new_key()

    with pytest.raises(PiiKeyError, match=f"cases.party.id_number.*key {stored_under}.*neither PII_ENCRYPTION_KEY"):
        Party.objects.get(case=case, kind="individual")


def test_rotation_reseals_every_value_under_the_new_key(settings, team):
    old = new_key()
    settings.PII_ENCRYPTION_KEY, settings.PII_INDEX_KEY = old, new_key()
    person = team.open().parties.get()
    settings.PII_ENCRYPTION_KEY, settings.PII_ENCRYPTION_OLD_KEYS = new_key(), [old]
    settings.PII_INDEX_KEY = new_key()

    out = io.StringIO()
    call_command("rotate_pii_key", stdout=out)
    settings.PII_ENCRYPTION_OLD_KEYS = []  # the old key removed: everything still opens

    assert "cases_party: " in out.getvalue() and "officers_officer: " in out.getvalue()
    assert raw("cases_party", person.pk, "id_number")[0].split(":")[1] == keyring().current_id
    assert Party.objects.get(pk=person.pk).id_number == ID
    assert raw("cases_party", person.pk, "identifier_index")[0] == blind_index(ID, kind="identifier")


def test_the_migration_seals_plaintext_rows_and_its_reverse_restores_them(case):
    """``cases`` 0047 runs ``reseal_table`` in raw SQL: plaintext rows (as before the migration) sealed and
    indexed; the reverse writes the plaintext back. Re-running the forward step leaves sealed values alone."""
    person = case.parties.get(kind="individual")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_party SET id_number = %s, phone = %s, identifier_index = '', phone_index = '' WHERE id = %s",
            [ID, PHONE, person.pk],
        )

    reseal_table(connection, "cases_party", mode="seal", **PARTY)
    sealed = raw("cases_party", person.pk, "id_number", "phone", "identifier_index")
    assert ID not in sealed[0] and PHONE not in sealed[1]
    assert sealed[2] == blind_index(ID, kind="identifier")
    assert Party.objects.get(pk=person.pk).id_number == ID
    reseal_table(connection, "cases_party", mode="seal", **PARTY)
    assert raw("cases_party", person.pk, "id_number")[0] == sealed[0]

    reseal_table(connection, "cases_party", mode="open", **PARTY)
    assert raw("cases_party", person.pk, "id_number", "phone", "identifier_index") == (ID, PHONE, "")
    reseal_table(connection, "cases_party", mode="seal", **PARTY)  # as the suite's later tests expect


def test_the_migration_step_works_on_sqlite_too(tmp_path, django_db_blocker):
    """The same raw SQL on the embedded default's engine (``make run``)."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    sqlite = DatabaseWrapper(
        {**connection.settings_dict, "ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "t.sqlite3")}
    )
    django_db_blocker.unblock()
    try:
        with sqlite.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE cases_party (id integer primary key, id_number text, credit_code varchar(18), "
                "phone text, identifier_index varchar(64), phone_index varchar(64))"
            )
            cursor.execute("INSERT INTO cases_party VALUES (1, %s, '', %s, '', '')", [ID, PHONE])
            cursor.execute("INSERT INTO cases_party VALUES (2, '', %s, '', '', '')", [ORGANIZATION["credit_code"]])

        assert reseal_table(sqlite, "cases_party", mode="seal", **PARTY) == 2
        with sqlite.cursor() as cursor:
            cursor.execute("SELECT id_number, phone, identifier_index FROM cases_party ORDER BY id")
            (id_number, phone, index), (blank, _, company_index) = cursor.fetchall()
        assert ID not in id_number and PHONE not in phone and index == blind_index(ID, kind="identifier")
        assert blank == "" and company_index == blind_index(ORGANIZATION["credit_code"], kind="identifier")

        reseal_table(sqlite, "cases_party", mode="open", **PARTY)
        with sqlite.cursor() as cursor:
            cursor.execute("SELECT id_number, phone FROM cases_party WHERE id = 1")
            assert cursor.fetchone() == (ID, PHONE)
    finally:
        sqlite.close()
        django_db_blocker.restore()
