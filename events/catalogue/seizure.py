"""Evidence preservation and seizure: declared for the deadline kinds that run on them (行政处罚法 第五十六条;
行政强制法 第二十五条). The seizure steps are the actions of ``cases.actions.seizure``."""

from __future__ import annotations

import datetime

from ..payloads import Payload, event
from .common import OfficerRef


@event("preserve_evidence", "先行登记保存证据")
class EvidencePreserved(Payload):
    preservation: int | None = None
    preserved_on: datetime.date | None = None


@event("dispose_preserved_evidence", "对先行登记保存的证据作出处理决定")
class PreservedEvidenceDisposed(Payload):
    preservation: int | None = None
    disposed_on: datetime.date | None = None


@event("seize", "查封、扣押")
class Seized(Payload):
    seizure: int | None = None
    seized_on: datetime.date | None = None
    measure: str = ""
    items: tuple[str, ...] = ()
    place: str = ""
    basis: str = ""
    emergency: bool = False
    approved_by: OfficerRef | None = None
    approved_at: datetime.datetime | None = None
    carried_out_at: datetime.datetime | None = None
    party_present: bool = True
    witness: str = ""
    record_signature: str = ""


@event("start_seizure_testing", "查封、扣押物品开始检测、检验、检疫或者技术鉴定")
class SeizureTestingStarted(Payload):
    seizure: int | None = None
    started_on: datetime.date | None = None
    until: datetime.date | None = None
    notified_on: datetime.date | None = None


@event("end_seizure_testing", "查封、扣押物品的检测、检验、检疫或者技术鉴定结束")
class SeizureTestingEnded(Payload):
    seizure: int | None = None
    ended_on: datetime.date | None = None


@event("release_seizure", "解除查封、扣押")
class SeizureReleased(Payload):
    seizure: int | None = None
    decided_on: datetime.date | None = None
    ground: str = ""
    returned_on: datetime.date | None = None
    note: str = ""


@event("dispose_seizure", "对查封、扣押物品作出处理决定")
class SeizureDisposed(Payload):
    seizure: int | None = None
    decided_on: datetime.date | None = None
    disposal: str = ""
    note: str = ""
