"""Suite-wide fixtures. Real services are started by ``bin/test-services`` (PostgreSQL,
Redis) and by the plugins below (the S3 server, a Celery worker) when the tests need them."""

pytest_plugins = ["tests.plugins.celery_worker"]
