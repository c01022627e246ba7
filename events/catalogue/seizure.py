"""Evidence preservation and seizure: declared for the deadline kinds that run on them (行政处罚法 第五十六条;
行政强制法 第二十五条). The seizure steps are the actions of ``cases.actions.seizure``."""

from __future__ import annotations

import datetime

from ..payloads import Payload, event, record
from .common import OfficerRef


@record
class PreservedItem:
    """One item of a preservation's list: what, how many, where it is kept."""

    name: str
    quantity: str = ""
    location: str = ""


@event("request_preservation", "提请先行登记保存证据")
class PreservationRequested(Payload):
    preservation: int | None = None
    items: tuple[PreservedItem, ...] = ()
    reason: str = ""


@event("approve_preservation", "批准先行登记保存证据")
class PreservationApproved(Payload):
    preservation: int | None = None
    approved_at: datetime.datetime | None = None
    approved_by: OfficerRef | None = None
    opinion: str = ""
    approved: bool = True  # False: the head refused (the opinion says why)
    # Approved after the items were registered (an agency's sector rule: within 24 hours).
    after_registration: bool = False
    # Refused after the items were registered: they were returned that day (the disposal, 第五十六条).
    returned_on: datetime.date | None = None


@event("preserve_evidence", "先行登记保存证据")
class EvidencePreserved(Payload):
    preservation: int | None = None
    preserved_on: datetime.date | None = None
    registered_at: datetime.datetime | None = None
    place: str = ""
    items: tuple[PreservedItem, ...] = ()
    # Registered before the head approved (an agency's sector rule): the approval is due within 24 hours.
    approved: bool = True


@event("dispose_preserved_evidence", "对先行登记保存的证据作出处理决定")
class PreservedEvidenceDisposed(Payload):
    preservation: int | None = None
    disposed_on: datetime.date | None = None
    disposal: str = ""
    note: str = ""


@record
class Sample:
    """One sample taken: what, its specification or batch, how many."""

    name: str
    specification: str = ""
    quantity: str = ""


@event("record_sampling", "抽样取证")
class SamplingRecorded(Payload):
    sampling: int | None = None
    sampled_at: datetime.datetime | None = None
    place: str = ""
    purpose: str = ""
    samples: tuple[Sample, ...] = ()


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
    party_informed: bool = False  # 第十八条第五项
    statement_heard: bool = False  # 第十八条第六项
    sealed_elsewhere: bool = False  # 第二十三条第二款
    custody: str = ""  # 第二十六条
    custodian: str = ""


@event("approve_emergency_seizure", "负责人对当场实施的查封、扣押补办批准（或者不予批准并立即解除）")
class EmergencySeizureDecided(Payload):
    """第十九条: the head approves the emergency seizure (the 24 hours met), or disapproves it — released at once,
    ``decided_on`` then the day of the release (it ends the 30-day period)."""

    seizure: int | None = None
    approved: bool = True
    decided_at: datetime.datetime | None = None
    decided_on: datetime.date | None = None
    approved_by: OfficerRef | None = None
    opinion: str = ""
    returned_on: datetime.date | None = None


@event("start_seizure_testing", "查封、扣押物品开始检测、检验、检疫或者技术鉴定")
class SeizureTestingStarted(Payload):
    seizure: int | None = None
    testing: int | None = None  # the SeizureTesting row (its 检测检验期间告知书)
    purpose: str = ""
    started_on: datetime.date | None = None
    until: datetime.date | None = None
    notified_on: datetime.date | None = None


@event("end_seizure_testing", "查封、扣押物品的检测、检验、检疫或者技术鉴定结束")
class SeizureTestingEnded(Payload):
    seizure: int | None = None
    testing: int | None = None
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
