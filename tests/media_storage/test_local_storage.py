"""LocalStorage, the embedded default: the same interface as MinioStorage, on a folder."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import time_machine
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.test import Client

from media_storage.exceptions import ObjectNotFound, StorageUnavailable
from media_storage.local import presign_signer
from media_storage.storage import MAX_PRESIGN_SECONDS, ObjectStorage, get_storage
from tests.media_storage.streams import GeneratedStream, MiB, expected_digest

CHINESE_NAME = "现场执法记录_张三.mp4"


def _body(response) -> bytes:
    try:
        return b"".join(response.streaming_content)
    finally:
        response.close()


def _file_sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def test_local_storage_is_the_default_and_offers_the_object_storage_interface(local_storage):
    assert get_storage() is not None
    assert isinstance(get_storage(), ObjectStorage)
    assert isinstance(local_storage, ObjectStorage)


def test_save_stream_hashes_a_generated_stream_in_chunks_and_stat_reads_it_back(local_storage):
    total = 5 * MiB + 123
    stored = local_storage.save_stream(
        "cases/2026/rec.mp4",
        GeneratedStream(total),
        content_type="video/mp4",
        metadata={"Original-Name": CHINESE_NAME, "case": "A-2026-001"},
    )

    assert stored.name == "cases/2026/rec.mp4"
    assert stored.size == total
    assert stored.sha256 == expected_digest(total)
    assert _file_sha256(local_storage.path(stored.name)) == stored.sha256
    info = local_storage.stat(stored.name)
    assert (info.size, info.sha256, info.content_type) == (total, stored.sha256, "video/mp4")
    assert info.metadata == {"original-name": CHINESE_NAME, "case": "A-2026-001"}
    assert info.last_modified is not None


def test_save_stream_never_overwrites_an_existing_file(local_storage):
    first = local_storage.save_stream("a/evidence.txt", io.BytesIO(b"first"))
    second = local_storage.save_stream("a/evidence.txt", io.BytesIO(b"second"))

    assert first.name == "a/evidence.txt"
    assert second.name != first.name
    with local_storage.open(first.name) as handle:
        assert handle.read() == b"first"
    assert local_storage.stat(second.name).sha256 == hashlib.sha256(b"second").hexdigest()


def test_save_stream_refuses_a_stream_shorter_than_its_declared_length_and_keeps_nothing(local_storage):
    with pytest.raises(ValueError, match="Expected 10 bytes"):
        local_storage.save_stream("short.bin", io.BytesIO(b"abc"), length=10)
    assert not local_storage.exists("short.bin")


def test_django_save_records_sha256_and_content_type_for_in_memory_and_temporary_uploads(local_storage):
    name = local_storage.save("docs/决定书.pdf", ContentFile(b"%PDF-1.7 test"))
    info = local_storage.stat(name)
    assert info.sha256 == hashlib.sha256(b"%PDF-1.7 test").hexdigest()
    assert info.content_type == "application/pdf"

    upload = TemporaryUploadedFile("video.mp4", "video/mp4", 0, None)
    upload.write(b"\x00" * 300_000)
    upload.seek(0)
    moved = local_storage.save("videos/video.mp4", upload)
    upload.close()  # what Django's request cleanup does after the move
    moved_info = local_storage.stat(moved)
    assert moved_info.sha256 == hashlib.sha256(b"\x00" * 300_000).hexdigest()
    assert (moved_info.size, moved_info.content_type) == (300_000, "video/mp4")


def test_open_streams_the_file_and_a_missing_name_raises_object_not_found(local_storage):
    stored = local_storage.save_stream("x/y.bin", GeneratedStream(3 * MiB))
    digest = hashlib.sha256()
    with local_storage.open(stored.name) as handle:
        for chunk in handle.chunks(256 * 1024):
            digest.update(chunk)
    assert digest.hexdigest() == stored.sha256

    with pytest.raises(ObjectNotFound) as missing:
        local_storage.open("x/missing.bin")
    assert missing.value.code == "object_not_found"
    assert isinstance(missing.value, FileNotFoundError)  # Django callers still catch it
    with pytest.raises(ObjectNotFound):
        local_storage.stat("x/missing.bin")


def test_delete_removes_the_file_and_its_sidecar_and_listings_hide_the_metadata_tree(local_storage):
    stored = local_storage.save_stream("top.txt", io.BytesIO(b"x"), metadata={"k": "v"})
    local_storage.save_stream("sub/inner.txt", io.BytesIO(b"y"))
    assert local_storage.listdir("") == (["sub"], ["top.txt"])

    local_storage.delete(stored.name)
    assert not local_storage.exists(stored.name)
    assert not os.path.exists(local_storage._meta_path(stored.name))
    local_storage.delete(stored.name)  # deleting twice is harmless


def test_names_that_escape_the_root_or_touch_the_metadata_tree_are_refused(local_storage):
    for name in ("../outside.txt", "a/../../outside.txt", "/etc/passwd", ".meta/top.txt.json"):
        with pytest.raises(SuspiciousFileOperation):
            local_storage.save_stream(name, io.BytesIO(b"x"))
        with pytest.raises(SuspiciousFileOperation):
            local_storage.presigned_url(name)
    assert not os.path.exists(os.path.join(os.path.dirname(local_storage.location), "outside.txt"))


def test_ensure_bucket_creates_the_folder_once_and_check_connection_accepts_it(local_storage):
    assert not os.path.exists(local_storage.location)
    assert local_storage.ensure_bucket() is True
    assert local_storage.ensure_bucket() is False
    local_storage.check_connection()


def test_check_connection_raises_storage_unavailable_when_the_folder_is_unusable(settings, tmp_path):
    from media_storage.backends import LocalStorage

    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    storage = LocalStorage(location=str(not_a_folder))
    with pytest.raises(StorageUnavailable) as unavailable:
        storage.check_connection()
    assert unavailable.value.code == "storage_unavailable"
    with pytest.raises(StorageUnavailable):
        LocalStorage(location=str(not_a_folder / "below")).ensure_bucket()


# --- presigned links and the signed view -------------------------------------------------
# Closing a served response sends ``request_finished``, whose ``close_old_connections`` runs the
# connection health check when an earlier test left the connection open: these tests may touch the
# database (they only ever close it), so they say so rather than depend on the order tests run in.
served = pytest.mark.django_db


@served
def test_presigned_url_serves_the_file_with_a_valid_signature(local_storage):
    stored = local_storage.save_stream("ev/clip.mp4", GeneratedStream(2 * MiB), content_type="video/mp4")
    url = local_storage.presigned_url(stored.name, filename=CHINESE_NAME)
    assert url.startswith("/media/s/")
    assert local_storage.url(stored.name).startswith("/media/s/")

    response = Client().get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(CHINESE_NAME)}"
    assert response["Cache-Control"] == "private, no-store"
    assert hashlib.sha256(_body(response)).hexdigest() == stored.sha256


@served
def test_presigned_url_can_ask_for_inline_display_and_a_content_type(local_storage):
    stored = local_storage.save_stream("ev/photo.bin", io.BytesIO(b"\x89PNG"))
    response = Client().get(local_storage.presigned_url(stored.name, inline=True, response_content_type="image/png"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert _body(response) == b"\x89PNG"


@served
def test_uploaded_html_is_always_downloaded_never_rendered_inline(local_storage):
    stored = local_storage.save_stream("ev/page.html", io.BytesIO(b"<script>alert(1)</script>"))
    response = Client().get(local_storage.presigned_url(stored.name, inline=True))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    response.close()


@served
def test_presigned_url_is_refused_once_its_lifetime_has_passed(local_storage):
    stored = local_storage.save_stream("ev/a.txt", io.BytesIO(b"abc"))
    start = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        url = local_storage.presigned_url(stored.name, expires=120)
        traveller.move_to(start + timedelta(seconds=119))
        ok = Client().get(url)
        assert ok.status_code == 200
        ok.close()
        traveller.move_to(start + timedelta(seconds=122))
        assert Client().get(url).status_code == 404


def test_a_tampered_or_garbled_signature_is_refused(local_storage):
    stored = local_storage.save_stream("ev/a.txt", io.BytesIO(b"abc"))
    url = local_storage.presigned_url(stored.name)
    token = url.removeprefix("/media/s/").rstrip("/")
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")

    assert Client().get(f"/media/s/{flipped}/").status_code == 404
    assert Client().get("/media/s/garbage/").status_code == 404
    # A payload signed with another key (or salt) is not ours either.
    from django.core import signing

    foreign = signing.TimestampSigner(key="another-secret", salt="media_storage.presigned")
    forged = foreign.sign_object({"n": stored.name, "e": 300}, compress=True)
    assert Client().get(f"/media/s/{forged}/").status_code == 404


def test_a_validly_signed_traversal_name_is_still_refused(local_storage):
    local_storage.ensure_bucket()
    Path(local_storage.location, "..", "secret.txt").write_text("outside the storage root")
    forged = presign_signer().sign_object({"n": "../secret.txt", "e": 300}, compress=True)
    assert Client().get(f"/media/s/{forged}/").status_code == 404
    absolute = presign_signer().sign_object({"n": "/etc/passwd", "e": 300}, compress=True)
    assert Client().get(f"/media/s/{absolute}/").status_code == 404


def test_unsigned_media_paths_are_never_served(local_storage):
    stored = local_storage.save_stream("ev/a.txt", io.BytesIO(b"abc"))
    assert Client().get(f"/media/{stored.name}").status_code == 404
    assert Client().get(f"/media/s/{stored.name}/").status_code == 404


def test_a_presigned_lifetime_above_one_hour_is_refused(local_storage):
    with pytest.raises(ValueError, match="at most 3600"):
        local_storage.presigned_url("a.txt", expires=MAX_PRESIGN_SECONDS + 1)
    with pytest.raises(ValueError, match="at most 3600"):
        local_storage.presigned_url("a.txt", expires=timedelta(hours=2))
    with pytest.raises(ValueError, match="at least one second"):
        local_storage.presigned_url("a.txt", expires=0)
    assert local_storage.presigned_url("a.txt", expires=timedelta(hours=1))


def test_the_project_root_urlconf_mounts_the_signed_view_under_media():
    from django.urls import resolve

    match = resolve("/media/s/token/", urlconf="enforcement.urls")
    assert match.view_name == "media_storage:signed"
