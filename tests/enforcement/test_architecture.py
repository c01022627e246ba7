"""Architecture, checked rather than hoped for (DESIGN.md "One of each").

import-linter (``lint-imports`` in ``make test``, contracts in pyproject.toml) keeps the apps layered; it sees
imports, not an app reaching another by name at run time, which this file forbids; and the one clock: no guard
counts a period itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "kernel", "clock", "media_storage", "officers", "matters", "events", "deadlines", "cases",
    "deadline_watch", "documents", "supervision", "enforcement",
)  # fmt: skip
BY_NAME = {"get_model", "import_module", "__import__", "get_app_config"}
COUNTING = {"add_working_days", "add_calendar_days", "add_months", "add_years", "add_hours"}


def _sources(*packages: str):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _calls(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
        elif isinstance(node, ast.ImportFrom) and node.module == "importlib":
            names.add("import_module")
    return names


def test_no_app_reaches_another_by_name_outside_migrations():
    """``apps.get_model`` and ``import_module`` would hide a dependency from import-linter's contracts."""
    found = {str(p.relative_to(ROOT)): sorted(_calls(p) & BY_NAME) for p in _sources(*APPS)}
    assert {p: calls for p, calls in found.items() if calls} == {}


def test_no_guard_counts_a_period_itself():
    """Guards read the stored deadline (``deadlines.selectors.deadline_of``); the clock counts (one clock)."""
    found = {str(p.relative_to(ROOT)): sorted(_calls(p) & COUNTING) for p in _sources("cases/guards")}
    assert {p: calls for p, calls in found.items() if calls} == {}
