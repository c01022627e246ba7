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
from events.catalogue import people, records
from kernel.rules import ActionRefused
from officers.models import Officer
from officers.selectors import officer_for_user
from security.audit import record_personal_data_view

from .. import registry
from ..choices import TERMINAL_STATES, CaseStatus, HandlerRole, RecusalInitiator
from ..forms.case import EvidenceUploadForm, add_service_errors
from ..models import Case, CaseEvent, Evidence
from ..selectors import events_of, recusal_applications, sees_identifiers
from ..services.runner import available, next_steps_for
from .correction import correction_section
from .decision import DecisionRecord, decision_record
from .execution import execution_section
from .panels import Panel, Refusal, refused_for
from .referral import referral_section
from .review_queue import review_desk
from .seizure import seizure_section
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
        spec = registry.get(event.name)
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
    """下一步: each transition from the current state, with its form, or the reasons it is blocked for this user
    (the registry's ``available`` — the API's ``transitions`` is the same list)."""
    report = record.proposal.report if record and record.proposal else None
    notice = record.notices[0].notice if record and record.notices else None
    panels = []
    for action, blocked in next_steps_for(case, request.user):
        form = bound.get(action.name) or action.form(case=case, prefix=action.name)
        panels.append(
            Panel(
                key=action.name,
                label=action.label,
                url=reverse("cases:transition", args=[case.pk, action.name]),
                form=prepare(action.name, form, report=report, notice=notice),
                blocked=blocked,
                refused=refused_for(action.name, refusal),
            )
        )
    return panels


# The page's form prefixes and routes of the actions on the people of a case (published before the registry).
PEOPLE_ROUTES = {
    "request_filing": "filing",
    "add_handler": "handler",
    "add_party": "party",
}


def management_panels(
    request: HttpRequest, case: Case, bound: dict[str, forms.Form], refusal: Refusal | None
) -> dict[str, Panel]:
    """案件管理: the registry's actions on the people of the case (and the heads' collective discussion) that apply
    in its state. The filing request is offered while it can still be made; the others to everyone who sees the
    page (the guards refuse on submit, with their reasons)."""
    panels: dict[str, Panel] = {}
    for action, blocked in available(case, request.user, transition=False):
        if action.section != "people":
            continue
        if action.name == "request_filing" and [r for r in blocked if r.code != "not_a_handler"]:
            continue
        prefix = PEOPLE_ROUTES.get(action.name, action.name)
        # The routes published before the registry, else the registry's own (the heads' collective discussion).
        if action.name in PEOPLE_ROUTES:
            url = reverse(f"cases:{action.name}", args=[case.pk])
        else:
            url = reverse("cases:action", args=[case.pk, action.name])
        panels[action.name] = Panel(
            key=action.name,
            label=action.label,
            url=url,
            form=bound.get(action.name) or action.form(case=case, prefix=prefix),
            refused=refused_for(action.name, refusal),
        )
    return panels


def evidence_rows(
    case: Case, items: list[Evidence], bound: dict[str, forms.Form], refusal: Refusal | None
) -> list[EvidenceRow]:
    supersede = registry.action_named("supersede_evidence")
    rows = []
    for item in items:
        key = f"supersede-{item.pk}"
        form = bound.get(key)
        if form is None:
            form = supersede.form(case=case, prefix=key, initial={"evidence": item.pk})
            form.fields["evidence"].widget = forms.HiddenInput()
        rows.append(
            EvidenceRow(
                item=item,
                content_url=EVIDENCE_CONTENT_URL.format(evidence_id=item.pk),
                supersede=Panel(
                    key=key,
                    label=supersede.label,
                    url=reverse("cases:supersede_evidence", args=[case.pk, item.pk]),
                    form=form,
                    refused=refused_for(key, refusal),
                ),
            )
        )
    return rows


@dataclass
class SectionPart:
    """A listener's section of the page (``registry.add_page_section``), built for this request."""

    name: str
    template: str
    panel: Any


def listener_sections(
    request: HttpRequest,
    case: Case,
    officer: Officer | None,
    bound: dict[str, forms.Form],
    refusal: Refusal | None,
) -> dict[str, list[SectionPart]]:
    """The sections the apps listening to ``cases`` add to the page, by slot (the page never imports them), with the
    form just posted and refused, so the section that owns it shows it as the officer filled it in."""
    slots: dict[str, list[SectionPart]] = {slot: [] for slot in registry.SLOTS}
    for section in registry.page_sections():
        panel = section.build(request=request, case=case, officer=officer, bound=bound, refusal=refusal)
        if panel is not None:
            slots[section.slot].append(SectionPart(section.name, section.template, panel))
    return slots


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
    parties = list(case.parties.all())
    full_identifiers = sees_identifiers(request.user, case)
    if full_identifiers:
        record_personal_data_view(
            request,
            object_ref=f"cases.Case:{case.pk}",
            party_ids=[p.pk for p in parties if p.identifier or p.phone],
            channel="page",
        )
    context = {
        "case": case,
        "sees_identifiers": full_identifiers,
        "parties": parties,
        "assignments": assignments,
        "recusal_applications": recusal_applications(case),
        "evidence_rows": evidence_rows(case, evidence, bound, refusal),
        "timeline": timeline(case, evidence),
        "record": record,
        **review_desk(request, case, record, steps),
        "manage": management_panels(request, case, bound, refusal),
        "referral_section": referral_section(
            case, officer=officer, assignments=assignments, next_steps=steps, bound=bound, refusal=refusal
        ),
        "execution_section": execution_section(case, officer=officer, bound=bound, refusal=refusal),
        "seizure_section": seizure_section(case, officer=officer, bound=bound, refusal=refusal),
        "correction_section": correction_section(case, officer=officer, bound=bound, refusal=refusal),
        "sections": listener_sections(request, case, officer, bound, refusal),
        "refusal": refusal,
        "upload_form": EvidenceUploadForm(auto_id="upload_%s") if open_case else None,
        "upload_url": EVIDENCE_UPLOAD_URL.format(case_id=case.pk),
        "accepted_files": ACCEPTED_FILES,
    }
    return render(request, "cases/detail.html", context, status=status)


def answer(
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
