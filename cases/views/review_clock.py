"""How long a legal review has waited and when the legal office's period ends.

The period is agency policy (``AgencyPolicy.legal_review_working_days``, default ten working
days as in the sector rules); the days come from the one clock (``clock.periods``). The clock
is asked once per submission date, so a queue whose rows share dates costs no more queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from clock.periods import add_working_days, working_days_between
from officers.models import AgencyPolicy

from ..models import LegalReview


@dataclass(frozen=True)
class ReviewAge:
    submitted_on: datetime.date
    days: int  # calendar days since the submission
    working_days: int  # working days after the submission day up to today
    limit: int  # the agency's period in working days
    due: datetime.date
    overdue: bool
    provisional: bool  # a year the holiday table does not know yet: "暂定"

    @property
    def overdue_working_days(self) -> int:
        return max(0, self.working_days - self.limit)


class ReviewClock:
    def __init__(self, *, policy: AgencyPolicy, today: datetime.date) -> None:
        self.limit = policy.legal_review_working_days
        self.today = today
        self._ages: dict[datetime.date, ReviewAge] = {}

    def age(self, review: LegalReview) -> ReviewAge:
        submitted_on = timezone.localdate(review.submitted_at)
        if submitted_on not in self._ages:
            due = add_working_days(submitted_on, self.limit)
            elapsed = working_days_between(submitted_on, self.today)
            self._ages[submitted_on] = ReviewAge(
                submitted_on=submitted_on,
                days=(self.today - submitted_on).days,
                working_days=elapsed.days,
                limit=self.limit,
                due=due.date,
                overdue=self.today > due.date,
                provisional=due.provisional or elapsed.provisional,
            )
        return self._ages[submitted_on]
