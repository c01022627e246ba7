"""kernel/crypto.py as pure logic: AES-256-GCM sealing bound to its column, the keyed blind index, key ids for
rotation, and clear errors for a wrong, missing or malformed key (个人信息保护法 第五十一条; 等保 2.0 8.1.4.8)."""

from __future__ import annotations

import base64
import secrets

import pytest
from django.core.exceptions import ImproperlyConfigured

from kernel.crypto import (
    PiiDecryptionError,
    PiiKeyError,
    blind_index,
    decode_key,
    decrypt,
    encrypt,
    key_id,
    keyring,
)

ID = "11010519491231002X"


def new_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


@pytest.fixture
def keys(settings):
    settings.PII_ENCRYPTION_KEY, settings.PII_INDEX_KEY, settings.PII_ENCRYPTION_OLD_KEYS = new_key(), new_key(), []
    return settings


def test_a_value_is_sealed_with_a_fresh_nonce_and_opens_again(keys):
    first, second = encrypt(ID, context="cases.party.id_number"), encrypt(ID, context="cases.party.id_number")

    assert first != second  # a random nonce: equal numbers do not look equal in the table
    assert ID not in first and first.startswith(f"pii1:{keyring().current_id}:")
    assert decrypt(first, context="cases.party.id_number") == ID
    assert encrypt("", context="x") == "" and decrypt("", context="x") == ""


def test_a_value_moved_to_another_column_does_not_open(keys):
    sealed = encrypt(ID, context="cases.party.id_number")

    with pytest.raises(PiiDecryptionError, match="integrity"):
        decrypt(sealed, context="cases.party.phone")


def test_a_tampered_value_fails_its_integrity_check(keys):
    sealed = encrypt(ID, context="c")
    body = bytearray(base64.urlsafe_b64decode(sealed.split(":")[2] + "=="))
    body[-1] ^= 1
    tampered = ":".join([*sealed.split(":")[:2], base64.urlsafe_b64encode(bytes(body)).decode().rstrip("=")])

    with pytest.raises(PiiDecryptionError, match="integrity"):
        decrypt(tampered, context="c")


def test_plaintext_left_in_an_encrypted_column_is_refused_not_shown(keys):
    with pytest.raises(PiiDecryptionError, match="not encrypted"):
        decrypt(ID, context="cases.party.id_number")


def test_the_wrong_key_is_a_clear_error_naming_the_key_id(keys):
    sealed = encrypt(ID, context="c")
    old_id = keyring().current_id
    keys.PII_ENCRYPTION_KEY = new_key()

    with pytest.raises(PiiKeyError, match=f"encrypted under key {old_id}.*neither PII_ENCRYPTION_KEY"):
        decrypt(sealed, context="c")


def test_an_old_key_still_opens_during_a_rotation(keys):
    old = keys.PII_ENCRYPTION_KEY
    sealed = encrypt(ID, context="c")
    keys.PII_ENCRYPTION_KEY, keys.PII_ENCRYPTION_OLD_KEYS = new_key(), [old]

    assert decrypt(sealed, context="c") == ID
    assert (
        encrypt(ID, context="c").split(":")[1]
        == key_id(decode_key(keys.PII_ENCRYPTION_KEY, "k"))
        != sealed.split(":")[1]
    )


def test_the_blind_index_is_keyed_and_normalised(keys):
    index = blind_index(ID, kind="identifier")

    assert index == blind_index(" 110105 19491231002x ", kind="identifier")
    assert blind_index("138 1234-5678", kind="phone") == blind_index("+86 13812345678", kind="phone")
    assert blind_index("", kind="phone") == ""
    assert blind_index(ID, kind="phone") != index  # the kind is part of what is hashed
    keys.PII_INDEX_KEY = new_key()
    assert blind_index(ID, kind="identifier") != index  # without the key, no dictionary of identity numbers


@pytest.mark.parametrize("value", ["", "c2hvcnQ=", "not base64 at all!", base64.b64encode(b"x" * 31).decode()])
def test_a_malformed_key_is_refused_with_the_way_to_make_one(keys, value):
    keys.PII_ENCRYPTION_KEY = value or "AAAA"

    with pytest.raises(PiiKeyError, match="PII_ENCRYPTION_KEY must be base64 of 32 random bytes"):
        keyring()


def test_the_two_keys_must_differ(keys):
    keys.PII_INDEX_KEY = keys.PII_ENCRYPTION_KEY

    with pytest.raises(PiiKeyError, match="must differ"):
        keyring()


def test_development_derives_distinct_keys_from_the_secret_key(settings):
    settings.PII_ENCRYPTION_KEY = settings.PII_INDEX_KEY = ""
    settings.PRODUCTION = False

    ring = keyring()
    assert ring.current != ring.index_key
    settings.PRODUCTION = True
    with pytest.raises(PiiKeyError, match="must be set in production"):
        keyring()


def test_the_system_check_reports_a_bad_key(keys):
    from kernel.apps import pii_keys_check

    assert pii_keys_check() == []
    keys.PII_INDEX_KEY = "short"
    [error] = pii_keys_check()
    assert error.id == "kernel.E001" and "PII_INDEX_KEY" in error.msg


def test_production_settings_refuse_to_start_without_the_keys(tmp_path):
    from tests.enforcement.test_deploy_check import manage, production_environment

    for missing in ("PII_ENCRYPTION_KEY", "PII_INDEX_KEY"):
        env = production_environment(tmp_path / "var")
        del env[missing]
        result = manage(env, "check")
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr and "PII_ENCRYPTION_KEY and PII_INDEX_KEY" in result.stderr
    assert issubclass(PiiKeyError, ImproperlyConfigured)


def test_the_plaintext_length_is_still_validated():
    from django.core.exceptions import ValidationError

    from cases.models import Party

    Party._meta.get_field("id_number").run_validators(ID)
    with pytest.raises(ValidationError):
        Party._meta.get_field("phone").run_validators("1" * 21)  # max_length=20, though the column is text
