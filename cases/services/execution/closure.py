"""结案: the ``close`` transition — the decision executed (or nothing to execute) and a closing report."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ...choices import CaseStatus
from ...guards import execution as rules
from ...models import Case
from ...models.execution import COURT_DECIDED
from ..runner import run_transition
from .common import day
from .payments import ledger_payload


def _executed_by(case: Case, led: rules.Ledger) -> str:
    if case.status == CaseStatus.REFERRED:
        return "referral"  # the police opened a case (移送规定 第十二条)
    if led.revoked:
        return "revoked"  # 行政强制法 第四十条第四项
    if led.nothing_to_pay:
        return "nothing_to_pay"
    if led.paid_in_full:
        return "paid_in_full"
    if case.court_applications.filter(outcome__in=COURT_DECIDED).exists():
        return "court_ruled"
    if rules.termination_of(case) is not None:
        return "terminated"  # 行政强制法 第四十条、第三十九条第二款
    return "unknown"


def close_case(*, case: Case, actor, report: str, execution_note: str = "") -> Case:
    """结案. Guards: the referral rule (``guards.referral.referral_allows_close``) and, from ``executing``,
    ``guards.execution.decision_executed`` and ``closing_report``.

    Event ``close``: ``report``, ``closed_on``, ``execution_note``, ``executed_by`` (``paid_in_full``,
    ``nothing_to_pay``, ``revoked``, ``court_ruled``, ``terminated`` or ``referral``) and ``ledger`` (the money at
    closing).
    """
    data = {"report": report, "execution_note": execution_note}

    def apply(c: Case) -> dict[str, Any]:
        today = timezone.localdate()
        c.closed_on = today
        led = rules.ledger_of(c, on=today)
        return {
            "report": report,
            "closed_on": day(today),
            "execution_note": execution_note,
            "executed_by": _executed_by(c, led),
            "ledger": ledger_payload(led),
        }

    return run_transition(case=case, name="close", actor=actor, data=data, apply=apply)
