"""How long a legal review has waited and when the legal office's period ends.

The period's last day is the stored deadline of kind ``legal_review`` that the submission opened (the one clock:
``deadlines``; the figure is agency policy, ``AgencyPolicy.legal_review_working_days``, default ten working days
as in the sector rules). The working days already waited are counted for display by ``clock.periods``. The
deadlines of a whole queue are read in one query.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from clock.periods import working_days_between
from deadlines.kinds import SUPERSEDED
from deadlines.models import Deadline
from officers.models import AgencyPolicy

from ..models import LegalReview


@dataclass(frozen=True)
class ReviewAge:
    submitted_on: datetime.date
    days: int  # calendar days since the submission
    working_days: int  # working days after the submission day up to today
    limit: int  # the agency's period in working days
    due: datetime.date | None  # the stored deadline's last day (None before the deadline engine opened it)
    overdue: bool
    provisional: bool  # a year the holiday table does not know yet: "暂定"

    @property
    def overdue_working_days(self) -> int:
        return max(0, self.working_days - self.limit)


class ReviewClock:
    def __init__(self, *, policy: AgencyPolicy, today: datetime.date, reviews: Iterable[LegalReview] = ()) -> None:
        self.limit = policy.legal_review_working_days
        self.today = today
        self._deadlines = self._load(reviews)

    @staticmethod
    def _load(reviews: Iterable[LegalReview]) -> dict[int, Deadline]:
        """The pending review's deadline of each case (one pending review a case at a time)."""
        case_ids = {r.case_id for r in reviews}
        rows = Deadline.objects.filter(case_id__in=case_ids, kind="legal_review").exclude(end_note=SUPERSEDED)
        return {row.case_id: row for row in rows.order_by("pk")} if case_ids else {}

    def age(self, review: LegalReview) -> ReviewAge:
        submitted_on = timezone.localdate(review.submitted_at)
        deadline = self._deadlines.get(review.case_id)
        if deadline is None:
            deadline = self._load([review]).get(review.case_id)
        elapsed = working_days_between(submitted_on, self.today)
        due = deadline.due_on if deadline is not None else None
        return ReviewAge(
            submitted_on=submitted_on,
            days=(self.today - submitted_on).days,
            working_days=elapsed.days,
            limit=deadline.count if deadline is not None else self.limit,
            due=due,
            overdue=due is not None and self.today > due,
            provisional=bool(deadline and deadline.provisional) or elapsed.provisional,
        )
