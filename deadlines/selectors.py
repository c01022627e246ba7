"""What each user may see of deadlines and notifications, and the stored deadlines of a case.

- a case's deadlines (:func:`deadlines_of`, :func:`deadline_of`): for a case the caller has scoped already
  (``deadline_watch.selectors`` scopes single deadlines to the cases a user may see);
- the overdue list: a supervisor across the agencies they supervise, an agency head across
  their own agency; anyone else sees nothing (the page answers 404, the API an empty list);
- notifications: only the recipient's own.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kernel.rules import Reason
from officers.models import Agency
from officers.selectors import agencies_supervised_by, officer_for_user

from .choices import Level, Outcome
from .kinds import ORDER, SUPERSEDED
from .models import Deadline, DeadlineExtension, DeadlineSuspension, Notification

LEVEL_CLASS = {Level.NONE: "", Level.APPROACHING: "warn", Level.OVERDUE: "danger"}


def _with_history(qs: QuerySet[Deadline]) -> QuerySet[Deadline]:
    return qs.select_related("case__agency").prefetch_related(
        Prefetch("suspensions", queryset=DeadlineSuspension.objects.select_related("approved_by")),
        Prefetch("extensions", queryset=DeadlineExtension.objects.select_related("approved_by")),
    )


def deadline_of(case_id: int, kind: str, *, ref: str | None = None) -> Deadline | None:
    """The case's deadline of ``kind`` that counts now — the latest opened that no later opening superseded (open,
    met or ended) — or None. This is the one place a due date is read: guards, pages, documents, the API and the
    reminders all read the stored deadline (the one clock), never count a period themselves."""
    qs = Deadline.objects.filter(case_id=case_id, kind=kind).exclude(end_note=SUPERSEDED)
    if ref is not None:
        qs = qs.filter(ref=ref)
    return qs.order_by("-pk").first()


def unsettled_reasons(deadline: Deadline | None, what: str, article: str = "") -> list[Reason]:
    """For a guard about to read ``deadline``'s last day: its absence, or its being recounted right now."""
    if deadline is None:
        return [Reason("deadline_missing", f"{what}尚未登记期限，请稍后重试或联系管理员重新计算期限。", article)]
    if deadline.recomputing:
        return [
            Reason(
                "deadline_recomputing",
                f"{deadline.label}的届满日正在按新登记的节假日安排重新计算，请稍后再试。",
                deadline.legal_basis,
            )
        ]
    return []


def deadlines_of(case) -> list[Deadline]:
    """A case's deadlines in the order the law runs them (the caller has scoped the case)."""
    rows = list(_with_history(Deadline.objects.filter(case=case)))
    rows.sort(key=lambda d: (d.outcome != Outcome.OPEN, ORDER.get(d.kind, 99), d.starts_on, d.pk))
    return rows


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


def overdue_case_ids(*, today: datetime.date | None = None) -> QuerySet:
    """The ids of cases with a stored period past due (open, watched, not suspended), as a subquery."""
    return Deadline.objects.overdue_on(today or timezone.localdate()).values("case_id")


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
    officer = officer_for_user(user)
    if officer is None:
        return Agency.objects.none()
    ids = set()
    if officer.is_supervisor:
        ids |= set(agencies_supervised_by(officer.agency).values_list("pk", flat=True))
    if officer.is_head:
        ids.add(officer.agency_id)
    return Agency.objects.filter(pk__in=ids).order_by("name")
