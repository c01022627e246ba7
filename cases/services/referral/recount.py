"""Counting a referral's stored due dates again once a year of the holiday table is entered or corrected.

A due date counted into a year the table did not know was counted on weekdays and listed in
``provisional_dues`` (``common._set_due``). When the year is entered, the deadline engine recounts its
mirror of each step (``deadlines.services.recompute.recompute_year``), and calls :func:`recount_dues`
so that the referral's own dates — read by the referral page, the API and the guards — are counted
again the same way: the same ``clock.periods`` function (``common.count_due``) from the same starting
day (``common.step_start``). The two therefore agree, and the step leaves ``provisional_dues``.

No case event is written (as for the deadlines: events are appended only by the referral's steps);
the mirror's ``DeadlineChange`` records the change and tells the handlers.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from ...models import Case
from ...models.referral import PoliceReferral, ReconsiderationResult
from .common import DUE_FIELDS, count_due, step_start

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueChange:
    referral: int
    step: str
    old_due: datetime.date
    new_due: datetime.date
    old_provisional: bool
    new_provisional: bool


def _steps_to_recount(referral: PoliceReferral, year: int | None) -> list[str]:
    """The provisional steps, and — for a year entered or corrected — the steps still due that run in it."""
    steps = [s for s in referral.provisional_dues if s in DUE_FIELDS]
    if year is not None:
        for deadline in referral.open_deadlines():
            if deadline.step in steps or deadline.step not in DUE_FIELDS:
                continue
            start = step_start(referral, deadline.step)
            if start is not None and start.year <= year <= deadline.due.year:
                steps.append(deadline.step)
    return steps


def recount_referral(referral: PoliceReferral, *, year: int | None = None) -> list[DueChange]:
    """Count ``referral``'s provisional steps (and those ``year`` touches) again; the caller holds the locks."""
    changes: list[DueChange] = []
    provisional = list(referral.provisional_dues)
    for step in _steps_to_recount(referral, year):
        field, start = DUE_FIELDS[step], step_start(referral, step)
        old = getattr(referral, field)
        if start is None or old is None:
            continue
        due = count_due(referral, start)
        was = step in provisional
        if due.provisional and not was:
            provisional.append(step)
        elif was and not due.provisional:
            provisional.remove(step)
        if due.date != old:
            setattr(referral, field, due.date)
            if step == "request_reconsideration" and referral.reconsideration_result != ReconsiderationResult.UPHELD:
                # The decline opened one window for both remedies (police.record_police_decision).
                referral.procuratorate_due = due.date
        if (due.date, due.provisional) != (old, was):
            changes.append(DueChange(referral.pk, step, old, due.date, was, due.provisional))
    referral.provisional_dues = provisional
    return changes


def recount_dues(*, year: int | None = None, referrals: Iterable[int] | None = None) -> list[DueChange]:
    """Recount the stored dues of the referrals with provisional steps (or whose steps run in ``year``).

    ``year`` None recounts every provisional step; ``referrals`` limits the referrals looked at.
    Each referral is recounted in its own transaction, the case row locked before the referral row
    (the order of the referral's services), and saved only when something changed.
    """
    scope = ~Q(provisional_dues=[])
    if year is not None:
        for field in DUE_FIELDS.values():
            scope |= Q(**{f"{field}__year__in": (year, year + 1)})
    qs = PoliceReferral.objects.filter(scope)
    if referrals is not None:
        qs = qs.filter(pk__in=list(referrals))
    changes: list[DueChange] = []
    for pk, case_id in qs.order_by("pk").values_list("pk", "case_id"):
        with transaction.atomic():
            Case.objects.select_for_update(of=("self",)).filter(pk=case_id).first()
            referral = PoliceReferral.objects.select_for_update().filter(pk=pk).first()
            if referral is None:
                continue
            before = list(referral.provisional_dues)
            found = recount_referral(referral, year=year)
            if found or referral.provisional_dues != before:
                referral.save(update_fields=[*DUE_FIELDS.values(), "provisional_dues"])
            changes += found
    logger.info("recounted the dues of referrals (year %s): %d changed", year, len(changes))
    return changes
