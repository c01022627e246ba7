"""案件详情 and the steps performed from it: the transitions and the referral steps (两法衔接)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..forms.referral import ACTION_FORMS
from ..selectors import case_for
from ..services import referral as referral_services
from ..services.lifecycle import SERVICES
from ..transitions import TRANSITIONS
from .casefile import perform, render_case_page
from .referral import STEP_LABELS


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


@login_required
@require_POST
def perform_referral_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """A referral step that does not move the case, as the API's ``referral_step`` runs it: the report on
    the case, every other step on its latest referral; the service's refusal comes back as 409."""
    case = case_for(request.user, pk)
    service, form_class = referral_services.ACTIONS.get(step), ACTION_FORMS.get(step)
    if service is None or form_class is None:
        raise Http404(_("没有这一移送步骤。"))

    def call(data: dict[str, Any]) -> Any:
        return referral_services.perform_step(case=case, step=step, actor=request.user, **data)

    label = str(STEP_LABELS[step])
    return perform(
        request,
        case,
        key=step,
        label=label,
        form=form_class(request.POST, case=case, prefix=step),
        call=call,
        done=_("已完成：%(step)s。") % {"step": label},
    )
