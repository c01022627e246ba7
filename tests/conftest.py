"""Suite-wide fixtures. Real services are started by ``bin/test-services`` (PostgreSQL,
Redis) and by the plugins below (the S3 server, a Celery worker) when the tests need them."""

import pytest

pytest_plugins = ["tests.plugins.celery_worker", "tests.plugins.s3_server", "tests.plugins.browser"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs seconds per user in factories; tests do not need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
