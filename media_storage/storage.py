"""The object-storage interface shared by both backends, and the rules they both follow.

Callers use ``get_storage()`` and the ``ObjectStorage`` methods; the concrete backend
(MinIO via the minio SDK, or a local folder) is chosen by ``settings.STORAGES``.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any, Protocol, cast, runtime_checkable
from urllib.parse import quote, unquote

from django.conf import settings
from django.core.files import File

# A presigned link is a bearer credential: it must stay short-lived.
MAX_PRESIGN_SECONDS = 3600
DEFAULT_CONTENT_TYPE = "application/octet-stream"

_METADATA_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# Every printable ASCII character except "%" travels as is; "%" itself is quoted so
# that unquoting on read is the exact inverse (a literal "%41" survives the round trip).
_SAFE_METADATA_CHARS = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) != "%")


@dataclass(frozen=True)
class StoredObject:
    """What the storage knows about one stored object."""

    name: str
    size: int
    sha256: str | None
    content_type: str
    etag: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict, hash=False)
    last_modified: datetime | None = None


@runtime_checkable
class ObjectStorage(Protocol):
    """The interface every default storage of this project offers, beyond Django's ``Storage``."""

    def save_stream(
        self,
        name: str,
        fileobj: IO[bytes],
        *,
        content_type: str | None = None,
        metadata: Mapping[str, str] | None = None,
        length: int | None = None,
    ) -> StoredObject: ...

    def stat(self, name: str) -> StoredObject: ...

    def presigned_url(
        self,
        name: str,
        *,
        expires: int | timedelta | None = None,
        response_content_type: str | None = None,
        filename: str | None = None,
        inline: bool = False,
    ) -> str: ...

    def ensure_bucket(self) -> bool: ...

    def check_connection(self) -> None: ...

    def open(self, name: str, mode: str = "rb") -> File: ...

    def exists(self, name: str) -> bool: ...

    def delete(self, name: str) -> None: ...

    def iter_objects(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        """Every stored object under ``prefix`` with its last-modified time (UTC)."""
        ...

    def abort_incomplete_uploads(self, *, older_than: datetime, prefix: str = "") -> int:
        """Abort multipart uploads started before ``older_than`` and never completed; the number aborted."""
        ...


def get_storage() -> ObjectStorage:
    """The project's default storage, typed as the richer interface."""
    from django.core.files.storage import default_storage

    return cast(ObjectStorage, default_storage)


def presign_seconds(expires: int | timedelta | None, default: int | None) -> int:
    """Validate a requested link lifetime; refuse anything above one hour."""
    if expires is None:
        expires = default if default is not None else settings.MEDIA_PRESIGN_SECONDS
    seconds = int(expires.total_seconds()) if isinstance(expires, timedelta) else int(expires)
    if seconds <= 0:
        raise ValueError("A presigned URL must live at least one second.")
    if seconds > MAX_PRESIGN_SECONDS:
        raise ValueError(f"A presigned URL may live at most {MAX_PRESIGN_SECONDS} seconds, not {seconds}.")
    return seconds


def guess_content_type(name: str, content_type: str | None = None) -> str:
    if content_type:
        return content_type
    guessed, _encoding = mimetypes.guess_type(name)
    return guessed or DEFAULT_CONTENT_TYPE


def clean_metadata(metadata: Mapping[str, Any] | None) -> dict[str, str]:
    """Lower-case keys checked as header tokens (letters, digits, '-'); values as strings."""
    cleaned: dict[str, str] = {}
    for key, value in (metadata or {}).items():
        normalized = str(key).lower()
        if not _METADATA_KEY.match(normalized):
            raise ValueError(f"Metadata key {key!r} must be letters, digits and '-' (at most 64).")
        cleaned[normalized] = str(value)
    return cleaned


def encode_metadata(metadata: Mapping[str, Any] | None) -> dict[str, str]:
    """Clean metadata with values URL-quoted to stay ASCII in HTTP headers (Chinese file names)."""
    return {key: quote(value, safe=_SAFE_METADATA_CHARS) for key, value in clean_metadata(metadata).items()}


def decode_metadata(headers: Mapping[str, str]) -> dict[str, str]:
    """Caller metadata from ``x-amz-meta-*`` headers (or an already stripped mapping)."""
    decoded: dict[str, str] = {}
    for key, value in headers.items():
        lowered = key.lower()
        if lowered.startswith("x-amz-meta-"):
            decoded[lowered.removeprefix("x-amz-meta-")] = unquote(value)
    return decoded
