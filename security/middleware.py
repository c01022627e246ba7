"""The security middleware: the request context of the security log, the idle session limit, and the second
factor demanded before any page of an account that requires one."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from . import session as session_clock
from .audit import reset_current_request, set_current_request
from .otp import has_confirmed_device, requires_second_factor


class SecurityContextMiddleware:
    """Makes the request known to the receivers that write the security log (role changes, admin edits)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_current_request(request)
        try:
            return self.get_response(request)
        finally:
            reset_current_request(token)


class IdleSessionMiddleware:
    """Logs out a session idle for ``SESSION_IDLE_TIMEOUT`` or older than ``SESSION_COOKIE_AGE``."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            reason = session_clock.expired_because(request)
            if reason:
                setattr(request, session_clock.EXPIRY_REASON, reason)
                logout(request)
                if not request.path.startswith("/api/"):
                    messages.info(request, "由于长时间未操作，已自动退出登录，请重新登录。")
        return self.get_response(request)


def _exempt(path: str) -> bool:
    prefixes = (
        reverse("security:otp_verify"),
        reverse("security:otp_enrol"),
        reverse("logout"),
        reverse("login"),
        "/i18n/",
        "/healthz/",
        "/verify/",
        "/api/v1/auth/",
        "/" + settings.STATIC_URL.lstrip("/"),
    )
    return path.startswith(prefixes)


class SecondFactorMiddleware:
    """An account that requires a second factor (``security.otp.requires_second_factor``) and has logged in with
    its password only sees the verification page — or, with no device yet, the enrolment page — before any
    other page, the admin site included. The session-authenticated API answers 401 ``otp_required``."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not _exempt(request.path)
            and requires_second_factor(user)
            and not user.is_verified()
        ):
            if request.path.startswith("/api/"):
                if request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("token "):
                    return self.get_response(request)  # the token decides (ApiTokenAuthentication)
                return JsonResponse(
                    {"code": "otp_required", "detail": "此账号须先完成双因素认证（动态验证码）。"}, status=401
                )
            target = "security:otp_verify" if has_confirmed_device(user) else "security:otp_enrol"
            return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
