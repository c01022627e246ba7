"""Opening, meeting, ending, suspending and resuming deadlines from the case's events.

``apply_event`` runs inside the case service's transaction (the case row is locked), called
by the ``post_save`` receiver on ``CaseEvent``. It is idempotent: an event that opened a kind
never opens it again, and an event only closes deadlines opened before it (``seq``), so the
whole record of a case can be replayed (``recompute_deadlines --replay``).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from cases.models import PoliceReferral
from cases.services.referral.common import step_start
from deadlines.choices import Bearer, ChangeReason, Outcome, Unit
from deadlines.computing import Period, compute
from deadlines.kinds import REFERRAL_KINDS, SUPERSEDED, Closes, Kind, Opens, Resumes, Suspends, kinds_for_event
from deadlines.models import Deadline, DeadlineExtension, DeadlineSuspension
from deadlines.services.recompute import refresh
from events.bus import ATTEMPT_REFUSED
from events.catalogue.execution import ArrangementApproved
from officers.models import Officer

logger = logging.getLogger(__name__)


def event_day(event) -> datetime.date:
    return timezone.localdate(event.created_at)


def as_date(value: Any) -> datetime.date | None:
    """A payload date: ``2026-09-30`` or an ISO datetime (taken as its Shanghai date)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value)
    moment = parse_datetime(text) if "T" in text else None
    if moment is not None:
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return parse_date(text[:10])


def _payload_date(event, key: str) -> datetime.date:
    """The typed payload's date ``key`` (declared: ``kinds.triggers`` checks), or the event's own day."""
    return (as_date(getattr(event.data, key)) if key else None) or event_day(event)


def _ref(kind: Kind, event) -> str | None:
    """The reference the event carries for a kind kept per record (None: the event names none)."""
    value = getattr(event.data, kind.ref_key, None) if kind.ref_key else None
    return None if value is None else str(value)


def _earlier_open(kind: Kind, event) -> QuerySet[Deadline]:
    """Open deadlines of the kind on the event's case opened before the event (or by hand)."""
    qs = Deadline.objects.filter(case_id=event.case_id, kind=kind.code, outcome=Outcome.OPEN).filter(
        Q(opened_by__isnull=True) | Q(opened_by__seq__lt=event.seq)
    )
    ref = _ref(kind, event)
    return qs.filter(ref=ref) if ref is not None else qs


def apply_event(event) -> None:
    """Everything one case event does to the case's deadlines. A refused attempt (named after the step
    it tried) did nothing, and does nothing here."""
    if event.key == ATTEMPT_REFUSED:
        return
    key = event.key
    kinds = kinds_for_event(key)
    for kind in kinds:
        for closes in kind.closes:
            if closes.event == key:
                _close(kind, closes, event)
    for kind in kinds:
        for resumes in kind.resumes:
            if resumes.event == key:
                _resume(kind, resumes, event)
    for kind in kinds:
        for opens in kind.opens:
            if opens.event == key:
                _open(kind, opens, event)
    for kind in kinds:
        for suspends in kind.suspends:
            if suspends.event == key:
                _suspend(kind, suspends, event)
    if getattr(event.data, "next", None) is not None:
        _open_referral_step(event)
    if key == "approve_arrangement":
        _arrange(event)


def _close(kind: Kind, trigger: Closes, event) -> None:
    if trigger.when is not None and not trigger.when(event):
        return
    day = _payload_date(event, trigger.on)
    for deadline in _earlier_open(kind, event).select_for_update(of=("self",)):
        deadline.outcome = trigger.outcome
        deadline.met_on = None if trigger.outcome == Outcome.ENDED else day
        deadline.end_note = trigger.note
        deadline.closed_by = event
        deadline.save(update_fields=["outcome", "met_on", "end_note", "closed_by", "updated_at"])


def _start(trigger: Opens, event) -> datetime.date:
    if callable(trigger.start):
        return trigger.start(event) or event_day(event)
    return _payload_date(event, trigger.start)


def _open(kind: Kind, trigger: Opens, event) -> Deadline | None:
    ref = _ref(kind, event) or ""
    if Deadline.objects.filter(opened_by=event, kind=kind.code, ref=ref).exists():
        return None  # seen before: idempotent
    if trigger.when is not None and not trigger.when(event):
        return None
    parent = None
    start, anchor = _start(trigger, event), None
    if kind.start_rule is not None:
        ruled = kind.start_rule(event.case)
        if ruled is None:
            return None
        start = ruled
    if trigger.derive_from:
        parents = Deadline.objects.filter(case_id=event.case_id, kind=trigger.derive_from, outcome=Outcome.OPEN)
        parent = parents.filter(opened_by=event).first() or parents.order_by("-pk").first()
        if parent is None:
            return None
        if kind.unit == Unit.WORKING_DAYS_BEFORE:
            anchor = parent.due_on
        else:
            start = parent.due_on
    if trigger.anchor:
        anchor = as_date(getattr(event.data, trigger.anchor))
        if anchor is None:
            return None
    starts_at = None
    if trigger.start_at:
        starts_at = getattr(event.data, trigger.start_at, None)
        if starts_at is None:
            return None
        start = timezone.localdate(starts_at)
    count = kind.count_for(event.case)
    if trigger.count:  # set by the step itself (行政处罚法 第二十八条第一款: 责令限期改正)
        stated = getattr(event.data, trigger.count, None)
        if not stated:
            return None
        count = int(stated)
    period = kind.period(count, starts_on=start, anchor_on=anchor, starts_at=starts_at)
    if trigger.unit:
        period = dataclasses.replace(period, unit=Unit(getattr(event.data, trigger.unit)))
    if kind.single:
        _supersede(kind, event, ref)
    return _create(
        kind,
        event,
        period,
        ref=ref,
        parent=parent,
        met_on=as_date(getattr(event.data, trigger.met)) if trigger.met else None,
        stated=trigger.stated,
    )


def _supersede(kind: Kind, event, ref: str) -> None:
    earlier = Deadline.objects.filter(case_id=event.case_id, kind=kind.code, ref=ref, outcome=Outcome.OPEN).filter(
        Q(opened_by__isnull=True) | Q(opened_by__seq__lt=event.seq)
    )
    Deadline.objects.filter(pk__in=list(earlier.values_list("pk", flat=True))).update(
        outcome=Outcome.ENDED, end_note=SUPERSEDED, closed_by=event, updated_at=timezone.now()
    )


def _create(
    kind: Kind, event, period: Period, *, ref: str = "", parent=None, met_on=None, stated: bool = False
) -> Deadline:
    due = compute(period)
    return Deadline.objects.create(
        case_id=event.case_id,
        kind=kind.code,
        label=kind.label,
        legal_basis=kind.article,
        bearer=kind.bearer,
        watched=kind.watched,
        ref=ref,
        unit=period.unit,
        count=period.count,
        roll=period.roll,
        starts_on=period.starts_on,
        starts_at=period.starts_at,
        anchor_on=period.anchor_on,
        derived_from=parent,
        due_on=due.due_on,
        due_at=due.due_at,
        provisional=due.provisional,
        stated_on=due.due_on if stated and kind.bearer == Bearer.PARTY else None,
        outcome=Outcome.MET if met_on else Outcome.OPEN,
        met_on=met_on,
        opened_by=event,
        closed_by=event if met_on else None,
    )


def _suspend(kind: Kind, trigger: Suspends, event) -> None:
    starts_on = _payload_date(event, trigger.start)
    for deadline in _earlier_open(kind, event):
        if deadline.suspensions.filter(Q(opened_by=event) | Q(ends_on__isnull=True)).exists():
            continue
        DeadlineSuspension.objects.create(
            deadline=deadline,
            starts_on=max(starts_on, deadline.starts_on),
            reason=trigger.reason,
            legal_basis=trigger.basis,
            opened_by=event,
            recorded_by=event.actor,
        )


def _resume(kind: Kind, trigger: Resumes, event) -> None:
    ends_on = _payload_date(event, trigger.on)
    for deadline in _earlier_open(kind, event).prefetch_related("suspensions", "extensions"):
        suspension = deadline.open_suspension
        if suspension is None:
            continue
        suspension.ends_on = max(ends_on, suspension.starts_on)
        suspension.save(update_fields=["ends_on"])
        refresh(_fresh(deadline), reason=ChangeReason.SUSPENSION, actor=event.actor, note=suspension.reason)


# --- referral of a suspected crime: open the step the event's ``next`` names, counted from what it says starts it ---


def _referral_start(referral, step: str, event) -> datetime.date:
    """The day the step's days run from: the event's ``next.starts_on``; for an event written before ``next`` named
    its start (a replay), the referral's recorded fact that starts the step (``cases.services.referral``)."""
    starts_on = event.data.next.starts_on
    if starts_on is not None:
        return starts_on
    return step_start(referral, step) or event_day(event)


def _referral_period(kind: Kind, referral, event) -> Period:
    """The step's period by the referral's counting rule: 24 hours from the approval for the hand-over (第五条第二款);
    else three days — working days when the agency's policy said so when the report was made
    (``PoliceReferral.working_days``), calendar days rolled over holidays otherwise."""
    assert isinstance(kind.count, int), "a referral step counts a fixed number of days or hours"
    if kind.unit == Unit.HOURS:
        starts_at = event.data.next.starts_at or referral.decided_at or event.created_at
        return Period(unit=Unit.HOURS, count=kind.count, starts_on=timezone.localdate(starts_at), starts_at=starts_at)
    unit = Unit.WORKING_DAYS if referral.working_days else Unit.CALENDAR_DAYS
    return Period(
        unit=unit, count=kind.count, starts_on=_referral_start(referral, kind.referral_step, event), roll=True
    )


def _open_referral_step(event) -> Deadline | None:
    """The deadline of the referral step the event's ``next`` names, counted by ``deadlines.computing`` (the one
    clock); it supersedes an open one of the same kind on the referral."""
    step = event.data.next.step
    kind = REFERRAL_KINDS.get(step)
    ref = str(event.data.referral or "")
    if kind is None or not ref or Deadline.objects.filter(opened_by=event, kind=kind.code, ref=ref).exists():
        return None
    referral = PoliceReferral.objects.filter(pk=ref).first()
    if referral is None:
        return None
    period = _referral_period(kind, referral, event)
    _supersede(kind, event, ref)
    return _create(kind, event, period, ref=ref)


# --- deferral and instalments (行政处罚法 第六十六条第二款、第七十二条第二款) ------------------


def _arrange(event) -> None:
    """An approved deferral or instalment plan: payment falls due at its end (``ends_on``), and the court
    application is counted from that end when it is later than the remedy periods (第七十二条第二款)."""
    data = event.data_as(ArrangementApproved)
    until = data.ends_on
    if until is None:
        return
    officer = Officer.objects.filter(pk=data.approved_by.id).first() if data.approved_by else None
    officer = officer or (getattr(event.actor, "officer", None) if event.actor_id else None)
    reason = data.reason or "批准暂缓或者分期缴纳罚款"
    for payment in Deadline.objects.filter(case_id=event.case_id, kind="payment", outcome=Outcome.OPEN):
        if officer is None or payment.extensions.filter(opened_by=event).exists():
            continue
        DeadlineExtension.objects.create(
            deadline=payment,
            new_due_on=until,
            previous_due_on=payment.due_on,
            reason=reason,
            approved_by=officer,
            approved_at=event.created_at,
            opened_by=event,
            recorded_by=event.actor,
        )
        refresh(_fresh(payment), reason=ChangeReason.DEFERRAL, actor=event.actor, note=reason)
    for application in Deadline.objects.filter(case_id=event.case_id, kind="court_application", outcome=Outcome.OPEN):
        refresh(
            _fresh(application), reason=ChangeReason.DEFERRAL, actor=event.actor, note=f"{reason}（第七十二条第二款）"
        )


def _fresh(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_related("case").prefetch_related("suspensions", "extensions").get(pk=deadline.pk)
