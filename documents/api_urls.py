"""For ``enforcement/api_urls.py``: ``path("", include("documents.api_urls"))`` under /api/v1/."""

from rest_framework.routers import SimpleRouter

from .api import DocumentViewSet

router = SimpleRouter()
router.register("documents", DocumentViewSet, basename="document")
urlpatterns = router.urls
