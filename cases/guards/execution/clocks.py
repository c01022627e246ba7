"""The clocks of execution, read — never counted — from the stored deadlines (the one clock).

Every period of execution is a deadline kind (``deadlines.kinds``: ``service``, ``payment``, ``collection_handover``,
``collection_deposit``, ``reconsideration``, ``litigation`` …, ``court_application``, ``reminder_wait``,
``publication``, ``publication_withdrawal``), opened and met by the case's events and counted once by
``clock.periods``; when the holiday table changes the rows are recounted. The guards read them through
:func:`deadlines.selectors.deadline_of`; the page and the API read all of a case's rows at once
(:class:`CaseClocks`, the same rule: per kind and record, the latest opened that no later opening superseded).
A row that should be there and is not (its opener did not run) is a reason to refuse, never a cue to count.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clock.periods import Due
from deadlines.kinds import REMEDY_KINDS, SUPERSEDED
from deadlines.models import Deadline
from deadlines.selectors import deadline_of

if TYPE_CHECKING:
    from ...models import Case, PaymentArrangement


def clock_of(case: Case, kind: str, ref: object = None) -> Deadline | None:
    """The case's stored deadline of ``kind`` (for the record ``ref``, when the kind is kept per record)."""
    return deadline_of(case.pk, kind, ref=None if ref is None else str(ref))


def payment_clock(case: Case) -> Deadline | None:
    """行政处罚法 第六十七条第三款: the deadline ``payment``, opened by the decision's service."""
    return clock_of(case, "payment")


def payment_due(row: Deadline | None) -> Due | None:
    """The last day to pay as the decision set it — the stored deadline's, before any approved deferral or instalment
    plan moved it (the extension keeps the day it replaced: ``DeadlineExtension.previous_due_on``). The surcharge
    counts from it, and an approved arrangement replaces it from the day the party applied (``cases.surcharge``)."""
    if row is None:
        return None
    first = min(row.extensions.all(), key=lambda e: (e.approved_at, e.pk), default=None)
    if first is not None:
        return Due(date=first.previous_due_on, provisional=False)
    return Due(date=row.due_on, provisional=row.provisional)


def remedies_end(rows: list[Deadline]) -> Deadline | None:
    """The remedy window that closes last (行政复议法 第二十条; 行政诉讼法 第四十五条、第四十六条、第八十五条)."""
    windows = [r for r in rows if r.kind in REMEDY_KINDS and r.end_note != SUPERSEDED]
    return max(windows, key=lambda r: (r.due_on, r.pk), default=None)


def remedy_windows(case: Case) -> list[Deadline]:
    return list(Deadline.objects.filter(case=case, kind__in=REMEDY_KINDS).exclude(end_note=SUPERSEDED))


@dataclass(frozen=True)
class CourtWindow:
    """行政强制法 第五十三条: within 3 months after the remedy periods end; 行政处罚法 第七十二条第二款: after an
    approved deferral or instalment plan, from its end — the stored deadline ``court_application``: the application
    is possible from the day after ``opens_after`` (its ``starts_on``) to ``closes_on`` (its ``due_on``) inclusive."""

    opens_after: datetime.date
    closes_on: datetime.date
    provisional: bool
    after_arrangement: bool
    deadline: Deadline


def court_window(
    row: Deadline | None, arrangement: PaymentArrangement | None, remedies: Deadline | None
) -> CourtWindow | None:
    """The window of the stored deadline ``row`` (``court_application``); counted from the end of ``arrangement``
    when that is later than the end of the remedy windows (``remedies``)."""
    if row is None:
        return None
    after = arrangement is not None and (remedies is None or arrangement.ends_on > remedies.due_on)
    return CourtWindow(row.starts_on, row.due_on, row.provisional, after, row)


def court_window_of(case: Case, arrangement: PaymentArrangement | None) -> CourtWindow | None:
    return court_window(clock_of(case, "court_application"), arrangement, remedies_end(remedy_windows(case)))


class CaseClocks:
    """All of a case's stored deadlines, read in one query, for a page or a case file that shows many of them."""

    def __init__(self, case: Case) -> None:
        self.rows = list(
            Deadline.objects.filter(case=case)
            .exclude(end_note=SUPERSEDED)
            .prefetch_related("extensions")
            .order_by("pk")
        )

    def of(self, kind: str, ref: object = None) -> Deadline | None:
        """As :func:`deadlines.selectors.deadline_of`: the latest of ``kind`` (for the record ``ref``)."""
        wanted = None if ref is None else str(ref)
        found = [r for r in self.rows if r.kind == kind and (wanted is None or r.ref == wanted)]
        return found[-1] if found else None

    def remedies_end(self) -> Deadline | None:
        return remedies_end(self.rows)
