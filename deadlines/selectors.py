"""What each user may see of deadlines and notifications. Every page and endpoint starts here.

- a case's deadlines: whoever may see the case (``cases.selectors.cases_visible_to``);
- the overdue list: a supervisor across the agencies they supervise, an agency head across
  their own agency; anyone else sees nothing (the page answers 404, the API an empty list);
- notifications: only the recipient's own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cases.selectors import cases_visible_to
from clock.periods import WorkingDayCount, preloaded_around
from officers.selectors import agencies_supervised_by, officer_for_user

from .choices import Level, Outcome
from .kinds import KINDS, ORDER
from .models import Deadline, DeadlineExtension, DeadlineSuspension, Notification, deadline_policy_for

LEVEL_CLASS = {Level.NONE: "", Level.APPROACHING: "warn", Level.OVERDUE: "danger"}


def _with_history(qs: QuerySet[Deadline]) -> QuerySet[Deadline]:
    return qs.select_related("case__agency").prefetch_related(
        Prefetch("suspensions", queryset=DeadlineSuspension.objects.select_related("approved_by")),
        Prefetch("extensions", queryset=DeadlineExtension.objects.select_related("approved_by")),
    )


def deadlines_of(case) -> list[Deadline]:
    """A case's deadlines in the order the law runs them (the caller has scoped the case)."""
    rows = list(_with_history(Deadline.objects.filter(case=case)))
    rows.sort(key=lambda d: (d.outcome != Outcome.OPEN, ORDER.get(d.kind, 99), d.starts_on, d.pk))
    return rows


def deadline_for(user, pk) -> Deadline:
    """The deadline if ``user`` may see its case; 404 otherwise — never revealing that it exists."""
    try:
        return _with_history(Deadline.objects.filter(case__in=cases_visible_to(user))).get(pk=pk)
    except (Deadline.DoesNotExist, ValueError, TypeError):
        raise Http404("期限不存在或无权查看。") from None


def suspension_for(user, pk) -> DeadlineSuspension:
    try:
        return DeadlineSuspension.objects.select_related("deadline__case").get(
            pk=pk, deadline__case__in=cases_visible_to(user)
        )
    except (DeadlineSuspension.DoesNotExist, ValueError, TypeError):
        raise Http404("中止记录不存在或无权查看。") from None


# --- the case panel ----------------------------------------------------------------------------


@dataclass
class PanelRow:
    deadline: Deadline
    level: Level
    status: str
    days_left: WorkingDayCount | None
    can_extend: bool
    can_suspend: bool
    can_end_suspension: bool = False

    @property
    def late_days(self) -> int:
        """Working days past the last day (0 while it runs)."""
        return max(-self.days_left.days, 0) if self.days_left else 0

    @property
    def css(self) -> str:
        return LEVEL_CLASS[self.level]

    @property
    def kind(self):
        return KINDS[self.deadline.kind]


@dataclass
class CasePanel:
    case: object
    today: datetime.date
    rows: list[PanelRow] = field(default_factory=list)
    approaching_days: int = 3

    @property
    def open_rows(self) -> list[PanelRow]:
        return [r for r in self.rows if r.deadline.is_open]

    @property
    def closed_rows(self) -> list[PanelRow]:
        return [r for r in self.rows if not r.deadline.is_open]

    @property
    def overdue_count(self) -> int:
        return sum(1 for r in self.rows if r.level == Level.OVERDUE)


def case_panel(case, user, *, today: datetime.date | None = None) -> CasePanel:
    """The deadlines section of the case page: each with its article, last day, working days left,
    yellow/red, provisional (暂定), suspension and extension; what the viewer may approve."""
    if not cases_visible_to(user).filter(pk=case.pk).exists():
        raise Http404("案件不存在或无权查看。")
    today = today or timezone.localdate()
    now = timezone.now()
    officer = officer_for_user(user)
    threshold = deadline_policy_for(case.agency).approaching_working_days
    is_head = bool(officer and officer.is_head and officer.is_active and officer.agency_id == case.agency_id)
    panel = CasePanel(case=case, today=today, approaching_days=threshold)
    deadlines = list(deadlines_of(case))
    with preloaded_around(today, (d.due_on for d in deadlines)):  # one reading of the holiday table
        for deadline in deadlines:
            panel.rows.append(
                _panel_row(deadline, today=today, now=now, threshold=threshold, officer=officer, head=is_head)
            )
    return panel


def _panel_row(deadline, *, today, now, threshold: int, officer, head: bool) -> PanelRow:
    from .services.approvals import extension_reasons, suspension_reasons

    open_ = deadline.is_open
    return PanelRow(
        deadline=deadline,
        level=deadline.level_on(today, approaching_days=threshold, now=now),
        status=deadline.status_label(today, now),
        days_left=deadline.working_days_left(today) if open_ and not deadline.is_suspended else None,
        # Offer the form only where the kind allows it at all; the service decides the rest.
        can_extend=head
        and open_
        and not any(
            r.code in {"not_extendable", "extension_cap", "already_extended"}
            for r in extension_reasons(deadline, officer, days=1, reason="-", by_collective_discussion=True)
        ),
        can_suspend=head
        and open_
        and not suspension_reasons(deadline, officer, starts_on=today, ends_on=None, reason="-"),
        can_end_suspension=head and deadline.is_suspended,
    )


# --- the overdue list for supervisors -----------------------------------------------------------


def overdue_scope(user) -> Q | None:
    """The agencies whose overdue deadlines ``user`` may see, or None."""
    officer = officer_for_user(user)
    if officer is None:
        return None
    scope = None
    if officer.is_supervisor:
        scope = Q(case__agency__in=agencies_supervised_by(officer.agency))
    if officer.is_head:
        own = Q(case__agency_id=officer.agency_id)
        scope = own if scope is None else scope | own
    return scope


def may_see_overdue_list(user) -> bool:
    return overdue_scope(user) is not None


def overdue_visible_to(user, *, today: datetime.date | None = None) -> QuerySet[Deadline]:
    """Open, watched, running deadlines past their last day, across the caller's scope, oldest first."""
    scope = overdue_scope(user)
    if scope is None:
        return Deadline.objects.none()
    today = today or timezone.localdate()
    return (
        Deadline.objects.overdue_on(today)
        .filter(scope)
        .select_related("case__agency", "case__matter")
        .prefetch_related("case__assignments__officer")
        .order_by("due_on", "pk")
    )


# --- notifications ------------------------------------------------------------------------------


def notifications_for(user) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).select_related("case", "deadline").order_by("-created_at", "-pk")


def notification_for(user, pk) -> Notification:
    try:
        return notifications_for(user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404("提醒不存在。") from None


def unread_count(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def overdue_agencies_for(user):
    """The agencies a viewer may pick in the overdue list's filter: those within their scope."""
    from officers.models import Agency

    officer = officer_for_user(user)
    if officer is None:
        return Agency.objects.none()
    ids = set()
    if officer.is_supervisor:
        ids |= set(agencies_supervised_by(officer.agency).values_list("pk", flat=True))
    if officer.is_head:
        ids.add(officer.agency_id)
    return Agency.objects.filter(pk__in=ids).order_by("name")
