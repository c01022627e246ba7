"""Demo second factors for ``make run``: the accounts that require one get a confirmed TOTP device with a
secret derived from the username, printed beside the accounts by ``seed_demo``. Development only — the secrets
are as public as the demo password (``seed_demo`` refuses to run in production)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from officers.models import Officer

from .otp import DEVICE_NAME, base32_secret

_PRIVILEGED = Q(is_head=True) | Q(is_legal_reviewer=True) | Q(is_hearing_chair=True) | Q(is_supervisor=True)


def demo_totp_key(username: str) -> str:
    """The deterministic 20-byte key (hex) of a demo account's authenticator."""
    return hashlib.sha256(f"zhifa-demo-totp:{username}".encode()).hexdigest()[:40]


@transaction.atomic
def enrol_demo_devices(usernames: list[str]) -> dict[str, str]:
    """username → base32 secret, for the listed accounts that need a second factor (the admin, heads,
    reviewers, hearing chairs and supervisors); an existing demo device is reset to the demo secret."""
    if settings.PRODUCTION:
        raise RuntimeError("demo second factors are for development only")
    User = get_user_model()
    privileged = set(
        Officer.objects.filter(_PRIVILEGED, user__username__in=usernames).values_list("user_id", flat=True)
    )
    secrets: dict[str, str] = {}
    for user in User.objects.filter(username__in=usernames).order_by("username"):
        if not (user.is_staff or user.is_superuser or user.pk in privileged):
            continue
        key = demo_totp_key(user.username)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=key, confirmed=True)
        elif device.key != key:
            device.key = key
            device.save(update_fields=["key"])
        secrets[user.username] = base32_secret(device)
    return secrets
