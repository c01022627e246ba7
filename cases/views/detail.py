"""案件详情 and every action performed from it, through the one registry (``cases.registry``).

``perform_action`` is the page's one way to run an action: the action's form validates the post, the registry
runs it (``services.runner.perform``), and a refusal comes back on the page with its reasons (409). The routes
published before the registry (the transitions, the referral and execution steps, the people and the evidence)
answer through it with the form prefixes they always used.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import registry
from ..forms.case import PartyForm
from ..models import Case
from ..registry import Action
from ..selectors import case_for
from ..services.runner import perform
from .casefile import answer, render_case_page


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_case_page(request, case_for(request.user, pk))


def run_on_page(
    request: HttpRequest,
    case: Case,
    action: Action,
    *,
    prefix: str | None = None,
    key: str | None = None,
    post: QueryDict | None = None,
    field_map: dict[str, str] | None = None,
) -> HttpResponse:
    """Validate ``action``'s form from the post and run it; refusals and errors come back on the case page."""
    prefix = prefix or action.name
    form = action.form(post if post is not None else request.POST, request.FILES, case=case, prefix=prefix)
    return answer(
        request,
        case,
        key=key or action.name,
        label=action.label,
        form=form,
        call=lambda data: perform(case=case, name=action.name, actor=request.user, data=data),
        done=_("已完成：%(step)s。") % {"step": action.label},
        field_map=field_map,
    )


@login_required
@require_POST
def perform_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = case_for(request.user, pk)
    action = registry.get(name)
    if action is None:
        raise Http404(_("没有这一步骤。"))
    return run_on_page(request, case, action)


@login_required
@require_POST
def perform_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = case_for(request.user, pk)
    action = registry.get(name)
    if action is None or not action.transition:
        raise Http404(_("没有这一程序步骤。"))
    return run_on_page(request, case, action)


@login_required
@require_POST
def perform_section_step(request: HttpRequest, pk: int, step: str, *, section: str) -> HttpResponse:
    """A step of the referral (``referral/<step>/``) or of execution (``execution/<step>/``)."""
    case = case_for(request.user, pk)
    action = registry.get(step)
    if action is None or action.transition or action.section not in (section, "publication", "documents"):
        raise Http404(_("没有这一步骤。"))
    return run_on_page(request, case, action)


def perform_referral_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    return perform_section_step(request, pk, step, section="referral")


def perform_execution_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return perform_section_step(request, pk, action, section="execution")


@login_required
@require_POST
def request_filing(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    return run_on_page(request, case, registry.action_named("request_filing"), prefix="filing")


@login_required
@require_POST
def add_handler(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    return run_on_page(request, case, registry.action_named("add_handler"), prefix="handler")


@login_required
@require_POST
def add_party(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    action = registry.action_named("add_party")
    return run_on_page(request, case, action, prefix="party", field_map=PartyForm.FIELD_MAP)


@login_required
@require_POST
def supersede_evidence(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    if not case.evidence.filter(pk=evidence_pk).exists():
        raise Http404(_("证据不存在或无权查看。"))
    key = f"supersede-{evidence_pk}"
    post = request.POST.copy()
    post[f"{key}-evidence"] = str(evidence_pk)
    return run_on_page(request, case, registry.action_named("supersede_evidence"), prefix=key, key=key, post=post)
