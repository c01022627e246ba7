"""After the decision: service, payment and its hand-overs, deferral and instalments, remedies, the reminder, the
court application and closing (行政处罚法 第六十一条、第六十六条至第七十三条; 行政强制法 第三十五条至第五十八条).

The payloads state what happened — dates, methods, amounts, who acted, whether a live publication must be
withdrawn. No payload carries a due date: every period is counted once, by the deadline kinds that these events
open and meet (``deadlines.kinds``), and read back from the stored deadline (``deadlines.selectors.deadline_of``).
Events written before carry the due dates then computed; they are read without them (``Payload.parse``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from ..payloads import Payload, event, record
from .common import Instalment, LedgerSnapshot, OfficerRef


@record
class ServiceRecorded(Payload):
    """A document served on the party (送达, 第六十一条) and its record."""

    service: int | None = None
    document: str = ""
    document_title: str = ""
    issued_document: int | None = None
    document_number: str = ""
    served_on: datetime.date | None = None
    method: str = ""
    recipient: str = ""
    consent_signed_on: datetime.date | None = None
    announced_on: datetime.date | None = None
    announcement_ground: str = ""


@event("serve", "送达决定书")
class DecisionServed(ServiceRecorded):
    """The decision served: it meets the deadline ``service`` (on ``announced_on`` when served by announcement,
    第六十一条) and opens ``payment``, ``reconsideration``, ``litigation`` and ``court_application``."""

    # 行政复议法 第二十三条: an on-the-spot decision goes to reconsideration first (no direct suit).
    reconsideration_first: bool = False


@event("serve_document", "登记其他文书的送达")
class DocumentServed(ServiceRecorded):
    """Another document served. A 责令改正通知书 names its order and the period it sets (行政处罚法 第二十八条第一款),
    which opens the deadline ``correction`` from ``served_on``; a 变更行政处罚决定书 names the change it carries."""

    correction_order: int | None = None
    correction_unit: str = ""
    correction_count: int | None = None
    # A 变更行政处罚决定书 or 撤销行政处罚决定书 served (行政处罚法 第七十五条第二款): the correction and its outcome. A
    # change served opens new ``reconsideration`` and ``litigation`` windows and counts ``court_application`` again.
    decision_correction: int | None = None
    decision_correction_outcome: str = ""


@event("serve_reminder", "登记催告书送达")
class ReminderServed(ServiceRecorded):
    """The 催告书 served (行政强制法 第三十八条): opens ``reminder_wait`` (第五十四条、第六十九条)."""

    reminder: int | None = None


@event("record_payment", "登记缴款")
class PaymentRecorded(Payload):
    """A payment; an on-the-spot collection on land opens ``collection_handover`` (第七十一条)."""

    payment: int | None = None
    paid_on: datetime.date | None = None
    amount: Decimal | None = None
    channel: str = ""
    bank: str = ""
    receipt_number: str = ""
    on_spot_ground: str = ""
    # 第七十一条: collected on water, the two working days run from landing (``record_handover``'s ``landed_on``).
    on_water: bool = False
    paid_in_full: bool | None = None
    ledger: LedgerSnapshot | None = None


@event("record_handover", "登记当场收缴罚款的上交")
class HandoverRecorded(Payload):
    """What this step recorded of an on-the-spot collection's way to the bank: the landing (on water), the hand-over
    to the agency, the deposit at the bank — each ``None`` when recorded by another step."""

    payment: int | None = None
    receipt_number: str = ""
    landed_on: datetime.date | None = None
    handed_to_agency_on: datetime.date | None = None
    deposited_on: datetime.date | None = None


@event("approve_arrangement", "批准暂缓或者分期缴纳")
class ArrangementApproved(Payload):
    arrangement: int | None = None
    kind: str = ""
    applied_on: datetime.date | None = None
    approved_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    amount: Decimal | None = None
    instalments: tuple[Instalment, ...] = ()
    reason: str = ""
    approved_by: OfficerRef | None = None


@event("file_remedy", "登记行政复议或者行政诉讼")
class RemedyFiled(Payload):
    remedy: int | None = None
    kind: str = ""
    filed_on: datetime.date | None = None
    # The postmark of an application or a complaint sent by post: the period does not include the time in the post.
    posted_on: datetime.date | None = None
    organ: str = ""
    reference: str = ""
    within_period: bool | None = None
    reconsideration_first_skipped: bool = False


@record
class DecisionOutcome(Payload):
    """What acts on the decision after it was made — a remedy's outcome or the agency's own correction (行政处罚法
    第七十五条第二款): the clocks read both alike (``deadlines.kinds.conditions``)."""

    outcome: str = ""
    decided_on: datetime.date | None = None
    received_on: datetime.date | None = None
    changed_fine_amount: Decimal | None = None
    # 行政处罚法 第四十八条第二款: the outcome changes, revokes, confirms unlawful or void a decision published and not
    # withdrawn — it opens ``publication_withdrawal``.
    withdraws_publication: bool = False


@event("record_remedy_outcome", "登记复议决定或者裁判结果")
class RemedyDecided(DecisionOutcome):
    remedy: int | None = None
    kind: str = ""
    organ: str = ""


@event("correct_decision", "行政机关自行纠正行政处罚决定")
class DecisionCorrected(DecisionOutcome):
    """行政处罚法 第七十五条第二款: the head changes or revokes the agency's own decision, with the reasons; it opens
    ``publication_withdrawal`` when a live publication exists, and a revocation ends what runs to execute it."""

    correction: int | None = None
    reasons: str = ""


@event("issue_reminder", "催告当事人履行")
class ReminderIssued(Payload):
    reminder: int | None = None
    issued_on: datetime.date | None = None
    performance_deadline: datetime.date | None = None
    amount: Decimal | None = None
    fine_outstanding: Decimal | None = None
    surcharge: Decimal | None = None
    manner: str = ""


@event("apply_to_court", "申请人民法院强制执行")
class CourtApplied(Payload):
    application: int | None = None
    filed_on: datetime.date | None = None
    court: str = ""
    organ: str = ""
    amount: Decimal | None = None
    reminder: int | None = None
    signed_by: OfficerRef | None = None


@event("record_court_outcome", "登记法院裁定")
class CourtDecided(Payload):
    application: int | None = None
    outcome: str = ""
    decided_on: datetime.date | None = None
    note: str = ""


@event("close", "结案")
class Closed(Payload):
    report: str = ""
    closed_on: datetime.date | None = None
    execution_note: str = ""
    executed_by: str = ""
    ledger: LedgerSnapshot | None = None


@event("record_performance", "登记处罚决定的履行")
class PerformanceRecorded(Payload):
    """行政处罚法 第九条: a penalty performed, not paid (a warning, 责令停产停业, a permit suspended or revoked …),
    with its kind and date; while referred, 《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款's kinds only."""

    performance: int | None = None
    kind: str = ""
    performed_on: datetime.date | None = None
    note: str = ""
    referred: bool = False


@event("record_party_statement", "登记催告后的陈述、申辩")
class PartyStatementRecorded(Payload):
    """行政强制法 第三十六条: what the party stated after receiving the 催告书, and when it was received."""

    statement: int | None = None
    reminder: int | None = None
    received_on: datetime.date | None = None
    content: str = ""


@event("review_party_statement", "复核当事人的陈述、申辩")
class PartyStatementReviewed(Payload):
    """行政强制法 第三十六条: the agency's review — the facts, reasons or evidence that hold are adopted."""

    statement: int | None = None
    review: str = ""
    reasons: str = ""
    reviewed_on: datetime.date | None = None
    reviewed_by: OfficerRef | None = None


@event("suspend_execution", "中止执行")
class ExecutionSuspended(Payload):
    """行政强制法 第三十九条: opens ``execution_suspension`` (three years: 第三十九条第二款)."""

    suspension: int | None = None
    ground: str = ""
    facts: str = ""
    suspended_on: datetime.date | None = None


@event("resume_execution", "恢复执行")
class ExecutionResumed(Payload):
    """行政强制法 第三十九条第二款: the ground of the suspension is gone; ends ``execution_suspension``."""

    suspension: int | None = None
    resumed_on: datetime.date | None = None
    reason: str = ""


@event("terminate_execution", "终结执行")
class ExecutionTerminated(Payload):
    """行政强制法 第四十条; 第三十九条第二款: execution ends (a running suspension with it)."""

    termination: int | None = None
    ground: str = ""
    facts: str = ""
    terminated_on: datetime.date | None = None
    suspension: int | None = None


@event("conclude_execution_agreement", "达成执行协议")
class ExecutionAgreementConcluded(Payload):
    """行政强制法 第四十二条: the staged performance, the remedial measures and the surcharge reduced or waived."""

    agreement: int | None = None
    agreed_on: datetime.date | None = None
    terms: str = ""
    remedial_measures: str = ""
    surcharge_relief: Decimal | None = None
    approved_by: OfficerRef | None = None


@event("record_agreement_breach", "登记不履行执行协议")
class ExecutionAgreementBreached(Payload):
    """行政强制法 第四十二条第二款: the party did not perform the agreement; enforcement resumes, the relief lapses."""

    agreement: int | None = None
    breached_on: datetime.date | None = None
    note: str = ""
