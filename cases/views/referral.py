"""涉嫌犯罪案件移送 as the case page shows it (两法衔接; 国务院《行政执法机关移送涉嫌犯罪案件的规定》2020;
行政处罚法 第二十七条、第三十五条、第八十二条): the latest referral with every step recorded, the steps
still due with their due times, the earlier referrals, and the forms of the steps possible now.

The forms offered are the registry's steps of the section "referral" (``cases.actions.referral``) that apply
in the case's state and whose guards give this officer no reason now: the same guards refuse a step posted out
of order, with the article. The hand-over and the return to administrative handling are transitions: they
stay in 下一步. Everything is read in a fixed number of queries, whatever the number of referrals or team members —
the due times too: they are the referrals' stored deadlines (the one clock), read at once for every referral.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Deadline
from kernel.money import figures
from officers.models import Officer

from .. import registry
from ..guards import Context
from ..models import Case, CaseHandler
from ..models.case import REFERRABLE
from ..models.referral import PoliceReferral, ReferralMaterial, StepDue, referral_deadline_rows
from ..registry import Action
from ..services.runner import load_case
from .panels import Panel, Refusal, refused_for
from .stepforms import prepare

SECTION = "referral"
# The transitions of 下一步 that carry a referral on: the hand-over and the return to administrative handling.
REFERRAL_TRANSITIONS = ("refer_to_police", "resume_after_referral")


@dataclass(frozen=True)
class DueRow:
    """A step still due (``PoliceReferral.open_deadlines``) with its due time as the page writes it."""

    deadline: StepDue
    when: str
    iso: str


@dataclass
class ReferralRecord:
    referral: PoliceReferral
    team: list[str]
    materials: list[str]
    fines: str
    dues: list[DueRow] = field(default_factory=list)
    # step → the stored deadline of the step (open, met or ended): the record shows the due dates from it.
    rows: dict[str, Deadline] = field(default_factory=dict)


@dataclass
class ReferralSection:
    current: ReferralRecord | None
    earlier: list[ReferralRecord]  # newest first
    panels: list[Panel]
    transition: Panel | None  # the transition of 下一步 this user may perform now to carry the referral on


def _due_row(deadline: StepDue) -> DueRow:
    due = deadline.due
    if isinstance(due, datetime.datetime):
        local = timezone.localtime(due)
        return DueRow(deadline, f"{local:%Y-%m-%d %H:%M}", local.isoformat())
    return DueRow(deadline, f"{due:%Y-%m-%d}", due.isoformat())


def _record(referral: PoliceReferral, rows: dict[str, Deadline], *, current: bool) -> ReferralRecord:
    return ReferralRecord(
        referral=referral,
        team=[o.name for o in referral.team.all()],
        materials=[m.label for m in ReferralMaterial if m.value in referral.materials]
        + [m for m in referral.materials if m not in ReferralMaterial.values],
        fines=figures(referral.fines_already_imposed),
        dues=[_due_row(d) for d in referral.open_deadlines(rows=rows)] if current else [],
        rows=rows,
    )


def referral_steps() -> list[Action]:
    """The steps of the section, in the order of their declaration (the order of the referral)."""
    return [a for a in registry.all_actions() if a.section == SECTION and not a.transition]


def steps_offered(case: Case, referral: PoliceReferral | None, officer: Officer | None) -> list[str]:
    """The steps of the section that apply in the case's state and whose guards give ``officer`` no reason now
    (the "is it available now" listing: no payload). ``referral`` is the case's latest, its team prefetched."""
    if officer is None:
        return []
    ctx = Context(case=load_case(case.pk), user=officer.user, officer=officer, today=timezone.localdate())
    offered = []
    for action in registry.applicable(ctx.case.status, transition=False):
        if action.section != SECTION:
            continue
        ctx.target = referral if action.target is not None else None
        if not action.reasons(ctx):
            offered.append(action.name)
    return offered


def _initial(step: str, form: forms.Form, case: Case, referral: PoliceReferral | None, handlers: list[int]) -> None:
    """What the officer would otherwise retype: today for the dates, the handlers as the team, the fine decided."""
    today = timezone.localdate()
    initial: dict[str, Any] = {name: today for name, f in form.fields.items() if isinstance(f, forms.DateField)}
    if step == "submit_referral_report":
        initial["team"] = handlers
    elif step == "record_fines_already_imposed":
        recorded = referral.fines_already_imposed if referral else None
        initial["amount"] = recorded if recorded is not None else case.decided_fine_amount
    form.initial = {**initial, **form.initial}


def _panels(
    case: Case,
    referral: PoliceReferral | None,
    officer: Officer | None,
    assignments: list[CaseHandler],
    bound: dict[str, forms.Form],
    refusal: Refusal | None,
) -> list[Panel]:
    handlers = [a.officer_id for a in assignments if a.is_active]
    offered = set(steps_offered(case, referral, officer))
    panels = []
    for action in referral_steps():
        key = action.name
        # A step just posted comes back with its input and its refusal, even when not offered (第五条: a deputy head).
        if key not in offered and key not in bound:
            continue
        form = bound.get(key)
        if form is None:
            form = action.form(case=case, prefix=key)
            _initial(key, form, case, referral, handlers)
        panels.append(
            Panel(
                key=key,
                label=action.label,
                url=reverse("cases:referral_step", args=[case.pk, key]),
                form=prepare(key, form, report=None, notice=None),
                refused=refused_for(key, refusal),
            )
        )
    return panels


def referral_section(
    case: Case,
    *,
    officer: Officer | None,
    assignments: list[CaseHandler],
    next_steps: list[Panel],
    bound: dict[str, forms.Form],
    refusal: Refusal | None,
) -> ReferralSection | None:
    """The section, or None when the case never had a referral and cannot have one in its state.
    ``next_steps`` are the panels of 下一步, whose guards already said whether the hand-over or the
    return may be performed now by this user."""
    referrals = list(
        case.referrals.select_related("decided_by", "submitted_by__officer", "handed_over_by__officer")
        .prefetch_related("team")
        .order_by("-pk")
    )
    if not referrals and case.status not in REFERRABLE:
        return None
    latest = referrals[0] if referrals else None
    rows = referral_deadline_rows(case.pk) if referrals else {}
    return ReferralSection(
        current=_record(latest, rows.get(latest.pk, {}), current=True) if latest else None,
        earlier=[_record(r, rows.get(r.pk, {}), current=False) for r in referrals[1:]],
        panels=_panels(case, latest, officer, assignments, bound, refusal),
        transition=next((p for p in next_steps if p.key in REFERRAL_TRANSITIONS and not p.blocked), None),
    )
