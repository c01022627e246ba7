"""/api/v1/ — the surface tablets and other systems depend on (API.md)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from enforcement.api_docs import ApiDocsView
from matters.api import MatterViewSet
from officers.api import OfficerViewSet
from security.api import LogoutView, ObtainTokenView

router = SimpleRouter()
router.register("matters", MatterViewSet, basename="matter")
router.register("officers", OfficerViewSet, basename="officer")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
    path("", include("cases.api.urls")),
    path("", include("supervision.api_urls")),
    path("", include("documents.api_urls")),
    path("", include("deadline_watch.api_urls")),
]
