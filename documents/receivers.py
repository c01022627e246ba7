"""Issue each step's document inside the step's transaction (``documents.steps``)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

from cases.models import CaseEvent
from events import payload_type, subscribe

from .services import issue_document
from .steps import STEP_DOCUMENTS, steps_for

logger = logging.getLogger(__name__)


def connect() -> None:
    subscribe("documents", on_case_event, to={payload_type(step.event) for step in STEP_DOCUMENTS})


def on_case_event(instance: CaseEvent) -> None:
    """The step's document, issued as the step's actor in the step's transaction (case row locked).

    A fault here must not undo the legal act being recorded: it runs in a savepoint and is logged
    (``DOCUMENTS_STRICT`` re-raises, for the tests); the officer can issue the document from the case
    page, and ``close`` names it while it is missing.
    """
    if instance.actor_id is None:
        return  # a document is issued by someone: events without an actor (system, imports) issue none
    for step in steps_for(instance.name):
        try:
            with transaction.atomic():
                issue_for_step(instance, step)
        except Exception:
            logger.exception(
                "documents: %s of event %s (case %s) not issued", step.kind, instance.name, instance.case_id
            )
            if getattr(settings, "DOCUMENTS_STRICT", False):
                raise


def issue_for_step(event: CaseEvent, step) -> None:
    inputs = step.inputs(event) if step.inputs else {}
    if inputs is None:
        return
    issue_document(case=event.case, kind=step.kind, actor=event.actor, extra=inputs, automatic=True)
