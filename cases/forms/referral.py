"""The payloads of the referral steps (两法衔接). Field names are the keyword arguments of
``cases.services.referral``; forms check shape, the guards (``cases.guards.referral``) check the law. Each
step's form is declared with the step in ``cases.actions.referral``."""

from __future__ import annotations

from django import forms

from kernel.forms import model_choice_field
from officers.choices import StaffCategory
from officers.models import Officer

from ..models.referral import REQUIRED_MATERIALS, ReferralMaterial
from .fields import MoneyField, text
from .transitions import TransitionForm


def _bool_choice(label: str, yes: str, no: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=[("yes", yes), ("no", no)], coerce=lambda v: v == "yes", widget=forms.RadioSelect
    )


def _date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required)


class ReferralReportForm(TransitionForm):
    """第五条第一款: the team (two or more enforcement officers) and its written report."""

    team = forms.ModelMultipleChoiceField(
        label="专案组成员（2名以上执法人员）",
        queryset=Officer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    report = text("涉嫌犯罪案件情况的调查报告", rows=6)

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "team").queryset = Officer.objects.filter(
                agency_id=case.agency_id, category=StaffCategory.ENFORCEMENT, is_active=True
            )


class ReferralDecisionForm(TransitionForm):
    """第五条第二款: approve or not; the reasons are recorded when not approved."""

    approved = _bool_choice("审批决定", "批准移送", "不批准移送")
    reason = text("意见（不批准的，须写明理由）", required=False)


class HandOverForm(TransitionForm):
    """``refer_to_police``: the police organ at the same level and the attachments of 第六条."""

    police_organ = forms.CharField(label="接受移送的同级公安机关", max_length=120)
    materials = forms.MultipleChoiceField(
        label="随案移送材料",
        choices=ReferralMaterial.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[m.value for m in REQUIRED_MATERIALS],
    )
    note = text("移送说明", required=False)


class ResumeForm(TransitionForm):
    """``resume_after_referral``: how the police declined for good and what the agency does now (第十条)."""

    note = text("恢复行政处理说明（公安机关不予立案及复议、立案监督情况）")


class PoliceReceiptForm(TransitionForm):
    received_on = _date("公安机关签收日期")
    receipt_number = forms.CharField(label="回执编号", max_length=60, required=False)
    forwarded_to = forms.CharField(label="转送的有管辖权机关（第七条）", max_length=120, required=False)


class PoliceDecisionForm(TransitionForm):
    accepted = _bool_choice("公安机关决定", "决定立案", "不予立案")
    decided_on = _date("决定日期")
    notice_received_on = _date("收到通知书日期（默认为决定日期）", required=False)
    reasons = text("不予立案的理由", required=False)


class ReconsiderationRequestForm(TransitionForm):
    requested_on = _date("提请复议日期")


class ReconsiderationResultForm(TransitionForm):
    accepted = _bool_choice("复议决定", "决定立案", "维持不予立案")
    answered_on = _date("收到复议决定日期")
    note = text("说明", required=False)


class ProcuratorateRequestForm(TransitionForm):
    procuratorate = forms.CharField(label="人民检察院", max_length=120)
    requested_on = _date("建议立案监督日期")


class ProcuratorateResultForm(TransitionForm):
    police_filed = _bool_choice("立案监督结果", "公安机关已立案", "不立案理由成立")
    notified_on = _date("收到结果日期")
    note = text("说明", required=False)


class ItemsHandoverForm(TransitionForm):
    handed_over_on = _date("移交日期")
    note = text("移交的涉案物品及材料、交接手续", required=False)


class FinesImposedForm(TransitionForm):
    """行政处罚法 第三十五条第二款: a fine already imposed is credited against a criminal fine."""

    amount = MoneyField(label="移送前已给予的罚款（元）", required=True)
    note = text("说明（决定书文号等）", required=False)
