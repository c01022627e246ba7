"""Housekeeping of the object storage (issue 11, item 1): abandoned multipart uploads are aborted and objects no
committed row names are removed — only this project's key shapes, only past the grace period, never an object a
row names (documents/orphans.py, ``manage.py clean_storage``)."""

from __future__ import annotations

import datetime
import io
import os
import time
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.services.evidence import add_evidence
from documents.orphans import clean_storage
from media_storage.storage import get_storage
from tests.cases.test_pages import jpeg_bytes


def _store(key: str, data: bytes = b"%PDF-1.7 test") -> str:
    return get_storage().save_stream(key, io.BytesIO(data), content_type="application/octet-stream").name


def _age(root, key: str, days: float = 2) -> None:
    old = time.time() - days * 86400
    os.utime(root / key, (old, old))


def test_only_old_unnamed_objects_of_the_project_s_shapes_are_removed(team, tmp_path, capsys):
    root = tmp_path / "media"
    case = team.open_and_file()
    data = jpeg_bytes()
    evidence = add_evidence(
        case=case, actor=team.officer1.user, stream=io.BytesIO(data), original_filename="scene.jpg", kind="photo",
        title="现场照片", head=data[:64], size=len(data),
    )  # fmt: skip
    prefix = f"cases/{case.agency_id}/{case.pk}"
    orphan_evidence = _store(f"{prefix}/evidence/{uuid.uuid4().hex}")  # its row rolled back, the clean-up died
    orphan_receipt = _store(f"{prefix}/service/{uuid.uuid4().hex}")
    orphan_pdf = _store(f"documents/{case.agency_id}/{case.pk}/999-v1.pdf")
    orphan_rendition = _store(f"documents/{case.agency_id}/{case.pk}/999-v1-masked.pdf")
    recent = _store(f"{prefix}/evidence/{uuid.uuid4().hex}")  # its row may be about to commit
    foreign = [_store("audit/checkpoints/1.json"), _store(f"{prefix}/evidence/notes.txt")]  # not ours to judge
    for key in [evidence.storage_key, orphan_evidence, orphan_receipt, orphan_pdf, orphan_rendition, *foreign]:
        _age(root, key)

    call_command("clean_storage", "--dry-run")
    assert "将删除" in capsys.readouterr().out
    assert (root / orphan_evidence).exists()  # a dry run touches nothing

    report = clean_storage(grace=datetime.timedelta(hours=24))

    assert sorted(report.removed) == sorted([orphan_evidence, orphan_receipt, orphan_pdf, orphan_rendition])
    for key in (orphan_evidence, orphan_receipt, orphan_pdf, orphan_rendition):
        assert not (root / key).exists()
    for key in (evidence.storage_key, recent, *foreign):
        assert (root / key).exists(), key
    assert (report.named, report.kept_recent, report.foreign) == (1, 1, 1)  # audit/ is not even listed


@pytest.mark.s3
def test_abandoned_multipart_uploads_are_aborted_and_unnamed_objects_removed_in_s3(s3_storage, db, monkeypatch):
    s3_storage.ensure_bucket()
    client, bucket = s3_storage.client, s3_storage.bucket
    key = f"cases/1/2/evidence/{uuid.uuid4().hex}"
    upload_id = client._create_multipart_upload(bucket, key, {"Content-Type": "video/mp4"})
    client._upload_part(bucket, key, b"\0" * (5 * 1024 * 1024), None, upload_id, 1)  # a tablet that died mid-video
    orphan = s3_storage.save_stream("documents/1/2/3-v1.pdf", io.BytesIO(b"%PDF"), content_type="application/pdf")
    foreign = s3_storage.save_stream("backups/manifest.json", io.BytesIO(b"{}"), content_type="application/json")

    fresh = clean_storage(grace=datetime.timedelta(hours=24), storage=s3_storage)
    assert (fresh.aborted_uploads, fresh.removed) == (0, [])  # nothing is old yet

    # Two days later for the sweep only (a travelling clock would make the server refuse our signatures).
    later = timezone.now() + datetime.timedelta(days=2)
    monkeypatch.setattr("documents.orphans.timezone.now", lambda: later)
    report = clean_storage(grace=datetime.timedelta(hours=24), storage=s3_storage)

    assert report.aborted_uploads == 1
    assert client._list_multipart_uploads(bucket).uploads == []
    assert report.removed == [orphan.name]
    assert not s3_storage.exists(orphan.name)
    assert s3_storage.exists(foreign.name)
