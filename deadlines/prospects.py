"""The last day a deadline would have if it opened now, from its one definition (``deadlines.kinds``).

For a guard that checks a date the user proposes before the deadline exists — a hearing notice must be served at
least seven working days before the hearing the form proposes (行政处罚法 第六十四条第二项) — the guard asks here
instead of counting (the one clock); every deadline that does exist is read from its stored row
(``deadlines.selectors.deadline_of``).
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.utils import timezone

from .choices import Unit
from .computing import Computed, Period, compute
from .kinds import KINDS


def due_if_opened(
    code: str,
    *,
    case: Any = None,
    starts_on: datetime.date | None = None,
    anchor_on: datetime.date | None = None,
    starts_at: datetime.datetime | None = None,
) -> Computed:
    """``starts_at``: the moment an hour period runs from (its local day is the start)."""
    kind = KINDS[code]
    if starts_at is not None and starts_on is None:
        starts_on = timezone.localdate(starts_at)
    start = starts_on or anchor_on
    if start is None:
        raise ValueError("a prospective deadline needs its start or its anchor day")
    count = kind.count_for(case) if case is not None or not callable(kind.count) else None
    assert count is not None, f"the kind {code} counts from the case: pass it"
    period = kind.period(count, starts_on=start, anchor_on=anchor_on)
    if starts_at is not None:
        period = dataclasses.replace(period, starts_at=starts_at)
    return compute(period)


def earliest_anchor(code: str, *, served_on: datetime.date) -> Computed:
    """For a "N working days before" kind: the earliest anchor day a step taken on ``served_on`` allows (a hearing
    notice served that day allows the hearing from the N-th working day after it, that day included)."""
    kind = KINDS[code]
    if kind.unit != Unit.WORKING_DAYS_BEFORE or callable(kind.count):
        raise ValueError(f"{code} is not a fixed 'working days before' kind")
    return compute(Period(unit=Unit.WORKING_DAYS, count=kind.count, starts_on=served_on))
