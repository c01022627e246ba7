from rest_framework.routers import SimpleRouter

from .api import InterferenceRecordViewSet

router = SimpleRouter()
router.register("interference-records", InterferenceRecordViewSet, basename="interference-record")
urlpatterns = router.urls
