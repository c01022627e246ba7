"""查封、扣押 and its steps (行政强制法 第十八条至第二十八条): each one action of the registry run by ``run_action``.

The ``seize`` event opens the deadline ``seizure`` (30 days, 第二十五条; ref: the seizure); the testing events
suspend and resume it (第二十五条第三款); ``release_seizure`` and ``dispose_seizure`` close it (第二十七条、
第二十八条). Extensions are the head's approvals on that deadline (``deadline_watch``: ``extend_deadline``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from officers.models import Officer

from ..guards import Context
from ..models import Case
from ..models.seizure import Custody, ReleaseGround, Seizure, SeizureEnd, SeizureTesting
from .execution.common import day, locking, officer_ref
from .runner import run_action


def _pk(seizure: Seizure | int | None) -> int | None:
    return seizure.pk if isinstance(seizure, Seizure) else seizure


def seize(
    *,
    case: Case,
    actor,
    measure: str,
    items: str,
    place: str,
    reason: str,
    carried_out_at: datetime.datetime,
    record_signature: str,
    approved_by: Officer | None = None,
    approved_at: datetime.datetime | None = None,
    emergency: bool = False,
    party_present: bool = True,
    witness: str = "",
    party_informed: bool = False,
    statement_heard: bool = False,
    party_statement: str = "",
    sealed_elsewhere: bool = False,
    custody: str = Custody.AGENCY,
    custodian: str = "",
) -> Seizure:
    """查封、扣押: recorded by a handler with the head's approval given before (第十八条第一项), or — in an
    emergency — carried out on the spot, the head's approval following within 24 hours (第十九条:
    ``approve_emergency_seizure``). The basis is the empowering provision the matter's catalogue entry names
    (第二十二条), quoted as it stands.

    Event ``seize``: ``seizure``, ``seized_on`` (opens the 30-day deadline), ``measure``, ``items``, ``place``,
    ``basis``, ``emergency`` (opens the 24 hours of ``seizure_emergency_approval`` from ``carried_out_at``),
    ``approved_by``, ``approved_at``, ``carried_out_at``, ``party_present``, ``witness``, ``record_signature``,
    ``party_informed``, ``statement_heard``, ``sealed_elsewhere``, ``custody``, ``custodian``.
    """
    data = {
        "measure": measure,
        "items": items,
        "place": place,
        "reason": reason,
        "approved_by": approved_by,
        "approved_at": approved_at,
        "carried_out_at": carried_out_at,
        "record_signature": record_signature,
        "emergency": emergency,
        "party_present": party_present,
        "witness": witness,
        "party_informed": party_informed,
        "statement_heard": statement_heard,
        "sealed_elsewhere": sealed_elsewhere,
        "custody": custody,
        "custodian": custodian,
    }

    def apply(ctx: Context) -> tuple[Seizure, dict[str, Any]]:
        provision = ctx.case.matter.seizure_provision
        assert provision is not None, "seizure_empowered refuses a matter without its provision"
        seizure = Seizure.objects.create(
            case=ctx.case,
            measure=measure,
            items="\n".join(line.strip() for line in items.splitlines() if line.strip()),
            place=place.strip(),
            reason=reason.strip(),
            basis=f"{provision}：{provision.text}",
            emergency=emergency,
            approved_by=approved_by,
            approved_at=approved_at,
            carried_out_at=carried_out_at,
            seized_on=timezone.localdate(carried_out_at),
            party_present=party_present,
            witness="" if party_present else witness.strip(),
            record_signature=record_signature,
            party_informed=party_informed,
            statement_heard=statement_heard,
            party_statement=party_statement.strip(),
            sealed_elsewhere=sealed_elsewhere,
            custody=custody,
            custodian=custodian.strip() if custody == Custody.THIRD_PARTY else "",
            recorded_by=actor,
        )
        return seizure, {
            "seizure": seizure.pk,
            "seized_on": day(seizure.seized_on),
            "measure": measure,
            "items": seizure.item_lines,
            "place": seizure.place,
            "basis": str(provision),
            "emergency": emergency,
            "approved_by": officer_ref(approved_by) if approved_by is not None else None,
            "approved_at": approved_at.isoformat() if approved_at is not None else None,
            "carried_out_at": carried_out_at.isoformat(),
            "party_present": party_present,
            "witness": seizure.witness,
            "record_signature": record_signature,
            "party_informed": party_informed,
            "statement_heard": statement_heard,
            "sealed_elsewhere": sealed_elsewhere,
            "custody": seizure.custody,
            "custodian": seizure.custodian,
        }

    return run_action(case=case, name="seize", actor=actor, data=data, apply=apply)


def approve_emergency_seizure(
    *,
    case: Case,
    actor,
    seizure: Seizure | int | None,
    approved: bool = True,
    opinion: str = "",
    returned_on: datetime.date | None = None,
) -> Seizure:
    """第十九条: the head approves the seizure the officers carried out in an emergency (the 24 hours of
    ``seizure_emergency_approval`` met), or thinks it should not have been taken: “应当立即解除” — released today,
    the property returned (第二十八条第二款, on ``returned_on``, today unless said), the 30-day deadline ended and
    the 解除查封、扣押决定书 issued.

    Event ``approve_emergency_seizure``: ``seizure``, ``approved``, ``decided_at``, ``decided_on``,
    ``approved_by``, ``opinion``, ``returned_on``."""
    data = {"seizure": _pk(seizure), "approved": approved, "opinion": opinion, "returned_on": returned_on}

    def apply(ctx: Context) -> tuple[Seizure, dict[str, Any]]:
        row: Seizure = ctx.target
        now = timezone.now()
        row.approved_by, row.approval_opinion = ctx.officer, opinion.strip()
        if approved:
            row.approved_at = now
        else:
            row.disapproved_at = now
            row.ended, row.decided_on, row.release_ground = (
                SeizureEnd.RELEASED,
                ctx.today,
                ReleaseGround.HEAD_DISAPPROVED,
            )
            row.returned_on, row.end_note = returned_on or ctx.today, row.approval_opinion
        row.save()
        return row, {
            "seizure": row.pk,
            "approved": approved,
            "decided_at": now,
            "decided_on": day(ctx.today),
            "approved_by": officer_ref(ctx.officer),
            "opinion": row.approval_opinion,
            "returned_on": day(row.returned_on),
        }

    return run_action(
        case=case,
        name="approve_emergency_seizure",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(Seizure, _pk(seizure)),
    )


def start_seizure_testing(
    *,
    case: Case,
    actor,
    seizure: Seizure | int | None,
    started_on: datetime.date,
    until: datetime.date | None = None,
    notified_on: datetime.date | None = None,
    purpose: str = "",
) -> SeizureTesting:
    """检测、检验、检疫或者技术鉴定 begins: its time is not counted (第二十五条第三款; the deadline is suspended from
    ``started_on``); a seizure's items may be tested more than once. It issues the 检测检验期间告知书.
    Event ``start_seizure_testing``: ``seizure``, ``testing``, ``purpose``, ``started_on``, ``until``,
    ``notified_on``."""
    data = {"seizure": _pk(seizure), "started_on": started_on, "until": until, "notified_on": notified_on}

    def apply(ctx: Context) -> tuple[SeizureTesting, dict[str, Any]]:
        assert until is not None and notified_on is not None, "testing_may_start asks for both"
        row = SeizureTesting.objects.create(
            seizure=ctx.target, started_on=started_on, until=until, notified_on=notified_on, purpose=purpose.strip()
        )
        payload = {"seizure": ctx.target.pk, "testing": row.pk, "purpose": row.purpose}
        return row, {**payload, "started_on": day(started_on), "until": day(until), "notified_on": day(notified_on)}

    return run_action(
        case=case,
        name="start_seizure_testing",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(Seizure, _pk(seizure)),
    )


def end_seizure_testing(*, case: Case, actor, seizure: Seizure | int | None, ended_on: datetime.date) -> SeizureTesting:
    """The testing under way has ended: the count resumes the day after ``ended_on``.
    Event ``end_seizure_testing``: ``seizure``, ``testing``, ``ended_on``."""
    data = {"seizure": _pk(seizure), "ended_on": ended_on}

    def apply(ctx: Context) -> tuple[SeizureTesting, dict[str, Any]]:
        row = ctx.target.running_testing
        assert row is not None, "testing_may_end asks for a testing under way"
        row.ended_on = ended_on
        row.save(update_fields=["ended_on"])
        return row, {"seizure": ctx.target.pk, "testing": row.pk, "ended_on": day(ended_on)}

    return run_action(
        case=case,
        name="end_seizure_testing",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(Seizure, _pk(seizure)),
    )


def release_seizure(
    *,
    case: Case,
    actor,
    seizure: Seizure | int | None,
    decided_on: datetime.date,
    ground: str,
    returned_on: datetime.date,
    note: str = "",
) -> Seizure:
    """解除查封、扣押 and the property returned at once (第二十八条). Closes the deadline ``seizure``.
    Event ``release_seizure``: ``seizure``, ``decided_on``, ``ground``, ``returned_on``, ``note``."""
    data = {"seizure": _pk(seizure), "decided_on": decided_on, "ground": ground, "returned_on": returned_on}

    def apply(ctx: Context) -> tuple[Seizure, dict[str, Any]]:
        row: Seizure = ctx.target
        row.ended, row.decided_on, row.release_ground = SeizureEnd.RELEASED, decided_on, ground
        row.returned_on, row.end_note = returned_on, note.strip()
        row.save()
        payload = {"seizure": row.pk, "decided_on": day(decided_on), "ground": ground}
        return row, {**payload, "returned_on": day(returned_on), "note": row.end_note}

    return run_action(
        case=case, name="release_seizure", actor=actor, data=data, apply=apply, target=locking(Seizure, _pk(seizure))
    )


def dispose_seizure(
    *, case: Case, actor, seizure: Seizure | int | None, decided_on: datetime.date, disposal: str, note: str
) -> Seizure:
    """对查封、扣押物品作出处理决定 within the period (第二十七条): confiscated, or destroyed where a law or
    administrative regulation says. Closes the deadline ``seizure``.
    Event ``dispose_seizure``: ``seizure``, ``decided_on``, ``disposal``, ``note``."""
    data = {"seizure": _pk(seizure), "decided_on": decided_on, "disposal": disposal, "note": note}

    def apply(ctx: Context) -> tuple[Seizure, dict[str, Any]]:
        row: Seizure = ctx.target
        row.ended, row.decided_on, row.disposal, row.end_note = SeizureEnd.DISPOSED, decided_on, disposal, note.strip()
        row.save()
        payload = {"seizure": row.pk, "decided_on": day(decided_on), "disposal": disposal}
        return row, {**payload, "note": row.end_note}

    return run_action(
        case=case, name="dispose_seizure", actor=actor, data=data, apply=apply, target=locking(Seizure, _pk(seizure))
    )
