"""先行登记保存 as the case page shows it (行政处罚法 第五十六条): each preservation with its items, its approval, its
registration and the disposal clock — the stored deadline ``evidence_preservation`` (the one clock), red once its
seven working days have passed — and the forms of the steps this officer may take now (the registry's actions of
``cases.actions.preservation``, posted to ``cases:action``). A section of the page (``registry.add_page_section``)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
from .panels import Panel


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


def _offered(case: Case, officer: Officer | None, rows: list[EvidencePreservation]) -> list[Panel]:
    """The steps whose guards give ``officer`` no reason now, for some preservation of the case (or the case)."""
    candidates = []
    for name in ACTIONS:
        action = registry.action_named(name)
        targets: list[EvidencePreservation | None] = list(rows) if action.target is not None else [None]
        if case.status in action.sources and targets:
            candidates.append((action, targets))
    if officer is None or not candidates:
        return []
    ctx = Context(case=load_case(case.pk), user=officer.user, officer=officer, today=timezone.localdate())
    panels = []
    for action, targets in candidates:
        choices = []
        for target in targets:
            ctx.target = target
            if not action.reasons(ctx):
                choices.append(target)
        if not choices:
            continue
        form = action.form(case=case, prefix=action.name)
        if action.target is not None:
            model_choice_field(form, "preservation").queryset = EvidencePreservation.objects.filter(
                pk__in=[c.pk for c in choices if c is not None]
            )
        if "decided_on" in form.fields:
            form.initial["decided_on"] = timezone.localdate()
        url = reverse("cases:action", args=[case.pk, action.name])
        panels.append(Panel(key=action.name, label=action.label, url=url, form=form))
    return panels


def preservation_section(*, request, case: Case, officer: Officer | None) -> PreservationSection | None:
    """The section, or None when the case has no preservation and none may be requested in its state."""
    items = list(case.preservations.select_related("requested_by", "approved_by", "registered_by", "disposed_by"))
    panels = _offered(case, officer, items)
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
