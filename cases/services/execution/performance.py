"""履行 of a penalty that is performed, not paid (行政处罚法 第九条), also while the case stands referred for the kinds
of 《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款 (``guards.execution.performance``)."""

from __future__ import annotations

import datetime
from typing import Any

from ...choices import CaseStatus
from ...guards import Context
from ...models import Case
from ...models.performance import PerformanceRecord
from ..runner import run_action
from .common import day


def record_performance(
    *, case: Case, actor, kind: str, performed_on: datetime.date, note: str = ""
) -> PerformanceRecord:
    """登记履行: ``kind`` of the decided penalty performed on ``performed_on``. Event ``record_performance``:
    ``performance``, ``kind``, ``performed_on``, ``note``, ``referred``."""
    data = {"kind": kind, "performed_on": performed_on, "note": note}

    def apply(ctx: Context) -> tuple[PerformanceRecord, dict[str, Any]]:
        row = PerformanceRecord.objects.create(
            case=ctx.case, kind=kind, performed_on=performed_on, note=note.strip(), recorded_by=actor
        )
        return row, {
            "performance": row.pk,
            "kind": kind,
            "performed_on": day(performed_on),
            "note": row.note,
            "referred": ctx.case.status == CaseStatus.REFERRED,
        }

    return run_action(case=case, name="record_performance", actor=actor, data=data, apply=apply)
