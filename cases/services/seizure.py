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
from ..models.seizure import Seizure, SeizureEnd
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
    approved_by: Officer,
    approved_at: datetime.datetime,
    carried_out_at: datetime.datetime,
    record_signature: str,
    emergency: bool = False,
    party_present: bool = True,
    witness: str = "",
) -> Seizure:
    """查封、扣押: recorded by a handler with the head's approval (in an emergency obtained within 24 hours). The
    basis is the empowering provision the matter's catalogue entry names (第二十二条), quoted as it stands.

    Event ``seize``: ``seizure``, ``seized_on`` (opens the 30-day deadline), ``measure``, ``items``, ``place``,
    ``basis``, ``emergency``, ``approved_by``, ``approved_at``, ``carried_out_at``, ``party_present``,
    ``witness``, ``record_signature``.
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
            "approved_by": officer_ref(approved_by),
            "approved_at": approved_at.isoformat(),
            "carried_out_at": carried_out_at.isoformat(),
            "party_present": party_present,
            "witness": seizure.witness,
            "record_signature": record_signature,
        }

    return run_action(case=case, name="seize", actor=actor, data=data, apply=apply)


def start_seizure_testing(
    *,
    case: Case,
    actor,
    seizure: Seizure | int | None,
    started_on: datetime.date,
    until: datetime.date | None = None,
    notified_on: datetime.date | None = None,
) -> Seizure:
    """检测、检验、检疫或者技术鉴定 begins: its time is not counted (第二十五条第三款; the deadline is suspended from
    ``started_on``). Event ``start_seizure_testing``: ``seizure``, ``started_on``, ``until``, ``notified_on``."""
    data = {"seizure": _pk(seizure), "started_on": started_on, "until": until, "notified_on": notified_on}

    def apply(ctx: Context) -> tuple[Seizure, dict[str, Any]]:
        row: Seizure = ctx.target
        row.testing_started_on, row.testing_until, row.testing_notified_on = started_on, until, notified_on
        row.save(update_fields=["testing_started_on", "testing_until", "testing_notified_on"])
        payload = {"seizure": row.pk, "started_on": day(started_on), "until": day(until)}
        return row, {**payload, "notified_on": day(notified_on)}

    return run_action(
        case=case,
        name="start_seizure_testing",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(Seizure, _pk(seizure)),
    )


def end_seizure_testing(*, case: Case, actor, seizure: Seizure | int | None, ended_on: datetime.date) -> Seizure:
    """The testing has ended: the count resumes the day after ``ended_on``. Event ``end_seizure_testing``."""
    data = {"seizure": _pk(seizure), "ended_on": ended_on}

    def apply(ctx: Context) -> tuple[Seizure, dict[str, Any]]:
        row: Seizure = ctx.target
        row.testing_ended_on = ended_on
        row.save(update_fields=["testing_ended_on"])
        return row, {"seizure": row.pk, "ended_on": day(ended_on)}

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
