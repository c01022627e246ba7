"""Write the lifecycle diagram (docs/lifecycle.dot, and .svg when Graphviz is installed) and docs/lifecycle.md
(every action of the registry, ``cases.lifecycle_docs``) from the code.

The nodes and edges come from django-fsm's own record of ``Case.status`` transitions;
the labels from ``cases.transitions``. tests/cases/test_lifecycle_diagram.py fails
when the committed diagram no longer matches the code.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django_fsm import GET_STATE, RETURN_VALUE

from cases.choices import TERMINAL_STATES, CaseStatus
from cases.lifecycle_docs import lifecycle_markdown
from cases.models import Case
from cases.transitions import TRANSITIONS

DOCS = Path(settings.BASE_DIR) / "docs"


def lifecycle_dot() -> str:
    field = Case._meta.get_field("status")
    edges: set[tuple[str, str, str]] = set()
    for transition in field.get_all_transitions(Case):
        target = transition.target
        targets = target.allowed_states if isinstance(target, GET_STATE | RETURN_VALUE) else [target]
        for state in targets:
            edges.add((str(transition.source), str(state), transition.name))
    lines = [
        "digraph lifecycle {",
        '  graph [rankdir=LR, fontname="WenQuanYi Micro Hei", label="案件生命周期（由 cases.Case.status 生成）"];',
        '  node [fontname="WenQuanYi Micro Hei", shape=box, style=rounded];',
        '  edge [fontname="WenQuanYi Micro Hei", fontsize=10];',
    ]
    for state in CaseStatus:
        shape = ", peripheries=2" if state in TERMINAL_STATES else ""
        lines.append(f'  {state.value} [label="{state.label}\\n{state.value}"{shape}];')
    for source, target, name in sorted(edges):
        lines.append(f'  {source} -> {target} [label="{TRANSITIONS[name].label}\\n{name}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "由代码生成案件生命周期图（docs/lifecycle.dot、.svg）和全部操作一览（docs/lifecycle.md）。"

    def handle(self, *args, **options) -> None:
        md_path = DOCS / "lifecycle.md"
        md_path.write_text(lifecycle_markdown(), encoding="utf-8")
        self.stdout.write(f"wrote {md_path}")
        dot_path = DOCS / "lifecycle.dot"
        dot_path.write_text(lifecycle_dot(), encoding="utf-8")
        self.stdout.write(f"wrote {dot_path}")
        if shutil.which("dot"):
            svg_path = DOCS / "lifecycle.svg"
            subprocess.run(["dot", "-Tsvg", str(dot_path), "-o", str(svg_path)], check=True)  # noqa: S603, S607
            self.stdout.write(f"wrote {svg_path}")
