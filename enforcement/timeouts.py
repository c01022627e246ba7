"""A request can never run away in the database (issue 12, item 4).

Every web request runs its SQL under PostgreSQL's ``statement_timeout`` (``REQUEST_STATEMENT_TIMEOUT_MS``; 0 turns it
off): a pathological filter is cancelled by the server within the limit, the request answers 503
``query_timeout`` in Chinese with a machine code, and the worker's connection stays usable for the next request.
Only requests are limited — Celery tasks, migrations and management commands (a checkpoint, a backup, a restore)
never pass through this middleware and keep PostgreSQL's default.

The setting is applied once per database connection (persistent connections keep it), not once per request, and
only when the request reaches the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from media_storage.middleware import wants_json

logger = logging.getLogger(__name__)

QUERY_CANCELED = "57014"  # PostgreSQL SQLSTATE query_canceled (statement_timeout)
CODE = "query_timeout"
DETAIL = "查询超过了允许的时间，已被中止：请缩小筛选范围后重试。"
RETRY_AFTER_SECONDS = 5


def _cancelled(exc: BaseException) -> bool:
    cause = exc.__cause__ or exc.__context__
    return isinstance(exc, OperationalError) and getattr(cause, "pgcode", None) == QUERY_CANCELED


def _wanted() -> int:
    return int(getattr(settings, "REQUEST_STATEMENT_TIMEOUT_MS", 0) or 0)


def _ensure_on(wrapper, wanted: int) -> None:
    """``SET statement_timeout`` on ``wrapper``'s open connection unless it carries ``wanted`` already; through
    the driver's own cursor, so that no execute wrapper (ours included) sees it."""
    raw = wrapper.connection
    applied = getattr(wrapper, "zhifa_statement_timeout", None)  # (the connection it was set on, the value)
    if applied is not None and applied[0] is raw and applied[1] == wanted:
        return
    with raw.cursor() as cursor:
        # Session level, not SET LOCAL: a request outside a transaction runs each statement in its own.
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{wanted}ms"])
    wrapper.zhifa_statement_timeout = (raw, wanted)


def apply_statement_timeout() -> None:
    """The configured limit on this thread's connection now (tests; the middleware applies it lazily)."""
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        _ensure_on(connection, _wanted())


def _limited(execute, sql, params, many, context):
    """Execute wrapper: before a request's first statement on a connection, the limit is set on it."""
    _ensure_on(context["connection"], _wanted())
    return execute(sql, params, many, context)


def query_timeout_response(request: HttpRequest) -> HttpResponse:
    if wants_json(request):
        response: HttpResponse = JsonResponse(
            {"code": CODE, "detail": DETAIL}, status=503, json_dumps_params={"ensure_ascii": False}
        )
    else:
        html = render_to_string("503_query_timeout.html", {"detail": DETAIL})
        response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class StatementTimeoutMiddleware:
    """Limits the SQL of each request and turns a cancelled statement into a clean 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Lazily: a request that never reads the database (a static or media file, a redirect) opens no connection.
        if connection.vendor != "postgresql":
            return self.get_response(request)
        with connection.execute_wrapper(_limited):
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not _cancelled(exception):
            return None
        logger.warning("statement timeout on %s %s", request.method, request.get_full_path()[:300])
        return query_timeout_response(request)
