"""Run one transition: lock, check the guards, change state, write the event, queue side effects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from kernel.rules import ActionRefused, Reason
from officers.selectors import officer_for_user

from ..choices import EventType
from ..guards import Context
from ..models import Case
from ..transitions import TRANSITIONS, TransitionSpec, available_from
from .events import append_event


class TransitionBlocked(ActionRefused):
    """A guard refused the step. ``reasons`` say why; nothing was written but the attempt."""

    code = "transition_not_allowed"

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


def context_for(case: Case, user, data: dict[str, Any] | None = None) -> Context:
    return Context(case=case, user=user, officer=officer_for_user(user), today=timezone.localdate(), data=data or {})


def reasons_for(case: Case, name: str, user, data: dict[str, Any] | None = None) -> list[Reason]:
    """Why ``user`` may not perform ``name`` on the case as it stands in the database now."""
    return TRANSITIONS[name].reasons(context_for(load_case(case.pk), user, data))


def next_steps_for(case: Case, user) -> list[tuple[TransitionSpec, list[Reason]]]:
    """Every transition from the case's current state with the reasons it is blocked for ``user``
    (empty when allowed), from one fresh load of the case."""
    ctx = context_for(load_case(case.pk), user)
    return [(spec, spec.reasons(ctx)) for spec in available_from(ctx.case.status)]


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

    ``data`` is the validated payload the guards see; ``apply`` writes the step's
    own fields on the locked case and returns what the event should record.
    Raises :class:`TransitionBlocked` (after recording the refused attempt).
    """
    spec = TRANSITIONS[name]
    try:
        with transaction.atomic():
            locked = lock_case(case.pk)
            reasons = spec.reasons(context_for(locked, actor, data))
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


def record_refused_attempt(*, case: Case, name: str, actor, reasons: list[Reason]) -> None:
    """API.md: a refused transition writes nothing but the attempt."""
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
