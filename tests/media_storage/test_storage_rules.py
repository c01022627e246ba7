"""The rules both backends share, checked without any server: names, metadata, lifetimes, errors."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from media_storage.backends import MinioStorage
from media_storage.exceptions import (
    ObjectNotFound,
    StorageCredentialsRejected,
    StorageError,
    StorageUnavailable,
)
from media_storage.hashing import HashingReader
from media_storage.s3 import parse_endpoint
from media_storage.storage import decode_metadata, encode_metadata, presign_seconds
from tests.media_storage.streams import GeneratedStream, MiB, expected_digest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("http://minio:9000", ("minio:9000", False)),
        ("https://s3.example.cn:443/", ("s3.example.cn:443", True)),
        ("minio:9000", ("minio:9000", False)),
        ("127.0.0.1:8333", ("127.0.0.1:8333", False)),
    ],
)
def test_the_endpoint_may_be_a_url_or_a_bare_host_and_the_scheme_decides_tls(endpoint, expected):
    assert parse_endpoint(endpoint) == expected


@pytest.mark.parametrize("endpoint", ["", "ftp://minio:21", "http://minio:9000/bucket"])
def test_an_unusable_endpoint_is_a_configuration_error(endpoint):
    with pytest.raises(ImproperlyConfigured):
        parse_endpoint(endpoint)


def test_the_settings_block_builds_a_minio_storage_from_s3_endpoint():
    """settings.py's STORAGES with S3_ENDPOINT set, in a fresh interpreter, without a server."""
    script = (
        "import json\n"
        "from django.conf import settings\n"
        "from django.utils.module_loading import import_string\n"
        "conf = settings.STORAGES['default']\n"
        "storage = import_string(conf['BACKEND'])(**conf['OPTIONS'])\n"
        "print(json.dumps([conf['BACKEND'], storage.endpoint, storage.secure, storage.bucket,"
        " storage.connect_timeout]))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "enforcement.settings",
        "S3_ENDPOINT": "https://minio.internal:9000",
        "S3_ACCESS_KEY": "k",
        "S3_SECRET_KEY": "s",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(out.stdout) == ["media_storage.backends.MinioStorage", "minio.internal:9000", True, "zhifa", 3]


def test_metadata_values_round_trip_through_ascii_headers_including_chinese_and_percent_signs():
    original = {"Original-Name": "询问笔录（第1次）.pdf", "note": "100%41 literal", "case": "A-1"}
    encoded = encode_metadata(original)
    assert all(value.isascii() for value in encoded.values())
    assert encoded["case"] == "A-1"  # plain ASCII stays readable in the MinIO console
    headers = {f"X-Amz-Meta-{key}": value for key, value in encoded.items()}
    assert decode_metadata(headers) == {
        "original-name": "询问笔录（第1次）.pdf",
        "note": "100%41 literal",
        "case": "A-1",
    }


@pytest.mark.parametrize("key", ["with space", "下划线", "under_score", "", "x" * 65])
def test_metadata_keys_must_be_header_tokens(key):
    with pytest.raises(ValueError, match="Metadata key"):
        encode_metadata({key: "v"})


def test_presign_lifetime_defaults_to_the_setting_and_never_exceeds_one_hour(settings):
    settings.MEDIA_PRESIGN_SECONDS = 240
    assert presign_seconds(None, None) == 240
    assert presign_seconds(None, 90) == 90
    assert presign_seconds(timedelta(minutes=60), None) == 3600
    for too_long in (3601, timedelta(hours=2)):
        with pytest.raises(ValueError, match="at most 3600"):
            presign_seconds(too_long, None)
    with pytest.raises(ValueError, match="at least one second"):
        presign_seconds(-5, None)


def test_minio_presigned_url_refuses_more_than_one_hour_without_touching_the_network():
    storage = MinioStorage(endpoint="127.0.0.1:9", bucket="zhifa", access_key="k", secret_key="s")
    with pytest.raises(ValueError, match="at most 3600"):
        storage.presigned_url("a.txt", expires=7200)
    url = storage.presigned_url("a.txt", expires=60, filename="决定书.pdf")
    assert url.startswith("http://127.0.0.1:9/zhifa/a.txt?")
    assert "X-Amz-Expires=60" in url
    assert "response-content-disposition=attachment" in url


def test_minio_storage_refuses_a_bad_bucket_name_or_part_size_at_configuration_time():
    with pytest.raises(ImproperlyConfigured):
        MinioStorage(endpoint="127.0.0.1:9", bucket="Bad_Bucket")
    with pytest.raises(ImproperlyConfigured):
        MinioStorage(endpoint="127.0.0.1:9", part_size=1024)


def test_hashing_reader_hashes_and_counts_what_the_consumer_reads_and_refuses_unbounded_reads():
    total = 3 * MiB + 7
    reader = HashingReader(GeneratedStream(total))
    while reader.read(1_000_000):
        pass
    assert (reader.bytes_read, reader.sha256) == (total, expected_digest(total))
    assert not reader.seekable()
    with pytest.raises(ValueError, match="needs a size"):
        HashingReader(io.BytesIO(b"abc")).read()
    small = HashingReader(io.BytesIO(b"abc"))
    assert small.read(10) == b"abc"
    assert small.sha256 == hashlib.sha256(b"abc").hexdigest()


def test_errors_carry_a_machine_code_and_a_chinese_message():
    assert (StorageUnavailable().code, str(StorageUnavailable())) == (
        "storage_unavailable",
        "对象存储服务暂不可用，请稍后重试。",
    )
    assert ObjectNotFound(name="a").code == "object_not_found"
    assert isinstance(ObjectNotFound(), FileNotFoundError)
    assert issubclass(StorageCredentialsRejected, StorageUnavailable)
    assert issubclass(StorageUnavailable, StorageError)
