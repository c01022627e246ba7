"""create_buckets and check_storage on the embedded default (the S3 variants live in test_s3_storage)."""

from __future__ import annotations

import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.media_storage.conftest import use_default_storage


def test_create_buckets_creates_the_local_folder_once_then_reports_it_exists(local_storage):
    out = io.StringIO()
    call_command("create_buckets", stdout=out)
    assert os.path.isdir(local_storage.location)
    assert "已创建存储桶" in out.getvalue()

    again = io.StringIO()
    call_command("create_buckets", stdout=again)
    assert "存储桶已存在" in again.getvalue()

    ok = io.StringIO()
    call_command("check_storage", stdout=ok)
    assert "对象存储连接正常" in ok.getvalue()


def test_check_storage_fails_with_a_clear_message_when_the_folder_is_unusable(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    use_default_storage(settings, "media_storage.backends.LocalStorage", {"location": str(blocker)})
    with pytest.raises(CommandError, match="本地存储目录不可用"):
        call_command("check_storage", stdout=io.StringIO())
    with pytest.raises(CommandError, match="无法创建本地存储目录"):
        call_command("create_buckets", stdout=io.StringIO())
