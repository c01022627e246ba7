"""The officer's pages: thin views that parse, call one service, and render (DESIGN.md, "Where logic lives")."""

from .detail import (
    add_handler,
    add_party,
    case_detail,
    perform_action,
    perform_execution_step,
    perform_referral_step,
    perform_transition,
    request_filing,
    supersede_evidence,
)
from .listing import case_list
from .opening import case_new
from .review_queue import review_queue

__all__ = [
    "add_handler",
    "add_party",
    "case_detail",
    "case_list",
    "case_new",
    "perform_action",
    "perform_execution_step",
    "perform_referral_step",
    "perform_transition",
    "request_filing",
    "review_queue",
    "supersede_evidence",
]
