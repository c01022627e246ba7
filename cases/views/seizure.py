"""查封、扣押 as the case page shows it (行政强制法 第十八条至第二十八条): each seizure with its items, how it was
approved and carried out, its stored 30-day deadline (the one clock: extensions and testing time included) and
how it ended; and the forms of the section's actions whose guards let this officer act now (the same guards
refuse a step posted anyway, with the article)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Deadline
from officers.models import Officer

from .. import registry
from ..actions.seizure import SEIZABLE
from ..guards import Context
from ..guards.seizure import open_seizures
from ..models import Case
from ..models.seizure import Seizure
from ..services.runner import load_case
from .panels import Panel, Refusal, refused_for
from .stepforms import prepare

SECTION = "seizure"


@dataclass
class SeizureRecord:
    seizure: Seizure
    deadline: Deadline | None


@dataclass
class SeizureSection:
    records: list[SeizureRecord]
    panels: list[Panel]


def _offered(case: Case, officer: Officer | None, seizures: list[Seizure]) -> list[str]:
    """The section's actions that apply in the case's state and whose guards give ``officer`` no reason now.
    Without an open seizure only ``seize`` could be: not asked where its state or the catalogue rules it out."""
    if officer is None:
        return []
    if not any(s.is_open for s in seizures) and (
        case.status not in SEIZABLE or case.matter.seizure_provision_id is None
    ):
        return []
    ctx = Context(case=load_case(case.pk), user=officer.user, officer=officer, today=timezone.localdate())
    opened = open_seizures(ctx.case)
    offered = []
    for action in registry.applicable(ctx.case.status, transition=False):
        if action.section != SECTION:
            continue
        # A step on a seizure: offered when one of the open seizures allows it.
        targets: list[Seizure | None] = [*opened] if action.target is not None else [None]
        for target in targets:
            ctx.target = target
            if not action.reasons(ctx):
                offered.append(action.name)
                break
    return offered


def seizure_section(
    case: Case, *, officer: Officer | None, bound: dict[str, forms.Form], refusal: Refusal | None
) -> SeizureSection | None:
    """The section, or None when the case records no seizure and none can be taken now."""
    seizures = list(case.seizures.select_related("approved_by").order_by("carried_out_at", "pk"))
    offered = set(_offered(case, officer, seizures))
    if not seizures and not offered and not any(k in bound for k in offered):
        return None
    rows = {d.ref: d for d in Deadline.objects.filter(case=case, kind="seizure").order_by("pk")}
    panels = []
    for action in registry.all_actions():
        if action.section != SECTION or (action.name not in offered and action.name not in bound):
            continue
        form = bound.get(action.name) or action.form(case=case, prefix=action.name)
        panels.append(
            Panel(
                key=action.name,
                label=action.label,
                url=reverse("cases:action", args=[case.pk, action.name]),
                form=prepare(action.name, form, report=None, notice=None),
                refused=refused_for(action.name, refusal),
            )
        )
    return SeizureSection(records=[SeizureRecord(s, rows.get(str(s.pk))) for s in seizures], panels=panels)
