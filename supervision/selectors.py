"""Who may read which interference records. Every list and detail starts here (DESIGN.md, selectors).

- a supervisor (执法监督人员) sees the records of every agency whose ``supervised_by``
  chain leads to their body;
- any officer sees the records they made themselves;
- nobody ever sees a record that names them as the intervener — not as a supervisor,
  not as the recorder's head;
- everyone else sees nothing (the pages and the API answer 404).
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from officers.models import Agency, Officer
from officers.selectors import agencies_supervised_by, officer_for_user

from .models import InterferenceRecord


def records_visible_to(user) -> QuerySet[InterferenceRecord]:
    officer = officer_for_user(user)
    if officer is None:
        return InterferenceRecord.objects.none()
    scope = Q(recorded_by=officer)
    if officer.is_supervisor:
        scope |= Q(agency__in=agencies_supervised_by(officer.agency))
    return (
        InterferenceRecord.objects.filter(scope)
        # The person named must never learn what was written about them.
        .exclude(intervener_officer=officer)
        .select_related("agency", "case", "recorded_by", "intervener_officer")
        .order_by("-occurred_at", "-pk")
    )


def record_for(user, pk) -> InterferenceRecord:
    """The record if ``user`` may see it; 404 otherwise — never revealing that it exists."""
    try:
        return records_visible_to(user).get(pk=pk)
    except (InterferenceRecord.DoesNotExist, ValueError, TypeError):
        raise Http404("干预记录不存在或无权查看。") from None


def filter_records(
    records: QuerySet[InterferenceRecord],
    *,
    agency: Agency | int | None = None,
    case: int | None = None,
    occurred_from: datetime.date | None = None,
    occurred_to: datetime.date | None = None,
) -> QuerySet[InterferenceRecord]:
    """Narrow an already scoped queryset; dates are whole days in Asia/Shanghai, both ends included."""
    if agency is not None:
        records = records.filter(agency=agency)
    if case is not None:
        records = records.filter(case_id=case)
    if occurred_from is not None:
        records = records.filter(occurred_at__gte=_start_of(occurred_from))
    if occurred_to is not None:
        records = records.filter(occurred_at__lt=_start_of(occurred_to + datetime.timedelta(days=1)))
    return records


def _start_of(day: datetime.date) -> datetime.datetime:
    # Bounds as aware datetimes keep the index on occurred_at usable (an __date lookup would not).
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def agencies_filterable_by(user) -> QuerySet[Agency]:
    """The agencies a viewer may pick in the list's agency filter: those they supervise."""
    officer = officer_for_user(user)
    if officer is None or not officer.is_supervisor:
        return Agency.objects.none()
    return agencies_supervised_by(officer.agency).order_by("name")


def intervener_choices_for(officer: Officer) -> QuerySet[Officer]:
    """Officers a recorder may name as the intervener: their own agency and the agencies above it.

    A leading official is usually a head of the recorder's agency or of a superior one; anyone
    else is recorded by name, position and unit. The recorder never names themselves.
    """
    agency_ids = [officer.agency_id, *(a.pk for a in _parent_chain(officer.agency))]
    return (
        Officer.objects.filter(agency_id__in=agency_ids, is_active=True)
        .exclude(pk=officer.pk)
        .select_related("agency")
        .order_by("agency__name", "name")
    )


def _parent_chain(agency: Agency) -> list[Agency]:
    chain: list[Agency] = []
    current = agency.parent
    while current is not None and current not in chain:
        chain.append(current)
        current = current.parent
    return chain
