"""The deadlines of a case as its viewers may reach them: one deadline or suspension by id (404 outside the
cases the user may see) and the deadlines section of the case page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils import timezone

from cases.selectors import cases_visible_to
from clock.periods import WorkingDayCount, preloaded_around
from deadlines.choices import Level
from deadlines.kinds import KINDS
from deadlines.models import Deadline, DeadlineSuspension, deadline_policy_for
from deadlines.selectors import LEVEL_CLASS, _with_history, deadlines_of
from officers.selectors import heads_agency, officer_for_user

from .approvals import extension_reasons, suspension_reasons


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
    ending: Any = None  # the 恢复计算 form on the case page (``section.deadlines_section``)

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
    is_head = heads_agency(officer, case.agency_id)
    panel = CasePanel(case=case, today=today, approaching_days=threshold)
    deadlines = list(deadlines_of(case))
    with preloaded_around(today, (d.due_on for d in deadlines)):  # one reading of the holiday table
        for deadline in deadlines:
            panel.rows.append(
                _panel_row(deadline, today=today, now=now, threshold=threshold, officer=officer, head=is_head)
            )
    return panel


def _panel_row(deadline, *, today, now, threshold: int, officer, head: bool) -> PanelRow:
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
            for r in extension_reasons(deadline, officer, days=1, reason="-", assume_discussion=True)
        ),
        can_suspend=head
        and open_
        and not suspension_reasons(deadline, officer, starts_on=today, ends_on=None, reason="-"),
        can_end_suspension=head and deadline.is_suspended,
    )
