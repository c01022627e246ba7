"""``LocalStorage``: the embedded default — a folder behind the same interface as ``MinioStorage``.

Content type, SHA-256 and caller metadata live in a sidecar JSON per file, kept in a
separate ``.meta/`` tree under the root so that listings and names never collide with
them. Presigned URLs point at the signed view of ``media_storage.urls``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import IO, Any

from django.core import signing
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.core.files.utils import validate_file_name
from django.urls import reverse
from django.utils.deconstruct import deconstructible

from .exceptions import ObjectNotFound, StorageUnavailable
from .hashing import CHUNK_SIZE, HashingReader, rewind
from .storage import MAX_PRESIGN_SECONDS, StoredObject, clean_metadata, guess_content_type, presign_seconds

META_DIR = ".meta"
PRESIGN_SALT = "media_storage.presigned"


def presign_signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=PRESIGN_SALT)


def _hash_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_SIZE), b""):
            digest.update(chunk)
    return digest.hexdigest()


@deconstructible(path="media_storage.backends.LocalStorage")
class LocalStorage(FileSystemStorage):
    """Files under ``location``; never overwrites; links signed with the project's SECRET_KEY."""

    def __init__(
        self,
        location: str | os.PathLike[str] | None = None,
        base_url: str | None = None,
        file_permissions_mode: int | None = None,
        directory_permissions_mode: int | None = None,
        presign_seconds: int | None = None,
    ) -> None:
        super().__init__(
            location=location,
            base_url=base_url,
            file_permissions_mode=file_permissions_mode,
            directory_permissions_mode=directory_permissions_mode,
        )
        self.presign_seconds = presign_seconds

    def describe(self) -> str:
        return str(self.location)

    # --- names and sidecars -------------------------------------------------------------

    def validate_name(self, name: str) -> str:
        key = str(name).replace("\\", "/")
        if not key or key.endswith("/"):
            raise ValueError(f"Invalid object name {name!r}.")
        validate_file_name(key, allow_relative_path=True)
        if key.split("/", 1)[0] == META_DIR:
            raise SuspiciousFileOperation(f"{META_DIR}/ is reserved for storage metadata: {name!r}")
        self.path(key)  # safe_join: refuses anything that resolves outside the root
        return key

    def _meta_path(self, key: str) -> str:
        return self.path(f"{META_DIR}/{key}.json")

    def _write_meta(self, key: str, record: Mapping[str, Any]) -> None:
        path = self._meta_path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # Write then rename, so a reader never sees half a sidecar.
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def _read_meta(self, key: str) -> dict[str, Any]:
        try:
            with open(self._meta_path(key), encoding="utf-8") as handle:
                return json.load(handle)
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    def _record(
        self, key: str, *, sha256: str, size: int, content_type: str, metadata: Mapping[str, str]
    ) -> StoredObject:
        self._write_meta(
            key,
            {"sha256": sha256, "size": size, "content_type": content_type, "metadata": dict(metadata)},
        )
        return StoredObject(name=key, size=size, sha256=sha256, content_type=content_type, metadata=dict(metadata))

    # --- the shared interface -------------------------------------------------------------

    def ensure_bucket(self) -> bool:
        """Create the root folder if missing; True when it was created now."""
        if os.path.isdir(self.location):
            return False
        try:
            os.makedirs(self.location, exist_ok=True)
        except OSError as exc:
            raise StorageUnavailable(f"无法创建本地存储目录：{exc.strerror}") from exc
        return True

    def bucket_exists(self) -> bool:
        return os.path.isdir(self.location)

    def check_connection(self) -> None:
        if not os.path.isdir(self.location) or not os.access(self.location, os.R_OK | os.W_OK | os.X_OK):
            raise StorageUnavailable(f"本地存储目录不可用：{self.location}")

    def save_stream(
        self,
        name: str,
        fileobj: IO[bytes],
        *,
        content_type: str | None = None,
        metadata: Mapping[str, str] | None = None,
        length: int | None = None,
    ) -> StoredObject:
        """Copy ``fileobj`` in chunks to a new file (never overwriting), hashing as it goes."""
        key = self.get_available_name(self.validate_name(name))
        content_type = guess_content_type(key, content_type)
        cleaned = clean_metadata(metadata)
        reader = HashingReader(fileobj)
        # FileSystemStorage._save creates the file with O_EXCL and streams File.chunks() into it.
        key = super()._save(key, File(reader, key))  # type: ignore[misc, arg-type]  # stubs omit FileSystemStorage._save; File takes any binary file
        if length is not None and reader.bytes_read != length:
            self.delete(key)
            raise ValueError(f"Expected {length} bytes, the stream gave {reader.bytes_read}.")
        return self._record(
            key, sha256=reader.sha256, size=reader.bytes_read, content_type=content_type, metadata=cleaned
        )

    def _save(self, name: str, content: File) -> str:
        key = self.validate_name(name)
        content_type = guess_content_type(key, getattr(content, "content_type", None))
        if hasattr(content, "temporary_file_path"):
            # A large upload already on disk is moved, not copied: hash it where it lies.
            sha256 = _hash_file(content.temporary_file_path())
            key = super()._save(key, content)  # type: ignore[misc]  # stubs omit FileSystemStorage._save
        else:
            rewind(content)
            reader = HashingReader(content)
            key = super()._save(key, File(reader, key))  # type: ignore[misc, arg-type]  # stubs omit FileSystemStorage._save; File takes any binary file
            sha256 = reader.sha256
        size = os.path.getsize(self.path(key))
        self._record(key, sha256=sha256, size=size, content_type=content_type, metadata={})
        return key

    def stat(self, name: str) -> StoredObject:
        key = self.validate_name(name)
        try:
            info = os.stat(self.path(key))
        except FileNotFoundError as exc:
            raise ObjectNotFound(name=key) from exc
        if not os.path.isfile(self.path(key)):
            raise ObjectNotFound(name=key)
        meta = self._read_meta(key)
        return StoredObject(
            name=key,
            size=info.st_size,
            sha256=meta.get("sha256"),
            content_type=meta.get("content_type") or guess_content_type(key),
            metadata=dict(meta.get("metadata") or {}),
            last_modified=datetime.fromtimestamp(info.st_mtime, tz=UTC),
        )

    def _open(self, name: str, mode: str = "rb") -> File:
        key = self.validate_name(name)
        try:
            return super()._open(key, mode)  # type: ignore[misc]  # stubs omit FileSystemStorage._open
        except FileNotFoundError as exc:
            raise ObjectNotFound(name=key) from exc

    def delete(self, name: str) -> None:
        key = self.validate_name(name)
        super().delete(key)
        with contextlib.suppress(FileNotFoundError):
            os.remove(self._meta_path(key))

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        directories, files = super().listdir(path)
        if not str(path).strip("/"):
            directories = [d for d in directories if d != META_DIR]
        return directories, files

    def iter_objects(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        root = self.path("")
        top = os.path.join(root, *[part for part in str(prefix).split("/") if part])
        if not os.path.isdir(top):
            return
        for directory, subdirectories, files in os.walk(top):
            subdirectories[:] = sorted(d for d in subdirectories if d != META_DIR)
            for file in sorted(files):
                path = os.path.join(directory, file)
                key = os.path.relpath(path, root).replace(os.sep, "/")
                if key.startswith(prefix) and os.path.isfile(path):
                    yield key, datetime.fromtimestamp(os.stat(path).st_mtime, tz=UTC)

    def abort_incomplete_uploads(self, *, older_than: datetime, prefix: str = "") -> int:
        # A local write goes straight to its final name: one cut short is an object no row names (the orphan sweep).
        return 0

    def presigned_url(
        self,
        name: str,
        *,
        expires: int | timedelta | None = None,
        response_content_type: str | None = None,
        filename: str | None = None,
        inline: bool = False,
    ) -> str:
        """A link to the signed view, valid for ``expires`` seconds (at most one hour)."""
        key = self.validate_name(name)
        payload: dict[str, Any] = {"n": key, "e": presign_seconds(expires, self.presign_seconds)}
        if response_content_type:
            payload["t"] = response_content_type
        if filename:
            payload["f"] = filename
        if inline:
            payload["i"] = 1
        token = presign_signer().sign_object(payload, compress=True)
        return reverse("media_storage:signed", kwargs={"token": token})

    def url(self, name: str | None) -> str:
        if not name:
            raise ValueError("An object name is required for a URL.")
        return self.presigned_url(name)


def unsign_presigned(token: str) -> dict[str, Any]:
    """The payload of a valid, unexpired link; raises ``signing.BadSignature`` otherwise."""
    signer = presign_signer()
    payload = signer.unsign_object(token, max_age=MAX_PRESIGN_SECONDS)
    if not isinstance(payload, dict) or not isinstance(payload.get("n"), str):
        raise signing.BadSignature("Malformed presigned payload.")
    lifetime = int(payload.get("e", 0))
    # The signature is valid; now hold the link to the lifetime it was issued with.
    signer.unsign_object(token, max_age=min(lifetime, MAX_PRESIGN_SECONDS))
    return payload
