"""``Idempotency-Key`` on every write of the API (API.md): the same key with the same body replays the first
response; the same key with another body is 409 ``idempotency_conflict``. Tablets sending an offline outbox
rely on it.

Every API view that writes mixes in :class:`IdempotentMixin`. The key is claimed (a row, committed at once)
after authentication and before the view runs, so a concurrent duplicate waits for nothing and is told the
first is still in progress (409 ``idempotency_in_progress``); the answer is stored when the first request ends,
unless it failed with a 5xx (then the key may be tried again). Keys are kept for ``IDEMPOTENCY_KEY_HOURS``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from .models import IdempotencyRecord

HEADER = "Idempotency-Key"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_KEY = 200
# A first request that never finished (its process died) stops blocking its key after this long.
ABANDONED_AFTER = datetime.timedelta(minutes=5)


class IdempotencyConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_conflict"
    default_detail = "同一幂等键（Idempotency-Key）已用于内容不同的请求。"


class IdempotencyInProgress(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_in_progress"
    default_detail = "使用同一幂等键的请求正在处理中，请稍后重试。"


class InvalidIdempotencyKey(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"
    default_detail = f"幂等键（Idempotency-Key）应为1至{MAX_KEY}个可见字符。"


class _Replay(Exception):
    def __init__(self, record: IdempotencyRecord) -> None:
        self.record = record


def fingerprint(request) -> str:
    """SHA-256 of the method, the path with its query, and the body as parsed (files by name, size and content)."""
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.get_full_path()}\n".encode())
    data = request.data
    if hasattr(data, "lists"):
        body: Any = sorted((k, sorted(str(v) for v in vs)) for k, vs in data.lists())
    else:
        body = data
    digest.update(json.dumps(body, sort_keys=True, default=str, ensure_ascii=False).encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"\n{name}:{upload.name}:{upload.size}:".encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def _claim(request, key: str) -> IdempotencyRecord:
    if not key or len(key) > MAX_KEY or not key.isprintable():
        raise InvalidIdempotencyKey()
    hours = getattr(settings, "IDEMPOTENCY_KEY_HOURS", 24)
    now = timezone.now()
    IdempotencyRecord.objects.filter(user=request.user, created_at__lt=now - datetime.timedelta(hours=hours)).delete()
    print_ = fingerprint(request)
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(user=request.user, key=key, fingerprint=print_)
    except IntegrityError:
        pass
    existing = IdempotencyRecord.objects.filter(user=request.user, key=key).first()
    if existing is None:  # the first request failed (5xx) and gave the key back meanwhile: claim it afresh
        return _claim(request, key)
    if existing.fingerprint != print_:
        raise IdempotencyConflict()
    if existing.status_code is None:
        if existing.created_at < now - ABANDONED_AFTER:
            existing.delete()
            return _claim(request, key)
        raise IdempotencyInProgress()
    raise _Replay(existing)


class IdempotentMixin:
    """For DRF views that write: honour ``Idempotency-Key`` (see the module's docstring)."""

    _idempotency: IdempotencyRecord | None = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        key = request.headers.get(HEADER)
        if key is not None and request.method in WRITES and request.user.is_authenticated:
            self._idempotency = _claim(request, key.strip())

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            response = Response(exc.record.body, status=exc.record.status_code)
            response["Idempotent-Replayed"] = "true"
            return response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        record, self._idempotency = self._idempotency, None
        if record is not None:
            if response.status_code >= 500:
                record.delete()  # the key may be tried again
            else:
                record.status_code, record.body = response.status_code, getattr(response, "data", None)
                record.save(update_fields=["status_code", "body"])
        return response
