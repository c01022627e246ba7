"""Typed access to a bound form's own fields: ``form.fields`` holds each as a plain ``forms.Field``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.http import QueryDict


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's copy of the model choice field ``name``, to set its queryset or labels."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField), f"{name} is not a model choice field"
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's copy of the choice field ``name``, to narrow its choices."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField), f"{name} is not a choice field"
    return field


def choices_of(field: forms.ChoiceField) -> Iterable[tuple[Any, Any]]:
    """The field's choices as Django keeps them (normalised pairs). django-stubs types the getter as
    everything the setter accepts (a Choices class, a callable), which Django has already normalised."""
    return cast("Iterable[tuple[Any, Any]]", field.choices)


def takes_many(field: forms.Field) -> bool:
    """Whether the field reads a list of values (a multiple choice), not one."""
    return isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField) or isinstance(
        field.widget, forms.SelectMultiple | forms.MultipleHiddenInput
    )


def refuse_dates_out_of_range(form: forms.BaseForm) -> None:
    """Add the field's error for every cleaned date outside the sane range (``kernel.validators``): the page and the
    API alike refuse a year 1 or a year 9999."""
    from .validators import date_range_error

    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        if isinstance(value, datetime.date) and name in form.fields:
            error = date_range_error(value)
            if error is not None:
                form.add_error(name, forms.ValidationError(error, code="date_out_of_range"))


class BoundedDatesMixin:
    """For a form of entered dates that is not an :class:`ActionForm`: its dates kept in the sane range."""

    def _clean_fields(self) -> None:
        super()._clean_fields()  # type: ignore[misc]
        refuse_dates_out_of_range(self)  # type: ignore[arg-type]  # before clean(): no rule computes with them


class ActionForm(BoundedDatesMixin, forms.Form):
    """The form of an action of the registry (``cases.registry``): it takes the case, to narrow its choices to
    the case's own records; the page and the API validate the action's payload with the same form.

    A JSON payload may carry an object or a list where a field takes one value; Django would keep its ``str()``
    (a Python repr) and the event log would record it. Such a value is refused as the field's error; so is a date
    outside the sane range (``kernel.validators.validate_date_in_range``)."""

    def __init__(self, *args, case=None, **kwargs) -> None:
        self.case = case
        super().__init__(*args, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or isinstance(self.data, QueryDict):
            return
        for name, field in self.fields.items():
            value = self.data.get(self.add_prefix(name))
            if isinstance(value, dict | list) and not takes_many(field):
                self.add_error(name, forms.ValidationError("应填写单个值，不能是对象或列表。", code="not_a_value"))
