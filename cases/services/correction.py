"""责令改正 (行政处罚法 第二十八条第一款) and its steps, each one action of the registry run by ``run_action``.

``order_correction`` records the order and issues the 责令改正通知书 (``documents.steps``); serving the notice
(``documents.actions.serve_document``) records ``served_on`` here (``mark_correction_served``) and opens the deadline
``correction`` in the unit and number of days the order states; ``record_reinspection`` and
``record_refusal_to_correct`` close it.
"""

from __future__ import annotations

import datetime
from typing import Any

from ..guards import Context
from ..models import Case, Evidence
from ..models.correction import CorrectionOrder
from .execution.common import day
from .runner import run_action


def _pk(value: Any) -> int | None:
    return getattr(value, "pk", value)


def order_correction(
    *, case: Case, actor, content: str, period_count: int, period_unit: str, ordered_on: datetime.date
) -> CorrectionOrder:
    """责令（限期）改正. Event ``order_correction``: ``correction_order``, ``ordered_on``, ``content``,
    ``period_unit``, ``period_count``; it issues the 责令改正通知书."""
    data = {"content": content, "period_count": period_count, "period_unit": period_unit, "ordered_on": ordered_on}

    def apply(ctx: Context) -> tuple[CorrectionOrder, dict[str, Any]]:
        order = CorrectionOrder.objects.create(
            case=ctx.case,
            content=content.strip(),
            period_count=period_count,
            period_unit=period_unit,
            ordered_on=ordered_on,
            recorded_by=actor,
        )
        return order, {
            "correction_order": order.pk,
            "ordered_on": day(ordered_on),
            "content": order.content,
            "period_unit": period_unit,
            "period_count": period_count,
        }

    return run_action(case=case, name="order_correction", actor=actor, data=data, apply=apply)


def mark_correction_served(*, order_id: int, served_on: datetime.date) -> dict[str, Any]:
    """Called inside ``serve_document``'s transaction when the served document is a 责令改正通知书: the order's
    service date, and the payload keys that open its period (``DocumentServed``)."""
    order = CorrectionOrder.objects.select_for_update().get(pk=order_id)
    if order.served_on is None:
        order.served_on = served_on
        order.save(update_fields=["served_on"])
    return {
        "correction_order": order.pk,
        "correction_unit": order.period_unit,
        "correction_count": order.period_count,
    }


def record_reinspection(
    *,
    case: Case,
    actor,
    correction_order: CorrectionOrder | int | None,
    inspected_on: datetime.date,
    corrected: bool,
    evidence: Evidence | int | None = None,
    note: str = "",
) -> CorrectionOrder:
    """复查 of an order whose notice was served: corrected or not, with its evidence. Event ``record_reinspection``:
    ``correction_order``, ``inspected_on``, ``corrected``, ``evidence``, ``note``."""
    data = {
        "correction_order": _pk(correction_order),
        "inspected_on": inspected_on,
        "corrected": corrected,
        "evidence": evidence,
        "note": note,
    }

    def apply(ctx: Context) -> tuple[CorrectionOrder, dict[str, Any]]:
        order: CorrectionOrder = ctx.target
        order.inspected_on, order.corrected = inspected_on, corrected
        order.evidence_id = _pk(evidence)
        order.inspection_note = note.strip()
        order.save(update_fields=["inspected_on", "corrected", "evidence", "inspection_note"])
        return order, {
            "correction_order": order.pk,
            "inspected_on": day(inspected_on),
            "corrected": corrected,
            "evidence": order.evidence_id,
            "note": order.inspection_note,
        }

    return run_action(case=case, name="record_reinspection", actor=actor, data=data, apply=apply)


def record_refusal_to_correct(
    *, case: Case, actor, correction_order: CorrectionOrder | int | None, refused_on: datetime.date, note: str
) -> CorrectionOrder:
    """当事人拒不改正, recorded. Event ``record_refusal_to_correct``: ``correction_order``, ``refused_on``, ``note``."""
    data = {"correction_order": _pk(correction_order), "refused_on": refused_on, "note": note}

    def apply(ctx: Context) -> tuple[CorrectionOrder, dict[str, Any]]:
        order: CorrectionOrder = ctx.target
        order.refused_on, order.refusal_note = refused_on, note.strip()
        order.save(update_fields=["refused_on", "refusal_note"])
        return order, {"correction_order": order.pk, "refused_on": day(refused_on), "note": order.refusal_note}

    return run_action(case=case, name="record_refusal_to_correct", actor=actor, data=data, apply=apply)
