"""Opening a case, its people, and the refused attempts."""

from __future__ import annotations

import datetime

from ..payloads import Payload, event
from .common import OfficerRef, ReasonRecord


@event("created", "登记案件")
class Created(Payload):
    procedure: str = ""
    matter: str = ""
    title: str = ""
    handlers: tuple[OfficerRef, ...] = ()
    # The dates the limitation period counts (行政处罚法 第三十六条).
    violation_date: datetime.date | None = None
    violation_end_date: datetime.date | None = None
    discovered_on: datetime.date | None = None


@event("filing_requested", "提请立案审批")
class FilingRequested(Payload):
    opinion: str = ""


@event("handler_added", "增加承办人")
class HandlerAdded(Payload):
    officer: OfficerRef
    role: str = ""


@event("handler_recused", "承办人回避")
class HandlerRecused(Payload):
    officer: OfficerRef
    initiator: str = ""
    reason: str = ""


@event("apply_for_recusal", "登记回避申请")
class RecusalApplied(Payload):
    """回避申请 (行政处罚法 第四十三条): the party's application or the handler's own request, with its grounds."""

    application: int
    officer: OfficerRef
    applicant: str = ""
    party: int | None = None
    applied_on: datetime.date | None = None
    grounds: str = ""


@event("decide_recusal", "决定回避申请")
class RecusalDecided(Payload):
    """负责人的决定 (第四十三条第三款): approved (the handler's assignment ended) or rejected, with reasons."""

    application: int
    officer: OfficerRef
    decision: str
    applicant: str = ""
    reasons: str = ""


@event("party_added", "登记当事人")
class PartyAdded(Payload):
    """The party's id and name; never its identifier (logs carry no personal data)."""

    party: int
    name: str = ""


@event("attempt_refused", "操作被拒绝")
class AttemptRefused(Payload):
    """A step refused by its guards: nothing was written but this record of the attempt (API.md)."""

    reasons: tuple[ReasonRecord, ...] = ()
