"""API tokens: hashed at rest, sliding expiry, revoked by logout and by a password change."""

from __future__ import annotations

import datetime
import hashlib

import pytest
import time_machine
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from security.choices import SecurityEventKind
from security.models import ApiToken, SecurityEvent
from security.services import change_password
from security.tokens import find_token
from tests.officers.factories import PASSWORD, OfficerFactory
from tests.security.auth import api_client_for

pytestmark = pytest.mark.django_db


def _issue(user) -> str:
    answer = APIClient().post(
        "/api/v1/auth/token/",
        {"username": user.username, "password": PASSWORD, "device": "执法平板-03"},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert set(answer.json()) == {"token"}
    return answer.json()["token"]


def _client(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_only_a_digest_is_stored():
    officer = OfficerFactory()
    raw = _issue(officer.user)
    token = ApiToken.objects.get(user=officer.user)
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert (token.prefix, token.label) == (raw[:8], "执法平板-03")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM security_apitoken")
        assert raw not in repr(cursor.fetchall())
    assert _client(raw).get("/api/v1/officers/").status_code == 200
    assert _client(raw[:-1] + ("A" if raw[-1] != "A" else "B")).get("/api/v1/officers/").status_code == 401


def test_a_token_expires_after_the_idle_period_and_use_slides_it(settings):
    settings.API_TOKEN_IDLE_HOURS = 12
    officer = OfficerFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        raw = _issue(officer.user)
    with time_machine.travel(start + datetime.timedelta(hours=11), tick=False):
        assert _client(raw).get("/api/v1/officers/").status_code == 200  # slides the expiry
    with time_machine.travel(start + datetime.timedelta(hours=22), tick=False):
        assert _client(raw).get("/api/v1/officers/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=34, minutes=1), tick=False):
        expired = _client(raw).get("/api/v1/officers/")
        again = _client(raw).get("/api/v1/officers/")
    assert expired.status_code == 401
    assert expired.json()["code"] == "token_expired"
    assert "过期" in expired.json()["detail"]
    assert (again.status_code, again.json()["code"]) == (401, "token_expired")
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.TOKEN_EXPIRED, user_id=officer.user.pk).count() == 1


def test_last_use_is_written_at_most_once_a_minute():
    officer = OfficerFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        raw = _issue(officer.user)
    token = find_token(raw)
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        _client(raw).get("/api/v1/officers/")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + datetime.timedelta(seconds=90), tick=False):
        _client(raw).get("/api/v1/officers/")
    token.refresh_from_db()
    assert token.last_used_at == start + datetime.timedelta(seconds=90)
    assert token.expires_at == token.last_used_at + datetime.timedelta(hours=12)


def test_logout_revokes_the_presented_token_only():
    officer = OfficerFactory()
    tablet, phone = _issue(officer.user), _issue(officer.user)
    answer = _client(tablet).post("/api/v1/auth/logout/")
    assert answer.status_code == 204
    refused = _client(tablet).get("/api/v1/officers/")
    assert (refused.status_code, refused.json()["code"]) == (401, "not_authenticated")
    assert _client(phone).get("/api/v1/officers/").status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.TOKEN_REVOKED, user_id=officer.user.pk).exists()
    assert APIClient().post("/api/v1/auth/logout/").status_code == 401


def test_a_password_change_revokes_every_token_and_is_logged():
    officer = OfficerFactory()
    tokens = [_issue(officer.user), _issue(officer.user)]
    change_password(user=officer.user, new_password="Neues-Kennwort-2026!")
    for raw in tokens:
        assert _client(raw).get("/api/v1/officers/").status_code == 401
    assert not ApiToken.objects.filter(user=officer.user, revoked_at__isnull=True).exists()
    assert set(ApiToken.objects.filter(user=officer.user).values_list("revoked_reason", flat=True)) == {
        "password_changed"
    }
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_CHANGED, agency_id=officer.agency_id).exists()


def test_a_password_set_in_the_admin_revokes_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    officer = OfficerFactory()
    raw = _issue(officer.user)
    client.force_login(django_user_model.objects.get(username="root"))
    url = f"/admin/auth/user/{officer.user.pk}/password/"
    answer = client.post(url, {"password1": "Another-Strong-Pass-77", "password2": "Another-Strong-Pass-77"})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert _client(raw).get("/api/v1/officers/").status_code == 401
    changed = SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_CHANGED).latest("seq")
    assert (changed.username, changed.detail["subject"]) == ("root", officer.user.username)


def test_a_hash_upgrade_on_login_is_not_a_password_change(settings):
    officer = OfficerFactory()
    raw = _issue(officer.user)
    changes = SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_CHANGED).count()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.ScryptPasswordHasher", *settings.PASSWORD_HASHERS]
    _issue(officer.user)  # check_password rehashes the stored MD5 hash with the new preferred hasher
    assert officer.user.__class__.objects.get(pk=officer.user.pk).password.startswith("scrypt$")
    assert _client(raw).get("/api/v1/officers/").status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_CHANGED).count() == changes


def test_the_schema_documents_the_token_and_logout_endpoints():
    officer = OfficerFactory()
    schema = api_client_for(officer.user).get("/api/v1/schema/?format=json").json()
    token = schema["paths"]["/api/v1/auth/token/"]["post"]
    assert set(token["responses"]) >= {"200", "400", "401", "429"}
    body = schema["components"]["schemas"]["TokenRequest"]["properties"]
    assert {"username", "password", "otp", "device"} <= set(body)
    assert "/api/v1/auth/logout/" in schema["paths"]
