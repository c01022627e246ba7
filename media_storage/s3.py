"""``MinioStorage``: a Django storage over the minio SDK (MinIO in production, any S3 server in tests).

Where the SHA-256 lives: it is only known once the stream has been read, so after the
upload it is written as the object tag ``sha256`` (PutObjectTagging) and read back
with GetObjectTagging. Tags were chosen over a self-``copy_object`` with REPLACE
metadata because tagging touches neither the data nor the version: a self-copy of an
object above 5 GiB turns into a multipart server-side copy in the SDK, and in a
versioned or object-locked evidence bucket it would leave a second, hash-less
version behind. Both MinIO and SeaweedFS support object tagging. The authoritative
hash of a piece of evidence is still the one the caller records in the database.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import IO
from xml.etree import ElementTree

import certifi
import urllib3
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import Storage
from django.core.files.utils import validate_file_name
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from minio import Minio
from minio.commonconfig import Tags
from minio.error import S3Error
from minio.helpers import DictType, check_bucket_name
from urllib3.util import Retry, Timeout

from .exceptions import ObjectNotFound, StorageError, StorageUnavailable
from .hashing import HashingReader, rewind
from .s3_transport import TRANSPORT_ERRORS, S3File, map_s3_error, parse_endpoint, translated
from .storage import StoredObject, clean_metadata, decode_metadata, encode_metadata, guess_content_type, presign_seconds

logger = logging.getLogger(__name__)

MiB = 1024 * 1024
# Peak memory of an upload is about three parts (the SDK copies a part while reading the
# next one), so 8 MiB keeps a 50 MB or 5 GB upload well under 40 MB; 10 000 parts = 80 GiB.
DEFAULT_PART_SIZE = 8 * MiB
SHA256_TAG = "sha256"


def _xml_text(element: ElementTree.Element, name: str) -> str:
    """The text of ``element``'s direct child ``name``, whatever its namespace ("" when absent)."""
    for child in element:
        if child.tag.rsplit("}", 1)[-1] == name:
            return child.text or ""
    return ""


def _offset(fileobj: IO[bytes]) -> int | None:
    """Where a rewindable stream starts, or None when it cannot be rewound."""
    try:
        if fileobj.seekable():
            return fileobj.tell()
    except (AttributeError, OSError, ValueError):
        pass
    return None


@deconstructible(path="media_storage.backends.MinioStorage")
class MinioStorage(Storage):
    """Private-bucket object storage over the minio SDK, with streamed, hashed uploads."""

    def __init__(
        self,
        endpoint: str,
        access_key: str = "",
        secret_key: str = "",
        bucket: str = "zhifa",
        region: str = "us-east-1",
        presign_seconds: int | None = None,
        connect_timeout: float = 3,
        read_timeout: float = 30,
        part_size: int = DEFAULT_PART_SIZE,
        secure: bool | None = None,
        retries: int = 2,
        public_endpoint: str = "",
    ) -> None:
        self.endpoint, self.secure = parse_endpoint(endpoint, secure)
        # Presigned links are signed for the host clients will use (tablets cannot resolve "minio").
        self.public_endpoint = parse_endpoint(public_endpoint) if public_endpoint else None
        try:
            check_bucket_name(bucket, strict=True)
        except ValueError as exc:
            raise ImproperlyConfigured(f"Invalid S3 bucket name {bucket!r}: {exc}") from exc
        if not 5 * MiB <= part_size <= 5 * 1024 * MiB:
            raise ImproperlyConfigured("S3 part_size must be between 5 MiB and 5 GiB.")
        self.access_key = access_key
        self.secret_key = secret_key
        self.bucket = bucket
        self.region = region or "us-east-1"
        self.presign_seconds = presign_seconds
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.part_size = part_size
        self.retries = min(max(retries, 0), 2)
        self._client: Minio | None = None
        self._signer: Minio | None = None
        self._client_pid: int | None = None
        self._bucket_ready = False

    # --- the client -----------------------------------------------------------------

    @property
    def client(self) -> Minio:
        # A pooled connection must never be shared across fork() (gunicorn, Celery prefork).
        if self._client is None or self._client_pid != os.getpid():
            self._client = Minio(
                self.endpoint,
                access_key=self.access_key or None,
                secret_key=self.secret_key or None,
                secure=self.secure,
                region=self.region,
                http_client=self._http_client(),
            )
            self._client_pid = os.getpid()
        return self._client

    @property
    def signer(self) -> Minio:
        """The client that signs links: the public endpoint's when set. Signing needs no network."""
        if self.public_endpoint is None:
            return self.client
        if self._signer is None:
            host, secure = self.public_endpoint
            self._signer = Minio(
                host,
                access_key=self.access_key or None,
                secret_key=self.secret_key or None,
                secure=secure,
                region=self.region,
                http_client=self._http_client(),
            )
        return self._signer

    def _http_client(self) -> urllib3.PoolManager:
        retry = Retry(
            total=self.retries,
            connect=self.retries,
            read=min(self.retries, 1),  # one retry for a pooled connection the server closed
            status=self.retries,
            other=0,
            backoff_factor=0.2,
            backoff_max=1,
            status_forcelist=(500, 502, 503, 504),
            raise_on_status=False,  # hand the last error response to the SDK, which parses it
        )
        return urllib3.PoolManager(
            timeout=Timeout(connect=self.connect_timeout, read=self.read_timeout),
            maxsize=10,
            retries=retry,
            cert_reqs="CERT_REQUIRED",
            ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
        )

    def describe(self) -> str:
        scheme = "https" if self.secure else "http"
        return f"{scheme}://{self.endpoint}/{self.bucket}"

    # --- names ------------------------------------------------------------------------

    @staticmethod
    def validate_name(name: str) -> str:
        key = str(name).replace("\\", "/")
        if not key or key.endswith("/"):
            raise ValueError(f"Invalid object name {name!r}.")
        validate_file_name(key, allow_relative_path=True)  # refuses absolute paths and ".."
        return key

    # --- bucket -----------------------------------------------------------------------

    def bucket_exists(self) -> bool:
        with translated():
            return self.client.bucket_exists(self.bucket)

    def ensure_bucket(self) -> bool:
        """Create the (private) bucket if missing; True when it was created now."""
        with translated():
            created = False
            if not self.client.bucket_exists(self.bucket):
                try:
                    # No policy is ever set: a new bucket is private.
                    self.client.make_bucket(self.bucket, location=self.region)
                    created = True
                except S3Error as exc:
                    if exc.code != "BucketAlreadyOwnedByYou":  # lost a race with another process
                        raise
        self._bucket_ready = True
        if created:
            logger.info("Created bucket %s", self.describe())
        return created

    def check_connection(self) -> None:
        """Raise StorageUnavailable (or StorageCredentialsRejected) unless the server answers us."""
        self.bucket_exists()

    # --- writing ----------------------------------------------------------------------

    def save_stream(
        self,
        name: str,
        fileobj: IO[bytes],
        *,
        content_type: str | None = None,
        metadata: Mapping[str, str] | None = None,
        length: int | None = None,
    ) -> StoredObject:
        """Stream ``fileobj`` to a new object (never overwriting), hashing as it goes."""
        name = self.get_available_name(self.validate_name(name))
        return self._put(name, fileobj, content_type=content_type, metadata=metadata, length=length)

    def _save(self, name: str, content: File) -> str:
        rewind(content)
        content_type = getattr(content, "content_type", None)
        return self._put(self.validate_name(name), content, content_type=content_type, metadata=None, length=None).name

    def _put(
        self,
        name: str,
        fileobj: IO[bytes],
        *,
        content_type: str | None,
        metadata: Mapping[str, str] | None,
        length: int | None,
    ) -> StoredObject:
        content_type = guess_content_type(name, content_type)
        encoded = encode_metadata(metadata)
        if not self._bucket_ready:
            self.ensure_bucket()
        start = _offset(fileobj)
        for attempt in (1, 2):
            reader = HashingReader(fileobj)
            try:
                result = self.client.put_object(
                    self.bucket,
                    name,
                    reader,  # type: ignore[arg-type]  # minio reads any binary file object, not only BinaryIO
                    -1 if length is None else length,
                    content_type=content_type,
                    metadata=encoded,  # type: ignore[arg-type]  # minio's DictType is an invariant dict of str or lists
                    part_size=self.part_size,
                    num_parallel_uploads=1,  # parallel parts would multiply the memory held
                )
                break
            except S3Error as exc:
                if exc.code != "NoSuchBucket" or attempt == 2:
                    raise map_s3_error(exc, name) from exc
                # The bucket vanished since we checked: create it and replay the stream once.
                self.ensure_bucket()
                if start is None:
                    raise StorageError("存储桶刚刚重新创建，请重新上传该文件。", name=name) from exc
                fileobj.seek(start)
            except TRANSPORT_ERRORS as exc:
                logger.warning("Object storage unreachable while uploading %s: %s", name, exc)
                raise StorageUnavailable(name=name) from exc
            except OSError as exc:
                if length is not None and reader.at_eof:  # the SDK's "not enough data": nothing was stored
                    raise ValueError(f"Expected {length} bytes, the stream gave {reader.bytes_read}.") from exc
                raise
        if length is not None and not reader.at_eof and fileobj.read(1):
            # The SDK stops reading at ``length``; a longer stream would be stored truncated.
            self._discard(name)
            raise ValueError(f"Expected {length} bytes, the stream has more.")
        tags = Tags.new_object_tags()
        tags[SHA256_TAG] = reader.sha256
        try:
            with translated(name):
                self.client.set_object_tags(self.bucket, name, tags)
        except StorageError:
            self._discard(name)  # an object without its hash must not look complete
            raise
        return StoredObject(
            name=name,
            size=reader.bytes_read,
            sha256=reader.sha256,
            content_type=content_type,
            etag=result.etag,
            metadata=clean_metadata(metadata),
        )

    def _discard(self, name: str) -> None:
        try:
            self.client.remove_object(self.bucket, name)
        except Exception:  # best effort: the server may be the reason we are here
            logger.warning("Could not remove incomplete object %s", name, exc_info=True)

    # --- reading ----------------------------------------------------------------------

    def stat(self, name: str) -> StoredObject:
        key = self.validate_name(name)
        with translated(key):
            obj = self.client.stat_object(self.bucket, key)
            tags: dict[str, str] = self.client.get_object_tags(self.bucket, key) or {}
        headers = obj.metadata or {}
        return StoredObject(
            name=key,
            size=obj.size or 0,
            sha256=tags.get(SHA256_TAG),
            content_type=obj.content_type or guess_content_type(key),
            etag=obj.etag,
            metadata=decode_metadata(headers),
            last_modified=obj.last_modified,
        )

    def _open(self, name: str, mode: str = "rb") -> File:
        if mode not in {"r", "rb"}:
            raise ValueError("MinioStorage opens objects for reading only; write with save_stream().")
        key = self.validate_name(name)
        with translated(key):
            response = self.client.get_object(self.bucket, key)
        return S3File(response, key)

    def exists(self, name: str) -> bool:
        key = self.validate_name(name)
        try:
            with translated(key):
                self.client.stat_object(self.bucket, key)
        except ObjectNotFound:
            return False
        return True

    def delete(self, name: str) -> None:
        key = self.validate_name(name)
        try:
            with translated(key):
                self.client.remove_object(self.bucket, key)
        except ObjectNotFound:  # a missing bucket holds nothing to delete
            pass

    def size(self, name: str) -> int:
        key = self.validate_name(name)
        with translated(key):
            return self.client.stat_object(self.bucket, key).size or 0

    def get_modified_time(self, name: str) -> datetime:
        key = self.validate_name(name)
        with translated(key):
            modified = self.client.stat_object(self.bucket, key).last_modified
        if modified is None:
            raise StorageError(name=key)
        return modified if settings.USE_TZ else modified.astimezone().replace(tzinfo=None)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = str(path).strip("/")
        prefix = f"{prefix}/" if prefix else ""
        directories: list[str] = []
        files: list[str] = []
        try:
            with translated(prefix):
                for obj in self.client.list_objects(self.bucket, prefix=prefix, recursive=False):
                    relative = (obj.object_name or "")[len(prefix) :]
                    if obj.is_dir:
                        directories.append(relative.rstrip("/"))
                    elif relative:
                        files.append(relative)
        except ObjectNotFound:
            return [], []
        return directories, files

    # --- housekeeping (documents/orphans.py) -------------------------------------------

    def iter_objects(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        try:
            with translated(prefix):
                for obj in self.client.list_objects(self.bucket, prefix=prefix, recursive=True):
                    if obj.object_name and not obj.is_dir and obj.last_modified is not None:
                        yield obj.object_name, obj.last_modified
        except ObjectNotFound:  # no bucket yet: nothing stored
            return

    def abort_incomplete_uploads(self, *, older_than: datetime, prefix: str = "") -> int:
        """Abort the multipart uploads of this bucket begun before ``older_than`` and never completed (a client or
        a process that died mid-upload): their parts hold space and are invisible to every listing of objects."""
        aborted = 0
        try:
            with translated(prefix):
                for key, upload_id, started in self._incomplete_uploads(prefix):
                    if started < older_than:
                        self.client._abort_multipart_upload(self.bucket, key, upload_id)
                        aborted += 1
                        logger.info("Aborted the incomplete upload of %s begun %s", key, started)
        except ObjectNotFound:  # no bucket yet
            return aborted
        return aborted

    def _incomplete_uploads(self, prefix: str) -> Iterator[tuple[str, str, datetime]]:
        """ListMultipartUploads, page by page. Parsed here rather than by the SDK's ``_list_multipart_uploads``: it
        reads ``Initiated`` only in the ``...Z`` form (SeaweedFS writes an offset) and never fills in
        ``next_upload_id_marker``."""
        key_marker = upload_marker = ""
        while True:
            query: dict[str, str] = {"uploads": "", "prefix": prefix, "max-uploads": "1000"}
            if key_marker:
                query.update({"key-marker": key_marker, "upload-id-marker": upload_marker})
            response = self.client._execute("GET", self.bucket, query_params=query)  # type: ignore[arg-type]
            root = ElementTree.fromstring(response.data)  # noqa: S314 — our own storage server's answer, as the SDK parses it
            uploads = [
                (_xml_text(upload, "Key"), _xml_text(upload, "UploadId"), _xml_text(upload, "Initiated"))
                for upload in root.iter()
                if upload.tag.rsplit("}", 1)[-1] == "Upload"
            ]
            for key, upload_id, initiated in uploads:
                if key and upload_id and initiated:
                    yield key, upload_id, datetime.fromisoformat(initiated)
            if _xml_text(root, "IsTruncated").lower() != "true" or not uploads:
                return
            key_marker = _xml_text(root, "NextKeyMarker") or uploads[-1][0]
            upload_marker = _xml_text(root, "NextUploadIdMarker") or uploads[-1][1]

    # --- links ------------------------------------------------------------------------

    def presigned_url(
        self,
        name: str,
        *,
        expires: int | timedelta | None = None,
        response_content_type: str | None = None,
        filename: str | None = None,
        inline: bool = False,
    ) -> str:
        """A short-lived GET link (default MEDIA_PRESIGN_SECONDS, at most one hour); a download unless ``inline``."""
        key = self.validate_name(name)
        seconds = presign_seconds(expires, self.presign_seconds)
        response_headers: DictType = {}
        if response_content_type:
            response_headers["response-content-type"] = response_content_type
        # Downloaded unless asked inline, like the local view.
        disposition = content_disposition_header(as_attachment=not inline, filename=filename or "")
        if disposition:
            response_headers["response-content-disposition"] = disposition
        with translated(key):
            return self.signer.presigned_get_object(
                self.bucket,
                key,
                expires=timedelta(seconds=seconds),
                response_headers=response_headers or None,
            )

    def url(self, name: str | None) -> str:
        if not name:
            raise ValueError("An object name is required for a URL.")
        return self.presigned_url(name)
