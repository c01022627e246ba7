"""MinioStorage against a real S3 server (SeaweedFS ``weed mini`` unless TEST_S3_ENDPOINT is set)."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from minio.error import S3Error

from media_storage.exceptions import ObjectNotFound, StorageCredentialsRejected, StorageError, StorageUnavailable
from tests.media_storage.conftest import use_default_storage
from tests.media_storage.streams import GeneratedStream, MiB, expected_digest
from tests.plugins.s3_server import unique_bucket

pytestmark = pytest.mark.s3

ROOT = Path(__file__).resolve().parents[2]
CHINESE_NAME = "现场执法记录仪_李四_2026-11-25.mp4"
FAILS_WITHIN_SECONDS = 10
MEMORY_BUDGET = 40 * 1024 * 1024


def _fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    """GET over plain HTTP, as a browser would follow a presigned link."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def _timed(call) -> tuple[BaseException | None, float]:
    started = time.monotonic()
    try:
        call()
    except BaseException as exc:
        return exc, time.monotonic() - started
    return None, time.monotonic() - started


# --- streaming, hashing, memory ---------------------------------------------------------


def test_a_50mb_generated_stream_uploads_with_flat_memory_and_reads_back_identical(s3_server, s3_storage):
    total = 50 * MiB + 4321
    options = s3_server.storage_options(s3_storage.bucket) | {
        "name": "evidence/2026/rec.mp4",
        "total": total,
        "metadata": {"Original-Name": CHINESE_NAME, "case": "A-2026-001"},
    }
    probe = subprocess.run(
        [sys.executable, "-m", "tests.media_storage.upload_probe", json.dumps(options)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    uploaded = json.loads(probe.stdout.strip().splitlines()[-1])
    expected = expected_digest(total)

    assert (uploaded["size"], uploaded["sha256"]) == (total, expected)
    assert uploaded["peak_rss_growth_bytes"] < MEMORY_BUDGET, uploaded

    info = s3_storage.stat(uploaded["name"])
    assert (info.size, info.sha256, info.content_type) == (total, expected, "video/mp4")
    assert info.metadata == {"original-name": CHINESE_NAME, "case": "A-2026-001"}

    digest, size = hashlib.sha256(), 0
    with s3_storage.open(uploaded["name"]) as handle:
        assert handle.size == total
        for chunk in handle.chunks(1 * MiB):
            digest.update(chunk)
            size += len(chunk)
    assert (size, digest.hexdigest()) == (total, expected)


def test_save_stream_returns_what_stat_later_reports(s3_storage):
    total = 9 * MiB + 1  # more than one 8 MiB part: the multipart path
    stored = s3_storage.save_stream(
        "a/b/证据.bin", GeneratedStream(total), content_type="application/x-evidence", metadata={"who": "王五"}
    )
    info = s3_storage.stat(stored.name)
    assert stored.sha256 == expected_digest(total) == info.sha256
    assert (stored.size, stored.content_type, dict(stored.metadata)) == (
        info.size,
        info.content_type,
        dict(info.metadata),
    )
    assert info.etag
    assert info.last_modified


def test_save_stream_never_overwrites_and_an_empty_stream_is_a_valid_object(s3_storage):
    first = s3_storage.save_stream("same.txt", io.BytesIO(b"one"))
    second = s3_storage.save_stream("same.txt", io.BytesIO(b""))
    assert second.name != first.name
    assert s3_storage.stat(second.name).sha256 == hashlib.sha256(b"").hexdigest()
    with s3_storage.open(first.name) as handle:
        assert handle.read() == b"one"


def test_a_stream_that_disagrees_with_its_declared_length_is_refused_and_not_kept(s3_storage):
    with pytest.raises(ValueError, match="Expected 10 bytes, the stream gave 3"):
        s3_storage.save_stream("short.bin", io.BytesIO(b"abc"), length=10)
    assert not s3_storage.exists("short.bin")
    with pytest.raises(ValueError, match="the stream has more"):
        s3_storage.save_stream("long.bin", io.BytesIO(b"abcdef"), length=3)
    assert not s3_storage.exists("long.bin")
    exact = s3_storage.save_stream("exact.bin", io.BytesIO(b"abc"), length=3)
    assert s3_storage.stat(exact.name).size == 3


def test_django_save_goes_through_the_same_hashed_upload(s3_storage):
    name = s3_storage.save("docs/决定书.pdf", ContentFile(b"%PDF-1.7 test"))
    info = s3_storage.stat(name)
    assert info.sha256 == hashlib.sha256(b"%PDF-1.7 test").hexdigest()
    assert info.content_type == "application/pdf"
    assert s3_storage.size(name) == len(b"%PDF-1.7 test")
    assert s3_storage.get_modified_time(name).tzinfo is not None


def test_exists_delete_listdir_and_missing_objects(s3_storage):
    s3_storage.save_stream("dir/one.txt", io.BytesIO(b"1"))
    s3_storage.save_stream("dir/sub/two.txt", io.BytesIO(b"2"))
    assert s3_storage.listdir("dir") == (["sub"], ["one.txt"])
    assert s3_storage.exists("dir/one.txt")

    s3_storage.delete("dir/one.txt")
    s3_storage.delete("dir/one.txt")  # deleting twice is harmless
    assert not s3_storage.exists("dir/one.txt")
    with pytest.raises(ObjectNotFound):
        s3_storage.stat("dir/one.txt")
    with pytest.raises(ObjectNotFound) as missing:
        s3_storage.open("dir/one.txt")
    assert isinstance(missing.value, FileNotFoundError)


def test_names_with_traversal_are_refused_before_any_request(s3_storage):
    from django.core.exceptions import SuspiciousFileOperation

    for name in ("../x", "a/../../x", "/abs"):
        with pytest.raises(SuspiciousFileOperation):
            s3_storage.save_stream(name, io.BytesIO(b"x"))


# --- presigned links and privacy -------------------------------------------------------


def test_a_presigned_url_serves_the_bytes_over_plain_http_with_the_download_name(s3_storage):
    stored = s3_storage.save_stream("ev/clip.mp4", io.BytesIO(b"\x00\x01 video bytes"), content_type="video/mp4")
    status, body, headers = _fetch(s3_storage.presigned_url(stored.name, filename=CHINESE_NAME))
    assert status == 200
    assert body == b"\x00\x01 video bytes"
    assert headers["Content-Type"] == "video/mp4"
    assert headers["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(CHINESE_NAME)}"
    assert s3_storage.url(stored.name).startswith(s3_storage.describe().rsplit("/", 1)[0])


def test_an_expired_or_garbled_presigned_url_is_refused(s3_storage):
    stored = s3_storage.save_stream("ev/a.txt", io.BytesIO(b"abc"))
    # Signed two hours ago for one minute: expired by the server's own clock.
    with time_machine.travel(datetime.now(UTC) - timedelta(hours=2)):
        expired = s3_storage.presigned_url(stored.name, expires=60)
    assert _fetch(expired)[0] == 403

    url = s3_storage.presigned_url(stored.name)
    head, signature = url.rsplit("X-Amz-Signature=", 1)
    garbled = head + "X-Amz-Signature=" + ("0" * len(signature))
    assert _fetch(garbled)[0] == 403
    assert _fetch(url)[0] == 200


def test_the_bucket_is_created_on_the_first_save_and_stays_private(s3_server, s3_storage):
    client = s3_server.client()
    assert not client.bucket_exists(s3_storage.bucket)

    stored = s3_storage.save_stream("private.txt", io.BytesIO(b"secret"))

    assert client.bucket_exists(s3_storage.bucket)
    with pytest.raises(S3Error) as no_policy:
        client.get_bucket_policy(s3_storage.bucket)
    assert no_policy.value.code == "NoSuchBucketPolicy"
    assert _fetch(f"{s3_server.endpoint}/{s3_storage.bucket}/{stored.name}")[0] == 403
    assert _fetch(f"{s3_server.endpoint}/{s3_storage.bucket}")[0] == 403


def test_a_bucket_removed_underneath_is_recreated_and_a_rewindable_upload_replayed(s3_server, s3_storage):
    s3_storage.save_stream("first.txt", io.BytesIO(b"1"))
    client = s3_server.client()
    client.remove_object(s3_storage.bucket, "first.txt")
    client.remove_bucket(s3_storage.bucket)

    stored = s3_storage.save_stream("second.txt", io.BytesIO(b"payload"))

    assert client.bucket_exists(s3_storage.bucket)
    assert s3_storage.stat(stored.name).sha256 == hashlib.sha256(b"payload").hexdigest()


def test_ensure_bucket_is_idempotent(s3_storage):
    assert s3_storage.ensure_bucket() is True
    assert s3_storage.ensure_bucket() is False
    s3_storage.check_connection()


def test_create_buckets_and_check_storage_commands_use_the_default_storage(settings, default_s3_storage, s3_server):
    client = s3_server.client()
    out = io.StringIO()
    call_command("check_storage", stdout=out)
    assert "存储桶尚未创建" in out.getvalue()

    call_command("create_buckets", stdout=out)
    assert client.bucket_exists(default_s3_storage.bucket)
    assert "已创建存储桶" in out.getvalue()

    again = io.StringIO()
    call_command("create_buckets", stdout=again)
    assert "存储桶已存在" in again.getvalue()


def test_wrong_credentials_are_reported_as_rejected_not_as_missing_objects(s3_server):
    storage = s3_server.storage(unique_bucket(), secret_key="wrong-secret")
    with pytest.raises(StorageCredentialsRejected) as rejected:
        storage.check_connection()
    assert isinstance(rejected.value, StorageUnavailable)


# --- the server goes away ----------------------------------------------------------------


def test_a_stopped_server_makes_every_operation_fail_fast_with_storage_unavailable(start_s3_server):
    server = start_s3_server()
    storage = server.storage(unique_bucket())
    stored = storage.save_stream("before.txt", io.BytesIO(b"x"))  # bucket checked while the server was up
    server.stop()

    for operation in (
        lambda: storage.save_stream("after.txt", GeneratedStream(2 * MiB)),
        lambda: storage.stat(stored.name),
        storage.check_connection,
        lambda: storage.open(stored.name),
        lambda: storage.exists(stored.name),
        lambda: server.storage(unique_bucket()).save_stream("fresh.txt", io.BytesIO(b"x")),
    ):
        error, elapsed = _timed(operation)
        assert isinstance(error, StorageUnavailable), repr(error)
        assert error.code == "storage_unavailable"
        assert elapsed < FAILS_WITHIN_SECONDS


def test_a_frozen_server_times_out_instead_of_hanging(start_s3_server):
    server = start_s3_server()
    storage = server.storage(unique_bucket(), connect_timeout=1, read_timeout=1)
    storage.ensure_bucket()
    server.freeze()
    try:
        error, elapsed = _timed(storage.check_connection)
        assert isinstance(error, StorageUnavailable), repr(error)
        assert elapsed < FAILS_WITHIN_SECONDS
    finally:
        server.thaw()


def test_views_touching_a_stopped_server_answer_503_through_the_middleware(settings, start_s3_server):
    server = start_s3_server()
    bucket = unique_bucket()
    server.storage(bucket).save_stream("ev.txt", io.BytesIO(b"x"))
    server.stop()
    use_default_storage(settings, "media_storage.backends.MinioStorage", server.storage_options(bucket))
    from django.core.files.storage import default_storage

    assert default_storage.endpoint == server.host  # the override reached the cached default

    started = time.monotonic()
    api = Client().get("/api/evidence/ev.txt")
    drf = Client().get("/api/drf/evidence/ev.txt")
    page = Client().get("/evidence/ev.txt", HTTP_ACCEPT="text/html")

    assert time.monotonic() - started < 2 * FAILS_WITHIN_SECONDS
    assert api.status_code == 503
    assert api.json() == {"code": "storage_unavailable", "detail": "对象存储服务暂不可用，请稍后重试。"}
    assert (drf.status_code, drf.json()["code"]) == (503, "storage_unavailable")
    assert page.status_code == 503
    assert "文件服务暂不可用" in page.content.decode()


def test_create_buckets_and_check_storage_exit_non_zero_when_the_server_is_down(settings, start_s3_server):
    server = start_s3_server()
    server.stop()
    use_default_storage(settings, "media_storage.backends.MinioStorage", server.storage_options(unique_bucket()))
    for command in ("create_buckets", "check_storage"):
        with pytest.raises(CommandError, match="对象存储服务暂不可用") as failed:
            call_command(command, stdout=io.StringIO())
        assert isinstance(failed.value.__cause__, StorageError)
