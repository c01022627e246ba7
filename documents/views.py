"""The pages: issuing from the case page, the logged download, and the public verification page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.selectors import case_for
from cases.views.casefile import answer, case_url

from .forms import CheckPdfForm, IssueForm
from .kinds import SPECS
from .models import Document, DocumentRendition
from .renditions import download_url, rendition_by_token, rendition_matching
from .selectors import document_by_token, document_for, issue_key
from .services import DocumentRefused, PdfCheck, check_pdf, issue_document


@login_required
@require_POST
def issue(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """制作执法文书 from the case page (handlers and heads); a refusal comes back on the page as 409."""
    case = case_for(request.user, case_id)
    spec = SPECS.get(kind)
    if spec is None:
        raise Http404(_("没有这一文书种类。"))
    form = IssueForm(request.POST, case=case, spec=spec, prefix=f"doc-{kind}")
    label = _("制作%(title)s") % {"title": spec.label}
    return answer(
        request,
        case,
        key=issue_key(kind),
        label=label,
        form=form,
        call=lambda data: issue_document(case=case, kind=kind, actor=request.user, **form.service_kwargs()),
        done=_("已制作%(title)s，PDF正在生成。") % {"title": spec.label},
    )


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF through a short-lived presigned link; the access is recorded on the case. Whoever may not see
    the personal data in full receives the masked rendition (documents.renditions)."""
    document = document_for(request.user, pk)
    try:
        # The original to the case's handlers and the agency's heads, a 脱敏副本 to everyone else (renditions).
        url = download_url(document=document, actor=request.user)
    except DocumentRefused as refused:
        for reason in refused.reasons:
            messages.error(request, reason.detail)
        return redirect(case_url(document.case))
    return HttpResponseRedirect(url)


def public_facts(document: Document) -> dict:
    """What the public page may say: never the party, never an identifier, never the snapshot."""
    later = Document.objects.filter(supersedes=document).values("version", "issued_at").first()
    return {
        "number": document.number,
        "agency": document.agency.name,
        "kind": document.get_kind_display(),
        "version": document.version,
        "issued_on": timezone.localdate(document.issued_at),
        "sha256": document.sha256,
        "rendered": document.is_rendered,
        "superseded_by_version": later["version"] if later else None,
        "superseded_on": timezone.localdate(later["issued_at"]) if later else None,
    }


def rendition_facts(rendition: DocumentRendition) -> dict:
    """The public facts of a 脱敏副本: the original's, with the rendition's own hash and what it is a copy of."""
    original = public_facts(rendition.document)
    return {
        **original,
        "sha256": rendition.sha256,
        "rendered": True,
        "rendition": {
            "policy": rendition.get_policy_display(),
            "of_number": rendition.document.number,
            "of_version": rendition.document.version,
            "of_sha256": rendition.document.sha256,
        },
    }


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """核验: public, no login. Confirms the document, or that a 脱敏副本 is a redacted copy of it (its own
    token); an uploaded PDF is reported as matching or not — on the original's page, a rendition of it is
    recognised as such."""
    rendition = rendition_by_token(token)
    document = rendition.document if rendition is not None else document_by_token(token)
    facts = rendition_facts(rendition) if rendition is not None else public_facts(document)
    form, check, copy_of = CheckPdfForm(), None, None
    if request.method == "POST":
        form = CheckPdfForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["pdf"]
            try:
                check = check_pdf(document=document, fileobj=upload)
            finally:
                upload.close()
            if rendition is not None:  # the rendition's page: compared with the rendition's own hash
                check = PdfCheck(matches=check.sha256 == rendition.sha256, sha256=check.sha256, size=check.size)
            if not check.matches and rendition is None:
                copy_of = rendition_matching(document, check.sha256)
    response = render(
        request,
        "documents/verify.html",
        {"facts": facts, "form": form, "check": check, "copy_of": copy_of},
        status=200 if form.is_bound is False or form.is_valid() else 400,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response
