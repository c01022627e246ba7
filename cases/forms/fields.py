from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms

from matters.choices import PenaltyKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class MoneyField(forms.DecimalField):
    """Yuan with two places, never negative."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class PenaltyKindsField(forms.TypedMultipleChoiceField):
    def __init__(self, *, choices=None, **kwargs) -> None:
        kwargs.setdefault("label", "处罚种类")
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(choices=choices or PenaltyKind.choices, **kwargs)


def text(label: StrOrPromise, *, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))
