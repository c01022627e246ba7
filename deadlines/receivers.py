"""The deadline core's listener of the clock: a year of the holiday table entered or corrected.

(The case's events are listened to one layer up, by ``deadline_watch``: the core never imports ``cases``.)
"""

from __future__ import annotations

import logging

from django.dispatch import receiver

from clock.signals import calendar_year_changed, calendar_year_changing

from .services.recompute import mark_recomputing, recompute_year
from .tasks import recompute_deadlines

logger = logging.getLogger(__name__)


@receiver(calendar_year_changing, dispatch_uid="deadlines.on_calendar_year_changing")
def on_calendar_year_changing(sender, year: int, **kwargs) -> None:
    """In the transaction that enters or corrects the year: mark what it will move as "recomputing"."""
    mark_recomputing(year=year)


@receiver(calendar_year_changed, dispatch_uid="deadlines.on_calendar_year_changed")
def on_calendar_year_changed(sender, year: int, **kwargs) -> None:
    """A year was entered or corrected (sent after commit): recount what it touches, in the worker."""
    try:
        recompute_deadlines.delay(year=year)
    except Exception:  # no broker reachable: do it here rather than leave dates provisional
        logger.exception("deadlines: could not queue the recount for %s; recounting in process", year)
        recompute_year(year=year)
