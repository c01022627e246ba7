"""责令改正 as the case page shows it (行政处罚法 第二十八条第一款): each order with what to correct, its period and
the stored last day once its notice is served (the one clock), and how it ended — re-inspected or refused; and the
forms of the section's actions whose guards let this officer act now (the same guards refuse a step posted anyway)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from deadlines.models import Deadline
from officers.models import Officer

from ..models import Case
from ..models.correction import CorrectionOrder
from .panels import Panel, Refusal
from .sections import offered_actions, posted_here, section_panels

SECTION = "correction"


@dataclass
class CorrectionRecord:
    order: CorrectionOrder
    deadline: Deadline | None


@dataclass
class CorrectionSection:
    records: list[CorrectionRecord]
    panels: list[Panel]


def _pending(orders: list[CorrectionOrder]):
    """The orders a step may still act on: neither re-inspected nor refused."""
    return lambda case: [o for o in orders if o.inspected_on is None and o.refused_on is None]


def correction_section(
    case: Case, *, officer: Officer | None, bound: dict[str, forms.Form], refusal: Refusal | None
) -> CorrectionSection | None:
    """The section, or None when the case records no order and none can be given now."""
    orders = list(case.correction_orders.order_by("ordered_on", "pk"))
    offered = set(offered_actions(case, officer, SECTION, _pending(orders)))
    if not orders and not offered and not posted_here(SECTION, bound):
        return None
    rows = {d.ref: d for d in Deadline.objects.filter(case=case, kind="correction").order_by("pk")}
    panels = section_panels(case, SECTION, offered=offered, bound=bound, refusal=refusal)
    return CorrectionSection(records=[CorrectionRecord(o, rows.get(str(o.pk))) for o in orders], panels=panels)
