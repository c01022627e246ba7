"""The reminders on a real ``celery beat`` (issue 5): the project's daily schedule entry, unchanged,
sent by beat to the real worker, which marks the overdue deadline red in the test database and
reminds the handlers and their heads — once, however often beat sends it."""

import datetime

import pytest
from celery.beat import ScheduleEntry
from django.conf import settings
from django.utils import timezone

from deadlines.choices import Level, NotificationKind
from deadlines.models import Deadline, Notification
from deadlines.tasks import scan_deadlines as scan_task
from tests.plugins.celery_beat import read_schedule

ENTRY = "deadlines-scan-daily"


def the_project_entry() -> ScheduleEntry:
    from enforcement.celery import app

    return ScheduleEntry(**dict(settings.CELERY_BEAT_SCHEDULE[ENTRY], name=ENTRY, app=app))


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)  # committed, so the worker sees the case
def test_beat_sends_the_daily_scan_and_the_worker_reminds_once_however_often(team, travel, celery_beat):
    # Beat passes no day: the worker scans its own today, so the case is filed 100 days before it.
    filed_on = timezone.localdate() - datetime.timedelta(days=100)
    travel(filed_on)
    case = team.open_and_file(
        violation_date=filed_on - datetime.timedelta(days=31), discovered_on=filed_on - datetime.timedelta(days=2)
    )
    travel.stop()
    limit = Deadline.objects.get(case=case, kind="case_time_limit")
    assert limit.due_on < timezone.localdate() and limit.reminded_level == Level.NONE

    # Beat last sent the daily entry two days ago: on starting it sends the missed 07:00 run.
    beat = celery_beat(missed=[ENTRY])
    [sent] = beat.wait_until_sent()
    first = scan_task.AsyncResult(sent.id).get(timeout=30)  # the worker ran beat's message
    beat.stop()

    assert (sent.entry, sent.task) == (ENTRY, "deadlines.scan_deadlines")
    assert (first["overdue"], first["notifications"]) == (1, 4)
    limit.refresh_from_db()
    assert limit.reminded_level == Level.OVERDUE
    reminded = Notification.objects.filter(case=case, deadline=limit, level=NotificationKind.OVERDUE)
    expected = sorted(o.user.username for o in (team.officer1, team.officer2, team.head, team.deputy))
    assert sorted(reminded.values_list("recipient__username", flat=True)) == expected
    stored = read_schedule(beat.schedule_file)[ENTRY]
    assert stored.editable_fields_equal(the_project_entry())  # same task, schedule, args, kwargs, options
    assert stored.total_run_count == 1
    assert timezone.now() - stored.last_run_at < datetime.timedelta(minutes=5)

    # Beat sends it again the same day (restarted, its state lost): nobody is reminded twice.
    again = celery_beat(missed=[ENTRY])
    [resent] = again.wait_until_sent()
    second = scan_task.AsyncResult(resent.id).get(timeout=30)
    again.stop()

    assert resent.id != sent.id and resent.entry == ENTRY
    assert (second["overdue"], second["notifications"]) == (1, 0)
    assert Notification.objects.filter(case=case).count() == 4
    assert read_schedule(again.schedule_file)[ENTRY].total_run_count == 2
