"""Personal numbers in a document's frozen snapshot, sealed at rest (issue 11).

The identity number and the phone of a party are encrypted in ``cases_party`` (kernel/crypto.py); a document
freezes them in its JSON ``snapshot`` (``documents.contexts.common.party_blocks``), so they are sealed there too:
个人信息保护法 第二十八条 (an identity number is sensitive personal information) and 第五十一条第三项 (encryption as a
security measure); 等保 2.0 (GB/T 22239-2019) 8.1.4.8 数据保密性 (important personal information kept confidential
in storage by cryptography).

- :func:`seal` runs once, when ``issue_document`` freezes the snapshot: every value under the keys ``id_number``
  and ``phone`` of any block is replaced by ``kernel.crypto.encrypt`` of it (``pii1:<key id>:<ciphertext>``, a
  plain JSON string), bound to the associated data ``documents.snapshot.<key>``.
- :func:`unseal` gives the snapshot as it was built, at each point of use (the PDF's template context, the
  renditions' redaction); a clear value — a document issued before this release — passes through unchanged.
- The row never changes afterwards (documents/migrations/0002, anchored by kernel/checkpoint.py), so it is never
  re-sealed: the key it names must stay configured (``PII_ENCRYPTION_OLD_KEYS`` after a rotation) as long as the
  document exists; ``manage.py rotate_pii_key`` warns about it (:func:`key_ids_in_use`, docs/deployment.md).
"""

from __future__ import annotations

from typing import Any

from kernel.crypto import PREFIX, decrypt, encrypt, is_sealed, key_id_of

from .models import Document

# The snapshot keys that hold a party's identity number or phone (documents.contexts.common.party_blocks).
SEALED_KEYS = ("id_number", "phone")
CONTEXT = "documents.snapshot"


def _context(key: str) -> str:
    return f"{CONTEXT}.{key}"


def _map(value: Any, change) -> Any:
    if isinstance(value, dict):
        return {
            k: change(k, v) if k in SEALED_KEYS and isinstance(v, str) else _map(v, change) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_map(v, change) for v in value]
    return value


def seal(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A new snapshot with every identity number and phone sealed (an empty value stays empty; a value already
    sealed is left as it is)."""
    return _map(snapshot, lambda key, v: v if is_sealed(v) else encrypt(v, context=_context(key)))


def unseal(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A new snapshot with every sealed value opened; clear values (documents issued before the sealing) pass
    through. A value under a key not configured raises ``kernel.crypto.PiiKeyError``, an altered one
    ``PiiDecryptionError`` — never a blank number printed."""
    return _map(snapshot, lambda key, v: decrypt(v, context=_context(key)) if is_sealed(v) else v)


def key_ids(snapshot: dict[str, Any]) -> set[str]:
    """The ids of the keys the sealed values of ``snapshot`` were sealed under."""
    found: set[str] = set()

    def collect(_key: str, value: str) -> str:
        if is_sealed(value):
            found.add(key_id_of(value) or "")
        return value

    _map(snapshot, collect)
    return found - {""}


def key_ids_in_use() -> dict[str, int]:
    """Each key id stored document snapshots carry sealed values under, with how many documents (for
    ``manage.py rotate_pii_key``, registered in ``documents.apps``)."""
    counts: dict[str, int] = {}
    rows = Document.objects.filter(snapshot__icontains=f"{PREFIX}:").values_list("snapshot", flat=True)
    for snapshot in rows.iterator(chunk_size=500):
        for kid in key_ids(snapshot or {}):
            counts[kid] = counts.get(kid, 0) + 1
    return counts
