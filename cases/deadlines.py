"""The case's clocks for the API's ``deadlines`` field: the stored deadlines of the deadline engine (``deadlines``:
opened and met by the case's events — the limitation period of Art. 36 by the case's opening — and counted by
the deadline core only). Nothing is counted here.

Each item keeps the shape ``{kind, label, starts_on, due_on, met_on, overdue, provisional, article}``
and adds ``due_at`` (hour periods), ``status``, ``level`` (``approaching`` = yellow, ``overdue`` =
red), ``bearer``, ``watched``, ``suspended``, ``extended`` and ``working_days_left``.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from django.utils import timezone

from clock.periods import preloaded_around
from deadlines.choices import Level, Outcome
from deadlines.kinds import KINDS
from deadlines.models import deadline_policy_for
from deadlines.selectors import deadlines_of

from .models import Case

LEVELS = {0: "", 1: "approaching", 2: "overdue"}


@dataclass(frozen=True)
class CaseDeadline:
    kind: str
    label: str
    starts_on: datetime.date
    due_on: datetime.date
    met_on: datetime.date | None
    overdue: bool
    provisional: bool
    article: str
    due_at: datetime.datetime | None = None
    status: str = ""
    level: str = ""
    bearer: str = "agency"
    watched: bool = True
    suspended: bool = False
    extended: bool = False
    working_days_left: int | None = None
    recomputing: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(data.pop("extra"))
        return data


def case_deadlines(case: Case, *, today: datetime.date | None = None) -> list[CaseDeadline]:
    today = today or timezone.localdate()
    now = timezone.now()
    stored = list(deadlines_of(case))
    threshold = deadline_policy_for(case.agency).approaching_working_days if stored else 0
    with preloaded_around(today, (d.due_on for d in stored)):  # one reading of the holiday table
        return [_stored(d, today=today, now=now, threshold=threshold) for d in stored]


def _stored(d, *, today: datetime.date, now: datetime.datetime, threshold: int) -> CaseDeadline:
    """One stored deadline (deadlines.Deadline) as the case file shows it."""
    level = d.level_on(today, approaching_days=threshold, now=now)
    # A met deadline counts as overdue when it was met late; an open one when it is red.
    late_counts = d.watched or KINDS[d.kind].late_is_overdue
    overdue = late_counts and d.met_late if d.outcome == Outcome.MET else level == Level.OVERDUE
    running = d.is_open and not d.is_suspended
    return CaseDeadline(
        kind=d.kind,
        label=d.label,
        starts_on=d.starts_on,
        due_on=d.due_on,
        met_on=d.met_on,
        overdue=overdue,
        provisional=d.provisional,
        article=d.legal_basis,
        due_at=d.due_at,
        status=d.status_label(today, now),
        level=LEVELS[int(level)],
        bearer=d.bearer,
        watched=d.watched,
        suspended=d.is_suspended,
        extended=d.is_extended,
        working_days_left=d.working_days_left(today).days if running else None,
        recomputing=d.recomputing,
        extra={"id": d.pk, "outcome": d.outcome},
    )
