"""What each user may see. Every list and detail of cases starts here (DESIGN.md, selectors).

- an officer of an enforcement agency (officers, auxiliary staff, heads) sees the agency's cases;
- a legal reviewer who is not otherwise an officer sees the agency's cases that reached legal review;
- a supervisor sees the cases of every agency whose ``supervised_by`` chain leads to their body;
- anyone else sees nothing (the pages and API answer 404).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from officers.choices import StaffCategory
from officers.models import Officer
from officers.selectors import agencies_supervised_by, officer_for_user

from .models import Case, CaseEvent, Evidence


def _scope(officer: Officer | None) -> Q | None:
    if officer is None:
        return None
    scope = Q(pk__in=[])
    if officer.category in (StaffCategory.ENFORCEMENT, StaffCategory.AUXILIARY) or officer.is_head:
        scope |= Q(agency_id=officer.agency_id)
    elif officer.is_legal_reviewer:
        scope |= Q(agency_id=officer.agency_id, legal_review_requested_at__isnull=False)
    if officer.is_supervisor:
        scope |= Q(agency__in=agencies_supervised_by(officer.agency))
    return scope


def cases_visible_to(user) -> QuerySet[Case]:
    scope = _scope(officer_for_user(user))
    if scope is None:
        return Case.objects.none()
    return Case.objects.filter(scope).select_related("agency", "matter__domain")


def case_for(user, pk) -> Case:
    """The case if ``user`` may see it; 404 otherwise — never revealing that it exists."""
    try:
        return cases_visible_to(user).get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("案件不存在或无权查看。") from None


def evidence_visible_to(user) -> QuerySet[Evidence]:
    """Evidence of the cases ``user`` may see."""
    return Evidence.objects.filter(case__in=cases_visible_to(user)).select_related("case")


def evidence_for(user, pk) -> Evidence:
    try:
        return evidence_visible_to(user).get(pk=pk)
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404("证据不存在或无权查看。") from None


def events_of(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("seq")


def sees_identifiers(user, case: Case) -> bool:
    """Full ID numbers and phones only for the case's active handlers, who need them (DESIGN.md)."""
    officer = officer_for_user(user)
    if officer is None:
        return False
    return any(a.officer_id == officer.pk and a.recused_at is None for a in case.assignments.all())
