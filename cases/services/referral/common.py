"""What every referral step shares: running it through the registry on the referral, due times, the payload.

Each step is an action of the registry (``cases.actions.referral``): ``run_action`` locks the case, then
:func:`run_step` the referral row; the guards (``cases.guards.referral``) check the locked rows and refuse
with every reason at once; the step's ``apply`` only writes and returns the event's payload.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from django.utils import timezone

from clock.periods import Due, add_calendar_days, add_working_days
from officers.models import Officer

from ...guards import Context
from ...guards import referral as rules
from ...models import Case
from ...models.referral import PoliceReferral
from ..runner import run_action

R = TypeVar("R")

REFERRAL_DAYS = 3  # 第五条、第八条、第九条、第十二条: every day-period of the regulation is three days
HANDOVER_HOURS = 24  # 第五条第二款: hand-over within 24 hours of approval

current_referral = rules.referral_of  # the case's latest referral, for pages and the API


# --- helpers ---------------------------------------------------------------------------


def _ref(officer: Officer) -> dict[str, Any]:
    return {"id": officer.pk, "name": officer.name}


def run_step(
    name: str,
    *,
    referral: PoliceReferral,
    actor,
    data: dict[str, Any],
    apply: Callable[[Context, PoliceReferral], tuple[R, dict[str, Any]]],
) -> R:
    """Run referral step ``name`` on ``referral``: the case locked first, then the referral row (the same order
    as the transitions); ``apply(ctx, locked referral)`` writes once the guards let it."""

    def target(case: Case) -> PoliceReferral | None:
        ref = PoliceReferral.objects.select_for_update().filter(pk=referral.pk, case=case).first()
        if ref is not None:
            ref.case = case  # the locked, prefetched row
        return ref

    return run_action(
        case=referral.case,
        name=name,
        actor=actor,
        data=data,
        apply=lambda ctx: apply(ctx, ctx.target),
        target=target,
    )


def refuse_without_referral(*, case: Case, name: str, actor, data: dict[str, Any]) -> NoReturn:
    """A step on the referral of a case that has none: the guards refuse it (``no_referral``) and the attempt
    is recorded, as for any refusal."""

    def apply(ctx: Context) -> NoReturn:
        raise AssertionError(f"{name}: the guards refuse a step without a referral")

    run_action(case=case, name=name, actor=actor, data=data, apply=apply, target=lambda _case: None)
    raise AssertionError(f"{name}: the guards refuse a step without a referral")


def payload(referral: PoliceReferral, *, due=None, done=None, **facts: Any) -> dict[str, Any]:
    """The event of a step: the referral, how its days are counted, its due time and whether it came late."""
    out: dict[str, Any] = {
        "referral": referral.pk,
        "counting": "working_days" if referral.working_days else "calendar_days",
    }
    if due is not None:
        out |= {"due": due, "overdue": done > due}
    return out | facts


# step → the field holding its due date, and the day its three days are counted from. The deadline
# engine's mirror of each step (deadlines.services.events) and the recount (``recount``) read the same.
DUE_FIELDS: dict[str, str] = {
    "decide_referral": "decision_due",
    "record_police_decision": "police_decision_due",
    "request_reconsideration": "reconsideration_request_due",
    "record_reconsideration_result": "reconsideration_answer_due",
    "request_procuratorate_supervision": "procuratorate_due",
    "record_items_handover": "items_due",
}


def step_start(referral: PoliceReferral, step: str) -> datetime.date | None:
    """The day ``step``'s three days were counted from (None for a step not yet started)."""
    if step == "decide_referral":
        return timezone.localdate(referral.submitted_at) if referral.submitted_at else None
    if step == "record_items_handover":
        # The latest of the three answers that can open the police's case (第十二条).
        return (
            referral.procuratorate_result_on
            or referral.reconsideration_answered_on
            or referral.police_notice_received_on
        )
    return {
        "record_police_decision": referral.received_on,
        "request_reconsideration": referral.police_notice_received_on,
        "record_reconsideration_result": referral.reconsideration_requested_on,
        "request_procuratorate_supervision": referral.reconsideration_answered_on,
    }.get(step)


def count_due(referral: PoliceReferral, start: datetime.date) -> Due:
    """Three days after ``start``: working days, or calendar days rolled over holidays, as the referral counts."""
    if referral.working_days:
        return add_working_days(start, REFERRAL_DAYS)
    return add_calendar_days(start, REFERRAL_DAYS, roll=True)


def _set_due(referral: PoliceReferral, field: str, step: str, start: datetime.date) -> dict[str, Any]:
    """Three days after ``start`` into ``field``; returns the event's ``next`` entry."""
    due = count_due(referral, start)
    setattr(referral, field, due.date)
    if due.provisional and step not in referral.provisional_dues:
        referral.provisional_dues = [*referral.provisional_dues, step]
    return {"step": step, "due": due.date, "provisional": due.provisional}


def _accept(ref: PoliceReferral, notice_on: datetime.date) -> dict[str, Any]:
    # 第十二条: items and materials within 3 days of receiving the police's filing notice.
    ref.closed_by_police_acceptance = True
    return _set_due(ref, "items_due", "record_items_handover", notice_on)
