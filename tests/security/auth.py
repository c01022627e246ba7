"""Authenticating in tests the way clients do: API tokens (hashed, ``security.tokens``) and the second factor.

- ``enrol_totp(user)``: a confirmed TOTP device, as ``seed_demo`` gives the demo roles (same demo key).
- ``totp_code(user)``: the code the user's authenticator shows now (``manage.py totp_code`` in development).
- ``api_client_for(user)``: an ``APIClient`` carrying a real token. By default the token is issued by the
  service the token endpoint uses; ``via_login=True`` goes through ``POST /api/v1/auth/token/`` with the
  password (and the current TOTP code when the account requires a second factor).
- ``verified_login(client, user)``: a Django test client logged in with both factors.
"""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from security.demo import demo_totp_key
from security.otp import DEVICE_NAME, confirmed_device, current_code, requires_second_factor
from security.tokens import issue_token
from tests.officers.factories import PASSWORD


def enrol_totp(user) -> TOTPDevice:
    device = confirmed_device(user)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=demo_totp_key(user.get_username()), confirmed=True
        )
    return device


def totp_code(user) -> str:
    device = confirmed_device(user)
    assert device is not None, f"{user} has no authenticator: enrol_totp(user) first"
    device.refresh_from_db()
    return current_code(device)


def api_client_for(user, *, via_login: bool = False, password: str = PASSWORD, device: str = "") -> APIClient:
    client = APIClient()
    if via_login:
        body = {"username": user.get_username(), "password": password, "device": device}
        if requires_second_factor(user):
            enrol_totp(user)
            body["otp"] = totp_code(user)
        answer = client.post("/api/v1/auth/token/", body, format="json")
        assert answer.status_code == 200, answer.content
        raw = answer.json()["token"]
    else:
        raw = issue_token(user=user, label=device).raw
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def verified_login(client: Client, user) -> Client:
    """Log ``client`` in as ``user`` with the password and the second factor already given."""
    device = enrol_totp(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
