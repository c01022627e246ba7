"""The second factor (TOTP, RFC 6238, via django-otp).

等保 2.0 (GB/T 22239-2019) 8.1.4.1 身份鉴别 d): 应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术对用户
进行身份鉴别 — level 3 requires two factors. Required for the people whose acts decide a case or whose
account reaches every record: heads (负责人), legal reviewers (法制审核), hearing chairs (听证主持人),
supervisors (执法监督) and staff/superusers (管理后台); when ``OTP_REQUIRED`` is on (default: production).
"""

from __future__ import annotations

import time
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from officers.models import Officer

from .audit import record_security_event
from .choices import SecurityEventKind

DEVICE_NAME = "身份验证器"
_PRIVILEGED_ROLES = Q(is_head=True) | Q(is_legal_reviewer=True) | Q(is_hearing_chair=True) | Q(is_supervisor=True)
_CACHE = "_zhifa_requires_otp"


def requires_second_factor(user) -> bool:
    """Whether ``user`` must present a second factor (cached on the user object for the request)."""
    if not settings.OTP_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = bool(
            user.is_staff or user.is_superuser or Officer.objects.filter(_PRIVILEGED_ROLES, user_id=user.pk).exists()
        )
        setattr(user, _CACHE, cached)
    return cached


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (created on first call, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code, for the authenticator app to scan."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#111", light="#fff")


def _clean(code: object) -> str:
    return "".join(str(code or "").split())


def verify_code(user, code: object, *, request: HttpRequest | None = None) -> TOTPDevice | None:
    """The confirmed device accepting ``code`` (a code is accepted once: replays are refused by django-otp);
    every failure is written to the security log. Repeated failures slow the device down (django-otp's
    throttling, OTP_TOTP_THROTTLE_FACTOR)."""
    cleaned = _clean(code)
    device = confirmed_device(user)
    if device is not None and cleaned.isdigit():
        with transaction.atomic():
            locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(cleaned):
                record_security_event(SecurityEventKind.OTP_VERIFIED, request=request, user=user)
                return locked
    record_security_event(SecurityEventKind.OTP_FAILED, request=request, user=user, enrolled=device is not None)
    return None


def confirm_enrolment(user, code: object, *, request: HttpRequest) -> TOTPDevice | None:
    """Confirm the pending device with a first code from the app; the session is then verified."""
    cleaned = _clean(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None or not cleaned.isdigit() or not device.verify_token(cleaned):
            record_security_event(SecurityEventKind.OTP_FAILED, request=request, user=user, enrolment=True)
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        record_security_event(SecurityEventKind.OTP_ENROLLED, request=request, user=user, device=device.name)
    otp_login(request, device)
    return device


def mark_session_verified(request: HttpRequest, device: TOTPDevice) -> None:
    otp_login(request, device)


def current_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the device's app shows now — for ``manage.py totp_code`` (development) and the tests. When the
    current step was already used (codes are single-use), the next step's code, which the tolerance accepts."""
    now = time.time() if at is None else at
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = now
    step = totp.t()
    if device.last_t >= step:
        totp.time = now + device.step * (device.last_t + 1 - step)
    return f"{totp.token():0{device.digits}d}"
