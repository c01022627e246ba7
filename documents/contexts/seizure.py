"""查封、扣押决定书 and 清单 (行政强制法 第二十四条): made and handed over on the spot."""

from __future__ import annotations

from typing import Any

from cases.models import Case
from cases.models.seizure import Seizure
from deadlines.selectors import deadline_of

from . import common as c


def seizure_for(case: Case, extra: dict[str, Any]) -> Seizure | None:
    """The seizure named in the issuing inputs (the ``seize`` step names it), else the case's latest."""
    rows = Seizure.objects.filter(case=case).select_related("approved_by")
    pk = extra.get("seizure")
    if pk is not None and pk != "":
        return rows.filter(pk=int(pk)).first()
    return rows.order_by("-pk").first()


def _seizure(src: c.Source) -> Seizure:
    seizure = seizure_for(src.case, src.extra)
    assert seizure is not None, "documents.rules issues it only for a seizure the case records"
    return seizure


def _common(src: c.Source, seizure: Seizure) -> dict[str, Any]:
    return {
        "parties": c.party_blocks(src.case),
        "title": src.case.title,
        "measure": seizure.get_measure_display(),
        "items": seizure.item_lines,
        "place": seizure.place,
        "seized_on": c.fmt_date(seizure.seized_on),
        "officers": c.officer_blocks(src.case, src.today),
        "issued_on": c.fmt_date(src.today),
    }


def seizure_decision(src: c.Source) -> dict[str, Any]:
    """第二十四条第二款: the party; the reason, basis and period; the items; the remedies; the agency, seal and
    date. The period's last day is the stored deadline's (the one clock), when it is already open."""
    seizure = _seizure(src)
    row = deadline_of(src.case.pk, "seizure", ref=str(seizure.pk))
    return {
        **_common(src, seizure),
        "reason": seizure.reason,
        "basis": seizure.basis,
        "emergency": seizure.emergency,
        "approved_by": seizure.approved_by.name,
        "due_on": c.fmt_date(row.due_on) if row is not None else "",
        "remedies": c.remedies(src.settings),
    }


def seizure_list(src: c.Source) -> dict[str, Any]:
    """第二十四条第一款: the list of what was sealed or impounded, signed on the spot (第十八条第八项、第九项)."""
    seizure = _seizure(src)
    return {
        **_common(src, seizure),
        "party_present": seizure.party_present,
        "witness": seizure.witness,
        "signature": seizure.get_record_signature_display(),
    }
