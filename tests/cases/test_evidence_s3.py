"""Evidence through the real stack: a running server process, the API, and a real S3 server.

The ~200 MB upload goes over HTTP to a separate server process whose peak resident
memory (VmHWM) is read from /proc before and after: it must stay flat whatever the
size (multi-GB runs live in bench/).
"""

from __future__ import annotations

import hashlib
import urllib.request

import pytest

from cases.choices import EventType
from cases.models import Evidence
from security.tokens import issue_token
from tests.cases.factories import build_team
from tests.cases.live import mp4_chunks, peak_rss, running_server, upload
from tests.plugins.s3_server import remove_bucket, unique_bucket

pytestmark = [pytest.mark.s3, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MiB = 1024 * 1024
BIG = 200 * MiB
MAX_GROWTH = 64 * MiB  # flat: a fraction of the upload, whatever its size


@pytest.fixture
def server(s3_server, tmp_path):
    with running_server(s3_server, tmp_path) as info:
        yield info


def test_a_200_mb_recording_streams_through_the_api_to_s3_with_flat_server_memory(server):
    team = build_team()
    case = team.open_and_file()
    token = issue_token(user=team.officer1.user).raw

    upload(server["port"], token, case.pk, mp4_chunks(MiB), MiB, filename="warm.mp4", title="预热")
    before = peak_rss(server["pid"])
    expected = hashlib.sha256()
    for chunk in mp4_chunks(BIG):
        expected.update(chunk)
    body = upload(server["port"], token, case.pk, mp4_chunks(BIG), BIG, filename="执法记录.mp4", title="现场执法录像")
    growth = peak_rss(server["pid"]) - before

    assert body["size"] == BIG
    assert body["sha256"] == expected.hexdigest()
    assert body["content_type"] == "video/mp4"
    assert growth < MAX_GROWTH, f"server peak memory grew by {growth / MiB:.1f} MiB for a {BIG / MiB:.0f} MiB upload"
    item = Evidence.objects.get(pk=body["id"])
    assert (item.device, item.captured_by) == ("执法记录仪 DSJ-01", team.officer1)
    assert case.events.filter(event_type=EventType.EVIDENCE_ADDED, payload__sha256=expected.hexdigest()).exists()


def test_evidence_content_is_served_through_a_presigned_url_and_the_access_is_recorded(server):
    team = build_team()
    case = team.open_and_file()
    token = issue_token(user=team.head.user).raw
    data = b"".join(mp4_chunks(2 * MiB))
    body = upload(server["port"], token, case.pk, [data], len(data), filename="clip.mp4", title="录像")

    request = urllib.request.Request(
        f"http://127.0.0.1:{server['port']}/api/v1/evidence/{body['id']}/content/",
        headers={"Authorization": f"Token {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        fetched = response.read()
        final_url = response.geturl()

    assert hashlib.sha256(fetched).hexdigest() == body["sha256"]
    assert "X-Amz-Signature" in final_url
    assert case.events.filter(event_type=EventType.EVIDENCE_ACCESSED, actor=team.head.user).count() == 1


def test_verify_evidence_detects_an_object_changed_in_storage(s3_server, settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from cases.services.evidence import add_evidence

    bucket = unique_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "media_storage.backends.MinioStorage", "OPTIONS": s3_server.storage_options(bucket)}}  # fmt: skip
    try:
        team = build_team()
        case = team.open_and_file()
        data = b"%PDF-1.4 scanned inquiry record"
        import io

        item = add_evidence(
            case=case, actor=team.officer1.user, stream=io.BytesIO(data), original_filename="询问笔录.pdf",
            kind="scanned_record", title="询问笔录", head=data[:64], size=len(data),
        )  # fmt: skip
        call_command("verify_evidence")
        s3_server.client().put_object(bucket, item.storage_key, io.BytesIO(b"forged"), 6)

        with pytest.raises(CommandError, match="1 份证据校验失败"):
            call_command("verify_evidence")
    finally:
        remove_bucket(s3_server, bucket)
