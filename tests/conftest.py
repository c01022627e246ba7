"""Suite-wide fixtures. Real services are started by ``bin/test-services`` (PostgreSQL,
Redis) and by the plugins below (the S3 server, a Celery worker) when the tests need them."""

import pytest

pytest_plugins = [
    "tests.plugins.celery_worker",
    "tests.plugins.celery_beat",
    "tests.plugins.s3_server",
    "tests.plugins.browser",
]

# The suite runs on pytest-xdist workers (bin/run-tests: ``-n 2 --dist loadgroup``). The tests that use the
# one real S3 server, Celery worker, beat, browser or live server of a test session run together on one
# worker, which starts those processes once.
SHARED_SERVICES = frozenset(
    {"s3_server", "start_s3_server", "celery_worker", "celery_beat", "browser", "page", "live_server"}
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SHARED_SERVICES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("services"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database lets the suite flush its append-only tables between transactional tests: their
    ``BEFORE TRUNCATE`` triggers (kernel/append_only.py) allow TRUNCATE only where ``zhifa.allow_truncate`` is
    on, which no production database has. New connections read the setting, so the open one is closed."""
    from django.db import connections

    from kernel.append_only import ALLOW_TRUNCATE

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor == "postgresql":
                name = connection.ops.quote_name(connection.settings_dict["NAME"])
                with connection.cursor() as cursor:
                    cursor.execute(f"ALTER DATABASE {name} SET {ALLOW_TRUNCATE} = 'on'")
                connection.close()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs seconds per user in factories; tests do not need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_may_join_results():
    """Celery marks "inside a task" in a process-wide flag around each eager task (``denied_join_result``)
    and restores it on the way out; two eager tasks running at once in different threads (the concurrency
    tests file cases from threads, and each filing renders its 立案审批表 eagerly on commit) can restore it
    out of order and leave it set, so that every later ``result.get()`` in the test process raises "Never
    call result.get() within a task". Each test starts from the state of a fresh process."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture
def step_document_fails(settings, monkeypatch):
    """``fails(kind, message)``: until ``restore()``, issuing ``kind`` from a step raises ``message`` and
    the receiver logs it as in production (documents.receivers, DOCUMENTS_STRICT off)."""
    from documents import receivers

    real = receivers.issue_for_step

    class Failing:
        def __call__(self, kind: str, message: str) -> "Failing":
            def issue(event, step):
                if step.kind == kind:
                    raise RuntimeError(message)
                return real(event, step)

            monkeypatch.setattr(receivers, "issue_for_step", issue)
            settings.DOCUMENTS_STRICT = False
            return self

        def restore(self) -> None:
            monkeypatch.setattr(receivers, "issue_for_step", real)

    return Failing()


@pytest.fixture(autouse=True)
def _strict_step_documents(settings):
    # The receiver that issues each step's document logs and swallows its faults in production (never
    # undoing a legal act); the tests see them.
    settings.DOCUMENTS_STRICT = True


@pytest.fixture(autouse=True)
def _no_render_loop(settings):
    # The suite renders on commit (eager tasks) or through its workers; the background loop of the embedded
    # default (documents/background.py) is switched on by the tests of that loop only.
    settings.DOCUMENTS_RENDER_LOOP = False


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
