from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from officers.selectors import certificates_expiring_within, officer_for_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    officer = officer_for_user(request.user)
    expiring = certificates_expiring_within().filter(officer=officer) if officer else []
    return render(
        request,
        "home.html",
        {"officer": officer, "expiring_certificates": list(expiring), "today": timezone.localdate()},
    )


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness of the database; object storage is checked by ``check_storage``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
