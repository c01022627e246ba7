"""Writes of the authentication side: passwords and second-factor devices. (Tokens: ``security.tokens``; the
log: ``security.audit``.)"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


@transaction.atomic
def change_password(*, user, new_password: str) -> None:
    """Set a new password after the policy (AUTH_PASSWORD_VALIDATORS). Saving it revokes every API token of the
    account and writes ``password_changed`` to the security log (``security.receivers``)."""
    validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])


@transaction.atomic
def reset_second_factor(*, user) -> int:
    """Remove the account's authenticator devices (a lost phone): the next login enrols anew. Logged as
    ``otp_reset`` per device (``security.receivers``)."""
    devices = list(TOTPDevice.objects.filter(user=user))
    for device in devices:
        device.delete()
    return len(devices)
