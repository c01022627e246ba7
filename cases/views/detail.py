"""案件详情 and the transitions performed from it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..selectors import case_for
from ..services.lifecycle import SERVICES
from ..transitions import TRANSITIONS
from .casefile import perform, render_case_page


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_case_page(request, case_for(request.user, pk))


@login_required
@require_POST
def perform_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Validate the payload with the spec's form and run ``SERVICES[name]``; a guard's refusal comes back as 409."""
    case = case_for(request.user, pk)
    spec = TRANSITIONS.get(name)
    if spec is None or name not in SERVICES:
        raise Http404(_("没有这一程序步骤。"))
    service = SERVICES[name]
    return perform(
        request,
        case,
        key=name,
        label=spec.label,
        form=spec.form(request.POST, case=case, prefix=name),
        call=lambda data: service(case=case, actor=request.user, **data),
        done=_("已完成：%(step)s。") % {"step": spec.label},
    )
