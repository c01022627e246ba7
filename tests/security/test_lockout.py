"""Ten wrong passwords lock an account (django-axes), on the login page, the admin login and the token endpoint;
the right password is then refused while locked; the lockouts are in the security log."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from security.choices import SecurityEventKind
from security.models import SecurityEvent
from tests.officers.factories import PASSWORD, OfficerFactory

pytestmark = pytest.mark.django_db


def _login(client, username: str, password: str, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)


def test_ten_wrong_passwords_lock_the_account_with_a_clear_message_and_the_right_one_is_refused(client):
    officer = OfficerFactory()
    username = officer.user.username
    for attempt in range(9):
        response = _login(client, username, f"wrong-{attempt}")
        assert response.status_code == 200  # the form again, "please enter a correct username and password"
    tenth = _login(client, username, "wrong-9")
    assert tenth.status_code == 429
    body = tenth.content.decode()
    assert "连续 10 次登录失败，账号已被临时锁定，请 30 分钟后再试" in body
    assert tenth["Retry-After"] == str(30 * 60)

    right = _login(client, username, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still not logged in

    kinds = list(SecurityEvent.objects.filter(username=username).order_by("seq").values_list("kind", flat=True))
    assert kinds.count(SecurityEventKind.LOGIN_FAILED) == 11
    assert SecurityEventKind.LOCKOUT in kinds
    assert SecurityEventKind.LOGIN_SUCCEEDED not in kinds
    lockout = SecurityEvent.objects.filter(kind=SecurityEventKind.LOCKOUT, username=username).first()
    assert (lockout.user_id, lockout.agency_id, lockout.ip) == (officer.user.pk, officer.agency_id, "127.0.0.1")


def test_the_lock_lifts_after_the_cool_off(client):
    officer = OfficerFactory()
    for attempt in range(10):
        _login(client, officer.user.username, f"wrong-{attempt}")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        response = _login(client, officer.user.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.user.pk)


def test_the_lock_holds_the_username_from_that_address_only(client):
    """By username and address together: a stranger cannot lock a head out everywhere."""
    officer = OfficerFactory()
    for attempt in range(10):
        _login(client, officer.user.username, f"wrong-{attempt}", REMOTE_ADDR="203.0.113.9")
    assert _login(client, officer.user.username, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert _login(client, officer.user.username, PASSWORD, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_the_token_endpoint_locks_out_with_429_locked_out():
    officer = OfficerFactory()
    client = APIClient()
    body = {"username": officer.user.username, "password": "wrong"}
    for _ in range(9):
        answer = client.post("/api/v1/auth/token/", body, format="json")
        assert (answer.status_code, answer.json()["code"]) == (400, "invalid_credentials")
    locked = client.post("/api/v1/auth/token/", body, format="json")
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    assert "账号已被临时锁定" in locked.json()["detail"]

    right = client.post("/api/v1/auth/token/", {"username": officer.user.username, "password": PASSWORD}, format="json")
    assert (right.status_code, right.json()["code"]) == (429, "locked_out")
    assert "token" not in right.json()
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.LOCKOUT, username=officer.user.username).exists()


def test_the_admin_login_is_locked_out_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    for attempt in range(10):
        client.post("/admin/login/", {"username": "root", "password": f"wrong-{attempt}"})
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 429
    assert "账号已被临时锁定" in response.content.decode()


def test_a_success_before_the_limit_starts_the_count_afresh(client):
    officer = OfficerFactory()
    for attempt in range(9):
        _login(client, officer.user.username, f"wrong-{attempt}")
    assert _login(client, officer.user.username, PASSWORD).status_code == 302
    client.logout()
    for attempt in range(9):
        assert _login(client, officer.user.username, f"again-{attempt}").status_code == 200
