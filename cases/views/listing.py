"""我的案件: the cases the user may see, filtered and paginated."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from officers.selectors import officer_for_user

from ..forms.case import CaseFilterForm
from ..models import Case, CaseHandler
from ..selectors import cases_matching, cases_visible_to, handled_by, on_spot_decisions_unfiled

PAGE_SIZE = 20


def _filtered(cases: QuerySet[Case], form: CaseFilterForm, user) -> QuerySet[Case]:
    if not form.is_valid():
        return cases
    data = form.cleaned_data
    if data["status"]:
        cases = cases.filter(status=data["status"])
    if data["mine"]:
        officer = officer_for_user(user)
        if officer is None:
            return cases.none()
        cases = handled_by(cases, officer.pk)
    if data["on_spot_unfiled"]:
        cases = on_spot_decisions_unfiled(cases)
    return cases_matching(cases, data["q"])


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None)
    cases = _filtered(cases_visible_to(request.user), form, request.user).prefetch_related(
        Prefetch(
            "assignments",
            queryset=CaseHandler.objects.active().select_related("officer"),
            to_attr="active_assignments",
        )
    )
    page = Paginator(cases.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/list.html", {"form": form, "page": page, "cases": page.object_list})
