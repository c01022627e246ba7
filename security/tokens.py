"""API tokens: issued, checked, slid and revoked here only. Stored as SHA-256 digests.

The token handed out is 43 URL-safe characters (256 bits); its first 8 characters are kept as a prefix
for lookup, the whole only as a digest. A token expires ``API_TOKEN_IDLE_HOURS`` after its last use (a
tablet left in a drawer stops working) and is revoked by logout and by a password change.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework import authentication, exceptions

from .audit import record_security_event
from .choices import SecurityEventKind
from .models import ApiToken

PREFIX_LENGTH = 8
# last_used_at is written at most this often: a tablet's every request must not be a write.
TOUCH_INTERVAL = datetime.timedelta(minutes=1)


class RevokedReason:
    LOGOUT = "logout"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 — a reason, not a password
    EXPIRED = "expired"
    ADMIN = "admin"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def idle_period() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.API_TOKEN_IDLE_HOURS)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once, never stored


def issue_token(*, user, label: str = "", request: HttpRequest | None = None) -> IssuedToken:
    """A new token for ``user`` (the caller has checked the password and the second factor)."""
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            label=label[:100],
            prefix=raw[:PREFIX_LENGTH],
            digest=_digest(raw),
            created_at=now,
            last_used_at=now,
            expires_at=now + idle_period(),
        )
        record_security_event(
            SecurityEventKind.TOKEN_ISSUED,
            request=request,
            user=user,
            object_ref=f"security.ApiToken:{token.pk}",
            prefix=token.prefix,
            label=token.label,
        )
    return IssuedToken(token=token, raw=raw)


def find_token(raw: str) -> ApiToken | None:
    """The token whose digest matches ``raw`` (compared in constant time), whatever its state."""
    digest = _digest(raw)
    for candidate in ApiToken.objects.filter(prefix=raw[:PREFIX_LENGTH]).select_related("user"):
        if hmac.compare_digest(candidate.digest, digest):
            return candidate
    return None


def revoke_token(token: ApiToken, *, reason: str, request: HttpRequest | None = None) -> bool:
    """Revoke one token; False when it already was."""
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason
        )
        if changed:
            kind = (
                SecurityEventKind.TOKEN_EXPIRED if reason == RevokedReason.EXPIRED else SecurityEventKind.TOKEN_REVOKED
            )
            record_security_event(
                kind,
                request=request,
                user=token.user,
                object_ref=f"security.ApiToken:{token.pk}",
                prefix=token.prefix,
                reason=reason,
            )
    return bool(changed)


def revoke_all_tokens(user, *, reason: str, request: HttpRequest | None = None) -> int:
    """Revoke every live token of ``user`` (a password change: 等保 2.0 8.1.4.1 身份鉴别)."""
    with transaction.atomic():
        live = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True).values_list("pk", "prefix"))
        if not live:
            return 0
        ApiToken.objects.filter(pk__in=[pk for pk, _ in live]).update(revoked_at=timezone.now(), revoked_reason=reason)
        record_security_event(
            SecurityEventKind.TOKEN_REVOKED,
            request=request,
            user=user,
            reason=reason,
            prefixes=[prefix for _, prefix in live],
        )
    return len(live)


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = "令牌已因长时间未使用而过期，请重新登录获取令牌。"
    default_code = "token_expired"


class TokenInvalid(exceptions.AuthenticationFailed):
    default_detail = "令牌无效或已被吊销，请重新登录获取令牌。"
    default_code = "token_invalid"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <token>`` (API.md), checked against the stored digests, with sliding expiry."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise TokenInvalid()
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise TokenInvalid() from None
        token = find_token(raw)
        if token is None or not token.user.is_active:
            raise TokenInvalid()
        now = timezone.now()
        if token.revoked_at is not None:
            raise TokenExpired() if token.revoked_reason == RevokedReason.EXPIRED else TokenInvalid()
        if now >= token.expires_at:
            revoke_token(token, reason=RevokedReason.EXPIRED, request=request._request)
            raise TokenExpired()
        if now - token.last_used_at >= TOUCH_INTERVAL:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, expires_at=now + idle_period())
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword
