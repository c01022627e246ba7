"""责令改正 as the case page shows it (行政处罚法 第二十八条第一款): each order with what to correct, its period and
the stored last day once its notice is served (the one clock), and how it ended — re-inspected or refused; and the
forms of the section's actions whose guards let this officer act now (the same guards refuse a step posted anyway)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Deadline
from officers.models import Officer

from .. import registry
from ..guards import Context
from ..models import Case
from ..models.correction import CorrectionOrder
from ..services.runner import load_case
from .panels import Panel, Refusal, refused_for
from .stepforms import prepare

SECTION = "correction"


@dataclass
class CorrectionRecord:
    order: CorrectionOrder
    deadline: Deadline | None


@dataclass
class CorrectionSection:
    records: list[CorrectionRecord]
    panels: list[Panel]


def _offered(case: Case, officer: Officer | None, orders: list[CorrectionOrder]) -> list[str]:
    """The section's actions that apply in the case's state and whose guards give ``officer`` no reason now."""
    if officer is None:
        return []
    ctx = Context(case=load_case(case.pk), user=officer.user, officer=officer, today=timezone.localdate())
    pending = [o for o in orders if o.inspected_on is None and o.refused_on is None]
    offered = []
    for action in registry.applicable(ctx.case.status, transition=False):
        if action.section != SECTION:
            continue
        targets: list[CorrectionOrder | None] = [*pending] if action.target is not None else [None]
        for target in targets:
            ctx.target = target
            if not action.reasons(ctx):
                offered.append(action.name)
                break
    return offered


def correction_section(
    case: Case, *, officer: Officer | None, bound: dict[str, forms.Form], refusal: Refusal | None
) -> CorrectionSection | None:
    """The section, or None when the case records no order and none can be given now."""
    orders = list(case.correction_orders.order_by("ordered_on", "pk"))
    offered = set(_offered(case, officer, orders))
    if not orders and not offered and not any(k in bound for k in offered):
        return None
    rows = {d.ref: d for d in Deadline.objects.filter(case=case, kind="correction").order_by("pk")}
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
    return CorrectionSection(records=[CorrectionRecord(o, rows.get(str(o.pk))) for o in orders], panels=panels)
