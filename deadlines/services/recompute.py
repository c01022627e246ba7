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

from ..choices import Bearer, ChangeReason, Outcome, Unit
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
    """The last day as the stored period, closed suspensions and extensions give it today — never earlier, for a
    period the party bears, than the date a document served on the party stated (``stated_on``)."""
    extensions = list(deadline.extensions.all())
    counted = compute(
        period_of(deadline),
        suspensions=[(s.starts_on, s.ends_on) for s in deadline.suspensions.all() if s.ends_on is not None],
        extension_days=sum(e.days or 0 for e in extensions),
        extended_to=max((e.new_due_on for e in extensions if e.new_due_on), default=None),
    )
    return stated_floor(deadline, counted)


def stated_floor(deadline: Deadline, counted: Computed) -> Computed:
    """行政处罚法 第四十四条、第六十四条 with the served notice: the party was told a date (a provisional one, counted
    on weekdays before the year's holidays were known); entering a make-up working day may count the period to an
    earlier day, but the party keeps the day it was told. The agency's own duties take the day counted."""
    stated = deadline.stated_on
    if deadline.bearer == Bearer.PARTY and stated is not None and counted.due_on < stated:
        return Computed(due_on=stated, due_at=None, provisional=False)
    return counted


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


def touched_by(year: int | None) -> Q:
    """The deadlines a year of the holiday table may move: every provisional one, and every open one whose period
    touches ``year`` (a year's notice also reaches back to the last days of December before it: its 元旦)."""
    scope = Q(provisional=True)
    if year is not None:
        reach = datetime.date(year - 1, 12, SPILL_FROM_DAY)
        scope = Q(provisional=True, due_on__gte=reach) | Q(
            outcome=Outcome.OPEN, starts_on__year__lte=year, due_on__gte=reach
        )
        scope |= Q(outcome=Outcome.OPEN, anchor_on__year=year)
    return scope


def mark_recomputing(*, year: int | None) -> int:
    """Inside the transaction that changes the holiday table: the deadlines it touches are marked "recomputing"
    until the one recount commits, so no page, document, reminder or guard reads a date about to change."""
    return Deadline.objects.filter(touched_by(year)).update(recomputing=True)


def recompute_year(*, year: int | None = None, actor=None) -> list[DeadlineChange]:
    """Recount every deadline ``year`` touches (and those marked "recomputing") in one transaction.

    Called when a year of the holiday table is entered or corrected (``calendar_year_changed``, by the worker),
    by ``manage.py recompute_deadlines`` and by the admin action. The rows are locked in id order and recounted
    parents first; the marks are cleared in the same transaction, so every reader sees either all the old dates
    (marked) or all the new ones. No record keeps a due date of its own beside its deadline: this is the only recount.
    """
    with transaction.atomic():
        scope = touched_by(year) | Q(recomputing=True)
        rows = list(
            Deadline.objects.select_for_update(of=("self",)).filter(scope).order_by("pk").values_list("pk", "kind")
        )
        ids = [pk for pk, _ in sorted(rows, key=lambda row: (ORDER[row[1]], row[0]))]
        changes = _recount(ids, actor=actor, note=f"{year}年节假日安排" if year else "")
        Deadline.objects.filter(pk__in=[pk for pk, _ in rows], recomputing=True).update(recomputing=False)
    return changes


def recompute_ids(ids: list[int], *, actor=None, note: str = "") -> list[DeadlineChange]:
    """Recount the given deadlines (the admin's action): each then reads the holiday table as it stands, so a mark
    "recomputing" left on it is cleared in the same transaction."""
    with transaction.atomic():
        changes = _recount(ids, actor=actor, note=note)
        Deadline.objects.filter(pk__in=ids, recomputing=True).update(recomputing=False)
    return changes


def _recount(ids: list[int], *, actor=None, note: str = "") -> list[DeadlineChange]:
    """Recount ``ids`` in the order given, in the caller's transaction (or one of its own)."""
    changes: list[DeadlineChange] = []
    with transaction.atomic():
        for pk in ids:
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
