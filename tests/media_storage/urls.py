"""A URLconf for these tests: the real media routes plus views that touch the default storage."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from media_storage.exceptions import StorageUnavailable
from media_storage.storage import get_storage


def evidence_api(request: HttpRequest, name: str) -> JsonResponse:
    info = get_storage().stat(name)
    return JsonResponse({"name": info.name, "sha256": info.sha256})


def evidence_page(request: HttpRequest, name: str) -> HttpResponse:
    info = get_storage().stat(name)
    return HttpResponse(f"<p>{info.name}</p>")


def storage_down(request: HttpRequest) -> HttpResponse:
    raise StorageUnavailable


class EvidenceAPIView(APIView):
    """A DRF view: DRF re-raises exceptions it does not know, so the middleware still answers."""

    authentication_classes = ()
    permission_classes = (AllowAny,)

    def get(self, request, name: str) -> Response:
        info = get_storage().stat(name)
        return Response({"name": info.name, "sha256": info.sha256})


def plain_error(request: HttpRequest) -> HttpResponse:
    raise ValueError("not a storage problem")


urlpatterns = [
    path("media/", include("media_storage.urls")),
    path("api/evidence/<path:name>", evidence_api),
    path("api/drf/evidence/<path:name>", EvidenceAPIView.as_view()),
    path("evidence/<path:name>", evidence_page),
    path("api/down/", storage_down),
    path("down/", storage_down),
    path("error/", plain_error),
]
