"""管辖 (行政处罚法 第二十二条、第二十五条)."""

from __future__ import annotations

import datetime

from ..payloads import Payload, event


@event("record_violation_place", "登记违法行为发生地")
class ViolationPlaceRecorded(Payload):
    violation_division_code: str
    location: str = ""


@event("record_designation", "登记指定管辖")
class DesignationRecorded(Payload):
    """指定管辖 (第二十五条第二款): the designating organ, its document and date."""

    designation: int
    designated_by: str
    designated_on: datetime.date | None = None
    reference: str = ""
    reason: str = ""
