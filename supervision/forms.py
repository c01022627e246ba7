"""The forms of the interference pages: parse and present; the rules live in the service."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from cases.selectors import cases_visible_to
from kernel.forms import BoundedDatesMixin, model_choice_field
from kernel.widgets import DateInput, DateTimeLocalInput
from officers.models import Agency, Officer

from .choices import InterferenceManner
from .selectors import agencies_filterable_by, intervener_choices_for
from .services import CASE_NOT_VISIBLE


class IntervenerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Officer) -> str:
        return f"{obj.name}（{obj.agency.short_name}）"


class InterferenceForm(BoundedDatesMixin, forms.Form):
    # The case comes from the case page (?case=<id>) or is typed as its number (案号).
    case = forms.ModelChoiceField(
        queryset=Case.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": CASE_NOT_VISIBLE},
    )
    case_number = forms.CharField(
        label=_("案号"),
        max_length=60,
        required=False,
        help_text=_("涉及已立案案件的填写案号；尚未立案的线索请从案件页面进入登记；与案件无关的可不填。"),
    )
    occurred_at = forms.DateTimeField(
        label=_("干预时间"),
        widget=DateTimeLocalInput,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        error_messages={"required": _("请填写干预时间。"), "invalid": _("请按“年-月-日 时:分”填写干预时间。")},
    )
    manner = forms.ChoiceField(
        label=_("干预方式"),
        choices=InterferenceManner.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择干预方式。")},
    )
    intervener_officer = IntervenerChoiceField(
        label=_("干预人是本系统用户"),
        queryset=Officer.objects.none(),
        required=False,
        empty_label=_("否，手工填写"),
        help_text=_("选择后，姓名和单位留空时自动填写。"),
        error_messages={"invalid_choice": _("所选人员不存在或不可选择。")},
    )
    intervener_name = forms.CharField(label=_("干预人姓名"), max_length=40, required=False)
    intervener_position = forms.CharField(label=_("干预人职务"), max_length=120, required=False)
    intervener_unit = forms.CharField(label=_("干预人单位"), max_length=120, required=False)
    what_was_asked = forms.CharField(
        label=_("干预内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("干预人提出的具体要求或意见，尽量如实记录原话。"),
        error_messages={"required": _("请填写干预内容。")},
    )
    how_handled = forms.CharField(
        label=_("处理情况"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("您如何回应、是否报告，案件如何依法处理。"),
        error_messages={"required": _("请填写处理情况。")},
    )
    evidence_notes = forms.CharField(
        label=_("证据材料说明"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("如通话记录、短信截图、批条原件的保存情况。"),
    )

    def __init__(self, *args, user, officer: Officer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.visible_cases = cases_visible_to(user)
        model_choice_field(self, "case").queryset = self.visible_cases
        model_choice_field(self, "intervener_officer").queryset = intervener_choices_for(officer)

    def clean(self):
        data = super().clean()
        number = (data.get("case_number") or "").strip()
        if number and not data.get("case"):
            case = self.visible_cases.filter(number=number).first()
            if case is None:
                self.add_error("case_number", CASE_NOT_VISIBLE)
            else:
                data["case"] = case
        return data

    def service_fields(self) -> dict:
        """The cleaned data as ``record_interference`` takes it."""
        return {k: v for k, v in self.cleaned_data.items() if k != "case_number"}

    def add_service_errors(self, exc: ValidationError) -> None:
        """A service ``ValidationError`` on the field it names (the case's on the number), else on the form."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for name, errors in exc.message_dict.items():
            target = "case_number" if name == "case" else name
            self.add_error(target if target in self.fields else None, errors)


class RecordFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("执法机关"), queryset=Agency.objects.none(), required=False, empty_label=_("全部")
    )
    occurred_from = forms.DateField(label=_("干预日期起"), required=False, widget=DateInput)
    occurred_to = forms.DateField(label=_("干预日期止"), required=False, widget=DateInput)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        agency = model_choice_field(self, "agency")
        agency.queryset = agencies_filterable_by(user)
        self.shows_agency = agency.queryset.exists()
        if not self.shows_agency:
            del self.fields["agency"]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v is not None}
