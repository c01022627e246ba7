"""The declared payload of every case event: the contract between ``cases`` (which publishes) and the
listeners (``deadline_watch``, ``documents``, ``supervision``, …) that subscribe.

A payload type is a frozen dataclass declared with :func:`event` under the key its events carry — the
step's name (``notify``, ``file_remedy``), or for an unnamed event its type (``created``, ``document_issued``).
``cases.services.events.append_event`` validates every payload against its type before the event is
written (:func:`validate`): an undeclared event, an undeclared field or a value of the wrong type is refused,
so renaming a field in a service fails at once instead of silently turning a listener's condition false.
Listeners read typed attributes (``event.data.served_on``), never JSON keys; the classes use ``__slots__``,
so reading a field no type declares raises.

Fields a service does not always write have defaults; dates are ``datetime.date``, sums ``Decimal``.
The stored JSON is unchanged (dates as ``YYYY-MM-DD``, sums as ``"8000.00"``), so the hash chain of
events already written still verifies.
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, TypeVar, Union, get_args, get_origin

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

P = TypeVar("P", bound="Payload")


class InvalidPayload(ValueError):
    """A payload that does not match its declared type (or an event nobody declared)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Payload:
    """Base of the declared payloads. ``key`` is the name (or type) of the events that carry it."""

    key: ClassVar[str] = ""
    label: ClassVar[str] = ""

    @classmethod
    def parse(cls: type[P], raw: dict[str, Any] | None, *, strict: bool = True) -> P:
        """The typed payload of ``raw`` (the JSON as stored, or a service's dict of Python values).

        ``strict`` (appending) refuses a field the type does not declare; reading an event written by an earlier
        version leaves out the fields no longer declared (a due date now kept on the deadline row)."""
        return _build(cls, raw or {}, path=cls.key or cls.__name__, strict=strict)

    def to_json(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}


EVENT_TYPES: dict[str, type[Payload]] = {}


def event(key: str, label: str = ""):
    """Declare ``cls`` as the payload of the events keyed ``key`` (a frozen, slotted dataclass)."""

    def declare(cls):
        if key in EVENT_TYPES:
            raise ValueError(f"event {key!r} declared twice ({EVENT_TYPES[key].__name__}, {cls.__name__})")
        made = dataclasses.dataclass(frozen=True, slots=True)(cls)
        made.key = key
        made.label = label
        EVENT_TYPES[key] = made
        return made

    return declare


def record(cls):
    """A nested record inside a payload (an officer reference, a ledger): a frozen, slotted dataclass."""
    return dataclasses.dataclass(frozen=True, slots=True)(cls)


def payload_type(key: str) -> type[Payload]:
    try:
        return EVENT_TYPES[key]
    except KeyError:
        raise InvalidPayload(f"事件“{key}”没有声明内容类型（events.catalogue）。") from None


def validate(key: str, raw: dict[str, Any] | None) -> Payload:
    """The typed payload of an event about to be written; raises :class:`InvalidPayload`."""
    return payload_type(key).parse(raw)


def declared_fields(cls: type) -> dict[str, Any]:
    """Field name → annotated type of a payload or record class."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


# --- conversion --------------------------------------------------------------------------------------


def _build(cls: type, raw: Any, *, path: str, strict: bool = True) -> Any:
    if not isinstance(raw, dict):
        raise InvalidPayload(f"{path}: expected an object, got {type(raw).__name__}")
    fields = declared_fields(cls)
    unknown = sorted(set(raw) - set(fields))
    if unknown and strict:
        raise InvalidPayload(f"{path}: undeclared field(s) {', '.join(unknown)} (declare them in events.catalogue)")
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in raw:
            values[f.name] = _convert(fields[f.name], raw[f.name], path=f"{path}.{f.name}", strict=strict)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise InvalidPayload(f"{path}: missing field {f.name}")
    return cls(**values)


def _convert(kind: Any, value: Any, *, path: str, strict: bool = True) -> Any:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = get_args(kind)
        if value is None:
            if type(None) in options:
                return None
            raise InvalidPayload(f"{path}: may not be null")
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _convert(option, value, path=path, strict=strict)
            except InvalidPayload as exc:
                errors.append(str(exc))
        raise InvalidPayload("; ".join(errors))
    if kind is Any:
        return value
    if origin in (list, tuple):
        if not isinstance(value, list | tuple):
            raise InvalidPayload(f"{path}: expected a list, got {type(value).__name__}")
        (item,) = get_args(kind)[:1] or (Any,)
        return tuple(_convert(item, v, path=f"{path}[{i}]", strict=strict) for i, v in enumerate(value))
    if origin is dict or kind is dict:
        if not isinstance(value, dict):
            raise InvalidPayload(f"{path}: expected an object, got {type(value).__name__}")
        return dict(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _build(kind, value, path=path, strict=strict)
    if kind is bool:
        if isinstance(value, bool):
            return value
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
    elif kind is str:
        if isinstance(value, str):
            return value
    elif kind is Decimal:
        if isinstance(value, Decimal | int | str) and not isinstance(value, bool):
            try:
                return Decimal(str(value))
            except InvalidOperation:
                pass
    elif kind is datetime.datetime:
        moment = value if isinstance(value, datetime.datetime) else None
        if isinstance(value, str):
            moment = parse_datetime(value)
        if moment is not None:
            return moment
    elif kind is datetime.date:
        if isinstance(value, datetime.datetime):
            raise InvalidPayload(f"{path}: expected a date, got a datetime")
        day = value if isinstance(value, datetime.date) else _date(value)
        if day is not None:
            return day
    else:
        raise InvalidPayload(f"{path}: unsupported declared type {kind!r}")
    raise InvalidPayload(f"{path}: expected {getattr(kind, '__name__', kind)}, got {value!r}")


def _date(value: Any) -> datetime.date | None:
    """``2026-09-30``; an ISO date-time is taken as its Shanghai date (a UTC one can be the day before)."""
    if not isinstance(value, str):
        return None
    try:
        if "T" in value:
            moment = parse_datetime(value)
            if moment is None:
                return None
            return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
        return parse_date(value)
    except ValueError:
        return None


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
