"""What this app hooks into when it loads: the case's events (the bus), the registry's actions and the case
page (``cases.registry``)."""

from __future__ import annotations

from cases import registry
from events import subscribe

from .actions import register_actions
from .openers import apply_event
from .section import deadlines_section


def connect() -> None:
    subscribe_to_case_events()
    register_actions()
    registry.add_page_section(
        registry.PageSection(
            "deadlines",
            "deadlines/case_panel.html",
            deadlines_section,
            "after_facts",
        )
    )


def subscribe_to_case_events() -> None:
    """Open, meet, suspend and resume deadlines from every case event, inside the case service's transaction
    (case row locked). A fault here must never undo the legal act being recorded: the bus runs it in a
    savepoint and logs it (``DEADLINES_STRICT`` re-raises, for the tests); ``recompute_deadlines --replay``
    rebuilds what was missed."""
    subscribe("deadlines", on_case_event, strict_setting="DEADLINES_STRICT")


def on_case_event(event) -> None:
    apply_event(event)
