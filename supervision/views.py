"""The interference pages, mounted at ``/supervision/``: thin views over the selectors and the service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases.selectors import case_for
from kernel.rules import ActionRefused
from officers.selectors import officer_for_user

from .forms import InterferenceForm, RecordFilterForm
from .selectors import filter_records, record_for, records_visible_to
from .services import record_interference, recorder_refusals

PAGE_SIZE = 20


@login_required
@require_GET
def record_list(request: HttpRequest) -> HttpResponse:
    officer = officer_for_user(request.user)
    form = RecordFilterForm(request.GET or None, user=request.user)
    records = filter_records(records_visible_to(request.user), **form.filters())
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "records": page.object_list,
        "is_supervisor": bool(officer and officer.is_supervisor),
        "can_record": not recorder_refusals(request.user),
    }
    return render(request, "supervision/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record_new(request: HttpRequest) -> HttpResponse:
    refusals = recorder_refusals(request.user)
    if refusals:
        raise PermissionDenied(refusals[0].detail)
    officer = officer_for_user(request.user)
    assert officer is not None, "recorder_refusals refuses a user who is no officer"
    # A case outside the caller's scope answers 404, as every page does.
    case_id = request.POST.get("case") or request.GET.get("case")
    case = case_for(request.user, case_id) if case_id else None
    data = request.POST if request.method == "POST" else None
    form = InterferenceForm(data, user=request.user, officer=officer, initial={"case": case.pk if case else None})
    context: dict[str, Any] = {"form": form, "case": case, "reasons": []}
    if data is None:
        return render(request, "supervision/new.html", context)
    if not form.is_valid():
        return render(request, "supervision/new.html", context, status=400)
    try:
        record = record_interference(actor=request.user, **form.service_fields())
    except ActionRefused as refused:
        context["reasons"] = refused.reasons
        return render(request, "supervision/new.html", context, status=409)
    except ValidationError as exc:
        form.add_service_errors(exc)
        return render(request, "supervision/new.html", context, status=400)
    messages.success(request, _("干预记录已登记。记录不能修改或删除。"))
    return redirect("supervision:detail", pk=record.pk)


@login_required
@require_GET
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "supervision/detail.html", {"record": record_for(request.user, pk)})
