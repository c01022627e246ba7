"""The case page: what it shows, and how every action on it is answered.

``render_case_page`` builds the page from the case (already scoped by
``cases.selectors.case_for``), with any bound form and refusal of the action
just attempted. ``perform`` is the one way the page's POST views call a
service: validate, call, and on refusal re-render with the reasons.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clock.periods import preloaded
from deadlines.selectors import case_panel as deadline_case_panel
from documents.selectors import case_panel as documents_case_panel
from events.catalogue import people, records
from kernel.rules import ActionRefused
from officers.choices import StaffCategory
from officers.models import Officer
from officers.selectors import officer_for_user
from supervision.services import recorder_refusals

from ..choices import TERMINAL_STATES, CaseStatus, HandlerRole, Procedure, RecusalInitiator
from ..forms.case import (
    AddHandlerForm,
    EvidenceUploadForm,
    PartyForm,
    RecuseHandlerForm,
    RequestFilingForm,
    SupersedeEvidenceForm,
    add_service_errors,
)
from ..models import Case, CaseEvent, Evidence
from ..selectors import events_of, sees_identifiers
from ..services.runner import next_steps_for
from ..transitions import TRANSITIONS
from .decision import DecisionRecord, decision_record
from .execution import execution_section
from .panels import Panel, Refusal, refused_for
from .referral import referral_section
from .review_queue import review_desk
from .stepforms import prepare

# The v1 API (API.md) serves evidence: uploads and the logged, presigned view of the content.
EVIDENCE_UPLOAD_URL = "/api/v1/cases/{case_id}/evidence/"
EVIDENCE_CONTENT_URL = "/api/v1/evidence/{evidence_id}/content/"
ACCEPTED_FILES = "image/*,video/*,audio/*,application/pdf"


@dataclass
class EvidenceRow:
    item: Evidence
    content_url: str
    supersede: Panel


@dataclass
class TimelineEntry:
    event: CaseEvent
    type_label: str
    step_label: str
    from_label: str
    to_label: str
    note: str
    reasons: list[dict[str, str]]


def case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def _status_label(value: str) -> str:
    try:
        return CaseStatus(value).label
    except ValueError:
        return value


def _event_note(event: CaseEvent, evidence_titles: dict[int, str]) -> str:
    """One line on what the event recorded, from its typed payload (``events.catalogue``)."""
    data = event.data
    if isinstance(data, people.Created):
        names = "、".join(h.name for h in data.handlers)
        return _("%(title)s；承办人：%(names)s") % {"title": data.title, "names": names}
    if isinstance(data, people.HandlerAdded):
        role = HandlerRole(data.role).label if data.role in HandlerRole.values else ""
        return f"{data.officer.name}（{role}）" if role else data.officer.name
    if isinstance(data, people.HandlerRecused):
        how = RecusalInitiator(data.initiator).label if data.initiator in RecusalInitiator.values else ""
        return f"{data.officer.name}：{how}，{data.reason}"
    if isinstance(data, people.PartyAdded):
        return data.name
    if isinstance(data, records.EvidenceAdded):
        return data.title
    if isinstance(data, records.EvidenceSuperseded):
        return f"{evidence_titles.get(data.evidence, '')}：{data.reason}"
    if isinstance(data, records.EvidenceAccessed):
        return evidence_titles.get(data.evidence, "")
    number = getattr(data, "number", "")
    parts = [_("案号 %(number)s") % {"number": number}] if number else []
    parts += [str(v) for v in (getattr(data, k, "") for k in ("organ", "opinion", "reason", "report")) if v]
    return "；".join(parts)


def _refused_reasons(event: CaseEvent) -> list[dict[str, str]]:
    data = event.data
    if not isinstance(data, people.AttemptRefused):
        return []
    return [{"code": r.code, "detail": r.detail, "article": r.article} for r in data.reasons]


def timeline(case: Case, evidence: list[Evidence]) -> list[TimelineEntry]:
    titles = {e.pk: e.title for e in evidence}
    entries = []
    for event in events_of(case):
        spec = TRANSITIONS.get(event.name)
        entries.append(
            TimelineEntry(
                event=event,
                type_label=event.get_event_type_display(),
                step_label=spec.label if spec else "",
                from_label=_status_label(event.from_state) if event.from_state else "",
                to_label=_status_label(event.to_state) if event.to_state else "",
                note=_event_note(event, titles),
                reasons=_refused_reasons(event),
            )
        )
    return entries


def next_steps(
    request: HttpRequest,
    case: Case,
    bound: dict[str, forms.Form],
    refusal: Refusal | None,
    record: DecisionRecord | None = None,
) -> list[Panel]:
    """下一步: each transition from the current state, with its form, or the reasons it is blocked for this user."""
    report = record.proposal.report if record and record.proposal else None
    notice = record.notices[0].notice if record and record.notices else None
    panels = []
    for spec, blocked in next_steps_for(case, request.user):
        form = bound.get(spec.name) or spec.form(case=case, prefix=spec.name)
        panels.append(
            Panel(
                key=spec.name,
                label=spec.label,
                url=reverse("cases:transition", args=[case.pk, spec.name]),
                form=prepare(spec.name, form, report=report, notice=notice),
                blocked=blocked,
                refused=refused_for(spec.name, refusal),
            )
        )
    return panels


def management_panels(case: Case, bound: dict[str, forms.Form], refusal: Refusal | None) -> dict[str, Panel]:
    """The actions on the people of the case (not transitions): filing request, handlers, recusal, parties."""
    if case.status in TERMINAL_STATES:
        return {}
    specs: dict[str, tuple[str, Callable[[], forms.Form]]] = {
        "add_handler": (_("增加承办人"), lambda: AddHandlerForm(case=case, prefix="handler")),
        "recuse_handler": (_("承办人回避"), lambda: RecuseHandlerForm(case=case, prefix="recusal")),
        "add_party": (_("登记当事人"), lambda: PartyForm(prefix="party")),
    }
    if case.status == CaseStatus.LEAD and case.procedure == Procedure.GENERAL and not case.filing_requested_at:
        specs = {"request_filing": (_("提请立案审批"), lambda: RequestFilingForm(prefix="filing")), **specs}
    return {
        key: Panel(
            key=key,
            label=label,
            url=reverse(f"cases:{key}", args=[case.pk]),
            form=bound.get(key) or make(),
            refused=refused_for(key, refusal),
        )
        for key, (label, make) in specs.items()
    }


def evidence_rows(
    case: Case, items: list[Evidence], bound: dict[str, forms.Form], refusal: Refusal | None
) -> list[EvidenceRow]:
    rows = []
    for item in items:
        key = f"supersede-{item.pk}"
        rows.append(
            EvidenceRow(
                item=item,
                content_url=EVIDENCE_CONTENT_URL.format(evidence_id=item.pk),
                supersede=Panel(
                    key=key,
                    label=_("作废证据"),
                    url=reverse("cases:supersede_evidence", args=[case.pk, item.pk]),
                    form=bound.get(key) or SupersedeEvidenceForm(prefix=key),
                    refused=refused_for(key, refusal),
                ),
            )
        )
    return rows


def records_interference(request: HttpRequest, officer: Officer | None, case: Case) -> bool:
    """登记干预记录 from the page: for the officers of the case's own enforcement agency. Reviewers who
    are only reviewers and supervisors read the records elsewhere. The page links, and never shows
    records or their count: the person named may be a handler or a head of this very case."""
    return (
        officer is not None
        and officer.agency_id == case.agency_id
        and not officer.is_supervisor
        and (officer.is_head or officer.category in (StaffCategory.ENFORCEMENT, StaffCategory.AUXILIARY))
        and not recorder_refusals(request.user)
    )


def render_case_page(
    request: HttpRequest,
    case: Case,
    *,
    bound: dict[str, forms.Form] | None = None,
    refusal: Refusal | None = None,
    status: int = 200,
) -> HttpResponse:
    # The page counts many periods (deadlines, the execution clocks, the limitation period): one reading
    # of the holiday table for every count that starts after the case began (clock.periods.preloaded).
    today = timezone.localdate()
    began = [day for day in (case.violation_date, case.discovered_on, timezone.localdate(case.created_at)) if day]
    with preloaded(min([today, *began]), today + PAGE_REACH):
        return _render_case_page(request, case, bound=bound, refusal=refusal, status=status)


PAGE_REACH = datetime.timedelta(days=400)  # the remedies' six months and the court's three, with room


def _render_case_page(
    request: HttpRequest,
    case: Case,
    *,
    bound: dict[str, forms.Form] | None,
    refusal: Refusal | None,
    status: int,
) -> HttpResponse:
    bound = bound or {}
    evidence = list(case.evidence.select_related("captured_by", "uploaded_by", "superseded_by"))
    open_case = case.status not in TERMINAL_STATES
    record = decision_record(case)
    steps = next_steps(request, case, bound, refusal, record)
    officer = officer_for_user(request.user)
    assignments = list(case.assignments.select_related("officer", "recusal_decided_by__officer"))
    context = {
        "case": case,
        "sees_identifiers": sees_identifiers(request.user, case),
        "parties": list(case.parties.all()),
        "assignments": assignments,
        "evidence_rows": evidence_rows(case, evidence, bound, refusal),
        "timeline": timeline(case, evidence),
        "record": record,
        **review_desk(request, case, record, steps),
        "manage": management_panels(case, bound, refusal),
        "referral_section": referral_section(
            case, officer=officer, assignments=assignments, next_steps=steps, bound=bound, refusal=refusal
        ),
        "execution_section": execution_section(case, officer=officer, bound=bound, refusal=refusal),
        "documents_panel": documents_case_panel(user=request.user, case=case),
        "deadline_panel": deadline_case_panel(case, request.user),
        "records_interference": records_interference(request, officer, case),
        "refusal": refusal,
        "upload_form": EvidenceUploadForm(auto_id="upload_%s") if open_case else None,
        "upload_url": EVIDENCE_UPLOAD_URL.format(case_id=case.pk),
        "accepted_files": ACCEPTED_FILES,
    }
    return render(request, "cases/detail.html", context, status=status)


def perform(
    request: HttpRequest,
    case: Case,
    *,
    key: str,
    label: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str,
    field_map: dict[str, str] | None = None,
) -> HttpResponse:
    """Validate ``form``, call the service with its data; refusals and errors come back on the case page."""
    if not form.is_valid():
        return render_case_page(request, case, bound={key: form}, status=400)
    try:
        call(form.cleaned_data)
    except ActionRefused as refused:  # TransitionBlocked included
        return render_case_page(
            request, case, bound={key: form}, refusal=Refusal(key, label, refused.reasons), status=409
        )
    except ValidationError as exc:
        add_service_errors(form, exc, field_map)
        return render_case_page(request, case, bound={key: form}, status=400)
    messages.success(request, done)
    return redirect(case_url(case))
