"""Celery tasks: one more interface to the services (deadlines.services)."""

from __future__ import annotations

import datetime

from celery import shared_task

from .services.recompute import recompute_year
from .services.reminders import scan_deadlines as scan


@shared_task(name="deadlines.scan_deadlines", acks_late=True)
def scan_deadlines(today: str | None = None) -> dict:
    """The daily reminder job (beat, 07:00 Asia/Shanghai): approaching (yellow) and overdue (red),
    in-app and e-mail reminders once per level; idempotent, so a redelivered run does nothing twice.
    ``today`` (ISO date) is for replays and tests; by default the local date."""
    day = datetime.date.fromisoformat(today) if today else None
    return scan(today=day).as_dict()


@shared_task(name="deadlines.recompute_deadlines", acks_late=True)
def recompute_deadlines(year: int | None = None) -> dict:
    """Recount the deadlines a (newly entered or corrected) holiday year touches."""
    changes = recompute_year(year=year)
    return {"year": year, "changed": len(changes)}
