"""The registry of statutory deadlines: for each kind its period, its article, whose duty it is,
and the case events that open, meet, end, suspend and resume it.

Figures checked against the texts in ``shared/laws`` (and 国办发〔2018〕118号 for publication).
Periods of 10 days or less are working days (行政处罚法 第八十五条; 行政强制法 第六十九条;
行政复议法 第八十八条); longer ones are calendar days counted from the day after the event,
their last day rolled to the next working day (民事诉讼法 第八十五条, applied through
行政复议法 第八十八条 and DOMAIN.md "Working days"). Figures that vary by sector or agency
are read from ``officers.AgencyPolicy`` or ``deadlines.DeadlinePolicy`` when a deadline opens
and stored on it, so a later policy change never moves a running deadline.

Events are matched by ``CaseEvent.name`` (or ``event_type`` when the name is empty, e.g.
``created``); dates are read from the payload key named in the trigger, or the event's own
local date. docs/deadlines.md lists every event and payload key for the other services.
"""

from __future__ import annotations

from .conditions import REMEDY_KINDS, SUPERSEDED, money_due, paid_in_full, remedy_periods_end
from .execution import EXECUTION_KINDS
from .investigation import INVESTIGATION_KINDS
from .referral import REFERRAL_STEP_KINDS
from .triggers import Closes, Kind, Opens, Resumes, Suspends

# --- the kinds, in the order the case meets them -----------------------------------------------------

_KINDS: tuple[Kind, ...] = (
    *INVESTIGATION_KINDS,
    *EXECUTION_KINDS,
    *REFERRAL_STEP_KINDS,
)

KINDS: dict[str, Kind] = {k.code: k for k in _KINDS}
KIND_CHOICES = [(k.code, k.label) for k in _KINDS]
REFERRAL_KINDS: dict[str, Kind] = {k.referral_step: k for k in _KINDS if k.referral_step}
ORDER = {code: i for i, code in enumerate(KINDS)}


def _triggers(kind: Kind) -> tuple[Opens | Closes | Suspends | Resumes, ...]:
    return (*kind.opens, *kind.closes, *kind.suspends, *kind.resumes)


def kinds_for_event(name: str) -> list[Kind]:
    """The kinds an event touches in any way, in registry order (parents before derived kinds)."""
    return [k for k in _KINDS if any(t.event == name for t in _triggers(k))]


def event_names() -> list[str]:
    """Every event name the registry reads, for the documentation and its test."""
    names = {t.event for k in _KINDS for t in _triggers(k)}
    return sorted(names)


__all__ = [
    "KINDS",
    "KIND_CHOICES",
    "ORDER",
    "REFERRAL_KINDS",
    "REMEDY_KINDS",
    "SUPERSEDED",
    "Closes",
    "Kind",
    "Opens",
    "Resumes",
    "Suspends",
    "event_names",
    "kinds_for_event",
    "money_due",
    "paid_in_full",
    "remedy_periods_end",
]
