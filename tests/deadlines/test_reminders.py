"""The daily reminder job: yellow when few working days are left, red once overdue; the handlers and
their heads reminded in-app (and by e-mail when configured) once per level; on Celery beat."""

import pytest
from celery.schedules import crontab
from django.conf import settings

from deadline_watch.approvals import extend_deadline
from deadlines.choices import Level, NotificationKind
from deadlines.models import Deadline, DeadlinePolicy, Notification
from deadlines.services.reminders import scan_deadlines
from deadlines.tasks import scan_deadlines as scan_task
from tests.deadlines.steps import D

# The case time limit of a case filed 2026-09-01 runs to Monday 2026-11-30.
LIMIT_DUE = D(2026, 11, 30)


@pytest.fixture
def filed(team, travel):
    travel(D(2026, 9, 1))
    case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
    return Deadline.objects.get(case=case, kind="case_time_limit")


def recipients(level):
    return sorted(n.recipient.username for n in Notification.objects.filter(level=level))


@pytest.mark.django_db
def test_nothing_is_said_while_the_deadline_is_far_off(filed):
    result = scan_deadlines(today=D(2026, 11, 20))  # six working days left

    assert (result.approaching, result.overdue, result.notifications) == (0, 0, 0)


@pytest.mark.django_db
def test_three_working_days_before_it_turns_yellow_for_the_handlers_and_the_heads(team, filed):
    result = scan_deadlines(today=D(2026, 11, 25))  # 26, 27, 30 November left

    filed.refresh_from_db()
    assert filed.reminded_level == Level.APPROACHING
    assert result.approaching == 1
    expected = sorted(o.user.username for o in (team.officer1, team.officer2, team.head, team.deputy))
    assert recipients(NotificationKind.APPROACHING) == expected
    note = Notification.objects.filter(level=NotificationKind.APPROACHING).first()
    assert "将于2026-11-30届满，剩余3个工作日" in note.message
    assert "第六十条" in note.message


@pytest.mark.django_db
def test_once_past_it_turns_red_and_is_reminded_again(team, filed):
    scan_deadlines(today=D(2026, 11, 25))
    result = scan_deadlines(today=D(2026, 12, 2))

    filed.refresh_from_db()
    assert filed.reminded_level == Level.OVERDUE
    assert result.overdue == 1 and result.overdue_by_agency == {team.agency.pk: 1}
    assert "已逾期2个工作日" in Notification.objects.filter(level=NotificationKind.OVERDUE).first().message


@pytest.mark.django_db
def test_running_the_job_twice_reminds_once_per_level(filed):
    first = scan_deadlines(today=D(2026, 12, 2))
    second = scan_deadlines(today=D(2026, 12, 2))

    assert first.notifications == 4 and second.notifications == 0
    assert Notification.objects.count() == 4


@pytest.mark.django_db
def test_an_extension_makes_the_new_last_day_remindable_again(team, filed):
    scan_deadlines(today=D(2026, 11, 25))
    extend_deadline(deadline=filed, actor=team.head.user, days=30, reason="案情复杂")
    filed.refresh_from_db()

    assert filed.reminded_level == Level.NONE
    scan_deadlines(today=D(2026, 12, 28))
    assert Notification.objects.filter(level=NotificationKind.APPROACHING, due_on=D(2026, 12, 30)).count() == 4


@pytest.mark.django_db
def test_the_yellow_threshold_is_agency_policy(filed, team):
    DeadlinePolicy.objects.create(agency=team.agency, approaching_working_days=6)

    assert scan_deadlines(today=D(2026, 11, 20)).approaching == 1


@pytest.mark.django_db
def test_party_windows_and_met_deadlines_are_not_chased(team, travel):
    travel(D(2026, 9, 14))
    case = team.open_and_file()
    team.conclude(case)
    team.notify(case, served_on=D(2026, 9, 14))  # the statement window: the party's

    scan_deadlines(today=D(2026, 10, 30))

    assert not Notification.objects.filter(deadline__kind__in=["statement", "lead_verification"]).exists()


@pytest.mark.django_db
def test_reminders_go_by_email_when_a_mail_host_is_configured(team, filed, settings, mailoutbox,
                                                              django_capture_on_commit_callbacks):  # fmt: skip
    settings.EMAIL_HOST = "smtp.example.gov.cn"
    team.officer1.user.email = "wang@example.gov.cn"
    team.officer1.user.save()

    with django_capture_on_commit_callbacks(execute=True):
        scan_deadlines(today=D(2026, 12, 2))

    assert [m.to for m in mailoutbox] == [["wang@example.gov.cn"]]
    assert "已逾期" in mailoutbox[0].body
    assert Notification.objects.get(recipient=team.officer1.user).emailed_at is not None


@pytest.mark.django_db
def test_without_a_mail_host_reminders_stay_in_app(team, filed, mailoutbox, django_capture_on_commit_callbacks):
    team.officer1.user.email = "wang@example.gov.cn"
    team.officer1.user.save()

    with django_capture_on_commit_callbacks(execute=True):
        scan_deadlines(today=D(2026, 12, 2))

    assert mailoutbox == []
    assert Notification.objects.filter(recipient=team.officer1.user).exists()


# --- Celery -------------------------------------------------------------------------------------


def test_beat_runs_the_scan_every_day_at_seven_in_shanghai():
    from enforcement.celery import app

    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "deadlines.scan_deadlines")

    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert settings.CELERY_TIMEZONE == "Asia/Shanghai"
    assert app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE
    assert "deadlines.scan_deadlines" in app.tasks
    assert app.tasks["deadlines.scan_deadlines"].acks_late


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_the_scan_runs_in_a_real_worker_and_a_second_run_reminds_nobody_again(team, travel, celery_worker):
    travel(D(2026, 9, 1))
    case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
    travel.stop()  # the worker keeps its own clock; the day is passed explicitly

    first = scan_task.apply_async(kwargs={"today": "2026-12-02"}, queue=celery_worker.queue).get(timeout=60)
    second = scan_task.apply_async(kwargs={"today": "2026-12-02"}, queue=celery_worker.queue).get(timeout=60)

    assert (first["overdue"], first["notifications"]) == (1, 4)
    assert (second["overdue"], second["notifications"]) == (1, 0)
    assert Notification.objects.filter(case=case, level=NotificationKind.OVERDUE).count() == 4
    assert Deadline.objects.get(case=case, kind="case_time_limit").reminded_level == Level.OVERDUE
    registered = scan_task.app.control.inspect([celery_worker.name]).registered()
    assert "deadlines.scan_deadlines" in registered[celery_worker.name]


@pytest.mark.django_db
def test_the_scan_reads_the_holiday_table_once_however_many_deadlines(team, travel):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    travel(D(2026, 9, 1))
    for _ in range(4):
        team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))

    with CaptureQueriesContext(connection) as scan:
        result = scan_deadlines(today=D(2026, 12, 2))

    assert result.overdue == 4
    assert sum('"clock_calendarday"' in q["sql"] for q in scan.captured_queries) == 1
