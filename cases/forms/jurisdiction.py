"""The place of violation and a designation of jurisdiction (行政处罚法 第二十二条、第二十五条)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kernel.forms import ActionForm
from kernel.validators import validate_division_code
from kernel.widgets import DateInput

from .fields import text


class ViolationPlaceForm(ActionForm):
    violation_division_code = forms.CharField(
        label="违法行为发生地行政区划代码",
        max_length=6,
        validators=[validate_division_code],
        help_text="六位代码，如150203（昆都仑区）。",
    )
    location = forms.CharField(label="违法地点", max_length=200, required=False)


class DesignationForm(ActionForm):
    designated_by = forms.CharField(label="指定管辖的机关（共同的上一级行政机关）", max_length=120)
    reference = forms.CharField(label="指定管辖文书文号", max_length=60, required=False)
    designated_on = forms.DateField(label="指定日期", widget=DateInput())
    reason = text("指定理由", required=False, rows=2)

    def clean_designated_on(self):
        day = self.cleaned_data["designated_on"]
        if day > timezone.localdate():
            raise ValidationError("指定日期不能晚于今天。", code="future_date")
        return day
