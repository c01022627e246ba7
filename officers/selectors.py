"""Reads of officers and certificates, scoped to what a user may see."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .choices import CertificateStatus
from .models import Agency, Certificate, Officer


def officer_for_user(user) -> Officer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return Officer.objects.select_related("agency").get(user=user, is_active=True)
    except Officer.DoesNotExist:
        return None


def heads_agency(officer: Officer | None, agency_id: int) -> bool:
    """Whether ``officer`` is an active head (负责人) of the agency: who approves for it."""
    return officer is not None and officer.is_active and officer.is_head and officer.agency_id == agency_id


def officers_visible_to(user) -> QuerySet[Officer]:
    """Officers of the caller's own agency (supervisors: of the agencies they supervise too)."""
    me = officer_for_user(user)
    if me is None:
        return Officer.objects.none()
    agency_ids = {me.agency_id}
    if me.is_supervisor:
        agency_ids |= set(agencies_supervised_by(me.agency).values_list("pk", flat=True))
    return (
        Officer.objects.filter(agency_id__in=agency_ids)
        .select_related("agency", "user")
        .prefetch_related("certificates__domains", "certificates__status_changes")
    )


def agencies_supervised_by(body: Agency) -> QuerySet[Agency]:
    """Every agency whose ``supervised_by`` chain leads to ``body``."""
    found: set[int] = set()
    frontier = {body.pk}
    while frontier:
        nxt = set(Agency.objects.filter(supervised_by_id__in=frontier).values_list("pk", flat=True)) - found
        found |= nxt
        frontier = nxt
    return Agency.objects.filter(pk__in=found)


def certificates_expiring_within(
    days: int | None = None, *, today: datetime.date | None = None, agency: Agency | None = None
) -> QuerySet[Certificate]:
    """Valid certificates whose last day falls within the next ``days`` days (today included)."""
    if days is None:
        days = settings.CERTIFICATE_EXPIRY_WARNING_DAYS
    if days < 0:
        raise ValueError("days must not be negative")
    today = today or timezone.localdate()
    qs = Certificate.objects.filter(
        status=CertificateStatus.VALID,
        valid_to__gte=today,
        valid_to__lte=today + datetime.timedelta(days=days),
    ).select_related("officer__agency")
    if agency is not None:
        qs = qs.filter(officer__agency=agency)
    return qs.order_by("valid_to", "number")


def handlers_of_case(case_id: int) -> QuerySet[Officer]:
    """The officers handling a case now — assigned and not withdrawn (回避, 行政处罚法 第四十三条). The one query
    of active handlers, through ``cases.CaseHandler``'s relation name (``cases.selectors.handlers_of`` and the
    deadline notifications read it; ``cases.selectors.active_assignments`` reads the prefetched rows)."""
    return Officer.objects.filter(assignments__case_id=case_id, assignments__recused_at__isnull=True)
