"""Typed case events: every payload declared once (``events.catalogue``), validated when appended, read by the
listeners through typed attributes; and the bus through which ``cases`` publishes them to the listeners
(``events.bus``). This layer sits below ``cases`` and above ``matters``: it imports no app of the project but
the kernel, so that ``cases`` and its listeners can both depend on it without depending on each other.
"""

from . import catalogue  # noqa: F401  (declares every payload type)
from .bus import RecordedEvent, event_key, publish, subscribe
from .payloads import EVENT_TYPES, InvalidPayload, Payload, declared_fields, payload_type, validate

__all__ = [
    "EVENT_TYPES",
    "InvalidPayload",
    "Payload",
    "RecordedEvent",
    "declared_fields",
    "event_key",
    "payload_type",
    "publish",
    "subscribe",
    "validate",
]
