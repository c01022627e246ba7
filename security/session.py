"""Idle and absolute session limits (等保 2.0 GB/T 22239-2019 8.1.4.1 身份鉴别 b): 登录连接超时自动退出).

A session ends after ``SESSION_IDLE_TIMEOUT`` seconds without a request (sliding: each request moves the
mark, written at most once a minute) and, whatever the activity, ``SESSION_COOKIE_AGE`` seconds after the
login (the absolute cap). Both are kept in the session itself.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest

LAST_SEEN = "_zhifa_last_seen"
AUTH_AT = "_zhifa_auth_at"
EXPIRY_REASON = "_zhifa_session_expiry_reason"
TOUCH_SECONDS = 60


def start(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[AUTH_AT] = now
    request.session[LAST_SEEN] = now


def expired_because(request: HttpRequest) -> str | None:
    """``"idle"``, ``"absolute"`` or None; moves the idle mark when the session lives on."""
    now = int(time.time())
    session = request.session
    last_seen = session.get(LAST_SEEN)
    auth_at = session.get(AUTH_AT)
    if not isinstance(last_seen, int) or not isinstance(auth_at, int):
        # A session from before these limits: counted from now.
        start(request)
        return None
    if now - auth_at >= settings.SESSION_COOKIE_AGE:
        return "absolute"
    if now - last_seen >= settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    if now - last_seen >= TOUCH_SECONDS:
        session[LAST_SEEN] = now
    return None
