import pytest


@pytest.fixture
def local_storage(settings, tmp_path):
    """The embedded local-folder storage in a private folder (fast unit tests of the upload path)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "media_storage.backends.LocalStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "presign_seconds": 300},
        },
    }
    return tmp_path / "media"
