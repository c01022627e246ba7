"""The actions on the people and the evidence of a case that are not transitions of its lifecycle."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.case import AddHandlerForm, PartyForm, RecuseHandlerForm, RequestFilingForm, SupersedeEvidenceForm
from ..selectors import case_for
from ..services import cases as case_services
from ..services.evidence import supersede_evidence as supersede_service
from .casefile import perform


@login_required
@require_POST
def request_filing(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    return perform(
        request,
        case,
        key="request_filing",
        label=_("提请立案审批"),
        form=RequestFilingForm(request.POST, prefix="filing"),
        call=lambda data: case_services.request_filing(case=case, actor=request.user, **data),
        done=_("已提请立案审批，等待负责人审批。"),
    )


@login_required
@require_POST
def add_handler(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    return perform(
        request,
        case,
        key="add_handler",
        label=_("增加承办人"),
        form=AddHandlerForm(request.POST, case=case, prefix="handler"),
        call=lambda data: case_services.add_handler(case=case, actor=request.user, **data),
        done=_("已增加承办人。"),
    )


@login_required
@require_POST
def recuse_handler(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    return perform(
        request,
        case,
        key="recuse_handler",
        label=_("承办人回避"),
        form=RecuseHandlerForm(request.POST, case=case, prefix="recusal"),
        call=lambda data: case_services.recuse_handler(case=case, actor=request.user, **data),
        done=_("已记录回避。"),
    )


@login_required
@require_POST
def add_party(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    form = PartyForm(request.POST, prefix="party")
    return perform(
        request,
        case,
        key="add_party",
        label=_("登记当事人"),
        form=form,
        call=lambda data: case_services.add_party(case=case, actor=request.user, **_named_party(form)),
        done=_("已登记当事人。"),
        field_map=PartyForm.FIELD_MAP,
    )


def _named_party(form: PartyForm) -> dict[str, Any]:
    fields = form.party_fields()
    assert fields is not None, "a PartyForm that is not optional requires the name"
    return fields


@login_required
@require_POST
def supersede_evidence(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    item = case.evidence.filter(pk=evidence_pk).first()
    if item is None:
        raise Http404(_("证据不存在或无权查看。"))
    key = f"supersede-{item.pk}"
    return perform(
        request,
        case,
        key=key,
        label=_("作废证据"),
        form=SupersedeEvidenceForm(request.POST, prefix=key),
        call=lambda data: supersede_service(evidence=item, actor=request.user, **data),
        done=_("证据已作废，仍保留在案卷中。"),
    )
