"""The view behind ``LocalStorage.presigned_url``."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from .local import LocalStorage, unsign_presigned
from .storage import get_storage

# Types a browser would execute or render as a page of our origin: always downloaded.
_ACTIVE_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml", "javascript")


@require_safe
def serve_signed(request: HttpRequest, token: str) -> FileResponse:
    """Stream a file for a valid, unexpired signature; 404 for anything else."""
    storage = get_storage()
    if not isinstance(storage, LocalStorage):
        raise Http404  # object servers hand out their own presigned links
    try:
        payload = unsign_presigned(token)
        key = storage.validate_name(payload["n"])
        info = storage.stat(key)
        handle = open(storage.path(key), "rb")  # noqa: SIM115 — FileResponse closes it
    except (signing.BadSignature, SuspiciousFileOperation, ValueError, TypeError, OSError) as exc:
        raise Http404 from exc
    content_type = payload.get("t") or info.content_type
    filename = payload.get("f") or key.rsplit("/", 1)[-1]
    inline = bool(payload.get("i")) and not any(kind in content_type.lower() for kind in _ACTIVE_TYPES)
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
