"""责令改正 (行政处罚法 第二十八条第一款): the order, its re-inspection and the party's refusal. The period opens
when its 责令改正通知书 is served (``serve_document``, which then carries ``correction``)."""

from __future__ import annotations

import datetime

from ..payloads import Payload, event


@event("order_correction", "责令改正")
class CorrectionOrdered(Payload):
    correction_order: int | None = None
    ordered_on: datetime.date | None = None
    content: str = ""
    period_unit: str = ""
    period_count: int | None = None


@event("record_reinspection", "登记责令改正的复查结果")
class ReinspectionRecorded(Payload):
    correction_order: int | None = None
    inspected_on: datetime.date | None = None
    corrected: bool | None = None
    evidence: int | None = None
    note: str = ""


@event("record_refusal_to_correct", "登记当事人拒不改正")
class RefusalToCorrectRecorded(Payload):
    correction_order: int | None = None
    refused_on: datetime.date | None = None
    note: str = ""
