"""The case's clocks as they stand, computed by ``clock.periods`` (nothing else counts days).

Issue 3 gives the limitation period (Art. 36) and the case time limit (Art. 60);
issue 5 stores every statutory deadline on the case with suspension and extension.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.utils import timezone

from clock.periods import add_calendar_days, add_years
from enforcement.rules import ART_36

from .choices import Procedure
from .guards.core import LIMITATION_YEARS, LIMITATION_YEARS_SAFETY
from .models import Case

ART_60 = "《中华人民共和国行政处罚法》第六十条"
CASE_TIME_LIMIT_DAYS = 90  # 行政处罚法 第六十条: decide within ninety days of filing


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

    def as_dict(self) -> dict:
        return asdict(self)


def case_deadlines(case: Case, *, today: datetime.date | None = None) -> list[CaseDeadline]:
    today = today or timezone.localdate()
    deadlines = []
    safety = case.matter.touches_safety and case.harm_occurred
    start = case.limitation_start
    limit = add_years(start, LIMITATION_YEARS_SAFETY if safety else LIMITATION_YEARS, roll=False)
    deadlines.append(
        CaseDeadline(
            kind="limitation",
            label="追责期限（发现违法行为）",
            starts_on=start,
            due_on=limit.date,
            met_on=case.discovered_on if case.discovered_on <= limit.date else None,
            overdue=case.discovered_on > limit.date,
            provisional=limit.provisional,
            article=ART_36,
        )
    )
    if case.procedure == Procedure.GENERAL and case.filed_on:
        due = add_calendar_days(case.filed_on, CASE_TIME_LIMIT_DAYS)
        met = case.decided_on
        deadlines.append(
            CaseDeadline(
                kind="case_time_limit",
                label="办案期限（立案至作出决定）",
                starts_on=case.filed_on,
                due_on=due.date,
                met_on=met,
                overdue=(met or today) > due.date,
                provisional=due.provisional,
                article=ART_60,
            )
        )
    return deadlines
