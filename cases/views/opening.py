"""登记案件: a lead (or a summary-procedure case) with its handlers and first party."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernel.rules import ActionRefused
from officers.selectors import officer_for_user

from ..forms.case import OpenCaseForm, PartyForm, add_service_errors
from ..services.cases import open_case
from .casefile import case_url


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    officer = officer_for_user(request.user)
    if officer is None:
        raise PermissionDenied(_("当前账号未关联执法机关工作人员，不能登记案件。"))
    data = request.POST if request.method == "POST" else None
    form = OpenCaseForm(data, officer=officer)
    party_form = PartyForm(data, prefix="party", optional=True)
    context = {"form": form, "party_form": party_form, "reasons": []}
    if data is None:
        return render(request, "cases/new.html", context)
    if not (form.is_valid() and party_form.is_valid()):
        return render(request, "cases/new.html", context, status=400)
    party = party_form.party_fields()
    try:
        case = open_case(actor=request.user, parties=[party] if party else [], **form.cleaned_data)
    except ActionRefused as refused:
        context["reasons"] = refused.reasons
        return render(request, "cases/new.html", context, status=409)
    except ValidationError as exc:
        _spread_errors(exc, form, party_form)
        return render(request, "cases/new.html", context, status=400)
    messages.success(request, _("案件已登记：%(title)s。") % {"title": case.title})
    return redirect(case_url(case))


def _spread_errors(exc: ValidationError, form: OpenCaseForm, party_form: PartyForm) -> None:
    """``open_case`` validates the case and the party: each error goes to the form with that field."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    party_fields = set(PartyForm.base_fields) | set(PartyForm.FIELD_MAP)
    case_errors = {k: v for k, v in exc.message_dict.items() if k not in party_fields}
    party_errors = {k: v for k, v in exc.message_dict.items() if k in party_fields}
    if case_errors:
        add_service_errors(form, ValidationError(case_errors))
    if party_errors:
        add_service_errors(party_form, ValidationError(party_errors), PartyForm.FIELD_MAP)
