"""Mounted by the lead under ``/api/v1/``: ``path("", include("deadlines.api_urls"))``."""

from rest_framework.routers import SimpleRouter

from .api import OverdueDeadlineViewSet

router = SimpleRouter()
router.register("deadlines/overdue", OverdueDeadlineViewSet, basename="overdue-deadline")
urlpatterns = router.urls
