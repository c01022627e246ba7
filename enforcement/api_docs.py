"""``/api/v1/docs/``: Swagger UI for signed-in users, from vendored static files, under the site's CSP.

drf-spectacular's split view serves the page and its start-up script as two responses, so the page holds
no inline script; Swagger UI itself comes from drf-spectacular-sidecar (``SWAGGER_UI_DIST = "SIDECAR"``),
never a CDN. A visitor who is not signed in is sent to the login page and back.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated
from rest_framework.permissions import IsAuthenticated


class ApiDocsView(SpectacularSwaggerSplitView):
    permission_classes = [IsAuthenticated]
    template_name = "api/swagger_ui.html"

    def handle_exception(self, exc: Exception) -> Any:
        if isinstance(exc, NotAuthenticated | AuthenticationFailed):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)
