import os

import pytest

from enforcement.tasks import ping

pytestmark = pytest.mark.celery


def test_ping_round_trips_through_a_real_worker_on_redis(celery_worker):
    result = ping.apply_async(args=["你好"], queue=celery_worker.queue)

    answer = result.get(timeout=30)

    assert answer["echo"] == "你好"
    # The task ran in the worker process, not eagerly in this one.
    assert answer["pid"] == celery_worker.process.pid
    assert answer["pid"] != os.getpid()
    assert result.state == "SUCCESS"


def test_tasks_run_eagerly_without_a_broker(settings):
    # The embedded default (make run): no CELERY_BROKER_URL, tasks run in-process.
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    answer = ping.delay("x").get(timeout=5)
    assert answer == {"echo": "x", "host": answer["host"], "pid": os.getpid()}
