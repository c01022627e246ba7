"""The payloads of the seizure actions (``cases.actions.seizure``): one form per action, for the page and the API
alike. Forms check shape; ``guards.seizure`` checks the law."""

from __future__ import annotations

from django import forms

from kernel.forms import model_choice_field
from officers.models import Officer

from ..models.seizure import Custody, DisposalKind, RecordSignature, ReleaseGround, Seizure, SeizureMeasure
from .fields import text
from .transitions import TransitionForm


class SeizeForm(TransitionForm):
    """查封、扣押 (行政强制法 第十八条、第十九条、第二十三条、第二十四条、第二十六条). The approval is asked only of a
    seizure approved before it is carried out; an emergency one is approved afterwards (``approve_emergency_seizure``).
    """

    measure = forms.ChoiceField(label="措施", choices=SeizureMeasure.choices)
    items = text("场所、设施或者财物的名称、数量（每行一项）")
    place = forms.CharField(label="场所或者保管地点", max_length=200)
    reason = text("查封、扣押的理由")
    sealed_elsewhere = forms.BooleanField(
        label="上述场所、设施或者财物已被其他国家机关依法查封（第二十三条）", required=False
    )
    emergency = forms.BooleanField(
        label="情况紧急，当场实施，二十四小时内报告负责人补办批准（第十九条）", required=False
    )
    approved_by = forms.ModelChoiceField(
        label="批准的负责人（实施前批准的）", queryset=Officer.objects.none(), required=False
    )
    approved_at = forms.DateTimeField(label="负责人批准时间（实施前批准的）", required=False)
    carried_out_at = forms.DateTimeField(label="实施时间")
    party_present = forms.BooleanField(label="当事人到场", required=False)
    witness = forms.CharField(label="见证人（当事人不到场的）", max_length=100, required=False)
    party_informed = forms.BooleanField(
        label="已当场告知当事人查封、扣押的理由、依据以及依法享有的权利、救济途径（第十八条第五项）", required=False
    )
    statement_heard = forms.BooleanField(label="已听取当事人的陈述和申辩（第十八条第六项）", required=False)
    party_statement = text("当事人的陈述和申辩（要点）", required=False)
    record_signature = forms.ChoiceField(label="现场笔录签名", choices=RecordSignature.choices)
    custody = forms.ChoiceField(
        label="保管（第二十六条）", choices=Custody.choices, initial=Custody.AGENCY, required=False
    )
    custodian = forms.CharField(label="受托保管的第三人（委托保管的）", max_length=200, required=False)

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "approved_by").queryset = Officer.objects.filter(
                agency_id=case.agency_id, is_active=True
            )

    def clean_custody(self) -> str:
        return self.cleaned_data.get("custody") or Custody.AGENCY

    def clean_items(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError("请逐项列明查封、扣押的场所、设施或者财物的名称、数量。", code="required")
        return "\n".join(lines)


class _OnSeizureForm(TransitionForm):
    seizure = forms.ModelChoiceField(label="查封、扣押", queryset=Seizure.objects.none())

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "seizure").queryset = Seizure.objects.filter(case=case, ended="")


class EmergencySeizureApprovalForm(_OnSeizureForm):
    """第十九条: the head approves the seizure carried out in an emergency, or — thinking it should not have been
    taken — disapproves it: released at once, the property returned (第二十八条第二款)."""

    approved = forms.TypedChoiceField(
        label="负责人决定",
        choices=[("yes", "批准（补办批准手续）"), ("no", "不应当采取查封、扣押，立即解除")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    opinion = text("意见和理由（不予批准的必填）", required=False)
    returned_on = forms.DateField(label="退还财物日期（不予批准的；默认今天）", required=False)


class SeizureTestingStartForm(_OnSeizureForm):
    """检测、检验、检疫或者技术鉴定 (第二十五条第三款)."""

    purpose = forms.CharField(label="检测、检验、检疫或者技术鉴定的事项", max_length=200, required=False)
    started_on = forms.DateField(label="开始日期")
    until = forms.DateField(label="告知的期间届满日", required=False)
    notified_on = forms.DateField(label="书面告知当事人日期", required=False)


class SeizureTestingEndForm(_OnSeizureForm):
    ended_on = forms.DateField(label="结束日期")


class SeizureReleaseForm(_OnSeizureForm):
    """解除查封、扣押 (第二十八条)."""

    decided_on = forms.DateField(label="解除决定日期")
    ground = forms.ChoiceField(label="解除理由", choices=ReleaseGround.choices)
    returned_on = forms.DateField(label="退还财物日期")
    note = text("说明", required=False)


class SeizureDisposalForm(_OnSeizureForm):
    """对查封、扣押物品的处理决定 (第二十七条)."""

    decided_on = forms.DateField(label="处理决定日期")
    disposal = forms.ChoiceField(label="处理方式", choices=DisposalKind.choices)
    note = text("依据和说明")
