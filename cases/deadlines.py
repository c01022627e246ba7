"""The case's clocks for the API's ``deadlines`` field: the stored deadlines of the deadline engine
(``deadlines`` app: opened and met by the case's events, counted by ``clock.periods``), and the
limitation period (Art. 36), which no event opens and is computed here.

Each item keeps the shape ``{kind, label, starts_on, due_on, met_on, overdue, provisional, article}``
and adds ``due_at`` (hour periods), ``status``, ``level`` (``approaching`` = yellow, ``overdue`` =
red), ``bearer``, ``watched``, ``suspended``, ``extended`` and ``working_days_left``.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from django.utils import timezone

from clock.periods import add_calendar_days, add_years, preloaded_around
from kernel.rules import ART_36

from .choices import Procedure
from .guards.core import LIMITATION_YEARS, LIMITATION_YEARS_SAFETY
from .models import Case

ART_60 = "《中华人民共和国行政处罚法》第六十条"
CASE_TIME_LIMIT_DAYS = 90  # 行政处罚法 第六十条: decide within ninety days of filing
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


def _limitation(case: Case) -> CaseDeadline:
    safety = case.matter.touches_safety and case.harm_occurred
    start = case.limitation_start
    limit = add_years(start, LIMITATION_YEARS_SAFETY if safety else LIMITATION_YEARS, roll=False)
    late = case.discovered_on > limit.date
    return CaseDeadline(
        kind="limitation",
        label="追责期限（发现违法行为）",
        starts_on=start,
        due_on=limit.date,
        met_on=None if late else case.discovered_on,
        overdue=late,
        provisional=limit.provisional,
        article=ART_36,
        status="已超过追责期限" if late else "已在期限内发现",
    )


def _unstored_case_time_limit(case: Case, today: datetime.date) -> CaseDeadline:
    """A case filed before the deadline engine stored its deadlines (until ``recompute_deadlines --replay``)."""
    assert case.filed_on is not None, "called for filed cases only"
    due = add_calendar_days(case.filed_on, CASE_TIME_LIMIT_DAYS)
    met = case.decided_on
    return CaseDeadline(
        kind="case_time_limit",
        label="办案期限（立案至作出决定）",
        starts_on=case.filed_on,
        due_on=due.date,
        met_on=met,
        overdue=(met or today) > due.date,
        provisional=due.provisional,
        article=ART_60,
    )


def case_deadlines(case: Case, *, today: datetime.date | None = None) -> list[CaseDeadline]:
    from deadlines.models import deadline_policy_for
    from deadlines.selectors import deadlines_of

    today = today or timezone.localdate()
    now = timezone.now()
    items = [_limitation(case)]
    stored = list(deadlines_of(case))
    threshold = deadline_policy_for(case.agency).approaching_working_days if stored else 0
    with preloaded_around(today, (d.due_on for d in stored)):  # one reading of the holiday table
        items += [_stored(d, today=today, now=now, threshold=threshold) for d in stored]
    filed = case.procedure == Procedure.GENERAL and case.filed_on
    if filed and not any(d.kind == "case_time_limit" for d in stored):
        items.append(_unstored_case_time_limit(case, today))
    return items


def _stored(d, *, today: datetime.date, now: datetime.datetime, threshold: int) -> CaseDeadline:
    """One stored deadline (deadlines.Deadline) as the case file shows it."""
    from deadlines.choices import Level, Outcome

    level = d.level_on(today, approaching_days=threshold, now=now)
    # A met deadline counts as overdue when it was met late; an open one when it is red.
    overdue = d.watched and d.met_late if d.outcome == Outcome.MET else level == Level.OVERDUE
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
