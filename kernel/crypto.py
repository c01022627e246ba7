"""Personal information at rest: AES-256-GCM encryption of identity and phone numbers, and a keyed blind
index for exact search.

个人信息保护法 第五十一条第三项 (encryption and de-identification as security measures) and 第二十八条 (an
identity number is sensitive personal information); 等保 2.0 (GB/T 22239-2019) 8.1.4.8 数据保密性: important
personal information is kept confidential in storage by cryptography.

- **Encryption**: each value is sealed with AES-256-GCM (``cryptography``) under ``PII_ENCRYPTION_KEY``, a
  random 96-bit nonce, and the column's name as associated data (a ciphertext moved to another column does
  not open). Stored as ``pii1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>``; the key id is derived from
  the key itself, so a rotated key is found among ``PII_ENCRYPTION_OLD_KEYS`` and ``manage.py rotate_pii_key``
  re-seals every value under the current key. An empty value is stored empty.
- **Blind index**: HMAC-SHA256 under a separate ``PII_INDEX_KEY`` over the normalised value, so an exact
  search (``cases.selectors.cases_matching``) finds a party by identity number or phone without the column
  ever holding the number. Without the key the index cannot be brute-forced over the small space of identity
  numbers, which a plain hash could.

In development (``DJANGO_ENV`` unset) both keys, when unset, are derived from ``SECRET_KEY`` under distinct
labels; in production the settings refuse to start without them (docs/configuration.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from django.conf import settings
from django.core import validators
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact, IsNull

PREFIX = "pii1"
KEY_BYTES = 32
NONCE_BYTES = 12
_DEV_ENCRYPTION_LABEL = b"zhifa.pii.encryption.v1"
_DEV_INDEX_LABEL = b"zhifa.pii.blind-index.v1"


class PiiKeyError(ImproperlyConfigured):
    """A key is missing or malformed, or a stored value was sealed under a key this process does not hold."""


class PiiDecryptionError(Exception):
    """A stored value does not open under the key it names: the wrong key under that id, or a tampered value."""


def decode_key(value: str, name: str) -> bytes:
    """A key as configured: base64 (standard or URL-safe) of exactly 32 random bytes."""
    try:
        raw = base64.b64decode(value.strip() + "=" * (-len(value.strip()) % 4), altchars=b"-_", validate=False)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != KEY_BYTES:
        raise PiiKeyError(
            f"{name} must be base64 of 32 random bytes "
            '(python3 -c "import secrets, base64; print(base64.b64encode(secrets.token_bytes(32)).decode())")'
        )
    return raw


def key_id(key: bytes) -> str:
    """A short public name of a key, stored with each value it sealed (never the key itself)."""
    return hashlib.sha256(b"zhifa.pii.key-id" + key).hexdigest()[:8]


@dataclass(frozen=True)
class Keyring:
    current: bytes
    current_id: str
    by_id: dict[str, bytes]
    index_key: bytes


def _dev_key(label: bytes) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), label, hashlib.sha256).digest()


@lru_cache(maxsize=4)
def _keyring(encryption: str, old: tuple[str, ...], index: str, secret: str, production: bool) -> Keyring:
    if production and not (encryption and index):
        raise PiiKeyError("PII_ENCRYPTION_KEY and PII_INDEX_KEY must be set in production")
    current = decode_key(encryption, "PII_ENCRYPTION_KEY") if encryption else _dev_key(_DEV_ENCRYPTION_LABEL)
    index_key = decode_key(index, "PII_INDEX_KEY") if index else _dev_key(_DEV_INDEX_LABEL)
    if hmac.compare_digest(current, index_key):
        raise PiiKeyError("PII_INDEX_KEY must differ from PII_ENCRYPTION_KEY")
    by_id = {key_id(k): k for k in (decode_key(o, "PII_ENCRYPTION_OLD_KEYS") for o in old)}
    by_id[key_id(current)] = current
    return Keyring(current=current, current_id=key_id(current), by_id=by_id, index_key=index_key)


def keyring() -> Keyring:
    """The keys of the current settings (read on every call, so tests overriding settings see theirs)."""
    return _keyring(
        getattr(settings, "PII_ENCRYPTION_KEY", "") or "",
        tuple(getattr(settings, "PII_ENCRYPTION_OLD_KEYS", ()) or ()),
        getattr(settings, "PII_INDEX_KEY", "") or "",
        settings.SECRET_KEY,
        bool(getattr(settings, "PRODUCTION", False)),
    )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX + ":")


def encrypt(plaintext: str, *, context: str) -> str:
    """``plaintext`` sealed under the current key, bound to ``context`` (the column); empty stays empty."""
    if plaintext == "":
        return ""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.current).encrypt(nonce, plaintext.encode(), context.encode())
    return f"{PREFIX}:{ring.current_id}:{_b64(nonce + sealed)}"


def key_id_of(stored: str) -> str | None:
    """The id of the key ``stored`` was sealed under, or None for an empty value."""
    if stored == "":
        return None
    if not is_sealed(stored):
        raise PiiDecryptionError("an encrypted column holds a value that is not encrypted (run the migrations)")
    return stored.split(":", 2)[1]


def decrypt(stored: str, *, context: str) -> str:
    """The plaintext of a value :func:`encrypt` produced for the same ``context``."""
    if stored == "":
        return ""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_sealed(stored) or stored.count(":") != 2:
        raise PiiDecryptionError(
            f"{context}: the stored value is not encrypted by this system (plaintext left behind? run the migrations)"
        )
    _prefix, kid, body = stored.split(":", 2)
    key = keyring().by_id.get(kid)
    if key is None:
        raise PiiKeyError(
            f"{context}: the value was encrypted under key {kid}, which is neither PII_ENCRYPTION_KEY nor one of "
            "PII_ENCRYPTION_OLD_KEYS — the wrong key is configured (docs/deployment.md, key management)"
        )
    try:
        raw = _unb64(body)
        return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode()).decode()
    except (InvalidTag, ValueError, binascii.Error) as exc:
        raise PiiDecryptionError(
            f"{context}: the value under key {kid} fails its integrity check (altered, or moved from another column)"
        ) from exc


# --- Normalisation and the blind index ------------------------------------------------------------------------


def normalise_identifier(value: str) -> str:
    """公民身份号码 / 统一社会信用代码 as compared: no blanks or dashes, upper case (a trailing ``x`` is ``X``)."""
    return re.sub(r"[\s\-]", "", value or "").upper()


def normalise_phone(value: str) -> str:
    """A phone number as compared: digits only, without the ``+86``/``86`` country code of a mobile number."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


NORMALISERS = {"identifier": normalise_identifier, "phone": normalise_phone}


def blind_index(value: str, *, kind: str) -> str:
    """HMAC-SHA256 under ``PII_INDEX_KEY`` of the normalised ``value`` of ``kind`` (``identifier`` or
    ``phone``); empty for an empty value, so blanks never match each other."""
    normalised = NORMALISERS[kind](value)
    if not normalised:
        return ""
    return hmac.new(keyring().index_key, f"{kind}:{normalised}".encode(), hashlib.sha256).hexdigest()


# --- Model fields ---------------------------------------------------------------------------------------------


class _EmptyOnlyExact(Exact):
    """``field=""`` (is it blank?) is all an encrypted column can answer; anything else is a programming error."""

    def get_prep_lookup(self):
        if self.rhs != "":
            raise FieldError(
                f"{self.lhs.target.name} is encrypted: search it by its blind index (kernel.crypto.blind_index)"
            )
        return ""


class EncryptedTextField(models.TextField):
    """A text value encrypted at rest (see the module). ``max_length`` limits the plaintext (forms and
    ``full_clean``); the column is ``text``. Only ``=""`` and ``isnull`` lookups are allowed."""

    @cached_property
    def validators(self):
        # The plaintext's length (a TextField alone does not check max_length in full_clean).
        extra = [validators.MaxLengthValidator(self.max_length)] if self.max_length else []
        return [*self.default_validators, *self._validators, *extra]

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.context = f"{cls._meta.app_label}.{cls._meta.model_name}.{name}"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt(value, context=self.context)

    def to_python(self, value):
        return value if value is None else str(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if value is None:
            return value
        return encrypt(str(value), context=self.context)

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return _EmptyOnlyExact
        if lookup_name == "isnull":
            return IsNull
        raise FieldError(f"{self.name} is encrypted: no '{lookup_name}' lookup (search by the blind index)")

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.CharField, "widget": forms.TextInput, **kwargs})


class BlindIndexField(models.CharField):
    """The keyed blind index of other fields of the same row, computed on every save (``pre_save``): the first
    non-empty of ``sources``, normalised as ``kind``. Not editable; compare it with :func:`blind_index`."""

    def __init__(self, *args: Any, sources: tuple[str, ...] = (), kind: str = "identifier", **kwargs: Any):
        self.sources, self.kind = tuple(sources), kind
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"], kwargs["kind"] = self.sources, self.kind
        for key, default in (("max_length", 64), ("blank", True), ("editable", False), ("db_index", True)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = next((v for v in (getattr(model_instance, s) for s in self.sources) if v), "")
        index = blind_index(value, kind=self.kind)
        setattr(model_instance, self.attname, index)
        return index


# --- Values sealed where they can never be re-sealed ------------------------------------------------------------

# label → a callable giving each key id the holder's stored values are sealed under, with how many records hold
# one. A holder whose rows never change (an issued document's snapshot, documents.snapshots) registers here from
# its app's ready(): ``rotate_pii_key`` cannot re-seal it, and warns that the old key must stay configured.
IMMUTABLE_HOLDERS: dict[str, Callable[[], dict[str, int]]] = {}


def register_immutable_holder(label: str, key_ids_in_use: Callable[[], dict[str, int]]) -> None:
    IMMUTABLE_HOLDERS[label] = key_ids_in_use


# --- Whole tables: the migrations that seal existing rows, and key rotation --------------------------------------

BATCH = 500


def reseal_table(
    connection,
    table: str,
    *,
    encrypted: dict[str, str],
    indexes: dict[str, tuple[str, tuple[str, ...]]] | None = None,
    mode: str,
) -> int:
    """Rewrite the encrypted columns of every row of ``table`` in raw SQL (the model's own conversions
    play no part, so this works from a migration on SQLite and PostgreSQL alike); returns the rows changed.

    ``encrypted``: column → context (``app_label.model_name.field``, as :class:`EncryptedTextField` names it).
    ``indexes``: blind-index column → (kind, source columns, first non-empty wins; a source not in
    ``encrypted`` is read in clear). ``mode``: ``seal`` encrypts values still in clear (values already sealed
    are left as they are: re-running is harmless); ``rotate`` re-seals every value under the current key and
    recomputes the indexes under the current index key; ``open`` writes the plaintext back and empties the
    indexes (the reverse migration).
    """
    if mode not in ("seal", "rotate", "open"):
        raise ValueError(mode)
    indexes = indexes or {}
    quote = connection.ops.quote_name
    sources = sorted({s for _kind, cols in indexes.values() for s in cols} - set(encrypted))
    columns = [*encrypted, *sources]
    changed, last = 0, None
    with connection.cursor() as cursor:
        while True:
            where = f" WHERE {quote('id')} > %s" if last is not None else ""
            cursor.execute(
                f"SELECT {quote('id')}, {', '.join(quote(c) for c in columns)} FROM {quote(table)}{where} "  # noqa: S608 — names are the migration's own, quoted
                f"ORDER BY {quote('id')} LIMIT {BATCH}",
                [last] if last is not None else [],
            )
            rows = cursor.fetchall()
            if not rows:
                return changed
            for row in rows:
                last, stored = row[0], dict(zip(columns, row[1:], strict=True))
                plain = {
                    c: (decrypt(v or "", context=ctx) if is_sealed(v or "") else (v or ""))
                    for c, ctx in encrypted.items()
                    for v in [stored[c]]
                }
                values: dict[str, str] = {}
                for column, context in encrypted.items():
                    current = stored[column] or ""
                    if mode == "open":
                        values[column] = plain[column]
                    elif (mode == "seal" and is_sealed(current)) or (
                        mode == "rotate" and is_sealed(current) and key_id_of(current) == keyring().current_id
                    ):
                        values[column] = current
                    else:
                        values[column] = encrypt(plain[column], context=context)
                readable = {**{s: stored[s] or "" for s in sources}, **plain}
                for column, (kind, cols) in indexes.items():
                    value = next((readable[c] for c in cols if readable[c]), "")
                    values[column] = "" if mode == "open" else blind_index(value, kind=kind)
                assignments = ", ".join(f"{quote(c)} = %s" for c in values)
                cursor.execute(
                    f"UPDATE {quote(table)} SET {assignments} WHERE {quote('id')} = %s",  # noqa: S608 — as above
                    [*values.values(), last],
                )
                changed += 1
