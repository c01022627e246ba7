"""Reads of the security log, scoped to who may read it."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from officers.selectors import agencies_supervised_by, officer_for_user

from .models import SecurityEvent


def may_read_security_log(user) -> bool:
    """Supervisors (执法监督人员) and system administrators; no other officer (等保 2.0 8.1.4.2 访问控制 c:
    the audit administrator's role kept apart from the operators being audited)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    officer = officer_for_user(user)
    return officer is not None and officer.is_supervisor


def security_events_visible_to(user) -> QuerySet[SecurityEvent]:
    """Superusers: the whole log. A supervisor: the events of the accounts of their own body and of the
    agencies it supervises (their jurisdiction). Anyone else: nothing."""
    if not may_read_security_log(user):
        return SecurityEvent.objects.none()
    if user.is_superuser:
        return SecurityEvent.objects.all()
    officer = officer_for_user(user)
    assert officer is not None
    agency_ids = {officer.agency_id, *agencies_supervised_by(officer.agency).values_list("pk", flat=True)}
    return SecurityEvent.objects.filter(Q(agency_id__in=agency_ids))
