"""Fixtures of the media_storage tests: a test URLconf and storages pointed at temporary places."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage, storages

from media_storage.backends import LocalStorage, MinioStorage


def use_default_storage(settings, backend: str, options: dict) -> None:
    """Point STORAGES["default"] elsewhere; Django's setting_changed handler drops the cached instances."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend, "OPTIONS": options}}


@pytest.fixture(autouse=True)
def _media_urls(settings):
    settings.ROOT_URLCONF = "tests.media_storage.urls"


@pytest.fixture
def local_storage(settings, tmp_path) -> LocalStorage:
    """A LocalStorage on a temporary folder, installed as the default storage."""
    use_default_storage(
        settings, "media_storage.backends.LocalStorage", {"location": str(tmp_path / "media"), "presign_seconds": 300}
    )
    storage = storages["default"]
    assert isinstance(storage, LocalStorage)
    assert default_storage.location == storage.location  # the lazy default follows the override
    return storage


@pytest.fixture
def default_s3_storage(settings, s3_server, s3_storage) -> MinioStorage:
    """The session's S3 server, on a fresh bucket, installed as the default storage."""
    use_default_storage(settings, "media_storage.backends.MinioStorage", s3_server.storage_options(s3_storage.bucket))
    storage = storages["default"]
    assert isinstance(storage, MinioStorage)
    return storage
