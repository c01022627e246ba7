"""The officer's forms around a case: opening it, its parties and handlers, evidence.

They check the shape of the input only; the rules of law live in the services
(``cases.services.cases``, ``cases.services.evidence``), whose refusals the pages show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.forms import ActionForm, BoundedDatesMixin, model_choice_field
from kernel.validators import validate_division_code
from kernel.widgets import DateInput, DateTimeLocalInput
from matters.selectors import matters_held_by
from officers.choices import StaffCategory
from officers.models import Officer

from ..choices import (
    CaseSource,
    CaseStatus,
    EvidenceKind,
    HandlerRole,
    PartyKind,
    Procedure,
    RecusalApplicant,
    RecusalDecision,
)
from ..models import Case, Evidence, Party, RecusalApplication
from ..selectors import handlers_of
from .fields import text

if TYPE_CHECKING:
    from matters.models import Matter


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Officer) -> str:
        return f"{obj.name}（{obj.get_category_display()}）"


class OfficerMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Officer) -> str:
        return f"{obj.name}（{obj.get_category_display()}）"


def agency_staff(agency_id: int):
    """Officers and auxiliary staff of the agency who may be named on a case; the services decide eligibility."""
    return Officer.objects.filter(
        agency_id=agency_id, is_active=True, category__in=[StaffCategory.ENFORCEMENT, StaffCategory.AUXILIARY]
    ).order_by("name")


def add_service_errors(form: forms.Form, exc: ValidationError, field_map: dict[str, str] | None = None) -> None:
    """Put a service's ``ValidationError`` on the form: model field names through ``field_map``, else non-field."""
    field_map = field_map or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.message_dict.items():
        target = field_map.get(name, name)
        form.add_error(target if target in form.fields else None, errors)


# --- Opening a case ----------------------------------------------------------------------


class OpenCaseForm(BoundedDatesMixin, forms.Form):
    matter: forms.ModelChoiceField[Matter] = forms.ModelChoiceField(
        label=_("执法事项"), queryset=None, empty_label=_("请选择本机关权责清单内的事项")
    )
    procedure = forms.ChoiceField(label=_("程序"), choices=Procedure.choices, initial=Procedure.GENERAL)
    source = forms.ChoiceField(label=_("案件来源"), choices=CaseSource.choices)
    source_detail = forms.CharField(label=_("来源说明"), required=False, max_length=500)
    title = forms.CharField(label=_("案由"), max_length=200)
    facts = text(_("违法事实"), required=False, rows=4)
    location = forms.CharField(label=_("违法地点"), required=False, max_length=200)
    violation_division_code = forms.CharField(
        label=_("违法行为发生地行政区划代码"),
        required=False,
        max_length=6,
        validators=[validate_division_code],
        help_text=_("六位代码，如150203（昆都仑区）；立案时核对本机关的管辖区域（行政处罚法第二十二条）。"),
    )
    violation_date = forms.DateField(label=_("违法行为发生日期"), widget=DateInput)
    violation_end_date = forms.DateField(
        label=_("违法行为终了日期"),
        required=False,
        widget=DateInput,
        help_text=_("违法行为有连续或者继续状态的，填写终了之日。"),
    )
    harm_occurred = forms.BooleanField(label=_("有危害后果（涉及生命健康安全、金融安全）"), required=False)
    discovered_on = forms.DateField(label=_("发现日期"), widget=DateInput)
    co_handlers = OfficerMultipleChoiceField(
        label=_("其他承办人"),
        queryset=None,
        required=False,  # fewer than two officers is the service's refusal, with its article (Art. 42)
        widget=forms.CheckboxSelectMultiple,
        help_text=_("执法人员不得少于两人：除本人外至少再选一名持有效执法证的执法人员。"),
    )
    request_filing = forms.BooleanField(label=_("提交立案审批"), required=False)

    def __init__(self, *args, officer: Officer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "matter").queryset = matters_held_by(officer.agency)
        model_choice_field(self, "co_handlers").queryset = agency_staff(officer.agency_id).exclude(pk=officer.pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean returns cleaned_data"
        if data.get("request_filing") and data.get("procedure") == Procedure.SUMMARY:
            self.add_error("request_filing", _("简易程序案件当场作出决定，不需提请立案审批。"))
        return data


class PartyForm(ActionForm):
    """当事人. ``optional``: all blank means no party (a lead may come in before the party is known)."""

    kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices, initial=PartyKind.INDIVIDUAL)
    name = forms.CharField(label=_("姓名或名称"), max_length=120, required=False)
    identifier = forms.CharField(label=_("公民身份号码或统一社会信用代码"), max_length=18, required=False, strip=True)
    legal_representative = forms.CharField(label=_("法定代表人（负责人）"), max_length=60, required=False)
    address = forms.CharField(label=_("住所（地址）"), max_length=200, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)

    # The model's field names, for putting the service's validation errors on the right input.
    FIELD_MAP = {"id_number": "identifier", "credit_code": "identifier"}

    def __init__(self, *args, optional: bool = False, case: Case | None = None, **kwargs) -> None:
        self.optional = optional
        super().__init__(*args, case=case, **kwargs)
        self.fields["identifier"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "characters"})
        self.fields["phone"].widget.input_type = "tel"

    def clean_identifier(self) -> str:
        return self.cleaned_data["identifier"].upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean returns cleaned_data"
        filled = any(data.get(f) for f in ("name", "identifier", "legal_representative", "address", "phone"))
        if not data.get("name") and (filled or not self.optional):
            self.add_error("name", _("请填写当事人姓名或名称。"))
        return data

    def party_fields(self) -> dict[str, Any] | None:
        """The keyword arguments of ``add_party`` / one item of ``open_case(parties=…)``; None when left blank."""
        if not self.cleaned_data.get("name"):
            return None
        return self.party_kwargs(self.cleaned_data)

    @staticmethod
    def party_kwargs(data: dict[str, Any]) -> dict[str, Any]:
        """The cleaned data as ``add_party``'s keyword arguments: the identifier by the party's kind."""
        individual = data["kind"] == PartyKind.INDIVIDUAL
        return {
            "kind": data["kind"],
            "name": data["name"],
            "id_number": data["identifier"] if individual else "",
            "credit_code": "" if individual else data["identifier"],
            "legal_representative": data["legal_representative"],
            "address": data["address"],
            "phone": data["phone"],
        }


# --- The people of an open case ------------------------------------------------------------


class RequestFilingForm(ActionForm):
    opinion = text(_("提请意见"), required=False, rows=2)

    def __init__(self, *args, case: Case | None = None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)


class AddHandlerForm(ActionForm):
    officer = OfficerChoiceField(label=_("执法人员"), queryset=Officer.objects.none())
    role = forms.ChoiceField(
        label=_("分工"), choices=HandlerRole.choices, initial=HandlerRole.ASSISTANT, required=False
    )

    def clean_role(self) -> str:
        return self.cleaned_data.get("role") or HandlerRole.ASSISTANT

    def __init__(self, *args, case: Case | None = None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "officer").queryset = agency_staff(case.agency_id).exclude(
                pk__in=handlers_of(case)
            )


class ApplyForRecusalForm(ActionForm):
    """回避申请 (第四十三条第一款、第二款): the party's application, or the handler's own request."""

    officer = OfficerChoiceField(label=_("申请回避的承办人"), queryset=Officer.objects.none())
    applicant = forms.ChoiceField(label=_("申请人"), choices=RecusalApplicant.choices)
    party = forms.ModelChoiceField(
        label=_("提出申请的当事人"), queryset=Party.objects.none(), required=False, help_text=_("当事人申请时填写")
    )
    applied_on = forms.DateField(label=_("申请日期"), widget=DateInput())
    grounds = text(_("申请理由（利害关系或者可能影响公正执法的其他关系）"), rows=2)

    def __init__(self, *args, case: Case | None = None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "officer").queryset = handlers_of(case).order_by("name")
            model_choice_field(self, "party").queryset = case.parties.order_by("pk")

    def clean_applied_on(self):
        day = self.cleaned_data["applied_on"]
        if day > timezone.localdate():
            raise ValidationError("申请日期不能晚于今天。", code="future_date")
        return day


class DecideRecusalForm(ActionForm):
    """负责人对回避申请的决定 (第四十三条第三款), with its reasons."""

    application = forms.ModelChoiceField(label=_("回避申请"), queryset=RecusalApplication.objects.none())
    decision = forms.ChoiceField(label=_("决定"), choices=RecusalDecision.choices, widget=forms.RadioSelect)
    reasons = text(_("决定理由"), rows=2)

    def __init__(self, *args, case: Case | None = None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "application").queryset = case.recusal_applications.filter(
                decision=""
            ).select_related("officer")


# --- Evidence ------------------------------------------------------------------------------


class SupersedeEvidenceForm(ActionForm):
    evidence = forms.ModelChoiceField(label=_("证据"), queryset=Evidence.objects.none())
    reason = text(_("作废理由"), rows=2)

    def __init__(self, *args, case: Case | None = None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "evidence").queryset = case.evidence.filter(superseded_at__isnull=True)


class EvidenceUploadForm(ActionForm):
    """The fields of ``POST /api/v1/cases/<id>/evidence/`` besides the file; the page posts them by script."""

    kind = forms.ChoiceField(label=_("证据类型"), choices=EvidenceKind.choices, initial=EvidenceKind.PHOTO)
    title = forms.CharField(label=_("名称"), max_length=200)
    description = text(_("说明"), required=False, rows=2)
    captured_at = forms.DateTimeField(label=_("采集时间"), required=False, widget=DateTimeLocalInput)
    location = forms.CharField(label=_("采集地点"), max_length=200, required=False)
    device = forms.CharField(label=_("采集设备"), max_length=120, required=False)


class EvidenceForm(EvidenceUploadForm):
    """``add_evidence``: the file (streamed to object storage, its type sniffed) and what it shows."""

    field_order = ["file"]
    file = forms.FileField(label=_("文件（照片、录音、录像、PDF 扫描件）"))


# --- The list ----------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部状态")), *CaseStatus.choices])
    mine = forms.BooleanField(label=_("只看我承办的"), required=False)
    on_spot_unfiled = forms.BooleanField(label=_("当场处罚决定未备案"), required=False)  # 第五十二条第三款

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("案号、案由或当事人名称")
        self.fields["q"].widget.input_type = "search"
