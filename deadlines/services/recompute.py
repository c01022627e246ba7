"""Counting a stored deadline again: after a suspension or extension, or when the holiday table changes.

Every change of a last day (or of its provisional mark) writes a ``DeadlineChange`` and tells
the case's handlers in-app. No case event is written: events are appended only by the case
services under the case lock (cases.services.events).
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Q

from clock.models import SPILL_FROM_DAY

from ..choices import ChangeReason, Outcome, Unit
from ..computing import Computed, Period, compute
from ..kinds import KINDS, ORDER, REMEDY_KINDS
from ..models import Deadline, DeadlineChange
from .notifications import notify_change

logger = logging.getLogger(__name__)


def period_of(deadline: Deadline) -> Period:
    return Period(
        unit=deadline.unit,
        count=deadline.count,
        starts_on=deadline.starts_on,
        roll=deadline.roll,
        starts_at=deadline.starts_at,
        anchor_on=deadline.anchor_on,
        before_exclusive=KINDS[deadline.kind].before_exclusive,
    )


def computed_for(deadline: Deadline) -> Computed:
    """The last day as the stored period, closed suspensions and extensions give it today."""
    extensions = list(deadline.extensions.all())
    return compute(
        period_of(deadline),
        suspensions=[(s.starts_on, s.ends_on) for s in deadline.suspensions.all() if s.ends_on is not None],
        extension_days=sum(e.days or 0 for e in extensions),
        extended_to=max((e.new_due_on for e in extensions if e.new_due_on), default=None),
    )


def refresh(
    deadline: Deadline, *, reason: str, actor=None, note: str = "", notify: bool = True
) -> list[DeadlineChange]:
    """Count ``deadline`` again and store the result; then the open deadlines counted from it.

    Returns the changes written, this deadline's first (none when nothing moved). A later
    last day resets the reminder level, so the new day is reminded again.
    """
    rule = KINDS[deadline.kind].start_rule
    if rule is not None and deadline.is_open:
        start = rule(deadline.case)
        if start is not None and start != deadline.starts_on:
            deadline.starts_on = start
            deadline.save(update_fields=["starts_on", "updated_at"])
    new = computed_for(deadline)
    changes: list[DeadlineChange] = []
    if (new.due_on, new.due_at, new.provisional) != (deadline.due_on, deadline.due_at, deadline.provisional):
        change = DeadlineChange.objects.create(
            deadline=deadline,
            old_due_on=deadline.due_on,
            new_due_on=new.due_on,
            old_due_at=deadline.due_at,
            new_due_at=new.due_at,
            old_provisional=deadline.provisional,
            new_provisional=new.provisional,
            reason=reason,
            note=note[:300],
            actor=actor,
        )
        if new.due_on > deadline.due_on:
            deadline.reminded_level = 0
        deadline.due_on, deadline.due_at, deadline.provisional = new.due_on, new.due_at, new.provisional
        deadline.save(update_fields=["due_on", "due_at", "provisional", "reminded_level", "updated_at"])
        if notify and deadline.is_open:
            notify_change(change)
        changes.append(change)
    for child in deadline.derived.filter(outcome=Outcome.OPEN).prefetch_related("suspensions", "extensions"):
        if child.unit == Unit.WORKING_DAYS_BEFORE:
            child.anchor_on = deadline.due_on
        else:
            child.starts_on = deadline.due_on
        child.save(update_fields=["anchor_on", "starts_on", "updated_at"])
        changes += refresh(child, reason=reason, actor=actor, note=note, notify=notify)
    if deadline.kind in REMEDY_KINDS:
        # The court application counts from the latest remedy window (行政强制法 第五十三条).
        applications = Deadline.objects.filter(case_id=deadline.case_id, kind="court_application", outcome=Outcome.OPEN)
        for application in applications.select_related("case").prefetch_related("suspensions", "extensions"):
            changes += refresh(application, reason=reason, actor=actor, note=note, notify=notify)
    return changes


def recompute_year(*, year: int | None = None, actor=None) -> list[DeadlineChange]:
    """Recount every provisional deadline, and every open one whose period touches ``year``.

    Called when a year of the holiday table is entered or corrected (``calendar_year_changed``),
    by ``manage.py recompute_deadlines`` and by the admin action. Each deadline is recounted in
    its own transaction with its row locked; parents before the deadlines counted from them.
    Then the referrals' own stored due dates (``cases.services.referral.recount``).
    """
    scope = Q(provisional=True)
    if year is not None:
        # A year's notice also reaches back to the last days of December before it (its 元旦 arrangement).
        reach = datetime.date(year - 1, 12, SPILL_FROM_DAY)
        scope = Q(provisional=True, due_on__gte=reach) | Q(
            outcome=Outcome.OPEN, starts_on__year__lte=year, due_on__gte=reach
        )
        scope |= Q(outcome=Outcome.OPEN, anchor_on__year=year)
    ids = sorted(Deadline.objects.filter(scope).values_list("pk", "kind"), key=lambda row: (ORDER[row[1]], row[0]))
    changes = _recount([pk for pk, _ in ids], actor=actor, note=f"{year}年节假日安排" if year else "")
    # The referral keeps its own due dates (read by its page, the API and its guards): count them
    # again the same way, so the referral and its mirrored deadlines keep one date.
    recount_referral_dues(year=year)
    return changes


def recompute_ids(ids: list[int], *, actor=None, note: str = "") -> list[DeadlineChange]:
    """Recount the given deadlines (the admin's action), and the referrals whose steps are among them."""
    changes = _recount(ids, actor=actor, note=note)
    referrals = {
        int(ref)
        for ref, kind in Deadline.objects.filter(pk__in=ids).values_list("ref", "kind")
        if ref.isdigit() and KINDS[kind].referral_step
    }
    if referrals:
        recount_referral_dues(referrals=referrals)
    return changes


def recount_referral_dues(**scope) -> list:
    """``cases.services.referral.recount.recount_dues``, imported when called (no import cycle at app loading)."""
    from cases.services.referral.recount import recount_dues

    return recount_dues(**scope)


def _recount(ids: list[int], *, actor=None, note: str = "") -> list[DeadlineChange]:
    changes: list[DeadlineChange] = []
    for pk in ids:
        with transaction.atomic():
            deadline = (
                Deadline.objects.select_for_update(of=("self",))
                .select_related("case")
                .prefetch_related("suspensions", "extensions")
                .filter(pk=pk)
                .first()
            )
            if deadline is None:
                continue
            changes += refresh(deadline, reason=ChangeReason.CALENDAR, actor=actor, note=note)
    logger.info("recomputed %d deadlines, %d changed", len(ids), len(changes))
    return changes
