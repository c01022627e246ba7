"""Suite-wide fixtures. Real services are started by ``bin/test-services`` (PostgreSQL,
Redis) and by the plugins below (the S3 server, a Celery worker) when the tests need them."""

import pytest

pytest_plugins = ["tests.plugins.celery_worker", "tests.plugins.s3_server", "tests.plugins.browser"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs seconds per user in factories; tests do not need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db):
    """An agency with the people of DOMAIN.md, a matter it holds, and an outsider (tests/cases/factories.py)."""
    from tests.cases.factories import build_team

    return build_team()


@pytest.fixture
def api():
    """``api(officer)``: a DRF client authenticated as that officer (or anonymous)."""
    from rest_framework.test import APIClient

    def client_for(officer=None):
        client = APIClient()
        if officer is not None:
            client.force_authenticate(officer.user)
        return client

    return client_for
