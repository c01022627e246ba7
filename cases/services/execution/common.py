"""What the execution services share: JSON-safe values, the officer as events name them, and the locking of the
record an action acts on."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models

from officers.models import Officer

from ...models import Case

M = TypeVar("M", bound=models.Model)


def officer_ref(officer: Officer | None) -> dict[str, Any] | None:
    return {"id": officer.pk, "name": officer.name} if officer else None


def day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def locking(model: type[M], pk: int | None) -> Callable[[Case], M | None]:
    """The ``target`` of ``run_action``: the record ``pk`` of ``model``, locked, when it belongs to the locked case
    (None otherwise: the action's guards refuse with their reason)."""

    def lock(case: Case) -> M | None:
        if pk is None:
            return None
        return model._default_manager.select_for_update().filter(pk=pk, case=case).first()

    return lock
