"""The payloads of the 责令改正 actions (``cases.actions.correction``): one form per action, for the page and the API
alike. Forms check shape; ``guards.correction`` checks the law (行政处罚法 第二十八条第一款)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from kernel.forms import model_choice_field

from ..models import Evidence
from ..models.correction import CorrectionOrder, CorrectionUnit
from .fields import text
from .transitions import TransitionForm


class OrderCorrectionForm(TransitionForm):
    """责令（限期）改正: what to correct and the period, counted from service of the 责令改正通知书."""

    content = text("责令改正的内容")
    period_count = forms.IntegerField(label="改正期限", min_value=1, max_value=365)
    period_unit = forms.ChoiceField(label="期限单位", choices=CorrectionUnit.choices)
    ordered_on = forms.DateField(label="责令改正日期")


class _OnOrderForm(TransitionForm):
    correction_order = forms.ModelChoiceField(label="责令改正", queryset=CorrectionOrder.objects.none())

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "correction_order").queryset = CorrectionOrder.objects.filter(
                case=case, inspected_on=None, refused_on=None
            )


class CorrectedField(forms.ChoiceField):
    """Corrected or not: the page's choice (``yes``/``no``) or, through the API, a JSON boolean — anything else is
    refused with the code ``corrected_not_boolean`` (a string such as ``"false"`` or a number is not read as one)."""

    default_error_messages = {"not_boolean": "复查结果应为 true（已改正）或 false（未改正）。"}
    # The API's schema (cases.api.schema.field_schema): a JSON boolean.
    json_schema = {"type": "boolean"}

    def to_python(self, value):
        if value is True or value is False:
            return value
        if value in self.empty_values:
            return None
        if isinstance(value, str) and value in ("yes", "no"):
            return value == "yes"
        raise ValidationError(self.error_messages["not_boolean"], code="corrected_not_boolean")

    def validate(self, value) -> None:
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


class ReinspectionForm(_OnOrderForm):
    """复查: corrected or not, with the evidence (an item of the file, or a written account)."""

    inspected_on = forms.DateField(label="复查日期")
    corrected = CorrectedField(label="复查结果", choices=[("yes", "已改正"), ("no", "未改正")])
    evidence = forms.ModelChoiceField(label="复查证据", queryset=Evidence.objects.none(), required=False)
    note = text("复查情况", required=False)

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "evidence").queryset = case.evidence.filter(superseded_at__isnull=True)


class RefusalToCorrectForm(_OnOrderForm):
    """当事人拒不改正: its date and how it was expressed (recorded, signed or refused to sign)."""

    refused_on = forms.DateField(label="拒绝改正日期")
    note = text("拒绝改正的情况")
