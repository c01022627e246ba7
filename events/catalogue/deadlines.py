"""The head's approvals on a deadline (行政处罚法 第六十条; 行政强制法 第二十五条): the deadline, its last day
before and after."""

from __future__ import annotations

import datetime

from ..payloads import Payload, event, record


@record
class DeadlineApproval(Payload):
    deadline: int | None = None
    kind: str = ""
    due_on: datetime.date | None = None
    previous_due_on: datetime.date | None = None


@event("extend_deadline", "批准延长期限")
class DeadlineExtended(DeadlineApproval):
    days: int | None = None
    reason: str = ""
    by_collective_discussion: bool = False
    party_notified_on: datetime.date | None = None
    discussion: int | None = None  # the recorded collective discussion that decided a further extension
    extension: int | None = None  # the DeadlineExtension recorded (a seizure's prints its 延长查封扣押期限通知书)


@event("suspend_deadline", "批准期间中止")
class DeadlineSuspended(DeadlineApproval):
    suspension: int | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    reason: str = ""


@event("end_deadline_suspension", "恢复期限计算")
class DeadlineSuspensionEnded(DeadlineApproval):
    suspension: int | None = None
    ends_on: datetime.date | None = None
