"""The head's approvals on a deadline: an extension (延长) and a suspension of the count (中止).

Only an active head of the case's agency approves (行政处罚法 第六十条 and the sector rules under
it; 行政强制法 第二十五条). Each runs in one transaction with the case row locked — the same lock
the case services hold while the receiver opens and meets deadlines — and recounts the
deadline, writing a ``DeadlineChange`` and notifying the handlers.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kernel.rules import ActionRefused, Reason
from officers.models import Officer
from officers.selectors import officer_for_user

from ..choices import ChangeReason, Unit
from ..kinds import KINDS
from ..models import Deadline, DeadlineChange, DeadlineExtension, DeadlineSuspension
from .recompute import refresh


def _head_reasons(deadline: Deadline, officer: Officer | None, what: str) -> list[Reason]:
    if officer is None or not officer.is_active or not officer.is_head or officer.agency_id != deadline.case.agency_id:
        return [Reason("not_agency_head", f"只有本案所属机关的负责人才能批准{what}。", deadline.legal_basis)]
    return []


def extension_reasons(
    deadline: Deadline,
    officer: Officer | None,
    *,
    days: int | None,
    reason: str,
    by_collective_discussion: bool = False,
) -> list[Reason]:
    """Why ``officer`` may not extend ``deadline`` by ``days`` (empty when they may)."""
    kind = KINDS[deadline.kind]
    rule = kind.extension
    if rule is None or kind.unit in (Unit.HOURS, Unit.WORKING_DAYS_BEFORE):
        return [Reason("not_extendable", f"{deadline.label}不得延长。", deadline.legal_basis)]
    reasons = _head_reasons(deadline, officer, "延长期限")
    if not deadline.is_open:
        reasons.append(Reason("deadline_closed", f"{deadline.label}已经结束，不能延长。", ""))
    if not reason.strip():
        reasons.append(Reason("reason_missing", "请写明延长的理由。", rule.basis))
    per = rule.per_approval(deadline.case) if callable(rule.per_approval) else rule.per_approval
    if days is None or days < 1 or days > per:
        unit = Unit(deadline.unit).label
        reasons.append(Reason("extension_too_long", f"每次批准延长不得超过{per}{unit}。", rule.basis))
    earlier = list(deadline.extensions.all())
    if rule.cap is not None and days is not None:
        cap = rule.cap(deadline.case) if callable(rule.cap) else rule.cap
        if sum(e.days or 0 for e in earlier) + days > cap:
            reasons.append(
                Reason("extension_cap", f"延长期限合计不得超过{cap}{Unit(deadline.unit).label}。", rule.basis)
            )
    if earlier and rule.further_by_discussion and not by_collective_discussion:
        reasons.append(
            Reason("needs_collective_discussion", "已经延长过的，继续延长应当经负责人集体讨论决定。", rule.basis)
        )
    if earlier and not rule.further_by_discussion and rule.cap is None:
        reasons.append(Reason("already_extended", "该期限只能延长一次。", rule.basis))
    return reasons


def _lock(deadline: Deadline) -> Deadline:
    from cases.models import Case

    Case.objects.select_for_update(of=("self",)).filter(pk=deadline.case_id).first()
    return (
        Deadline.objects.select_for_update(of=("self",))
        .select_related("case__agency")
        .prefetch_related("suspensions", "extensions")
        .get(pk=deadline.pk)
    )


@transaction.atomic
def extend_deadline(
    *, deadline: Deadline, actor, days: int, reason: str, by_collective_discussion: bool = False
) -> DeadlineExtension:
    """延长期限 with the head's approval: e.g. the case time limit by 30 days (sector rules under 第六十条)."""
    locked = _lock(deadline)
    officer = officer_for_user(actor)
    reasons = extension_reasons(
        locked, officer, days=days, reason=reason, by_collective_discussion=by_collective_discussion
    )
    if reasons:
        raise ActionRefused(reasons)
    assert officer is not None, "extension_reasons refuses a caller who is no officer"
    extension = DeadlineExtension.objects.create(
        deadline=locked,
        days=days,
        previous_due_on=locked.due_on,
        reason=reason.strip(),
        by_collective_discussion=by_collective_discussion,
        approved_by=officer,
        approved_at=timezone.now(),
        recorded_by=actor,
    )
    fresh = Deadline.objects.prefetch_related("suspensions", "extensions").select_related("case").get(pk=locked.pk)
    refresh(fresh, reason=ChangeReason.EXTENSION, actor=actor, note=reason.strip())
    return extension


def suspension_reasons(
    deadline: Deadline, officer: Officer | None, *, starts_on: datetime.date, ends_on: datetime.date | None, reason: str
) -> list[Reason]:
    reasons = _head_reasons(deadline, officer, "期间中止")
    kind = KINDS[deadline.kind]
    if kind.unit in (Unit.HOURS, Unit.WORKING_DAYS_BEFORE):
        reasons.append(Reason("not_suspendable", f"{deadline.label}不适用期间中止。", deadline.legal_basis))
    if not deadline.is_open:
        reasons.append(Reason("deadline_closed", f"{deadline.label}已经结束。", ""))
    if deadline.open_suspension is not None:
        reasons.append(Reason("already_suspended", "该期限正在中止计算中。", ""))
    if not reason.strip():
        reasons.append(Reason("reason_missing", "请写明中止的事由（如检测、检验、检疫、鉴定，公告）。", ""))
    if starts_on < deadline.starts_on:
        reasons.append(Reason("suspension_before_start", "中止起始日不得早于期限起算日。", ""))
    if ends_on is not None and ends_on < starts_on:
        reasons.append(Reason("suspension_ends_before_start", "中止结束日不得早于起始日。", ""))
    return reasons


@transaction.atomic
def suspend_deadline(
    *,
    deadline: Deadline,
    actor,
    starts_on: datetime.date,
    reason: str,
    ends_on: datetime.date | None = None,
    basis: str = "",
) -> DeadlineSuspension:
    """期间中止: time the rules exclude (testing, public notice …) is not counted, with the head's approval."""
    locked = _lock(deadline)
    officer = officer_for_user(actor)
    reasons = suspension_reasons(locked, officer, starts_on=starts_on, ends_on=ends_on, reason=reason)
    if reasons:
        raise ActionRefused(reasons)
    suspension = DeadlineSuspension.objects.create(
        deadline=locked,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        legal_basis=basis.strip(),
        approved_by=officer,
        recorded_by=actor,
    )
    if ends_on is not None:
        _recount(locked, actor, reason)
    return suspension


@transaction.atomic
def end_suspension(*, suspension: DeadlineSuspension, actor, ends_on: datetime.date) -> list[DeadlineChange]:
    """The excluded time is over: the count resumes the day after ``ends_on``."""
    locked = _lock(suspension.deadline)
    row = DeadlineSuspension.objects.select_for_update().get(pk=suspension.pk)
    reasons = _head_reasons(locked, officer_for_user(actor), "恢复计算")
    if row.ends_on is not None:
        reasons.append(Reason("suspension_ended", "该中止已经结束。", ""))
    elif ends_on < row.starts_on:
        reasons.append(Reason("suspension_ends_before_start", "中止结束日不得早于起始日。", ""))
    if reasons:
        raise ActionRefused(reasons)
    row.ends_on = ends_on
    row.save(update_fields=["ends_on"])
    return _recount(locked, actor, row.reason)


def _recount(deadline: Deadline, actor, note: str) -> list[DeadlineChange]:
    fresh = Deadline.objects.prefetch_related("suspensions", "extensions").select_related("case").get(pk=deadline.pk)
    return refresh(fresh, reason=ChangeReason.SUSPENSION, actor=actor, note=note)
