"""What the record-keeping sections of the case page share (责令改正, 查封扣押, …): which of the section's actions the
officer may take now — on one of the section's open records, for an action that names its target — and the forms of
those actions (and of one posted and refused). The section's own records stay in its module."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django import forms
from django.urls import reverse
from django.utils import timezone

from officers.models import Officer

from .. import registry
from ..guards import Context
from ..models import Case
from ..services.runner import load_case
from .panels import Panel, Refusal, refused_for
from .stepforms import prepare


def offered_actions(
    case: Case, officer: Officer | None, section: str, open_records: Callable[[Case], Sequence[object]]
) -> list[str]:
    """The actions of ``section`` that apply in the case's state and whose guards give ``officer`` no reason now; an
    action on a record (``Action.target``) is offered when one of ``open_records(case)`` allows it."""
    if officer is None:
        return []
    ctx = Context(case=load_case(case.pk), user=officer.user, officer=officer, today=timezone.localdate())
    records = list(open_records(ctx.case))
    offered = []
    for action in registry.applicable(ctx.case.status, transition=False):
        if action.section != section:
            continue
        targets: Iterable[object | None] = records if action.target is not None else [None]
        for target in targets:
            ctx.target = target
            if not action.reasons(ctx):
                offered.append(action.name)
                break
    return offered


def posted_here(section: str, bound: dict[str, forms.Form]) -> bool:
    """A form of one of ``section``'s actions was just posted and refused or invalid: the section shows it (with the
    officer's input and the errors) even when it would otherwise be hidden — nothing recorded, nothing offered."""
    return any(action.section == section and action.name in bound for action in registry.all_actions())


def section_panels(
    case: Case, section: str, *, offered: set[str], bound: dict[str, forms.Form], refusal: Refusal | None
) -> list[Panel]:
    """The forms of the section's actions offered now, or posted and refused (``bound``, with its reasons)."""
    panels = []
    for action in registry.all_actions():
        if action.section != section or (action.name not in offered and action.name not in bound):
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
    return panels
