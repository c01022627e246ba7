"""Response headers Django's SecurityMiddleware does not set: ``Permissions-Policy`` on every response, and
``Cache-Control: no-store`` on every response that may carry personal data.

Personal data (PIPL 个人信息保护法 Art. 51: "采取相应的加密、去标识化等安全技术措施") must not be left in a shared
tablet's browser cache or in a proxy's: every page served to a signed-in user and every API response is marked
``no-store``. Public pages (the login form, ``/verify/<token>/``, ``/healthz/``) and static files keep their
normal caching — the static files are served by WhiteNoise (production) or the static handler before this
middleware is reached, and are skipped here by path as well.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


def permissions_policy(features: dict[str, list[str]]) -> str:
    """``{"camera": [], "geolocation": ["self"]}`` → ``camera=(), geolocation=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


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
        return response
