import pytest

from tests.cases.factories import build_team


@pytest.fixture
def team(db):
    return build_team()


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


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    def client_for(officer=None):
        client = APIClient()
        if officer is not None:
            client.force_authenticate(officer.user)
        return client

    return client_for
