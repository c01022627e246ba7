"""The daily scan (``deadlines.tasks.scan_deadlines``): mark approaching (yellow) and overdue (red)
deadlines and remind the handlers and their heads, once per level and last day.

Idempotent: a deadline's ``reminded_level`` only rises, each deadline is handled in its own
transaction with its row locked (``skip_locked``: a second scan running at the same moment
passes over it), and a unique constraint on the notifications backs both up.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from clock.periods import preloaded_around

from ..choices import Level, NotificationKind
from ..models import Deadline, Notification, deadline_policy_for
from .notifications import queue_email, reminder_recipients

# Candidates: the approaching threshold is at most 30 working days (DeadlinePolicy), never more
# than about 75 calendar days even across the Spring Festival.
CANDIDATE_WINDOW = datetime.timedelta(days=75)
LEVEL_KIND = {Level.APPROACHING: NotificationKind.APPROACHING, Level.OVERDUE: NotificationKind.OVERDUE}


@dataclass
class ScanResult:
    today: datetime.date
    approaching: int = 0
    overdue: int = 0
    notifications: int = 0
    overdue_by_agency: dict[int, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "approaching": self.approaching,
            "overdue": self.overdue,
            "notifications": self.notifications,
            "overdue_by_agency": {str(k): v for k, v in self.overdue_by_agency.items()},
        }


def reminder_message(deadline: Deadline, level: Level, today: datetime.date) -> str:
    case = deadline.case
    due = (
        f"{timezone.localtime(deadline.due_at):%Y-%m-%d %H:%M}" if deadline.due_at else f"{deadline.due_on:%Y-%m-%d}"
    ) + ("（暂定）" if deadline.provisional else "")
    head = f"{case.display_number}「{case.title}」：{deadline.label}"
    if level == Level.OVERDUE:
        late = -deadline.working_days_left(today).days
        return f"{head}已于{due}届满，已逾期{max(late, 0)}个工作日。依据：{deadline.legal_basis}"
    left = deadline.working_days_left(today).days
    return f"{head}将于{due}届满，剩余{max(left, 0)}个工作日。依据：{deadline.legal_basis}"


def scan_deadlines(*, today: datetime.date | None = None, now: datetime.datetime | None = None) -> ScanResult:
    today = today or timezone.localdate()
    now = now or timezone.now()
    result = ScanResult(today=today)
    candidates = list(
        Deadline.objects.open()
        .watched()
        .not_suspended()
        .settled()  # a date being counted again is reminded of once the recount commits
        .filter(due_on__lte=today + CANDIDATE_WINDOW)
        .values_list("pk", "due_on")
        .order_by("due_on", "pk")
    )
    thresholds: dict[int, int] = {}
    # Every candidate's working days counted over one reading of the holiday table (clock.periods).
    with preloaded_around(today, (due for _, due in candidates)):
        for pk, _due in candidates:
            _scan_one(pk, result, thresholds, today=today, now=now)
    return result


@transaction.atomic
def _scan_one(
    pk: int, result: ScanResult, thresholds: dict[int, int], *, today: datetime.date, now: datetime.datetime
) -> None:
    """One deadline, locked (skipped when another scan holds it): counted, and reminded once per level."""
    deadline = (
        Deadline.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("case__agency")
        .prefetch_related("suspensions")
        .filter(pk=pk)
        .first()
    )
    if deadline is None or deadline.recomputing:
        return  # another scan holds it, or its date is being counted again
    agency = deadline.case.agency
    if agency.pk not in thresholds:
        thresholds[agency.pk] = deadline_policy_for(agency).approaching_working_days
    level = deadline.level_on(today, approaching_days=thresholds[agency.pk], now=now)
    if level == Level.OVERDUE:
        result.overdue += 1
        result.overdue_by_agency[agency.pk] = result.overdue_by_agency.get(agency.pk, 0) + 1
    elif level == Level.APPROACHING:
        result.approaching += 1
    if level <= deadline.reminded_level:
        return
    result.notifications += _remind(deadline, Level(level), today)
    deadline.reminded_level, deadline.reminded_at = level, now
    deadline.save(update_fields=["reminded_level", "reminded_at", "updated_at"])


def _remind(deadline: Deadline, level: Level, today: datetime.date) -> int:
    message = reminder_message(deadline, level, today)
    notes = [
        Notification(
            recipient=user,
            case=deadline.case,
            deadline=deadline,
            level=LEVEL_KIND[level],
            due_on=deadline.due_on,
            message=message,
        )
        for user in reminder_recipients(deadline)
    ]
    Notification.objects.bulk_create(notes, ignore_conflicts=True)
    # ignore_conflicts leaves no primary keys: read back what this level and last day hold.
    created = list(
        Notification.objects.filter(
            deadline=deadline, level=LEVEL_KIND[level], due_on=deadline.due_on, emailed_at__isnull=True
        ).select_related("recipient")
    )
    queue_email(created)
    return len(notes)
