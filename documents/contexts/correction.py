"""责令改正通知书 (行政处罚法 第二十八条第一款): what to correct and within what period from its service."""

from __future__ import annotations

from typing import Any

from cases.models import Case, CorrectionOrder

from . import common as c


def correction_order_for(case: Case, extra: dict[str, Any]) -> CorrectionOrder | None:
    """The order named in the issuing inputs (``order_correction`` names it), else the case's latest."""
    rows = CorrectionOrder.objects.filter(case=case)
    pk = extra.get("correction_order")
    if pk is not None and pk != "":
        return rows.filter(pk=int(pk)).first()
    return rows.order_by("-pk").first()


def correction_notice(src: c.Source) -> dict[str, Any]:
    """The party; the violation and its provisions; what to correct; the period, counted from service (its last day
    is the stored deadline ``correction`` once served); the agency, officers and date."""
    order = correction_order_for(src.case, src.extra)
    assert order is not None, "documents.rules issues it only for an order the case records"
    return {
        "correction_order": order.pk,  # serve_document reads it to open the period (cases.services.correction)
        "parties": c.party_blocks(src.case),
        "title": src.case.title,
        "provisions": c.provisions(src.case),
        "content": order.content,
        "period": order.period_text,
        "ordered_on": c.fmt_date(order.ordered_on),
        "officers": c.officer_blocks(src.case, src.today),
        "issued_on": c.fmt_date(src.today),
    }
