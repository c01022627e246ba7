"""The rules of deciding: the proposal and its benchmark, the prior notice and its windows,
the hearing, the legal review and the decision itself — one module per stage."""

from .decision import (
    decision_dated_lawfully,
    major_case_reviewed,
    no_penalty_ground_stated,
    party_heard,
    review_dated_lawfully,
    review_not_pending,
    review_pending,
    within_notice,
)
from .hearing import (  # noqa: F401
    MAX_AGENTS,
    _hearing_dated,
    chair_recusal_may_be_decided,
    decision_rests_on_heard_evidence,
    hearing_can_be_scheduled,
    hearing_may_be_requested,
    hearing_record_complete,
    performed_by_designated_chair,
    posted_in_order,
    transcript_checked_and_signed,
)
from .notice import (
    dated_after_service,
    hearing_grant_reasoned,
    not_already_waived,
    notice_can_be_served,
    notice_dated_lawfully,
    notice_in_force,
)
from .proposal import (
    established_facts_stated,
    proposal_needs_revision,
    proposal_stands,
)

__all__ = [
    "MAX_AGENTS",
    "chair_recusal_may_be_decided",
    "dated_after_service",
    "decision_dated_lawfully",
    "decision_rests_on_heard_evidence",
    "established_facts_stated",
    "hearing_can_be_scheduled",
    "hearing_grant_reasoned",
    "hearing_may_be_requested",
    "hearing_record_complete",
    "major_case_reviewed",
    "no_penalty_ground_stated",
    "not_already_waived",
    "notice_can_be_served",
    "notice_dated_lawfully",
    "notice_in_force",
    "party_heard",
    "performed_by_designated_chair",
    "posted_in_order",
    "proposal_needs_revision",
    "proposal_stands",
    "review_dated_lawfully",
    "review_not_pending",
    "review_pending",
    "transcript_checked_and_signed",
    "within_notice",
]
