"""docs/lifecycle.md, generated from the action registry (``manage.py lifecycle_diagram`` writes it with the
diagram; ``tests/cases/test_lifecycle_diagram.py`` fails when the committed file and the code disagree).

Every action of the registry — the transitions of ``Case.status`` and the actions beside them, the listeners'
included — with its endpoint, where it starts, who performs it, its named guards, its payload and its event.
"""

from __future__ import annotations

import inspect

from django_fsm import GET_STATE, RETURN_VALUE

from .choices import CaseStatus
from .models import Case
from .registry import SECTIONS, Action, Guard, all_actions

HEADER = """# The case lifecycle and every action on a case

Generated from the code by `.venv/bin/python manage.py lifecycle_diagram` (the action registry,
`cases/registry.py`, and `Case.status` under django-fsm); a test fails when this file and the code
disagree. Do not edit by hand.

![lifecycle](lifecycle.svg)

The diagram's source is [lifecycle.dot](lifecycle.dot). Each action is declared once: its labels, who
performs it, its named guards (each refusal is `{code, detail, article}`), the form that validates its
payload on the page and in the API, the service that performs it and the event it appends
(`events/catalogue/`). From the declaration come the API endpoint and its OpenAPI entry, the form on the
case page and the "next steps" with their reasons (the API's `transitions` and `actions`).

- A **transition** changes `Case.status`: `POST /api/v1/cases/{id}/transitions/{name}/`.
- Every **other action** keeps the status: `POST /api/v1/cases/{id}/actions/{name}/`.
- Both answer with the case file (`?view=light`: `{id, status, event, transitions, actions}`), 400
  `invalid` with field errors, 409 with `reasons` (nothing written but the attempt), 404 outside the
  caller's scope; an `Idempotency-Key` header makes a retry safe (API.md).
- Every step that needs its handlers needs two eligible ones (行政处罚法 第四十二条; after a recusal, 第四十三条,
  the case does not move until a second eligible handler is named).
"""


def _first_line(func) -> str:
    """The docstring's first sentence (its first paragraph, up to the first full stop)."""
    doc = inspect.getdoc(func) or ""
    paragraph = " ".join(line.strip() for line in doc.split("\n\n")[0].splitlines())
    for stop in (". ", "。"):
        if stop in paragraph:
            return paragraph.split(stop)[0] + stop.strip()
    return paragraph


def _guard(guard: Guard) -> str:
    name = getattr(guard, "__name__", type(guard).__name__)
    line = _first_line(guard)
    return f"`{name}`" + (f" — {line}" if line else "")


def _targets(action: Action) -> str:
    if not action.transition:
        return "（状态不变）"
    transition = next(t for t in Case._meta.get_field("status").get_all_transitions(Case) if t.name == action.name)
    target = transition.target
    if isinstance(target, GET_STATE | RETURN_VALUE):
        return " / ".join(f"`{s}`" for s in target.allowed_states or ())
    return f"`{target}`"


def _fields(action: Action) -> str:
    form = action.form()
    return ", ".join(f"`{name}`" + ("" if field.required else "?") for name, field in form.fields.items()) or "—"


def _row(action: Action) -> str:
    kind = "transitions" if action.transition else "actions"
    sources = ", ".join(f"`{s}`" for s in action.sources) if len(action.sources) < len(CaseStatus) else "任何状态"
    guards = [_guard(g) for g in action.all_guards]
    if action.needs_handlers:
        guards.insert(0, "`two_eligible_handlers` — 两名以上持有效执法证的承办人（第四十二条）")
    cells = [
        f"`{action.name}`<br>{action.label}<br>*{action.label_en}*",
        f"`POST …/{kind}/{action.name}/`",
        f"{sources} → {_targets(action)}",
        _guard(action.performer),
        "<br>".join(guards) or "—",
        _fields(action),
        f"`{action.event}`" + (f"<br>{action.summary}" if action.summary else ""),
    ]
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def lifecycle_markdown() -> str:
    lines = [HEADER]
    actions = all_actions()
    for section, title in SECTIONS.items():
        rows = [a for a in actions if a.section == section]
        if not rows:
            continue
        lines += [
            f"## {title}",
            "",
            "| action | endpoint | from → to | performed by | guards | payload (? optional) | event |",
            "|---|---|---|---|---|---|---|",
            *(_row(a) for a in rows),
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"
