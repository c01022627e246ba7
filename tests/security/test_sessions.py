"""Idle session timeout (SESSION_IDLE_TIMEOUT, default 30 minutes, sliding) and the absolute cap."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils import timezone

from security.choices import SecurityEventKind
from security.models import SecurityEvent
from tests.officers.factories import PASSWORD, OfficerFactory

pytestmark = pytest.mark.django_db


def test_the_defaults():
    assert django_settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert django_settings.SESSION_COOKIE_AGE == 8 * 3600


def _logged_in(client):
    officer = OfficerFactory()
    assert client.post("/login/", {"username": officer.user.username, "password": PASSWORD}).status_code == 302
    return officer


def test_thirty_idle_minutes_end_the_session():
    from django.test import Client

    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        officer = _logged_in(client)
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29 + 31), tick=False):
        response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session
    expired = SecurityEvent.objects.get(kind=SecurityEventKind.SESSION_EXPIRED, user_id=officer.user.pk)
    assert expired.detail["reason"] == "idle"


def test_activity_slides_the_limit_but_not_past_the_absolute_cap(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _logged_in(client)
    # A request every 20 minutes keeps the session for the working day …
    minutes = 20
    while minutes < 8 * 60:
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200, minutes
        minutes += 20
    # … and no longer: eight hours after the login it ends whatever the activity.
    with time_machine.travel(start + datetime.timedelta(hours=8, minutes=1), tick=False):
        response = client.get("/")
    assert response.status_code == 302
    expired = SecurityEvent.objects.filter(kind=SecurityEventKind.SESSION_EXPIRED).latest("seq")
    assert expired.detail["reason"] == "absolute"


def test_the_idle_limit_is_configurable(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _logged_in(client)
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        assert client.get("/").status_code == 302


def test_the_session_api_is_401_after_the_idle_limit(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _logged_in(client)
        assert client.get("/api/v1/officers/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=31), tick=False):
        answer = client.get("/api/v1/officers/")
    assert (answer.status_code, answer.json()["code"]) == (401, "not_authenticated")
