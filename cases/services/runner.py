"""Run one action of the registry: lock, check the guards, write, append the event, queue side effects.

Every action — a transition of the lifecycle or a step beside it — runs the same way: one transaction, the case
row locked (``select_for_update``), the action's guards checked on the locked rows with the submitted payload,
the step's own records written, its event appended (and published to the listeners). A refusal raises with the
guards' reasons and writes nothing but the attempt (API.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from kernel.rules import ActionRefused, Reason
from officers.selectors import officer_for_user

from ..choices import EventType
from ..guards import Context
from ..models import Case
from ..registry import Action, action_named, applicable
from .events import append_event

R = TypeVar("R")


class TransitionBlocked(ActionRefused):
    """A guard refused a transition. ``reasons`` say why; nothing was written but the attempt."""

    code = "transition_not_allowed"

    def __init__(self, name: str, reasons: list[Reason]) -> None:
        self.name = name
        super().__init__(reasons)


class ActionBlocked(ActionRefused):
    """A guard refused an action beside the lifecycle (same shape as :class:`TransitionBlocked`)."""

    def __init__(self, name: str, reasons: list[Reason]) -> None:
        self.name = name
        super().__init__(reasons)


def lock_case(case_id: int) -> Case:
    """The case row, locked for this transaction, with what the guards read prefetched."""
    return _with_guard_data(Case.objects.select_for_update(of=("self",))).get(pk=case_id)


def load_case(case_id: int) -> Case:
    """The case fresh from the database with what the guards read, without locking (for display)."""
    return _with_guard_data(Case.objects.all()).get(pk=case_id)


def _with_guard_data(qs):
    return qs.select_related("agency", "matter__domain").prefetch_related(
        "assignments__officer__user",
        "assignments__officer__certificates__domains",
        "assignments__officer__certificates__status_changes",
        "parties",
    )


def context_for(case: Case, user, data: dict[str, Any] | None = None, *, target: Any = None) -> Context:
    return Context(
        case=case,
        user=user,
        officer=officer_for_user(user),
        today=timezone.localdate(),
        data=data or {},
        target=target,
    )


def _target(action: Action, case: Case, data: dict[str, Any]) -> Any:
    return action.target(case, data) if action.target is not None else None


def reasons_for(case: Case, name: str, user, data: dict[str, Any] | None = None) -> list[Reason]:
    """Why ``user`` may not perform action ``name`` on the case as it stands in the database now."""
    action = action_named(name)
    fresh = load_case(case.pk)
    payload = data or {}
    return action.reasons(context_for(fresh, user, payload, target=_target(action, fresh, payload)))


def available(case: Case, user, *, transition: bool | None = None) -> list[tuple[Action, list[Reason]]]:
    """Every action that starts from the case's state with the reasons it is blocked for ``user`` (empty when
    allowed), from one fresh load of the case: the "next steps" of the page and the API alike."""
    fresh = load_case(case.pk)
    ctx = context_for(fresh, user)
    out = []
    for action in applicable(fresh.status, transition=transition):
        ctx.target = _target(action, fresh, {})
        out.append((action, action.reasons(ctx)))
    return out


def next_steps_for(case: Case, user) -> list[tuple[Action, list[Reason]]]:
    """The transitions from the case's current state, each with its reasons (``available`` for transitions)."""
    return available(case, user, transition=True)


def run_transition(
    *,
    case: Case,
    name: str,
    actor,
    data: dict[str, Any],
    apply: Callable[[Case], dict[str, Any] | None] | None = None,
    method_kwargs: dict[str, Any] | None = None,
    after_commit: Callable[[Case], None] | None = None,
) -> Case:
    """Perform transition ``name`` on ``case`` as ``actor``.

    ``data`` is the validated payload the guards see; ``apply`` writes the step's own fields on the locked
    case and returns what the event should record. Raises :class:`TransitionBlocked` (after recording the
    refused attempt).
    """
    action = action_named(name)
    try:
        with transaction.atomic():
            locked = lock_case(case.pk)
            reasons = action.reasons(context_for(locked, actor, data, target=_target(action, locked, data)))
            if reasons:
                raise TransitionBlocked(name, reasons)
            from_state = locked.status
            recorded = (apply(locked) if apply else None) or {}
            getattr(locked, name)(**(method_kwargs or {}))
            locked.save()
            append_event(
                case=locked,
                event_type=EventType.TRANSITION,
                actor=actor,
                name=name,
                from_state=from_state,
                to_state=locked.status,
                payload=recorded,
            )
            if after_commit is not None:
                transaction.on_commit(lambda: after_commit(locked))
    except TransitionBlocked as blocked:
        record_refused_attempt(case=case, name=name, actor=actor, reasons=blocked.reasons)
        raise
    return locked


def run_action(
    *,
    case: Case,
    name: str,
    actor,
    data: dict[str, Any],
    apply: Callable[[Context], tuple[R, dict[str, Any]]],
    target: Callable[[Case], Any] | None = None,
) -> R:
    """Perform action ``name`` (one beside the lifecycle) on ``case`` as ``actor``.

    ``target`` locks and returns the record the action acts on (the action's declared ``target`` when None);
    ``apply(ctx)`` writes the step's records and returns ``(result, payload of the event)``. Raises
    :class:`ActionBlocked` with the guards' reasons (after recording the refused attempt).
    """
    action = action_named(name)
    try:
        with transaction.atomic():
            locked = lock_case(case.pk)
            record = target(locked) if target is not None else _target(action, locked, data)
            ctx = context_for(locked, actor, data, target=record)
            reasons = action.reasons(ctx)
            if reasons:
                raise ActionBlocked(name, reasons)
            result, payload = apply(ctx)
            append_event(
                case=locked,
                event_type=action.event_type,
                actor=actor,
                name=name if action.event_name is None else action.event_name,
                payload=payload,
            )
    except ActionBlocked as blocked:
        record_refused_attempt(case=case, name=name, actor=actor, reasons=blocked.reasons)
        raise
    return result


def record_refused_attempt(*, case: Case, name: str, actor, reasons: list[Reason]) -> None:
    """API.md: a refused step writes nothing but the attempt."""
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        append_event(
            case=locked,
            event_type=EventType.ATTEMPT_REFUSED,
            actor=actor,
            name=name,
            from_state=locked.status,
            to_state=locked.status,
            payload={"reasons": [r.as_dict() for r in reasons]},
        )


def perform(*, case: Case, name: str, actor, data: dict[str, Any]) -> Any:
    """Run registry action ``name`` with a form's cleaned data, for the pages and the API alike."""
    return action_named(name).perform(case=case, actor=actor, **data)
