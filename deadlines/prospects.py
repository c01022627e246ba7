"""The last day a deadline would have if it opened now, from its one definition (``deadlines.kinds``).

For a guard that checks a date the user proposes before the deadline exists — a hearing notice must be served at
least seven working days before the hearing the form proposes (行政处罚法 第六十四条第二项) — the guard asks here
instead of counting (the one clock); every deadline that does exist is read from its stored row
(``deadlines.selectors.deadline_of``).
"""

from __future__ import annotations

import datetime
from typing import Any

from .choices import Unit
from .computing import Computed, Period, compute
from .kinds import KINDS


def due_if_opened(
    code: str, *, case: Any = None, starts_on: datetime.date | None = None, anchor_on: datetime.date | None = None
) -> Computed:
    kind = KINDS[code]
    start = starts_on or anchor_on
    if start is None:
        raise ValueError("a prospective deadline needs its start or its anchor day")
    count = kind.count_for(case) if case is not None or not callable(kind.count) else None
    assert count is not None, f"the kind {code} counts from the case: pass it"
    return compute(kind.period(count, starts_on=start, anchor_on=anchor_on))


def earliest_anchor(code: str, *, served_on: datetime.date) -> Computed:
    """For a "N working days before" kind: the earliest anchor day a step taken on ``served_on`` allows (a hearing
    notice served that day allows the hearing from the N-th working day after it, that day included)."""
    kind = KINDS[code]
    if kind.unit != Unit.WORKING_DAYS_BEFORE or callable(kind.count):
        raise ValueError(f"{code} is not a fixed 'working days before' kind")
    return compute(Period(unit=Unit.WORKING_DAYS, count=kind.count, starts_on=served_on))
