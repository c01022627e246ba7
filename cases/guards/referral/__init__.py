"""Guards of the referral of a suspected crime (两法衔接): pure functions of the guard context — ``common`` (the
articles, the latest referral, the team), ``lifecycle`` (the transitions it guards) and ``steps`` (the steps beside
the transitions).

The guards of the transitions and of the report read the case's latest referral once per context
(prefetched ``case.referrals`` when present, else one query). Only one referral is open at a time, so
the latest is the open one. The steps beside the transitions (``cases.actions.referral``) find the
referral they act on in ``ctx.target``: the latest, locked by ``cases.services.referral``. The
``*_reasons`` helpers take the referral itself: the transitions ``refer_to_police`` and
``resume_after_referral`` re-check the locked row with them inside the transaction.

A due date is read from the step's stored deadline (``PoliceReferral.deadline``; the one clock), never counted.
Where the answer depends on it — the windows of 第九条 that keep a decline from being final — a missing row, or one
being counted again after a year of the holiday table was entered, is itself a reason (``unsettled_reasons``);
where it only dates a reason's text, the text leaves the date out.
"""

from .common import (
    ART_27,
    ART_35,
    ART_82,
    REFERRAL_ART_6,
    REFERRAL_ART_7,
    REFERRAL_ART_8,
    REFERRAL_ART_9,
    REFERRAL_ART_10,
    REFERRAL_ART_11,
    REFERRAL_ART_12,
    REG,
    latest_referral,
    referral_of,
    team_reasons,
)
from .lifecycle import (
    approved_reasons,
    finally_declined_reasons,
    materials_reasons,
    no_open_referral,
    police_finally_declined,
    referral_allows_close,
    referral_approved,
    referral_materials_complete,
)
from .steps import (
    NO_REFERRAL,
    NOT_AN_OFFICER,
    STEP_ORDER,
    StepDay,
    case_referred,
    decided_by_principal_head,
    fine_amount_valid,
    items_not_handed_over,
    no_referral_open,
    police_decision_not_recorded,
    police_declined,
    police_filed_case,
    police_reasons_given,
    police_receipt_recorded,
    procuratorate_not_requested,
    receipt_not_recorded,
    reconsideration_answered,
    reconsideration_awaiting_answer,
    reconsideration_not_requested,
    referral_awaiting_decision,
    referral_not_ended,
    referral_officer,
    referral_report_written,
    referral_team_eligible,
    rejection_reasoned,
    reported_by_handler,
    step_dated,
    step_days,
    supervision_awaiting_result,
)

__all__ = [
    "ART_27",
    "ART_35",
    "ART_82",
    "NOT_AN_OFFICER",
    "NO_REFERRAL",
    "REFERRAL_ART_6",
    "REFERRAL_ART_7",
    "REFERRAL_ART_8",
    "REFERRAL_ART_9",
    "REFERRAL_ART_10",
    "REFERRAL_ART_11",
    "REFERRAL_ART_12",
    "REG",
    "STEP_ORDER",
    "StepDay",
    "approved_reasons",
    "case_referred",
    "decided_by_principal_head",
    "finally_declined_reasons",
    "fine_amount_valid",
    "items_not_handed_over",
    "latest_referral",
    "materials_reasons",
    "no_open_referral",
    "no_referral_open",
    "police_decision_not_recorded",
    "police_declined",
    "police_filed_case",
    "police_finally_declined",
    "police_reasons_given",
    "police_receipt_recorded",
    "procuratorate_not_requested",
    "receipt_not_recorded",
    "reconsideration_answered",
    "reconsideration_awaiting_answer",
    "reconsideration_not_requested",
    "referral_allows_close",
    "referral_approved",
    "referral_awaiting_decision",
    "referral_materials_complete",
    "referral_not_ended",
    "referral_of",
    "referral_officer",
    "referral_report_written",
    "referral_team_eligible",
    "rejection_reasoned",
    "reported_by_handler",
    "step_dated",
    "step_days",
    "supervision_awaiting_result",
    "team_reasons",
]
