"""What every referral step shares: running it through the registry on the referral, the payload.

Each step is an action of the registry (``cases.actions.referral``): ``run_action`` locks the case, then
:func:`run_step` the referral row; the guards (``cases.guards.referral``) check the locked rows and refuse
with every reason at once; the step's ``apply`` only writes and returns the event's payload.

No step counts a period. The event says which step falls due next and what starts its period (``next``:
:func:`next_step`); the deadline engine opens that step's deadline row from it (``deadline_watch.openers``) and
counts it with the referral's rule (``PoliceReferral.working_days``). A step performed records the due time of its
own row as it stood (``PoliceReferral.deadline``, :func:`payload`) and whether it came late — read, never counted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from django.utils import timezone

from deadlines.models import Deadline
from officers.models import Officer

from ...guards import Context
from ...guards import referral as rules
from ...models import Case
from ...models.referral import PoliceReferral
from ..runner import run_action

R = TypeVar("R")

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


def payload(
    referral: PoliceReferral,
    *,
    row: Deadline | None = None,
    done: datetime.date | datetime.datetime | None = None,
    **facts: Any,
) -> dict[str, Any]:
    """The event of a step: the referral, how its days are counted, and — from ``row``, the stored deadline of the
    step performed, as it stands when the step is recorded — its due time and whether it came late (``done``)."""
    out: dict[str, Any] = {
        "referral": referral.pk,
        "counting": "working_days" if referral.working_days else "calendar_days",
    }
    if row is not None and done is not None:
        if row.due_at is not None:  # the 24-hour hand-over: the moment it was done against the hour
            moment = done if isinstance(done, datetime.datetime) else timezone.now()
            out |= {"due": row.due_at, "overdue": moment > row.due_at}
        else:
            day = timezone.localdate(done) if isinstance(done, datetime.datetime) else done
            out |= {"due": row.due_on, "overdue": day > row.due_on}
    return out | facts


def next_step(step: str, starts_on: datetime.date, starts_at: datetime.datetime | None = None) -> dict[str, Any]:
    """The event's ``next`` entry: the step that falls due next and what starts its period — the day after which
    its days run, or for the 24-hour hand-over the moment of the approval (then ``starts_on`` is its local day)."""
    return {"step": step, "starts_on": starts_on, "starts_at": starts_at}


def step_start(referral: PoliceReferral, step: str) -> datetime.date | None:
    """The day ``step``'s three days run from, read from the referral's recorded facts (None for a step not yet
    started): for an event written before ``next`` named its start (``deadline_watch.openers``, on a replay)."""
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


def _accept(ref: PoliceReferral, notice_on: datetime.date) -> dict[str, Any]:
    # 第十二条: items and materials within 3 days of receiving the police's filing notice.
    ref.closed_by_police_acceptance = True
    return next_step("record_items_handover", notice_on)
