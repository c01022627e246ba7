"""One action on the case page and the refusal of the last attempt: shared by every section that
posts (下一步, 案件管理, 证据, 涉嫌犯罪案件移送) without the sections importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms

from kernel.rules import Reason


@dataclass
class Panel:
    """One action on the page: its form, why it cannot be done now, why the last attempt was refused."""

    key: str
    label: str
    url: str
    form: forms.Form | None = None
    blocked: list[Reason] = field(default_factory=list)
    refused: list[Reason] = field(default_factory=list)


@dataclass
class Refusal:
    key: str
    label: str
    reasons: list[Reason]


def refused_for(key: str, refusal: Refusal | None) -> list[Reason]:
    return refusal.reasons if refusal and refusal.key == key else []
