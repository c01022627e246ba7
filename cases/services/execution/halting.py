"""中止执行, 恢复执行, 终结执行 and 执行协议 of the agency's own execution (行政强制法 第三十九条、第四十条、
第四十二条). The suspension opens the deadline ``execution_suspension`` (three years, 第三十九条第二款); resumption and
termination end it. The agreement's surcharge relief is applied by the ledger (``guards.execution.ledger_of``)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from kernel.money import plain

from ...guards import Context
from ...guards import execution as rules
from ...models import Case
from ...models.compulsion import ExecutionAgreement, ExecutionSuspension, ExecutionTermination
from ..runner import run_action
from .common import day, locking, officer_ref


def suspend_execution(
    *, case: Case, actor, ground: str, facts: str, suspended_on: datetime.date
) -> ExecutionSuspension:
    """中止执行 (行政强制法 第三十九条第一款) on one of its grounds.

    Event ``suspend_execution``: ``suspension``, ``ground``, ``facts``, ``suspended_on``.
    """
    data = {"ground": ground, "facts": facts, "suspended_on": suspended_on}

    def apply(ctx: Context) -> tuple[ExecutionSuspension, dict[str, Any]]:
        item = ExecutionSuspension.objects.create(
            case=ctx.case, ground=ground, facts=facts.strip(), suspended_on=suspended_on, recorded_by=actor
        )
        return item, {"suspension": item.pk, "ground": ground, "facts": item.facts, "suspended_on": day(suspended_on)}

    return run_action(case=case, name="suspend_execution", actor=actor, data=data, apply=apply)


def resume_execution(*, case: Case, actor, resumed_on: datetime.date, reason: str) -> ExecutionSuspension:
    """恢复执行 (行政强制法 第三十九条第二款) once the ground of the running suspension is gone.

    Event ``resume_execution``: ``suspension``, ``resumed_on``, ``reason``.
    """
    data = {"resumed_on": resumed_on, "reason": reason}
    running = rules.running_suspension(case)

    def apply(ctx: Context) -> tuple[ExecutionSuspension, dict[str, Any]]:
        item: ExecutionSuspension = ctx.target
        item.resumed_on, item.resume_reason = resumed_on, reason.strip()
        item.save(update_fields=["resumed_on", "resume_reason"])
        return item, {"suspension": item.pk, "resumed_on": day(resumed_on), "reason": item.resume_reason}

    return run_action(
        case=case,
        name="resume_execution",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(ExecutionSuspension, running.pk if running is not None else None),
    )


def terminate_execution(
    *, case: Case, actor, ground: str, facts: str, terminated_on: datetime.date
) -> ExecutionTermination:
    """终结执行 (行政强制法 第四十条), or 不再执行 after three years of suspension (第三十九条第二款): the case may
    then close.

    Event ``terminate_execution``: ``termination``, ``ground``, ``facts``, ``terminated_on``, ``suspension`` (the
    suspension still running, if any).
    """
    data = {"ground": ground, "facts": facts, "terminated_on": terminated_on}

    def apply(ctx: Context) -> tuple[ExecutionTermination, dict[str, Any]]:
        suspension = rules.running_suspension(ctx.case)
        item = ExecutionTermination.objects.create(
            case=ctx.case,
            ground=ground,
            facts=facts.strip(),
            terminated_on=terminated_on,
            suspension=suspension,
            recorded_by=actor,
        )
        return item, {
            "termination": item.pk,
            "ground": ground,
            "facts": item.facts,
            "terminated_on": day(terminated_on),
            "suspension": suspension.pk if suspension is not None else None,
        }

    return run_action(case=case, name="terminate_execution", actor=actor, data=data, apply=apply)


def conclude_execution_agreement(
    *,
    case: Case,
    actor,
    agreed_on: datetime.date,
    public_interest_unharmed: bool,
    terms: str = "",
    remedial_measures: str = "",
    surcharge_relief: Decimal | None = None,
) -> ExecutionAgreement:
    """执行协议 (行政强制法 第四十二条): staged performance, and the surcharge reduced or waived where the party took
    remedial measures; approved by a head. While it holds, no reminder and no court application.

    Event ``conclude_execution_agreement``: ``agreement``, ``agreed_on``, ``terms``, ``remedial_measures``,
    ``surcharge_relief``, ``approved_by``.
    """
    relief = surcharge_relief or Decimal("0")
    data = {
        "agreed_on": agreed_on,
        "public_interest_unharmed": public_interest_unharmed,
        "terms": terms,
        "remedial_measures": remedial_measures,
        "surcharge_relief": relief,
    }

    def apply(ctx: Context) -> tuple[ExecutionAgreement, dict[str, Any]]:
        officer = ctx.officer
        assert officer is not None, "refused by the guards"
        item = ExecutionAgreement.objects.create(
            case=ctx.case,
            agreed_on=agreed_on,
            terms=terms.strip(),
            remedial_measures=remedial_measures.strip(),
            surcharge_relief=relief,
            approved_by=officer,
            recorded_by=actor,
        )
        return item, {
            "agreement": item.pk,
            "agreed_on": day(agreed_on),
            "terms": item.terms,
            "remedial_measures": item.remedial_measures,
            "surcharge_relief": plain(relief),
            "approved_by": officer_ref(officer),
        }

    return run_action(case=case, name="conclude_execution_agreement", actor=actor, data=data, apply=apply)


def record_agreement_breach(*, case: Case, actor, breached_on: datetime.date, note: str) -> ExecutionAgreement:
    """当事人不履行执行协议 (行政强制法 第四十二条第二款): enforcement resumes; the relief lapses from ``breached_on``.

    Event ``record_agreement_breach``: ``agreement``, ``breached_on``, ``note``.
    """
    data = {"breached_on": breached_on, "note": note}
    current = rules.agreement_in_force(case)

    def apply(ctx: Context) -> tuple[ExecutionAgreement, dict[str, Any]]:
        item: ExecutionAgreement = ctx.target
        item.breached_on, item.breach_note = breached_on, note.strip()
        item.save(update_fields=["breached_on", "breach_note"])
        return item, {"agreement": item.pk, "breached_on": day(breached_on), "note": item.breach_note}

    return run_action(
        case=case,
        name="record_agreement_breach",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(ExecutionAgreement, current.pk if current is not None else None),
    )
