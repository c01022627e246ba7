"""案卷目录 (行政处罚法 第四十七条: the whole record archived): every document and evidence item, with its SHA-256."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ..models import Document
from . import common as c


def file_index(src: c.Source) -> dict[str, Any]:
    case = src.case
    issued = list(Document.objects.filter(case=case).order_by("issued_at", "pk"))
    corrected = {d.supersedes_id for d in issued if d.supersedes_id}
    documents = [
        {
            "number": d.number,
            "title": d.get_kind_display(),
            "version": d.version,
            "current": d.pk not in corrected,
            "issued_on": c.fmt_date(timezone.localdate(d.issued_at)),
            "size": d.size,
            "sha256": d.sha256,
        }
        for d in issued
    ]
    evidence = [
        {
            "title": e.title,
            "kind": e.get_kind_display(),
            "uploaded_on": c.fmt_date(timezone.localdate(e.uploaded_at)),
            "size": e.size,
            "sha256": e.sha256,
            "superseded": e.superseded_at is not None,
            "superseded_reason": e.superseded_reason,
        }
        for e in case.evidence.order_by("uploaded_at", "pk")
    ]
    return {
        "case_number": case.number,
        "title": case.title,
        "parties": c.party_names(case),
        "filed_on": c.fmt_date(case.filed_on),
        "closed_on": c.fmt_date(case.closed_on),
        "documents": documents,
        "evidence": evidence,
    }
