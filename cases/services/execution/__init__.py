"""执行: service, payment, deferral and instalments, remedies, the reminder, the court application, closure and
the publication of the decision (行政处罚法 第四十八条、第六十一条、第六十六条至第七十三条; 行政强制法 第三十五条至
第三十八条、第四十五条、第五十三条至第五十八条).

``serve_decision``, ``record_payment`` and ``close_case`` are the transitions ``serve``, ``record_payment``
and ``close`` (run by ``run_transition``, declared in ``cases.transitions``). Every other step is an action of the
registry (``cases.actions.execution``, ``cases.actions.publication``): each service keeps its keyword arguments,
locks the record it acts on and runs the action (``runner.run_action``: the guards of ``guards.execution`` and
``guards.publication`` on the locked rows, then a write, then the event named after the action). The service of
the other documents of the case is the documents app's (``documents.actions.serve_document``).
"""

from __future__ import annotations

from .closure import close_case
from .compulsion import apply_to_court, issue_reminder, record_court_outcome, serve_reminder
from .halting import (
    conclude_execution_agreement,
    record_agreement_breach,
    resume_execution,
    suspend_execution,
    terminate_execution,
)
from .payments import approve_arrangement, record_handover, record_payment
from .performance import record_performance
from .publication import decide_not_to_publish, lift_non_publication, publish_decision, withdraw_publication
from .remedies import correct_decision, file_remedy, record_remedy_outcome
from .service import attach_service_receipt, serve_decision
from .statements import record_party_statement, review_party_statement

__all__ = [
    "apply_to_court",
    "approve_arrangement",
    "attach_service_receipt",
    "close_case",
    "conclude_execution_agreement",
    "correct_decision",
    "decide_not_to_publish",
    "file_remedy",
    "issue_reminder",
    "lift_non_publication",
    "publish_decision",
    "record_agreement_breach",
    "record_court_outcome",
    "record_handover",
    "record_party_statement",
    "record_payment",
    "record_performance",
    "record_remedy_outcome",
    "resume_execution",
    "review_party_statement",
    "serve_decision",
    "serve_reminder",
    "suspend_execution",
    "terminate_execution",
    "withdraw_publication",
]
