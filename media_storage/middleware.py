"""Turn ``StorageUnavailable`` anywhere in a view into a clean 503, never a traceback page."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from .exceptions import StorageUnavailable

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def wants_json(request: HttpRequest) -> bool:
    if request.path_info.startswith("/api/"):
        return True
    # "*/*" (browsers, curl) prefers the first listed type: HTML.
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def storage_unavailable_response(request: HttpRequest) -> HttpResponse:
    detail = StorageUnavailable.default_message
    if wants_json(request):
        response: HttpResponse = JsonResponse(
            {"code": StorageUnavailable.code, "detail": detail},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        # Rendered without the request: no context processor may touch a database that could be down too.
        html = render_to_string("media_storage/unavailable.html", {"detail": detail})
        response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class StorageUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, StorageUnavailable):
            return None
        # The specific cause (refused credentials, timeout) is for operators, not for the client.
        logger.warning(
            "Object storage unavailable during %s %s: %s (%s)",
            request.method,
            request.path,
            exception,
            exception.code,
            exc_info=exception,
        )
        return storage_unavailable_response(request)
