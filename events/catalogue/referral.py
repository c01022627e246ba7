"""The referral of a suspected crime (两法衔接; 国务院《行政执法机关移送涉嫌犯罪案件的规定》)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ..payloads import Payload, event, record
from .common import OfficerRef


@record
class NextStep:
    """The referral step that falls due next and what starts its period: ``starts_on``, the day after which its
    days run, or for the 24-hour hand-over ``starts_at``, the moment of the approval (``starts_on`` its local day).
    The deadline engine opens the step's deadline from it with the referral's counting rule
    (``deadline_watch.openers``); the due date is the stored deadline's, never the event's. (Events written before
    carried ``due`` and ``provisional`` instead; read back, those are left out and the start is the referral's.)"""

    step: str
    starts_on: datetime.date | None = None
    starts_at: datetime.datetime | None = None


@record
class _Step(Payload):
    """What every referral step records: the referral, how its days are counted, the due time of the step's own
    stored deadline as it stood when the step was recorded and whether the step came late (facts read from the
    deadline row, never counted), and the step that falls due next."""

    referral: int | None = None
    counting: str = ""
    due: datetime.datetime | datetime.date | None = None
    overdue: bool = False
    next: NextStep | None = None


@event("submit_referral_report", "提出移送涉嫌犯罪案件报告")
class ReferralReported(_Step):
    team: tuple[OfficerRef, ...] = ()


@event("decide_referral", "审批移送")
class ReferralDecided(_Step):
    approved: bool = False
    reason: str = ""
    decided_by: OfficerRef | None = None


@event("refer_to_police", "移送公安机关")
class ReferredToPolice(_Step):
    step: str = ""
    police_organ: str = ""
    materials: tuple[str, ...] = ()
    note: str = ""
    fines_already_imposed: Decimal | None = None


@event("resume_after_referral", "恢复行政处理")
class ReferralResumed(_Step):
    step: str = ""
    note: str = ""
    back_to: str = ""
    police_reasons: str = ""


@event("record_police_receipt", "登记公安机关签收回执")
class PoliceReceiptRecorded(_Step):
    received_on: datetime.date | None = None
    receipt_number: str = ""
    forwarded_to: str = ""


@event("record_police_decision", "登记公安机关的决定")
class PoliceDecisionRecorded(_Step):
    decision: str = ""
    decided_on: datetime.date | None = None
    notice_received_on: datetime.date | None = None
    reasons: str = ""


@event("request_reconsideration", "提请公安机关复议")
class ReconsiderationRequested(_Step):
    requested_on: datetime.date | None = None


@event("record_reconsideration_result", "登记复议决定")
class ReconsiderationResultRecorded(_Step):
    result: str = ""
    answered_on: datetime.date | None = None
    note: str = ""


@event("request_procuratorate_supervision", "建议人民检察院立案监督")
class ProcuratorateSupervisionRequested(_Step):
    procuratorate: str = ""
    requested_on: datetime.date | None = None
    after_reconsideration: bool = False


@event("record_procuratorate_result", "登记立案监督结果")
class ProcuratorateResultRecorded(_Step):
    result: str = ""
    notified_on: datetime.date | None = None
    note: str = ""


@event("record_items_handover", "登记涉案物品移交")
class ItemsHandedOver(_Step):
    handed_over_on: datetime.date | None = None
    note: str = ""


@event("record_fines_already_imposed", "登记移送前已给予的罚款")
class FinesAlreadyImposedRecorded(_Step):
    amount: Decimal | None = None
    previous: Decimal | None = None
    note: str = ""
