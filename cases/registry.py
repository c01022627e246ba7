"""The one action registry: every action a user can take on a case, declared once.

An :class:`Action` names the step, its Chinese and English labels, who may perform it, its named guards
(each returning ``[Reason(code, detail, article)]``), the one form that validates its payload for the page and
the API alike, the service that performs it and the event it appends. From these declarations come the API
endpoint (``/transitions/{name}/`` for a change of status, ``/actions/{name}/`` for the others) with its payload
in the OpenAPI schema, the form on the case page, the "next steps" with their reasons, and the table of
``docs/lifecycle.md``.

Declarations live in ``cases.transitions`` (the lifecycle: django-fsm changes ``Case.status``) and
``cases.actions`` (steps beside it). The apps that listen to ``cases`` add what is theirs when they load —
``cases`` never imports them: their own actions (:func:`register`), a guard on one of ours
(:func:`add_guard`), a section of the case page (:func:`add_page_section`) and a field of the API's case file
(:func:`add_casefile_field`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kernel.forms import ActionForm
from kernel.rules import Reason

from .choices import CaseStatus
from .guards.core import Context, two_eligible_handlers
from .models import Case

Guard = Callable[[Context], list[Reason]]
Perform = Callable[..., Any]

# Where an action's form sits on the case page.
SECTIONS = {
    "next": "下一步",
    "people": "案件管理",
    "evidence": "证据",
    "seizure": "查封、扣押",
    "correction": "责令改正",
    "referral": "涉嫌犯罪案件移送",
    "execution": "送达与执行",
    "publication": "行政处罚决定公开",
    "deadlines": "法定期限",
    "documents": "执法文书",
}


@dataclass(frozen=True)
class Action:
    """One action on a case (see the module's docstring).

    ``perform(case=, actor=, **payload)`` runs the action for the page and the API with the form's cleaned data
    (the services themselves keep their keyword arguments for the rest of the code). ``target`` finds the record
    an action acts on (the pending remedy, the latest referral, the evidence item named in the payload) for the
    guards; ``states`` are where a non-transition action applies (a transition's come from django-fsm).
    """

    name: str
    label: str
    label_en: str
    performer: Guard
    form: type[ActionForm]
    perform: Perform
    guards: tuple[Guard, ...] = ()
    event_type: str = "transition"
    event_name: str | None = None  # the appended event's name; None: the action's own name, "": unnamed
    transition: bool = False
    states: frozenset[str] = frozenset()
    section: str = "next"
    needs_handlers: bool = False
    target: Callable[[Case, dict[str, Any]], Any] | None = None
    multipart: bool = False
    summary: str = ""  # what the action records, for the docs

    @property
    def event(self) -> str:
        """The key of the event the action appends (``events.catalogue``)."""
        if self.event_name is None:
            return self.name
        return self.event_name or self.event_type

    @property
    def sources(self) -> list[str]:
        """The states the action starts from."""
        if self.transition:
            return [str(s) for s in getattr(Case, self.name)._django_fsm.transitions]
        return [str(s) for s in CaseStatus if s in self.states]

    @property
    def all_guards(self) -> tuple[Guard, ...]:
        return (*self.guards, *_extra_guards.get(self.name, ()))

    def reasons(self, ctx: Context) -> list[Reason]:
        """Every reason the action is blocked for ``ctx``; empty when it may proceed."""
        ctx.label, ctx.action = self.label, self.name
        if ctx.case.status not in self.sources:
            current = CaseStatus(ctx.case.status).label
            return [Reason("wrong_state", f"案件当前处于“{current}”阶段，不能{self.label}。", "")]
        reasons = list(self.performer(ctx))
        if self.needs_handlers:
            reasons += two_eligible_handlers(ctx)
        for guard in self.all_guards:
            reasons += guard(ctx)
        return list(dict.fromkeys(reasons))


def record_named(model: type[Any], key: str, *, case_field: str = "case") -> Callable[[Case, dict[str, Any]], Any]:
    """A ``target`` finder: the case's ``model`` row named in the payload under ``key`` (an instance or its id), read
    fresh — inside the action's transaction, after the case row is locked — or None when none of the case's is named.
    ``case_field`` is the lookup from the row to its case (``deadline__case`` for a deadline's suspension)."""

    def find(case: Case, data: dict[str, Any]) -> Any:
        value = data.get(key)
        pk = getattr(value, "pk", value)
        if pk in (None, ""):
            return None
        return model._default_manager.filter(pk=pk, **{case_field: case}).first()

    return find


_actions: dict[str, Action] = {}
_extra_guards: dict[str, tuple[Guard, ...]] = {}


def register(*actions: Action) -> None:
    for action in actions:
        if action.name in _actions and _actions[action.name] != action:
            raise ValueError(f"action {action.name!r} is declared twice")
        if action.section not in SECTIONS:
            raise ValueError(f"action {action.name!r}: unknown page section {action.section!r}")
        _actions[action.name] = action


def add_guard(name: str, guard: Guard) -> None:
    """A listener's guard on an action of ``cases`` (e.g. ``documents``: the file is complete before ``close``)."""
    current = _extra_guards.get(name, ())
    if guard not in current:
        _extra_guards[name] = (*current, guard)


def action_named(name: str) -> Action:
    return _actions[name]


def get(name: str) -> Action | None:
    return _actions.get(name)


def all_actions() -> list[Action]:
    """Every declared action, in the order of declaration (the transitions first)."""
    return list(_actions.values())


def transitions() -> dict[str, Action]:
    return {a.name: a for a in _actions.values() if a.transition}


def others() -> dict[str, Action]:
    return {a.name: a for a in _actions.values() if not a.transition}


def applicable(status: str, *, transition: bool | None = None) -> Iterator[Action]:
    """The actions that start from ``status`` (only transitions, only the others, or both)."""
    for action in _actions.values():
        if transition is not None and action.transition != transition:
            continue
        if status in action.sources:
            yield action


# --- what the listeners add to the page and the API ------------------------------------------------------


# Where on the case page a listener's section goes.
SLOTS = ("header", "after_facts", "after_execution")


@dataclass(frozen=True)
class PageSection:
    """A section a listener adds to the case page: ``build(request=, case=, officer=, bound=, refusal=)`` returns what
    its template reads as ``panel`` (``None`` hides it); the page includes ``template`` in ``slot``. ``bound`` holds
    the form just posted from the page and refused or invalid (by key, usually the action's name) and ``refusal`` its
    reasons: a section that posts shows that form instead of a fresh one, so the officer's input and the errors stay
    on the page (``views.casefile.answer``)."""

    name: str
    template: str
    build: Callable[..., Any]
    slot: str = "after_facts"

    def __post_init__(self) -> None:
        if self.slot not in SLOTS:
            raise ValueError(f"page section {self.name!r}: unknown slot {self.slot!r}")


_page_sections: dict[str, PageSection] = {}
_casefile_fields: dict[str, Callable[..., Any]] = {}


def add_page_section(section: PageSection) -> None:
    _page_sections[section.name] = section


def page_sections() -> list[PageSection]:
    return list(_page_sections.values())


def add_casefile_field(name: str, build: Callable[..., Any]) -> None:
    """A field of the API's case file a listener provides: ``build(case, request)`` returns its value."""
    _casefile_fields[name] = build


def casefile_fields() -> dict[str, Callable[..., Any]]:
    return dict(_casefile_fields)
