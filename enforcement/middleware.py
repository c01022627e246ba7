"""Response headers Django's SecurityMiddleware does not set: ``Permissions-Policy`` on every response, and
``Cache-Control: no-store`` on every response that may carry personal data.

Personal data (PIPL 个人信息保护法 Art. 51: "采取相应的加密、去标识化等安全技术措施") must not be left in a shared
tablet's browser cache or in a proxy's: every page served to a signed-in user and every API response is marked
``no-store``. Public pages (the login form, ``/verify/<token>/``, ``/healthz/``) and static files keep their
normal caching — the static files are served by WhiteNoise (production) or the static handler before this
middleware is reached, and are skipped here by path as well.

Files shown by the browser's own viewers (a PDF, a photo, a recording served from the local media view) do not get
the pages' Content-Security-Policy: Chrome draws them inside a synthetic page whose embed and inline styles that
policy would refuse, so a PDF would not display (crbug.com/271452). They stay under ``X-Content-Type-Options:
nosniff``; SVG and anything else that can carry script keeps the policy.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


def permissions_policy(features: dict[str, list[str]]) -> str:
    """``{"camera": [], "geolocation": ["self"]}`` → ``camera=(), geolocation=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


VIEWER_TYPES = ("application/pdf", "image/", "video/", "audio/")


def shown_by_a_browser_viewer(response: HttpResponse) -> bool:
    content_type = response.headers.get("Content-Type", "").lower()
    return content_type.startswith(VIEWER_TYPES) and "svg" not in content_type


def carries_personal_data(request: HttpRequest) -> bool:
    path = request.path_info
    if settings.STATIC_URL and path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return False
    if path.startswith("/api/"):
        return True  # every API answer: tokens, case data, and the errors that echo it
    # DRF writes the user it authenticated (a token) back onto the Django request; the session's user otherwise.
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if carries_personal_data(request):
            add_never_cache_headers(response)
        if shown_by_a_browser_viewer(response):
            response._csp_exempt = True  # type: ignore[attr-defined]  # read by csp.middleware.CSPMiddleware
        return response
