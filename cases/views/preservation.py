"""先行登记保存 as the case page shows it (行政处罚法 第五十六条): each preservation with its items, its approval, its
registration and the disposal clock — the stored deadline ``evidence_preservation`` (the one clock), red once its
seven working days have passed — and the forms of the steps this officer may take now (the registry's actions of
``cases.actions.preservation``, posted to ``cases:action``; one posted and refused comes back as filled in, with its
errors and reasons). A section of the page (``registry.add_page_section``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Deadline
from deadlines.selectors import deadline_of
from kernel.forms import model_choice_field
from officers.models import Officer

from .. import registry
from ..actions.preservation import ACTIONS
from ..guards import Context
from ..models import Case, EvidencePreservation, EvidenceSampling
from ..services.runner import load_case
from .panels import Panel, Refusal, refused_for
from .stepforms import prepare


@dataclass
class PreservationRow:
    item: EvidencePreservation
    disposal_clock: Deadline | None
    approval_clock: Deadline | None
    overdue: bool  # the seven working days have passed with no disposal (第五十六条)
    approval_overdue: bool


@dataclass
class PreservationSection:
    rows: list[PreservationRow]
    panels: list[Panel] = field(default_factory=list)
    samplings: list[EvidenceSampling] = field(default_factory=list)


def _choices(case: Case, officer: Officer | None, rows: list[EvidencePreservation]) -> dict[str, list]:
    """The steps whose guards give ``officer`` no reason now, each with the preservations it may act on (``[None]``
    for a step on the case)."""
    candidates = []
    for name in ACTIONS:
        action = registry.action_named(name)
        targets: list[EvidencePreservation | None] = list(rows) if action.target is not None else [None]
        if case.status in action.sources and targets:
            candidates.append((action, targets))
    if officer is None or not candidates:
        return {}
    ctx = Context(case=load_case(case.pk), user=officer.user, officer=officer, today=timezone.localdate())
    offered = {}
    for action, targets in candidates:
        choices = []
        for target in targets:
            ctx.target = target
            if not action.reasons(ctx):
                choices.append(target)
        if choices:
            offered[action.name] = choices
    return offered


def _panels(case: Case, offered: dict[str, list], bound: dict[str, forms.Form], refusal: Refusal | None) -> list[Panel]:
    """The forms of the steps offered now — and of a step just posted and refused or invalid, as the officer filled
    it in, with its errors and reasons (``views.casefile.answer``), whether or not it is offered now."""
    panels = []
    for name in ACTIONS:
        action = registry.action_named(name)
        form = bound.get(name)
        if form is None:
            if name not in offered:
                continue
            form = action.form(case=case, prefix=name)
            if action.target is not None:
                model_choice_field(form, "preservation").queryset = EvidencePreservation.objects.filter(
                    pk__in=[c.pk for c in offered[name] if c is not None]
                )
            if "decided_on" in form.fields:
                form.initial["decided_on"] = timezone.localdate()
        url = reverse("cases:action", args=[case.pk, name])
        panels.append(
            Panel(
                key=name,
                label=action.label,
                url=url,
                form=prepare(name, form, report=None, notice=None),
                refused=refused_for(name, refusal),
            )
        )
    return panels


def preservation_section(
    *,
    request,
    case: Case,
    officer: Officer | None,
    bound: dict[str, forms.Form] | None = None,
    refusal: Refusal | None = None,
) -> PreservationSection | None:
    """The section, or None when the case has no preservation and none may be requested in its state (and none of
    its steps was just posted and refused)."""
    items = list(case.preservations.select_related("requested_by", "approved_by", "registered_by", "disposed_by"))
    panels = _panels(case, _choices(case, officer, items), bound or {}, refusal)
    samplings = list(case.samplings.select_related("recorded_by"))
    if not items and not panels and not samplings:
        return None
    today, now = timezone.localdate(), timezone.now()
    rows = []
    for item in items:
        disposal = deadline_of(case.pk, "evidence_preservation", ref=str(item.pk)) if item.registered_at else None
        approval = deadline_of(case.pk, "preservation_approval", ref=str(item.pk)) if item.registered_at else None
        rows.append(
            PreservationRow(
                item=item,
                disposal_clock=disposal,
                approval_clock=approval,
                overdue=bool(disposal and disposal.is_open and disposal.is_past(today, now)),
                approval_overdue=bool(approval and approval.is_open and approval.is_past(today, now)),
            )
        )
    return PreservationSection(rows=rows, panels=panels, samplings=samplings)
