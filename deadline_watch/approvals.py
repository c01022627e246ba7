"""The head's approvals on a deadline: an extension (延长) and a suspension of the count (中止), as actions of the
registry (``extend_deadline``, ``suspend_deadline``, ``end_deadline_suspension``; declared in ``.actions``).

Only an active head of the case's agency approves (行政处罚法 第六十条 and the sector rules under it; 行政强制法
第二十五条). Each runs like every action (``cases.services.runner.run_action``): one transaction with the case row
locked — the same lock the case services hold while the deadlines are opened and met — its guards, then the
recount of the deadline (a ``DeadlineChange``, the handlers told) and the case event that records the approval.
"""

from __future__ import annotations

import datetime
from typing import Any

from cases.choices import DiscussionPurpose
from cases.guards import Context
from cases.models import CollectiveDiscussion
from cases.services.runner import run_action
from deadlines.choices import ChangeReason, Outcome, Unit
from deadlines.kinds import KINDS, Kind
from deadlines.models import Deadline, DeadlineChange, DeadlineExtension, DeadlineSuspension
from deadlines.services.recompute import refresh
from kernel.rules import Reason
from officers.models import Officer
from officers.selectors import heads_agency


def _head_reasons(deadline: Deadline, officer: Officer | None, what: str) -> list[Reason]:
    if heads_agency(officer, deadline.case.agency_id):
        return []
    return [Reason("not_agency_head", f"只有本案所属机关的负责人才能批准{what}。", deadline.legal_basis)]


def extension_reasons(
    deadline: Deadline,
    officer: Officer | None,
    *,
    days: int | None,
    reason: str,
    discussion: CollectiveDiscussion | None = None,
    assume_discussion: bool = False,
) -> list[Reason]:
    """Why ``officer`` may not extend ``deadline`` by ``days`` (empty when they may); ``assume_discussion`` asks
    whether it could be extended at all, a recorded discussion supposed. The written notice to the party is asked
    of the submitted extension only."""
    return _head_reasons(deadline, officer, "延长期限") + _extension_rule_reasons(
        deadline, days=days, reason=reason, discussion=discussion, assume_discussion=assume_discussion
    )


def _discussion_reasons(
    deadline: Deadline, basis: str, *, discussion: CollectiveDiscussion | None, claimed: bool
) -> list[Reason]:
    """A further extension of the case time limit "经负责人集体讨论决定" (sector rules under 第六十条): it names the
    recorded discussion (``record_collective_discussion``, purpose: extension) of this case that decided it."""
    if discussion is None:
        if claimed:
            detail = (
                "勾选“经负责人集体讨论决定”的，须选择已记录的集体讨论（讨论事项：继续延长办案期限）；请先记录集体讨论。"
            )
            return [Reason("discussion_not_recorded", detail, basis)]
        return [Reason("needs_collective_discussion", "已经延长过的，继续延长应当经负责人集体讨论决定。", basis)]
    if discussion.case_id != deadline.case_id or discussion.purpose != DiscussionPurpose.EXTEND:
        detail = "所选集体讨论不是本案为继续延长办案期限召开的讨论。"
        return [Reason("discussion_not_for_extension", detail, basis)]
    if DeadlineExtension.objects.filter(discussion=discussion).exists():
        return [Reason("discussion_already_used", "该次集体讨论已用于批准一次延长。", basis)]
    return []


def _extension_rule_reasons(
    deadline: Deadline,
    *,
    days: int | None,
    reason: str,
    discussion: CollectiveDiscussion | None = None,
    claimed_discussion: bool = False,
    assume_discussion: bool = False,
    submitted: bool = False,
    party_notified_on: datetime.date | None = None,
) -> list[Reason]:
    """``submitted``: an extension posted with its payload (not the question whether one could be made), whose
    written notice to the party is then asked for where the kind requires it."""
    kind = KINDS[deadline.kind]
    rule = kind.extension
    if rule is None or kind.unit in (Unit.HOURS, Unit.WORKING_DAYS_BEFORE):
        return [Reason("not_extendable", f"{deadline.label}不得延长。", deadline.legal_basis)]
    reasons = []
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
    pending = Deadline.objects.filter(
        case_id=deadline.case_id, ref=deadline.ref, kind__in=rule.not_while_open, outcome=Outcome.OPEN
    ).first()
    if pending is not None:
        detail = f"{pending.label}尚未完成，负责人批准之前不能延长{deadline.label}。"
        reasons.append(Reason("extension_before_approval", detail, pending.legal_basis))
    if earlier and rule.further_by_discussion and not assume_discussion:
        reasons += _discussion_reasons(deadline, rule.basis, discussion=discussion, claimed=claimed_discussion)
    if earlier and not rule.further_by_discussion and rule.cap is None:
        reasons.append(Reason("already_extended", "该期限只能延长一次。", rule.basis))
    if rule.notify_party and submitted and party_notified_on is None:
        reasons.append(
            Reason(
                "extension_not_notified",
                f"延长{deadline.label}的决定应当及时书面告知当事人，并说明理由：请填写书面告知当事人的日期。",
                rule.basis,
            )
        )
    return reasons


def suspension_reasons(
    deadline: Deadline, officer: Officer | None, *, starts_on: datetime.date, ends_on: datetime.date | None, reason: str
) -> list[Reason]:
    return _head_reasons(deadline, officer, "期间中止") + _suspension_rule_reasons(
        deadline, starts_on=starts_on, ends_on=ends_on, reason=reason
    )


def not_suspendable(kind: Kind, deadline: Deadline) -> Reason:
    """Only a period whose rules leave time out (``Kind.suspension``) is suspended by a head: the agency's own
    statutory duties — service within seven working days (第六十一条), the hand-over and deposit within two days
    (第七十一条), publication and its withdrawal (第四十八条), the disposal of preserved evidence (第五十六条),
    the seizure limit (行政强制法 第二十五条) — and the party's periods run as the law fixes them."""
    if kind.suspends:
        left_out = "、".join(s.reason for s in kind.suspends)
        detail = f"{deadline.label}只在法定情形（{left_out}）不计入，由该步骤自动登记，负责人不能另行登记中止。"
    else:
        detail = f"{deadline.label}是法律规定的期限，没有可以不计入的期间，负责人不能登记中止。"
    return Reason("not_suspendable", detail, deadline.legal_basis)


def _suspension_rule_reasons(
    deadline: Deadline, *, starts_on: datetime.date | None, ends_on: datetime.date | None, reason: str | None
) -> list[Reason]:
    reasons = []
    kind = KINDS[deadline.kind]
    if not kind.suspension:
        reasons.append(not_suspendable(kind, deadline))
    if not deadline.is_open:
        reasons.append(Reason("deadline_closed", f"{deadline.label}已经结束。", ""))
    if deadline.open_suspension is not None:
        reasons.append(Reason("already_suspended", "该期限正在中止计算中。", ""))
    if reason is not None and not reason.strip():
        reasons.append(Reason("reason_missing", "请写明中止的事由（如检测、检验、检疫、鉴定，公告）。", ""))
    if starts_on is not None and starts_on < deadline.starts_on:
        reasons.append(Reason("suspension_before_start", "中止起始日不得早于期限起算日。", ""))
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        reasons.append(Reason("suspension_ends_before_start", "中止结束日不得早于起始日。", ""))
    return reasons


# --- the guards of the three actions ------------------------------------------------------------------


def _deadline(ctx: Context) -> Deadline | None:
    target = ctx.target
    if isinstance(target, DeadlineSuspension):
        return target.deadline
    return target


def approved_by_head(ctx: Context) -> list[Reason]:
    """Only an active head of the case's agency approves (行政处罚法 第六十条; 行政强制法 第二十五条)."""
    deadline = _deadline(ctx)
    what = {"extend_deadline": "延长期限", "suspend_deadline": "期间中止"}.get(ctx.action, "恢复计算")
    if deadline is None:  # nothing chosen yet: whether the caller could approve at all
        if heads_agency(ctx.officer, ctx.case.agency_id):
            return []
        return [Reason("not_agency_head", f"只有本案所属机关的负责人才能批准{what}。", "")]
    return _head_reasons(deadline, ctx.officer, what)


def extension_lawful(ctx: Context) -> list[Reason]:
    deadline = ctx.target
    if deadline is None:
        return [Reason("no_deadline", "请选择本案尚在进行中的期限。", "")] if ctx.data else []
    if not ctx.data:
        return _extension_rule_reasons(deadline, days=1, reason="-", assume_discussion=True)
    return _extension_rule_reasons(
        deadline,
        days=ctx.data.get("days"),
        reason=ctx.data.get("reason") or "",
        discussion=ctx.data.get("discussion"),
        claimed_discussion=bool(ctx.data.get("by_collective_discussion")),
        submitted=True,
        party_notified_on=ctx.data.get("party_notified_on"),
    )


def suspension_lawful(ctx: Context) -> list[Reason]:
    deadline = ctx.target
    if deadline is None:
        return [Reason("no_deadline", "请选择本案尚在进行中的期限。", "")] if ctx.data else []
    return _suspension_rule_reasons(
        deadline,
        starts_on=ctx.data.get("starts_on"),
        ends_on=ctx.data.get("ends_on"),
        reason=ctx.data.get("reason") if ctx.data else None,
    )


def suspension_may_end(ctx: Context) -> list[Reason]:
    row = ctx.target
    if row is None:
        return [Reason("no_suspension", "请选择本案尚未结束的期间中止。", "")] if ctx.data else []
    if row.ends_on is not None:
        return [Reason("suspension_ended", "该中止已经结束。", "")]
    ends_on = ctx.data.get("ends_on")
    if ends_on is not None and ends_on < row.starts_on:
        return [Reason("suspension_ends_before_start", "中止结束日不得早于起始日。", "")]
    return []


# --- the services -------------------------------------------------------------------------------------


def _locked(deadline_id: int) -> Deadline:
    return (
        Deadline.objects.select_for_update(of=("self",))
        .select_related("case__agency")
        .prefetch_related("suspensions", "extensions")
        .get(pk=deadline_id)
    )


def _fresh(deadline_id: int) -> Deadline:
    return Deadline.objects.prefetch_related("suspensions", "extensions").select_related("case").get(pk=deadline_id)


def _recorded(deadline: Deadline, changes: list[DeadlineChange]) -> dict[str, Any]:
    fresh = Deadline.objects.get(pk=deadline.pk)
    return {
        "deadline": deadline.pk,
        "kind": deadline.kind,
        "due_on": fresh.due_on,
        "previous_due_on": changes[0].old_due_on if changes else fresh.due_on,
    }


def extend_deadline(
    *,
    deadline: Deadline,
    actor,
    days: int,
    reason: str,
    discussion: CollectiveDiscussion | None = None,
    by_collective_discussion: bool = False,
    party_notified_on: datetime.date | None = None,
) -> DeadlineExtension:
    """延长期限 with the head's approval: e.g. the case time limit by 30 days (sector rules under 第六十条); a further
    extension names the recorded collective discussion that decided it (``by_collective_discussion`` alone, the
    old checkbox, is refused without one); a seizure's is notified to the party in writing on
    ``party_notified_on`` (行政强制法 第二十五条第二款)."""
    data = {
        "deadline": deadline,
        "days": days,
        "reason": reason,
        "discussion": discussion,
        "by_collective_discussion": by_collective_discussion,
        "party_notified_on": party_notified_on,
    }

    def apply(ctx: Context) -> tuple[DeadlineExtension, dict[str, Any]]:
        locked = ctx.target
        assert ctx.officer is not None, "approved_by_head refuses a caller who is no officer"
        extension = DeadlineExtension.objects.create(
            deadline=locked,
            days=days,
            previous_due_on=locked.due_on,
            reason=reason.strip(),
            by_collective_discussion=discussion is not None,
            discussion=discussion,
            party_notified_on=party_notified_on,
            approved_by=ctx.officer,
            recorded_by=actor,
        )
        changes = refresh(_fresh(locked.pk), reason=ChangeReason.EXTENSION, actor=actor, note=reason.strip())
        payload = {**_recorded(locked, changes), "days": days, "reason": reason.strip(), "extension": extension.pk}
        payload["by_collective_discussion"] = discussion is not None
        payload["discussion"] = discussion.pk if discussion is not None else None
        payload["party_notified_on"] = party_notified_on.isoformat() if party_notified_on else None
        return extension, payload

    return run_action(
        case=deadline.case, name="extend_deadline", actor=actor, data=data, apply=apply, target=_target(deadline)
    )


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
    data = {"deadline": deadline, "starts_on": starts_on, "ends_on": ends_on, "reason": reason, "basis": basis}

    def apply(ctx: Context) -> tuple[DeadlineSuspension, dict[str, Any]]:
        locked = ctx.target
        suspension = DeadlineSuspension.objects.create(
            deadline=locked,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason.strip(),
            legal_basis=basis.strip(),
            approved_by=ctx.officer,
            recorded_by=actor,
        )
        changes = []
        if ends_on is not None:
            changes = refresh(_fresh(locked.pk), reason=ChangeReason.SUSPENSION, actor=actor, note=reason.strip())
        payload = {**_recorded(locked, changes), "suspension": suspension.pk, "starts_on": starts_on}
        payload.update(ends_on=ends_on, reason=reason.strip())
        return suspension, payload

    return run_action(
        case=deadline.case, name="suspend_deadline", actor=actor, data=data, apply=apply, target=_target(deadline)
    )


def end_suspension(*, suspension: DeadlineSuspension, actor, ends_on: datetime.date) -> list[DeadlineChange]:
    """The excluded time is over: the count resumes the day after ``ends_on``."""
    data = {"suspension": suspension, "ends_on": ends_on}

    def apply(ctx: Context) -> tuple[list[DeadlineChange], dict[str, Any]]:
        row = ctx.target
        row.ends_on = ends_on
        row.save(update_fields=["ends_on"])
        changes = refresh(_fresh(row.deadline_id), reason=ChangeReason.SUSPENSION, actor=actor, note=row.reason)
        payload = {**_recorded(row.deadline, changes), "suspension": row.pk, "ends_on": ends_on}
        return changes, payload

    def target(case) -> DeadlineSuspension | None:
        _locked(suspension.deadline_id)
        row = DeadlineSuspension.objects.select_for_update().filter(pk=suspension.pk, deadline__case=case).first()
        if row is not None:
            row.deadline = _locked(row.deadline_id)
        return row

    return run_action(
        case=suspension.deadline.case,
        name="end_deadline_suspension",
        actor=actor,
        data=data,
        apply=apply,
        target=target,
    )


def _target(deadline: Deadline):
    def lock(case) -> Deadline | None:
        return _locked(deadline.pk) if deadline.case_id == case.pk else None

    return lock
