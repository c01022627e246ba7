"""The deadline engine's two listeners: the case's events, and changes of the holiday table."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from clock.signals import calendar_year_changed
from events import subscribe

from .services.events import apply_event

logger = logging.getLogger(__name__)


def connect() -> None:
    """Open, meet, suspend and resume deadlines from every case event, inside the case service's transaction
    (case row locked). A fault here must never undo the legal act being recorded: the bus runs it in a
    savepoint and logs it (``DEADLINES_STRICT`` re-raises, for the tests); ``recompute_deadlines --replay``
    rebuilds what was missed."""
    subscribe("deadlines", on_case_event, strict_setting="DEADLINES_STRICT")


def on_case_event(event) -> None:
    apply_event(event)


@receiver(calendar_year_changed, dispatch_uid="deadlines.on_calendar_year_changed")
def on_calendar_year_changed(sender, year: int, **kwargs) -> None:
    """A year was entered or corrected (sent after commit): recount what it touches, in the worker."""
    from .tasks import recompute_deadlines

    try:
        recompute_deadlines.delay(year=year)
    except Exception:  # no broker reachable: do it here rather than leave dates provisional
        logger.exception("deadlines: could not queue the recount for %s; recounting in process", year)
        from .services.recompute import recompute_year

        recompute_year(year=year)
