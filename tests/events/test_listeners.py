"""The listeners read only what the events declare: a field renamed in a service or misspelt in a listener fails
here (and when the deadline registry loads), never silently in production."""

import dataclasses
import datetime
import types
import typing
from decimal import Decimal

import pytest

from cases.models import CaseEvent
from deadlines.kinds import KINDS
from deadlines.kinds.triggers import Closes, Opens, Resumes, Suspends
from documents.steps import STEP_DOCUMENTS
from events import declared_fields, payload_type
from events.bus import subscriptions

pytestmark = pytest.mark.django_db


def _triggers():
    for kind in KINDS.values():
        for trigger in (*kind.opens, *kind.closes, *kind.suspends, *kind.resumes):
            yield pytest.param(kind, trigger, id=f"{kind.code}-{type(trigger).__name__}-{trigger.event}")


@pytest.mark.parametrize(("kind", "trigger"), list(_triggers()))
def test_every_deadline_trigger_reads_declared_fields(team, kind, trigger):
    fields = declared_fields(payload_type(trigger.event))
    named = {
        Opens: lambda t: [t.start if isinstance(t.start, str) else "", t.anchor, t.met],
        Closes: lambda t: [t.on],
        Suspends: lambda t: [t.start],
        Resumes: lambda t: [t.on],
    }[type(trigger)](trigger)
    assert {n for n in named if n} <= set(fields)
    # The conditions and start rules read the typed payload: an undeclared attribute raises here.
    event = CaseEvent(case=team.open(), seq=1, name=trigger.event, payload={})
    for read in (getattr(trigger, "when", None), trigger.start if isinstance(trigger, Opens) else None):
        if callable(read):
            read(event)


def test_a_trigger_on_an_undeclared_field_fails_when_declared():
    with pytest.raises(TypeError, match="served_date"):
        Opens("notify", start="served_date")


_SAMPLES = {
    int: 0,
    str: "",
    bool: False,
    Decimal: "0",
    datetime.date: "2026-01-05",
    datetime.datetime: "2026-01-05T09:00:00",
}


def _sample(kind):
    """A value of ``kind`` as stored in JSON: enough for a payload's required field to parse."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    if typing.get_origin(kind) in (list, tuple):
        return []
    if dataclasses.is_dataclass(kind):
        return _minimal(kind)
    return _SAMPLES.get(kind, {})


def _minimal(cls) -> dict:
    """The payload with only the fields an event of ``cls`` must carry."""
    fields = declared_fields(cls)
    return {
        f.name: _sample(fields[f.name])
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }


@pytest.mark.parametrize("step", STEP_DOCUMENTS, ids=lambda s: f"{s.event}-{s.kind}")
def test_every_document_step_listens_to_a_declared_event(team, step):
    cls = payload_type(step.event)
    assert dataclasses.is_dataclass(cls)
    if step.inputs is not None:
        # The step's inputs read the typed payload: a listener reading another event's type raises here.
        step.inputs(CaseEvent(case=team.open(), seq=1, name=step.event, payload=_minimal(cls)))


def test_the_listeners_subscribe_to_declared_events():
    subs = {s.name: s for s in subscriptions()}
    assert {"deadlines", "documents"} <= set(subs)
    for sub in subs.values():
        for key in sub.keys or ():
            payload_type(key)
