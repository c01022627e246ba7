"""执行: service, payment, deferral and instalments, remedies, the reminder, the court application, closure and
the publication of the decision (行政处罚法 第四十八条、第六十一条、第六十六条至第七十三条; 行政强制法 第三十五条至
第三十八条、第四十五条、第五十三条至第五十八条).

``serve_decision``, ``record_payment`` and ``close_case`` are the transitions ``serve``, ``record_payment``
and ``close`` (run by :func:`run_transition`, listed in ``services.lifecycle.SERVICES``). Every other action
runs in one transaction with the case row locked (then its own row), refuses with :class:`ActionRefused`
reasons from ``guards.execution``, and appends one case event named after the action (see ``common``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kernel.rules import ActionRefused, Reason

from ...models import Case
from .closure import close_case
from .compulsion import apply_to_court, issue_reminder, record_court_outcome, serve_reminder
from .payments import approve_arrangement, record_handover, record_payment
from .publication import publish_decision, withdraw_publication
from .remedies import file_remedy, record_remedy_outcome
from .service import attach_service_receipt, serve_decision, serve_document

ACTIONS: dict[str, Callable[..., Any]] = {
    "serve_document": serve_document,
    "record_handover": record_handover,
    "approve_arrangement": approve_arrangement,
    "file_remedy": file_remedy,
    "record_remedy_outcome": record_remedy_outcome,
    "issue_reminder": issue_reminder,
    "serve_reminder": serve_reminder,
    "apply_to_court": apply_to_court,
    "record_court_outcome": record_court_outcome,
    "publish_decision": publish_decision,
    "withdraw_publication": withdraw_publication,
}


def _missing(code: str, detail: str) -> ActionRefused:
    return ActionRefused([Reason(code, detail, "")])


def perform_action(*, case: Case, action: str, actor, **fields: Any):
    """Run execution action ``action`` for the pages (and the API): the actions on a record act on the case's
    pending one — the pending remedy, the unserved reminder, the pending court application — or on the
    payment the form names."""
    service = ACTIONS[action]
    if action == "record_remedy_outcome":
        remedy = case.remedies.filter(outcome="").first()
        if remedy is None:
            raise _missing("no_pending_remedy", "没有尚未结束的行政复议或者行政诉讼。")
        return service(remedy=remedy, actor=actor, **fields)
    if action == "serve_reminder":
        reminder = case.reminders.filter(service__isnull=True).order_by("-pk").first()
        if reminder is None:
            raise _missing("no_unserved_reminder", "没有尚未送达的催告书。")
        return service(reminder=reminder, actor=actor, **fields)
    if action == "record_court_outcome":
        application = case.court_applications.filter(outcome="").first()
        if application is None:
            raise _missing("no_pending_application", "没有尚未裁定的强制执行申请。")
        return service(application=application, actor=actor, **fields)
    if action == "withdraw_publication":
        publication = case.publications.filter(withdrawn_on__isnull=True).first()
        if publication is None:
            raise _missing("no_live_publication", "没有尚未撤回的公开信息。")
        return service(publication=publication, actor=actor, **fields)
    if action == "record_handover":
        payment = fields.pop("payment")
        if payment.case_id != case.pk:
            raise _missing("payment_not_of_case", "该缴款不属于本案。")
        return service(payment=payment, actor=actor, **fields)
    return service(case=case, actor=actor, **fields)


__all__ = [
    "ACTIONS",
    "apply_to_court",
    "approve_arrangement",
    "attach_service_receipt",
    "close_case",
    "file_remedy",
    "issue_reminder",
    "perform_action",
    "publish_decision",
    "record_court_outcome",
    "record_handover",
    "record_payment",
    "record_remedy_outcome",
    "serve_decision",
    "serve_document",
    "serve_reminder",
    "withdraw_publication",
]
