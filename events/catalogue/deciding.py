"""From the lead to the decision: filing, the proposal, the notice and the party's answer, the hearing, the legal
review, the collective discussion, the decision (行政处罚法 第五十四条至第六十五条), and the side exits."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ..payloads import Payload, event, record
from .common import OfficerRef


@event("file", "批准立案")
class Filed(Payload):
    number: str = ""
    filed_on: datetime.date | None = None
    opinion: str = ""


@event("decline", "决定不予立案")
class Declined(Payload):
    reason: str = ""


@event("withdraw", "撤销立案")
class Withdrawn(Payload):
    reason: str = ""


@event("transfer", "移送有管辖权的机关")
class Transferred(Payload):
    organ: str = ""
    reason: str = ""


@event("decide_on_spot", "当场作出行政处罚决定")
class DecidedOnSpot(Payload):
    penalty_kinds: tuple[str, ...] = ()
    fine_amount: Decimal | None = None
    legal_basis: str = ""
    place: str = ""
    facts: str = ""
    # 行政处罚法 第五十一条: the evidence the officers recorded on the spot (the items on file are listed beside it).
    evidence: str = ""
    # 行政处罚法 第二十八条第一款: the order to correct the decision carries, or what shows the violation ended.
    correction: str = ""
    violation_ended: str = ""
    # 行政处罚法 第二十二条: the place of violation (GB/T 2260 code), checked against the agency's area.
    violation_division_code: str = ""
    number: str = ""
    decided_on: datetime.date | None = None


@event("file_on_spot_decision", "当场处罚决定报所属行政机关备案")
class OnSpotDecisionFiled(Payload):
    """第五十二条第三款: the on-the-spot decision filed with the agency, on ``filed_on``."""

    filed_on: datetime.date | None = None
    note: str = ""


@record
class _Proposal(Payload):
    """调查终结报告 and its proposal (第五十七条); a new version on each revision."""

    report: str = ""
    facts: str = ""  # 调查认定的违法事实 (第五十九条第一款第二项)
    correction: str = ""  # 第二十八条第一款: the order to correct the decision carries
    violation_ended: str = ""  # … or what shows the violation has ended
    outcome: str = ""
    no_penalty_ground: str = ""
    transfer_organ: str = ""
    penalty_kinds: tuple[str, ...] = ()
    fine_amount: Decimal | None = None
    illegal_gains: Decimal | None = None
    # 行政处罚法 第二十八条第二款: the illegal gains the investigation found, and whether they are to be refunded.
    illegal_gains_found: Decimal | None = None
    gains_refunded: bool = False
    confiscation: str = ""
    confiscation_value: Decimal | None = None
    base_amount: Decimal | None = None
    tier: int | None = None
    circumstances: str = ""
    outside_tier_justification: str = ""
    mitigation_ground: str = ""
    major_public_interest: bool = False
    major_rights: bool = False
    complex_facts: bool = False
    complex_circumstances: bool = False  # 第五十七条第二款
    complex_circumstances_reason: str = ""
    serious_violation: bool = False
    serious_violation_reason: str = ""
    version: int = 0
    voided_pass: int | None = None


@event("conclude_investigation", "调查终结")
class InvestigationConcluded(_Proposal):
    pass


@event("revise_proposal", "变更处理意见")
class ProposalRevised(_Proposal):
    pass


@event("notify", "事先告知")
class Notified(Payload):
    served_on: datetime.date | None = None
    facts: str = ""
    reasons: str = ""
    basis: str = ""
    notice: int | None = None
    hearing_right: bool = False
    hearing_grounds: tuple[str, ...] = ()
    hearing_granted_under: str = ""  # 第六十三条第一款第五项 ("63_5") or 第六项 ("63_6"), granted by hand
    hearing_granted_reason: str = ""


@event("record_statement", "记录陈述申辩")
class StatementRecorded(Payload):
    received_on: datetime.date | None = None
    content: str = ""
    answer: str = ""
    adopted: bool = False
    statement: int | None = None


@event("waive_hearing", "记录当事人放弃陈述申辩和听证")
class HearingWaived(Payload):
    waived_on: datetime.date | None = None
    note: str = ""


@event("request_hearing", "记录听证申请")
class HearingRequested(Payload):
    requested_on: datetime.date | None = None
    posted_on: datetime.date | None = None
    hearing: int | None = None


@event("schedule_hearing", "安排听证")
class HearingScheduled(Payload):
    chair: OfficerRef | None = None
    hearing_notice_served_on: datetime.date | None = None
    hearing_on: datetime.date | None = None
    place: str = ""
    public: bool = True
    not_public_reason: str = ""
    agents: tuple[str, ...] = ()


@event("hold_hearing", "举行听证")
class HearingHeld(Payload):
    outcome: str = ""
    ended_on: datetime.date | None = None
    transcript: str = ""
    report: str = ""
    transcript_signature: str = ""  # 第六十四条第八项: party, agent or refused
    signature_refusal_note: str = ""


@event("apply_for_chair_recusal", "登记听证主持人回避申请")
class ChairRecusalApplied(Payload):
    """第六十四条第四项: the party's application against the chair, recorded by a handler."""

    recusal: int
    chair: OfficerRef
    party: int | None = None
    applied_on: datetime.date | None = None
    grounds: str = ""


@event("decide_chair_recusal", "决定听证主持人是否回避")
class ChairRecusalDecided(Payload):
    """第六十四条第四项: the head's decision on the party's application against the chair."""

    recusal: int | None = None
    chair: OfficerRef | None = None
    applied_on: datetime.date | None = None
    grounds: str = ""
    granted: bool = False
    decision: str = ""
    decided_on: datetime.date | None = None


@event("submit_legal_review", "提请法制审核")
class ReviewSubmitted(Payload):
    note: str = ""
    review: int | None = None
    report_version: int | None = None


@event("pass_legal_review", "法制审核通过")
class ReviewPassed(Payload):
    review: int | None = None
    opinions: str = ""
    reviewed_on: datetime.date | None = None


@event("return_legal_review", "法制审核退回")
class ReviewReturned(Payload):
    back_to: str = ""
    opinions: str = ""
    review: int | None = None
    reviewed_on: datetime.date | None = None


@event("record_collective_discussion", "记录集体讨论")
class DiscussionRecorded(Payload):
    """集体讨论 (第五十七条第二款): its purpose, the heads present, who presided, each opinion, the conclusion."""

    held_on: datetime.date | None = None
    conclusion: str = ""
    attendees: tuple[OfficerRef, ...] = ()
    discussion: int | None = None
    purpose: str = ""
    presided_by: OfficerRef | None = None
    opinions: str = ""
    review: int | None = None
    notice: int | None = None


@event("decide", "作出行政处罚决定")
class Decided(Payload):
    outcome: str = ""
    decided_on: datetime.date | None = None
    decided_penalty_kinds: tuple[str, ...] = ()
    decided_fine_amount: Decimal | None = None
    decided_illegal_gains: Decimal | None = None
    decided_confiscation: str = ""
    decided_confiscation_value: Decimal | None = None
    # 行政处罚法 第三十条、第三十一条、第三十三条: the ground of a decision not to punish, as decided.
    no_penalty_ground: str = ""
