"""Reads of documents, scoped like the cases they belong to (``cases.selectors``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404
from django.urls import reverse

from cases.models import Case
from cases.selectors import cases_visible_to
from kernel.rules import Reason
from officers.selectors import officer_for_user

from .choices import DocumentStatus
from .kinds import INTERNAL, SPECS, KindSpec
from .models import Document, document_settings_for
from .render import verify_url
from .renditions import carries_personal_data, receives_original
from .rules import issue_reasons, performer_reasons


def documents_for(case: Case) -> QuerySet[Document]:
    """Every document of the case, every version, oldest first. The caller has scoped ``case``."""
    return Document.objects.filter(case=case).select_related("supersedes", "superseded_by").order_by("issued_at", "pk")


def documents_visible_to(user) -> QuerySet[Document]:
    return Document.objects.filter(case__in=cases_visible_to(user))


def document_for(user, pk) -> Document:
    """The document if ``user`` may see its case; 404 otherwise — never revealing that it exists."""
    try:
        return documents_visible_to(user).select_related("case").get(pk=pk)
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404("文书不存在或无权查看。") from None


def document_by_token(token: str) -> Document:
    """For the public verification page: by the unguessable token printed in the QR code, or 404."""
    try:
        return Document.objects.select_related("agency").get(token=token)
    except Document.DoesNotExist:
        raise Http404("没有这一文书。") from None


def download_url(document: Document) -> str:
    return reverse("documents:download", args=[document.pk])


@dataclass
class DocumentRow:
    document: Document
    download_url: str
    verify_url: str
    current: bool
    # The download gives this user the masked 脱敏副本, not the original (documents.renditions).
    redacted: bool = False


@dataclass
class IssueButton:
    spec: KindSpec
    url: str
    blocked: list[Reason]
    correct: Document | None = None  # the latest version, offered for correction
    # Issued once per case and already issued (``rules.SINGLE``): only a correction may be made.
    correction_only: bool = False
    # The form just posted for this kind and refused or invalid: shown as filled in, with its errors and reasons.
    form: Any = None
    refused: list[Reason] = field(default_factory=list)


@dataclass
class CasePanel:
    """What ``templates/documents/case_panel.html`` shows: the documents and what may be issued now."""

    rows: list[DocumentRow]
    buttons: list[IssueButton]
    can_issue: bool
    bank_configured: bool
    servable: list[Document] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return any(r.document.status in (DocumentStatus.ISSUED, DocumentStatus.RENDERING) for r in self.rows)

    @property
    def blocked_count(self) -> int:
        """Kinds that may not be issued now: grouped out of the way, each with its reasons."""
        return sum(1 for b in self.buttons if b.blocked)


def issue_key(kind: str) -> str:
    """The page's key of the form issuing ``kind`` (``views.issue`` answers under it)."""
    return f"document-{kind}"


def case_panel(*, user, case: Case, bound: dict[str, Any] | None = None, refusal: Any = None) -> CasePanel:
    """The documents section of the case page for ``user`` (who may see ``case``: the caller scoped it); ``bound``
    and ``refusal`` are the page's form just posted and refused or invalid, and its reasons
    (``cases.registry.PageSection``): that kind's form comes back as the officer filled it in."""
    bound = bound or {}
    officer = officer_for_user(user)
    documents = list(documents_for(case))
    superseded = {d.supersedes_id for d in documents if d.supersedes_id}
    original = receives_original(user, case)
    rows = [
        DocumentRow(
            document=d,
            download_url=download_url(d),
            verify_url=verify_url(d.token),
            current=d.pk not in superseded,
            redacted=not original and d.is_rendered and carries_personal_data(d),
        )
        for d in documents
    ]
    # Every kind's rules ask who acts (the case's handlers): read them once for all the kinds.
    prefetch_related_objects([case], "assignments")
    can_issue = not performer_reasons(case, officer)
    buttons: list[IssueButton] = []
    if can_issue:
        latest = {}
        for d in documents:
            if d.pk not in superseded:
                latest[d.kind] = d
        for kind, spec in SPECS.items():
            blocked = issue_reasons(case=case, kind=kind, officer=officer, extra={"document": -1})
            if kind == "service_receipt":  # the document to serve is chosen in the form
                blocked = [r for r in blocked if r.code not in ("no_document_to_serve", "internal_document")]
            correction_only = any(r.code == "already_issued" for r in blocked)
            if correction_only:
                blocked = [r for r in blocked if r.code != "already_issued"]
            key = issue_key(kind)
            buttons.append(
                IssueButton(
                    spec=spec,
                    url=reverse("documents:issue", args=[case.pk, kind]),
                    blocked=blocked,
                    correct=latest.get(kind),
                    correction_only=correction_only,
                    form=bound.get(key),
                    refused=refusal.reasons if refusal is not None and refusal.key == key else [],
                )
            )
    servable = [r.document for r in rows if r.current and SPECS[r.document.kind].addressed_to != INTERNAL]
    return CasePanel(
        rows=rows,
        buttons=buttons,
        can_issue=can_issue,
        bank_configured=document_settings_for(case.agency).bank_configured,
        servable=servable,
    )
