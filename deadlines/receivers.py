"""The deadline engine's two listeners: the case's events, and changes of the holiday table."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from cases.models import CaseEvent
from clock.signals import calendar_year_changed

from .services.events import apply_event

logger = logging.getLogger(__name__)


@receiver(post_save, sender=CaseEvent, dispatch_uid="deadlines.on_case_event")
def on_case_event(sender, instance: CaseEvent, created: bool, raw: bool = False, **kwargs) -> None:
    """Open, meet, suspend and resume deadlines inside the case service's transaction (case row locked).

    A fault here must never undo the legal act being recorded: it runs in a savepoint and is
    logged (``DEADLINES_STRICT`` re-raises, for the tests); ``recompute_deadlines --replay``
    rebuilds what was missed.
    """
    if not created or raw:
        return
    try:
        with transaction.atomic():
            apply_event(instance)
    except Exception:
        logger.exception("deadlines: event %s (case %s #%s) not applied", instance.name, instance.case_id, instance.seq)
        if getattr(settings, "DEADLINES_STRICT", False):
            raise


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
