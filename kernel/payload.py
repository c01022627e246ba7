"""The types of an API payload, checked before anything else reads it (issue 11, item 4).

The API hands a payload to the same Django form as the page (``cases.registry``: one form per action). A form is
written for an HTML post, where every value is a string: given JSON, it would keep ``str()`` of a list or an
object (a Python repr, then recorded for ever in the hash-chained case events), read a number as text, and pass a
year-9999 date on to the statutory computations. So every payload first goes through a REST framework serializer
of the right types, generated from the form (:func:`payload_serializer`): a string where a string is expected, a
list where a list is, a date of the sane range (``kernel.validators.validate_date_in_range``), an integer the
database can hold. Wrong shapes are 400 ``invalid`` with ``errors`` per field (API.md) before the form, the role
checks or a service see them; the form then checks the meaning, as for the page.

The strict fields are for the hand-written input serializers too (``StrictCharField`` and friends).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from rest_framework import serializers, status
from rest_framework.exceptions import APIException

from .forms import takes_many
from .validators import date_range_error

# What a PostgreSQL bigint holds (primary keys); integers the form bounds itself keep the form's bounds.
BIGINT_MAX = 2**63 - 1
INT_MAX = 2**31 - 1
NOT_TEXT = "应为文本。"
NOT_A_VALUE = "应填写单个值，不能是对象或列表。"
NOT_AN_OBJECT = "请求内容应为一个 JSON 对象（字段名和值）。"


def _refuse_non_string(field: serializers.Field, data: Any) -> None:
    if isinstance(data, dict | list):
        raise serializers.ValidationError(NOT_A_VALUE, code="not_a_value")
    if not isinstance(data, str):
        raise serializers.ValidationError(NOT_TEXT, code="not_a_string")


class StrictCharField(serializers.CharField):
    """Text, and only text: the REST framework's ``CharField`` turns a number into its digits; this refuses it,
    as it refuses a list or an object."""

    def to_internal_value(self, data: Any) -> str:
        _refuse_non_string(self, data)
        return super().to_internal_value(data)


class StrictChoiceField(serializers.ChoiceField):
    """One of the choices, given as a string (or an integer, for integer choices): never a list or a boolean."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, str | int):
            raise serializers.ValidationError("应为单个选项值。", code="not_a_choice")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """A whole number (a JSON integer, or its digits in a form post) the database can hold: not ``true``, not
    ``1.5``, not ``1e400``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", -BIGINT_MAX)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool | float) or not isinstance(data, str | int):
            raise serializers.ValidationError("应为整数。", code="not_an_integer")
        return super().to_internal_value(data)


class StrictDecimalField(serializers.DecimalField):
    """An amount as a decimal string (or a JSON number): never a boolean, NaN or an infinity."""

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, bool) or not isinstance(data, str | int | float | Decimal):
            raise serializers.ValidationError("应为数字。", code="not_a_number")
        return super().to_internal_value(data)


def _in_range(value: Any) -> Any:
    error = date_range_error(value)
    if error is not None:
        raise serializers.ValidationError(error, code="date_out_of_range")
    return value


class BoundedDateField(serializers.DateField):
    """A date as ``YYYY-MM-DD``, inside the sane range (``kernel.validators``)."""

    def to_internal_value(self, data: Any) -> datetime.date:
        if not isinstance(data, datetime.date):
            _refuse_non_string(self, data)
        return _in_range(super().to_internal_value(data))


class BoundedDateTimeField(serializers.DateTimeField):
    """A date and time (ISO 8601), inside the sane range."""

    def to_internal_value(self, data: Any) -> datetime.datetime:
        if not isinstance(data, datetime.date):
            _refuse_non_string(self, data)
        return _in_range(super().to_internal_value(data))


class StrictBooleanField(serializers.BooleanField):
    """``true``/``false`` (or the strings a form post sends): not a list, not an object."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool | str | int):
            raise serializers.ValidationError("应为 true 或 false。", code="not_a_boolean")
        return super().to_internal_value(data)


class ChoiceValueField(serializers.Field):
    """One choice of a form's choice field, whose choices the form checks (they may be the case's own): a string
    or an integer, never a boolean, a list or an object."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict | list):
            raise serializers.ValidationError(NOT_A_VALUE, code="not_a_value")
        if isinstance(data, bool) or not isinstance(data, str | int):
            raise serializers.ValidationError("应为单个选项值。", code="not_a_choice")
        return data

    def to_representation(self, value: Any) -> Any:
        return value


def _integer_bounds(field: forms.IntegerField) -> dict[str, int]:
    low, high = field.min_value, field.max_value
    return {
        "min_value": int(low) if isinstance(low, int) else -INT_MAX - 1,
        "max_value": int(high) if isinstance(high, int) else INT_MAX,
    }


def payload_field(field: forms.Field) -> serializers.Field | None:
    """The serializer field checking the type of what ``field`` reads; None for a file (read from the upload) and for
    a field that checks its own JSON type."""
    common: dict[str, Any] = {"required": False, "allow_null": True}
    if isinstance(field, forms.FileField):
        return None
    if takes_many(field):
        child: serializers.Field
        if isinstance(field, forms.ModelMultipleChoiceField) and not field.to_field_name:
            child = ModelChoiceValueField()
        else:
            child = ChoiceValueField()
        return serializers.ListField(child=child, max_length=1000, **common)
    if getattr(field, "json_schema", None) is not None:
        return None  # a field that reads its own JSON type and refuses the others with its own code (cases.forms)
    if isinstance(field, forms.ModelChoiceField):
        if field.to_field_name:
            return StrictCharField(allow_blank=True, **common)
        return ModelChoiceValueField(**common)
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return StrictBooleanField(**common)
    if isinstance(field, forms.ChoiceField):  # the form checks the choices (narrowed to the case's own)
        return ChoiceValueField(**common)
    if isinstance(field, forms.DateTimeField):
        return BoundedDateTimeField(**common)
    if isinstance(field, forms.DateField):
        return BoundedDateField(**common)
    if isinstance(field, forms.DecimalField):
        return StrictDecimalField(
            max_digits=field.max_digits or 30, decimal_places=field.decimal_places or 10, **common
        )
    if isinstance(field, forms.IntegerField):
        return StrictIntegerField(**_integer_bounds(field), **common)
    return StrictCharField(allow_blank=True, trim_whitespace=False, **common)


class ModelChoiceValueField(serializers.Field):
    """The id of a record to choose: a positive integer (or its digits), or empty; never a list or an object."""

    default_error_messages = {"invalid": "应为记录的编号（正整数）。"}

    def to_internal_value(self, data: Any) -> Any:
        if data == "":
            return None
        if isinstance(data, str) and data.isascii() and data.isdigit():
            data = int(data)
        if isinstance(data, bool) or not isinstance(data, int) or not 0 < data <= BIGINT_MAX:
            self.fail("invalid")
        return data

    def to_representation(self, value: Any) -> Any:
        return value


_cache: dict[type[forms.BaseForm], type[serializers.Serializer]] = {}


def _serializer_of(name: str, fields: dict[str, forms.Field]) -> type[serializers.Serializer]:
    declared = {key: payload_field(field) for key, field in fields.items()}
    attrs: dict[str, Any] = {key: field for key, field in declared.items() if field is not None}
    attrs["__doc__"] = f"The types of {name}'s payload (kernel.payload)."
    return type(f"{name}Payload", (serializers.Serializer,), attrs)


def payload_serializer(form_class: type[forms.BaseForm]) -> type[serializers.Serializer]:
    """A serializer checking the types of ``form_class``'s payload (fields as the unbound form declares them)."""
    found = _cache.get(form_class)
    if found is None:
        found = _cache[form_class] = _serializer_of(form_class.__name__, form_class().fields)
    return found


class PayloadInvalid(APIException):
    """400 ``invalid``: the payload's types are wrong; ``errors`` in the shape a form's errors take in the API
    (``{field: [{"message", "code"}]}``, ``kernel.api.FormInvalid``), so a client reads both alike."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, errors: dict[str, list[dict[str, str]]]) -> None:
        self.errors = errors
        super().__init__("提交的内容有误，请检查后重试。")


def _flatten(detail: Any) -> list[dict[str, str]]:
    """A field's errors (for a list: its items' errors, keyed by index) as ``[{"message", "code"}]``."""
    if isinstance(detail, dict):
        return [
            {
                "message": f"第{int(key) + 1}项：{e['message']}" if str(key).isdigit() else e["message"],
                "code": e["code"],
            }
            for key, value in detail.items()
            for e in _flatten(value)
        ]
    if isinstance(detail, list):
        return [e for item in detail for e in _flatten(item)]
    return [{"message": str(detail), "code": str(getattr(detail, "code", "invalid"))}]


def check_payload(form: type[forms.BaseForm] | forms.BaseForm, data: Any) -> None:
    """Raise :class:`PayloadInvalid` (400 ``invalid``, errors per field) unless ``data`` is an object whose values
    have the types ``form`` reads (a form class, or an unbound form whose fields depend on its arguments)."""
    if not isinstance(data, Mapping):
        raise serializers.ValidationError({"non_field_errors": [NOT_AN_OBJECT]}, code="not_an_object")
    if isinstance(form, forms.BaseForm):
        serializer_class = _serializer_of(type(form).__name__, form.fields)
    else:
        serializer_class = payload_serializer(form)
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        raise PayloadInvalid({name: _flatten(detail) for name, detail in serializer.errors.items()})


class StrictModelSerializer(serializers.ModelSerializer):
    """A model serializer for input whose text, date and boolean fields are the strict ones above."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.DateField: BoundedDateField,
        models.DateTimeField: BoundedDateTimeField,
        models.BooleanField: StrictBooleanField,
    }
    serializer_choice_field = StrictChoiceField
