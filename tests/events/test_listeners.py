"""The listeners read only what the events declare: a field renamed in a service or misspelt in a listener fails
here (and when the deadline registry loads), never silently in production."""

import dataclasses

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


@pytest.mark.parametrize("step", STEP_DOCUMENTS, ids=lambda s: f"{s.event}-{s.kind}")
def test_every_document_step_listens_to_a_declared_event(team, step):
    cls = payload_type(step.event)
    assert dataclasses.is_dataclass(cls)
    if step.inputs is not None:
        step.inputs(CaseEvent(case=team.open(), seq=1, name=step.event, payload={}))


def test_the_listeners_subscribe_to_declared_events():
    subs = {s.name: s for s in subscriptions()}
    assert {"deadlines", "documents"} <= set(subs)
    for sub in subs.values():
        for key in sub.keys or ():
            payload_type(key)
