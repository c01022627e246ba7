"""How ``cases`` tells its listeners what happened, without importing them.

``cases.services.events.append_event`` writes an event (validated against its declared payload) and
calls :func:`publish` inside the step's transaction, with the case row locked. Listeners subscribe in their
``AppConfig.ready`` — ``deadline_watch`` opens and meets deadlines, ``documents`` issues the step's
document — to the payload types they read, and get the event with its typed ``data``.

A listener's fault must never undo the legal act being recorded: each runs in a savepoint, and a fault is
logged; the listener's ``strict_setting`` (``DEADLINES_STRICT``, ``DOCUMENTS_STRICT``) re-raises instead,
for the tests. A refused attempt is published too; most listeners ignore it by subscribing to the steps.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction

from .payloads import Payload

logger = logging.getLogger(__name__)

ATTEMPT_REFUSED = "attempt_refused"


def event_key(event_type: str, name: str) -> str:
    """The key an event's payload is declared under: a refused attempt's, else the step's name, else the type."""
    if event_type == ATTEMPT_REFUSED:
        return ATTEMPT_REFUSED
    return name or event_type


class RecordedEvent(Protocol):
    """A case event as the listeners see it (``cases.CaseEvent``)."""

    pk: Any
    case_id: int
    seq: int
    event_type: str
    name: str
    actor_id: int | None
    created_at: datetime.datetime

    @property
    def key(self) -> str: ...

    @property
    def data(self) -> Any: ...

    @property
    def case(self) -> Any: ...

    @property
    def actor(self) -> Any: ...


Handler = Callable[[Any], None]


@dataclass(frozen=True)
class Subscription:
    name: str
    handler: Handler
    keys: frozenset[str] | None  # None: every event, refused attempts included
    strict_setting: str


_subscriptions: dict[str, Subscription] = {}


def subscribe(
    name: str, handler: Handler, *, to: Iterable[type[Payload]] | None = None, strict_setting: str = ""
) -> None:
    """Call ``handler(event)`` for every event whose payload is one of ``to`` (every event when None).
    ``name`` identifies the subscription: subscribing again under the same name replaces it."""
    keys = None if to is None else frozenset(cls.key for cls in to)
    _subscriptions[name] = Subscription(name, handler, keys, strict_setting)


def subscriptions() -> list[Subscription]:
    return list(_subscriptions.values())


def publish(event: RecordedEvent) -> None:
    """Tell every subscriber of the event's type, each in its own savepoint (see the module's docstring)."""
    for sub in list(_subscriptions.values()):
        if sub.keys is not None and event.key not in sub.keys:
            continue
        try:
            with transaction.atomic():
                sub.handler(event)
        except Exception:
            logger.exception("%s: event %s (case %s #%s) not handled", sub.name, event.key, event.case_id, event.seq)
            if sub.strict_setting and getattr(settings, sub.strict_setting, False):
                raise
