"""查封、扣押 as the case page shows it (行政强制法 第十八条至第二十八条): each seizure with its items, how it was
approved and carried out, its stored 30-day deadline (the one clock: extensions and testing time included) and
how it ended; and the forms of the section's actions whose guards let this officer act now (the same guards
refuse a step posted anyway, with the article)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from deadlines.models import Deadline
from officers.models import Officer

from ..actions.seizure import SEIZABLE
from ..guards.seizure import open_seizures
from ..models import Case
from ..models.seizure import Seizure
from .panels import Panel, Refusal
from .sections import offered_actions, posted_here, section_panels

SECTION = "seizure"


@dataclass
class SeizureRecord:
    seizure: Seizure
    deadline: Deadline | None
    approval_deadline: Deadline | None = None  # 行政强制法 第十九条: the 24 hours of an emergency seizure


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
    return offered_actions(case, officer, SECTION, open_seizures)


def seizure_section(
    case: Case, *, officer: Officer | None, bound: dict[str, forms.Form], refusal: Refusal | None
) -> SeizureSection | None:
    """The section, or None when the case records no seizure and none can be taken now."""
    seizures = list(
        case.seizures.select_related("approved_by").prefetch_related("testings").order_by("carried_out_at", "pk")
    )
    offered = set(_offered(case, officer, seizures))
    if not seizures and not offered and not posted_here(SECTION, bound):
        return None
    rows = {d.ref: d for d in Deadline.objects.filter(case=case, kind="seizure").order_by("pk")}
    approvals = {d.ref: d for d in Deadline.objects.filter(case=case, kind="seizure_emergency_approval").order_by("pk")}
    panels = section_panels(case, SECTION, offered=offered, bound=bound, refusal=refusal)
    records = [SeizureRecord(s, rows.get(str(s.pk)), approvals.get(str(s.pk))) for s in seizures]
    return SeizureSection(records=records, panels=panels)
