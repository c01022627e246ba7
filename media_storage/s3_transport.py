"""The wire to an S3 server: endpoints, the SDK's failures as typed errors, and streamed GET bodies."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import urllib3
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from minio.error import InvalidResponseError, MinioException, S3Error, ServerError

from .exceptions import ObjectNotFound, StorageCredentialsRejected, StorageError, StorageUnavailable

logger = logging.getLogger(__name__)

_NOT_FOUND_CODES = {"NoSuchKey", "NoSuchObject", "NoSuchVersion", "NoSuchBucket", "ResourceNotFound"}
_CREDENTIAL_CODES = {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken"}
_UNAVAILABLE_CODES = {
    "ServiceUnavailable",
    "SlowDown",
    "InternalError",
    "RequestTimeout",
    "XMinioServerNotInitialized",
    "XMinioStorageFull",
}
# Everything that means "we could not talk to the server", never a caller's mistake.
TRANSPORT_ERRORS = (urllib3.exceptions.HTTPError, ConnectionError, TimeoutError, ServerError, InvalidResponseError)


def parse_endpoint(endpoint: str, secure: bool | None = None) -> tuple[str, bool]:
    """``http://host:port``, ``https://host:port`` or bare ``host:port`` → (host:port, secure)."""
    endpoint = (endpoint or "").strip()
    if not endpoint:
        raise ImproperlyConfigured("MinioStorage needs an endpoint (S3_ENDPOINT).")
    if "://" in endpoint:
        parts = urlsplit(endpoint)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ImproperlyConfigured(f"S3 endpoint must be http(s)://host[:port], not {endpoint!r}.")
        if parts.path not in {"", "/"} or parts.query or parts.fragment:
            raise ImproperlyConfigured(f"S3 endpoint must not carry a path: {endpoint!r}.")
        host, scheme_secure = parts.netloc, parts.scheme == "https"
    else:
        host, scheme_secure = endpoint.rstrip("/"), False
    return host, scheme_secure if secure is None else secure


def map_s3_error(exc: S3Error, name: str | None) -> StorageError:
    if exc.code in _NOT_FOUND_CODES:
        return ObjectNotFound(name=name)
    if exc.code in _CREDENTIAL_CODES:
        return StorageCredentialsRejected(name=name)
    if exc.code in _UNAVAILABLE_CODES:
        return StorageUnavailable(name=name)
    return StorageError(f"对象存储操作失败（{exc.code}）。", name=name)


@contextmanager
def translated(name: str | None = None) -> Iterator[None]:
    """Turn SDK and urllib3 failures into the project's typed errors."""
    try:
        yield
    except S3Error as exc:
        raise map_s3_error(exc, name) from exc
    except TRANSPORT_ERRORS as exc:
        logger.warning("Object storage unreachable: %s", exc)
        raise StorageUnavailable(name=name) from exc
    except MinioException as exc:
        raise StorageError(name=name) from exc


class ResponseReader(io.RawIOBase):
    """A GET response as a read-only stream whose network failures are typed errors."""

    def __init__(self, response: urllib3.BaseHTTPResponse, name: str) -> None:
        super().__init__()
        self._response = response
        self.name = name

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        with translated(self.name):
            return self._response.read(None if size is None or size < 0 else size)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            # close() drops a half-read connection; release_conn() returns the slot to the pool.
            self._response.close()
            self._response.release_conn()
        super().close()


class S3File(File):
    """A streamed object; iterate ``chunks()`` and close it (or use ``with``)."""

    def __init__(self, response: urllib3.BaseHTTPResponse, name: str) -> None:
        super().__init__(ResponseReader(response, name), name)  # type: ignore[arg-type]  # File wraps any binary file object, not only typing.IO
        length = response.headers.get("content-length")
        if length is not None:
            self.size = int(length)
        self.content_type = response.headers.get("content-type")
        self.mode = "rb"
