"""The payload of each transition, validated once for the pages and the API alike.

Forms check the shape of the input (400 with field errors); the rules of law are
guards (409 with reasons). Issues 4 and 5 enrich the payloads of the notice,
hearing, review, decision, service and payment steps with their own records.
"""

from __future__ import annotations

from django import forms

from matters.choices import PenaltyKind
from officers.models import Officer

from ..choices import CaseStatus
from .fields import MoneyField, PenaltyKindsField, text

SUMMARY_KINDS = [
    (PenaltyKind.WARNING.value, PenaltyKind.WARNING.label),
    (PenaltyKind.FINE.value, PenaltyKind.FINE.label),
]


class TransitionForm(forms.Form):
    def __init__(self, *args, case=None, **kwargs) -> None:
        self.case = case
        super().__init__(*args, **kwargs)


class OpinionForm(TransitionForm):
    opinion = text("意见", required=False)


class ReasonForm(TransitionForm):
    reason = text("理由")


class FileForm(TransitionForm):
    opinion = text("审批意见", required=False)


class DecideOnSpotForm(TransitionForm):
    penalty_kinds = PenaltyKindsField(choices=SUMMARY_KINDS, required=True)
    fine_amount = MoneyField(label="罚款金额（元）")
    facts = text("违法事实", required=False)
    legal_basis = text("处罚依据")
    place = forms.CharField(label="处罚地点", max_length=200)


class ConcludeInvestigationForm(TransitionForm):
    report = text("调查终结报告", rows=5)
    proposed_penalty_kinds = PenaltyKindsField(label="拟处罚种类")
    proposed_fine_amount = MoneyField(label="拟罚款金额（元）")
    proposed_illegal_gains = MoneyField(label="拟没收违法所得（元）")
    proposed_confiscation = text("拟没收非法财物", required=False, rows=2)


class NotifyForm(TransitionForm):
    served_on = forms.DateField(label="告知书送达日期")
    content = text("告知内容摘要", required=False)


class StatementForm(TransitionForm):
    statement = text("当事人陈述、申辩意见")
    answer = text("复核意见", required=False)


class WaiverForm(TransitionForm):
    waived_on = forms.DateField(label="放弃日期")
    note = text("当事人明确放弃的表示", required=False)


class HearingRequestForm(TransitionForm):
    requested_on = forms.DateField(label="申请听证日期")


class ScheduleHearingForm(TransitionForm):
    hearing_on = forms.DateField(label="听证日期")
    place = forms.CharField(label="听证地点", max_length=200)
    chair = forms.ModelChoiceField(label="听证主持人", queryset=Officer.objects.none())

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            self.fields["chair"].queryset = Officer.objects.filter(
                agency_id=case.agency_id, is_hearing_chair=True, is_active=True
            )


class HoldHearingForm(TransitionForm):
    held_on = forms.DateField(label="听证日期")
    terminated_for_absence = forms.BooleanField(label="当事人无正当理由缺席，终止听证", required=False)
    transcript_summary = text("听证笔录摘要", required=False)


class ReturnReviewForm(TransitionForm):
    back_to = forms.TypedChoiceField(
        label="退回",
        choices=[
            (CaseStatus.INVESTIGATING.value, "补充调查"),
            (CaseStatus.INVESTIGATED.value, "变更处理意见（须重新告知）"),
        ],
    )
    opinion = text("书面审核意见")


class CollectiveDiscussionForm(TransitionForm):
    held_on = forms.DateField(label="讨论日期")
    attendees = forms.ModelMultipleChoiceField(label="参加讨论的负责人", queryset=Officer.objects.none())
    conclusion = text("讨论结论")

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            self.fields["attendees"].queryset = Officer.objects.filter(
                agency_id=case.agency_id, is_head=True, is_active=True
            )


class DecideForm(TransitionForm):
    decided_on = forms.DateField(label="决定日期")
    decided_penalty_kinds = PenaltyKindsField(label="处罚种类")
    decided_fine_amount = MoneyField(label="罚款金额（元）")
    decided_illegal_gains = MoneyField(label="没收违法所得（元）")
    decided_confiscation = text("没收非法财物", required=False, rows=2)


class ServeForm(TransitionForm):
    served_on = forms.DateField(label="送达日期")
    method = forms.ChoiceField(
        label="送达方式",
        choices=[
            ("direct", "直接送达"),
            ("left", "留置送达"),
            ("post", "邮寄送达"),
            ("agent", "委托送达"),
            ("announcement", "公告送达"),
            ("electronic", "电子送达（当事人书面同意）"),
            ("on_spot", "当场交付"),
        ],
    )


class PaymentForm(TransitionForm):
    paid_on = forms.DateField(label="缴款日期")
    amount = MoneyField(label="缴款金额（元）", required=True)
    receipt_number = forms.CharField(label="银行缴款凭证号", max_length=60)


class CloseForm(TransitionForm):
    report = text("结案报告", rows=4)


class TransferForm(TransitionForm):
    organ = forms.CharField(label="移送机关", max_length=120)
    reason = text("移送理由")


class ReferralForm(TransitionForm):
    approved_by = forms.ModelChoiceField(label="批准移送的正职负责人", queryset=Officer.objects.none())
    report = text("涉嫌犯罪案件移送报告")

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            self.fields["approved_by"].queryset = Officer.objects.filter(
                agency_id=case.agency_id, is_principal_head=True, is_active=True
            )


class ResumeForm(TransitionForm):
    police_decision = text("公安机关不予立案的决定及复议情况")
