"""The case's 先行登记保存 in the API (行政处罚法 第五十六条): the items, the approval, the registration, the disposal
and its clock — the stored deadline ``evidence_preservation`` (seven working days from the registration)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from deadlines.selectors import deadline_of

from ..models import Case, EvidencePreservation


def _when(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def preservation_record(item: EvidencePreservation) -> dict[str, Any]:
    today, now = timezone.localdate(), timezone.now()
    clock = deadline_of(item.case_id, "evidence_preservation", ref=str(item.pk)) if item.registered_at else None
    return {
        "id": item.pk,
        "stage": item.stage,
        "items": item.items,
        "reason": item.reason,
        "requested_by": item.requested_by.name,
        "requested_at": _when(item.requested_at),
        "approved_by": item.approved_by.name if item.approved_by else None,
        "approved_at": _when(item.approved_at),
        "refused_at": _when(item.refused_at),
        "registered_at": _when(item.registered_at),
        "registered_on": item.registered_on.isoformat() if item.registered_on else None,
        "place": item.place,
        "disposal": item.disposal or None,
        "disposed_on": item.disposed_on.isoformat() if item.disposed_on else None,
        "disposal_note": item.disposal_note,
        "disposal_due_on": clock.due_on.isoformat() if clock else None,
        "disposal_overdue": bool(clock and (clock.met_late or (clock.is_open and clock.is_past(today, now)))),
        "article": clock.legal_basis if clock else "《中华人民共和国行政处罚法》第五十六条",
    }


def sampling_records(case: Case) -> list[dict[str, Any]]:
    """抽样取证 (第五十六条): when, where, why and the samples."""
    return [
        {"id": s.pk, "sampled_at": _when(s.sampled_at), "place": s.place, "purpose": s.purpose, "samples": s.samples}
        for s in case.samplings.order_by("sampled_at", "pk")
    ]


def preservation_records(case: Case) -> list[dict[str, Any]]:
    items = case.preservations.select_related("requested_by", "approved_by").order_by("pk")
    return [preservation_record(item) for item in items]
