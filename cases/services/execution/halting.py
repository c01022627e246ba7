"""中止执行, 恢复执行 and 终结执行 of the agency's own execution (行政强制法 第三十九条、第四十条). The suspension
opens the deadline ``execution_suspension`` (three years, 第三十九条第二款); resumption and termination end it."""

from __future__ import annotations

import datetime
from typing import Any

from ...guards import Context
from ...guards import execution as rules
from ...models import Case
from ...models.compulsion import ExecutionSuspension, ExecutionTermination
from ..runner import run_action
from .common import day, locking


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
