"""Steps shared by the deadline tests: a case walked to a decision, and events written as the
execution services write them (the contract in docs/deadlines.md)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from cases.choices import EventType
from cases.models import Case
from cases.services.events import append_event
from deadlines.models import Deadline

D = datetime.date


def decided(team, *, fine: str = "8000") -> Case:
    """Filed, concluded, notified today, waiver recorded and decided today (a fine, not major)."""
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal(fine))
    team.notify(case)
    team.waive(case)
    return team.decide(case, fine=fine, on=case.notices.get().served_on)


def emit(case: Case, name: str, *, actor=None, event_type: str = EventType.REFERRAL, **payload):
    """Append one event as a case service does: in a transaction, with the case row locked."""
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        return append_event(case=locked, event_type=event_type, actor=actor, name=name, payload=payload)


def kinds(case: Case, **filters) -> dict[str, Deadline]:
    """The case's deadlines by kind (the latest of each)."""
    return {d.kind: d for d in Deadline.objects.filter(case=case, **filters).order_by("pk")}
