from rest_framework.routers import SimpleRouter

from .views import CaseViewSet, EvidenceViewSet

router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("evidence", EvidenceViewSet, basename="evidence")
urlpatterns = router.urls
