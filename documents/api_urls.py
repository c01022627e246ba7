"""For ``enforcement/api_urls.py``: ``path("", include("documents.api_urls"))`` under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import CaseDocumentsView, DocumentViewSet

router = SimpleRouter()
router.register("documents", DocumentViewSet, basename="document")
urlpatterns = [
    path("cases/<int:pk>/documents/", CaseDocumentsView.as_view(), name="case-documents"),
    *router.urls,
]
