"""What the execution services share: the acting officer, refusals, JSON-safe values and the case event."""

from __future__ import annotations

import datetime
from typing import Any

from kernel.rules import ActionRefused, Reason
from officers.models import Officer
from officers.selectors import officer_for_user

from ...choices import EventType
from ...models import Case
from ..events import append_event

# The event types of the non-transition steps of execution. The lead adds to ``cases.choices.EventType``:
#     EXECUTION = "execution", "执行"                      (arrangements, hand-overs, reminders, court, other services)
#     REMEDY = "remedy", "行政复议和行政诉讼"                 (file_remedy, record_remedy_outcome)
# Until then the steps are written with the existing type used for non-transition steps told apart by
# ``name`` (the referral steps do the same), and switch by themselves once the members exist.
EXECUTION_EVENT = getattr(EventType, "EXECUTION", EventType.REFERRAL)
REMEDY_EVENT = getattr(EventType, "REMEDY", EventType.REFERRAL)


def refuse(reasons: list[Reason]) -> None:
    if reasons:
        raise ActionRefused(reasons)


def acting_officer(actor) -> Officer | None:
    """The actor's officer record; the ``*_reasons`` rules refuse a missing one with their own reason."""
    return officer_for_user(actor)


def require_officer(actor) -> Officer:
    officer = officer_for_user(actor)
    if officer is None:
        raise ActionRefused([Reason("not_an_officer", "当前账号未关联执法机关工作人员。", "")])
    return officer


def officer_ref(officer: Officer | None) -> dict[str, Any] | None:
    return {"id": officer.pk, "name": officer.name} if officer else None


def day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def record(case: Case, actor, name: str, payload: dict[str, Any], *, remedy: bool = False) -> None:
    """Append the step's event; the caller holds the case row locked (``lock_case``)."""
    append_event(
        case=case, event_type=REMEDY_EVENT if remedy else EXECUTION_EVENT, actor=actor, name=name, payload=payload
    )
