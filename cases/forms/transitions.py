"""The payload of each transition, validated once for the pages and the API alike.

Forms check the shape of the input (400 with field errors); the rules of law are
guards (409 with reasons). Issues 4 and 5 enrich the payloads of the notice,
hearing, review, decision, service and payment steps with their own records.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from kernel.forms import ActionForm, choice_field, model_choice_field
from kernel.validators import validate_division_code
from matters.choices import PenaltyKind
from matters.models import BenchmarkTier
from matters.selectors import current_benchmark
from officers.models import Officer, policy_for

from ..choices import (
    CaseStatus,
    HearingGrant,
    HearingOutcome,
    MitigationGround,
    NoPenaltyGround,
    Outcome,
    TranscriptSignature,
)
from ..discussion_criteria import LABELS, criteria_of_proposal, described
from ..models import ChairRecusal, Party
from ..models.execution import AnnouncementGround, OnSpotGround, PaymentChannel, ServiceMethod
from ..selectors import current_report
from .fields import MoneyField, PenaltyKindsField, text

SUMMARY_KINDS = [
    (PenaltyKind.WARNING.value, PenaltyKind.WARNING.label),
    (PenaltyKind.FINE.value, PenaltyKind.FINE.label),
]


class TransitionForm(ActionForm):
    """The form of a transition (every action's form takes the case: ``kernel.forms.ActionForm``)."""


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
    # 行政处罚法 第五十一条 “违法事实确凿”: what the officers saw or took on the spot (the decision prints it).
    evidence = text("证据（当场检查、拍照、询问等情况）", required=False, rows=2)
    legal_basis = text("处罚依据")
    place = forms.CharField(label="处罚地点", max_length=200)
    # 行政处罚法 第二十二条: the place of violation, checked against the agency's area (guards.jurisdiction).
    violation_division_code = forms.CharField(
        label="违法行为发生地行政区划代码",
        max_length=6,
        required=False,
        validators=[validate_division_code],
        help_text="六位代码，如150203（昆都仑区）；本机关设置了管辖区域的，必须填写。",
    )
    # 行政处罚法 第二十八条第一款 (guards.correction.correction_ordered).
    correction = text("责令改正的内容（由决定书载明）", required=False, rows=2)
    violation_ended = text("违法行为已经终止的，写明终止的情况（无需责令改正）", required=False, rows=2)


class ReportForm(TransitionForm):
    """调查终结报告 and its proposal: conclude_investigation and revise_proposal (行政处罚法 第五十七条)."""

    report = text("调查终结报告", rows=5)
    # 行政处罚法 第五十九条第一款第二项: what the decision's “经查” prints.
    facts = text(
        "调查认定的违法事实（决定书“经查”部分）", required=False, rows=4
    )  # guards.deciding.established_facts_stated
    # 行政处罚法 第二十八条第一款 (guards.correction.correction_ordered).
    correction = text("责令改正的内容（由决定书载明；已另行制作责令改正通知书的可不填）", required=False, rows=2)
    violation_ended = text("违法行为已经终止的，写明终止的情况（无需责令改正）", required=False, rows=2)
    outcome = forms.ChoiceField(label="处理意见", choices=Outcome.choices)
    no_penalty_ground = forms.ChoiceField(
        label="不予处罚的理由", choices=[("", "—"), *NoPenaltyGround.choices], required=False
    )
    transfer_organ = forms.CharField(label="移送机关", max_length=120, required=False)
    penalty_kinds = PenaltyKindsField(label="拟处罚种类")
    fine_amount = MoneyField(label="拟罚款金额（元）")
    illegal_gains = MoneyField(label="拟没收违法所得（元）")
    illegal_gains_found = MoneyField(label="查明的违法所得（元）")
    gains_refunded = forms.BooleanField(label="违法所得依法应当退赔（第二十八条第二款）", required=False)
    confiscation = text("拟没收非法财物", required=False, rows=2)
    confiscation_value = MoneyField(label="非法财物价值（元）")
    base_amount = MoneyField(label="计罚基数（违法所得或货值金额，元）")
    tier = forms.ModelChoiceField(label="适用裁量档次", queryset=BenchmarkTier.objects.none(), required=False)
    circumstances = text("认定的情节", required=False, rows=3)
    outside_tier_justification = text("超出档次幅度的书面理由", required=False, rows=3)
    mitigation_ground = forms.ChoiceField(
        label="减轻处罚的法定情形", choices=[("", "—"), *MitigationGround.choices], required=False
    )
    major_public_interest = forms.BooleanField(label="涉及重大公共利益", required=False)
    major_rights = forms.BooleanField(
        label="直接关系当事人或者第三人重大权益",
        required=False,
        help_text="经过听证程序的，应当进行法制审核（第五十八条第一款第二项）。",
    )
    complex_facts = forms.BooleanField(label="案件情况疑难复杂、涉及多个法律关系", required=False)
    # 行政处罚法 第五十七条第二款: each answered with its reasons; either "yes" puts a penalty before the heads.
    complex_circumstances = forms.BooleanField(label="情节复杂（须经负责人集体讨论决定）", required=False)
    complex_circumstances_reason = text("认定或者不认定情节复杂的理由", required=False, rows=2)
    serious_violation = forms.BooleanField(label="重大违法行为（须经负责人集体讨论决定）", required=False)
    serious_violation_reason = text("认定或者不认定重大违法行为的理由", required=False, rows=2)

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            benchmark = current_benchmark(case.matter, on=timezone.localdate())
            if benchmark is not None:
                model_choice_field(self, "tier").queryset = benchmark.tiers.all()
            choice_field(self, "penalty_kinds").choices = [
                (k, PenaltyKind(k).label) for k in case.matter.penalty_kinds if k in PenaltyKind.values
            ]
            # 行政处罚法 第五十七条第二款 and the agency's documented criteria (cases.discussion_criteria).
            for flag, items in described(policy_for(case.agency)).items():
                label, criteria = LABELS[flag], "、".join(items)
                said = f"本机关政策（第五十七条第二款）：拟{criteria}的，认定为{label}，预先勾选且不能取消。"
                self.fields[flag].help_text = said

    def lock_criteria(self, data: dict) -> dict[str, list[str]]:
        """The answers the agency's criteria pre-set for the proposal ``data``: shown ticked and locked, the criteria
        met as the reason (the guard ``discussion_criteria_applied`` refuses a report that clears one)."""
        if self.case is None:
            return {}
        met = criteria_of_proposal(data, case=self.case, policy=policy_for(self.case.agency))
        for flag, criteria in met.items():
            field = self.fields[flag]
            field.disabled, field.initial = True, True
            self.initial[flag] = True
            field.help_text = f"依本机关规定预先认定，不能取消：{'；'.join(criteria)}（第五十七条第二款）。"
            reason = (self.initial.get(f"{flag}_reason") or "").strip()
            self.initial[f"{flag}_reason"] = _with_criteria(reason, criteria)
        return met

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        for flag, criteria in self.lock_criteria(cleaned).items():
            cleaned[flag] = True
            cleaned[f"{flag}_reason"] = _with_criteria((cleaned.get(f"{flag}_reason") or "").strip(), criteria)
        return cleaned


def _with_criteria(reason: str, criteria: list[str]) -> str:
    """The criteria met, then the handler's own reason (once: a resubmitted form already carries them)."""
    stated = "；".join(criteria)
    if stated in reason:
        return reason
    return f"{stated}。{reason}" if reason else f"{stated}。"


class NotifyForm(TransitionForm):
    served_on = forms.DateField(label="告知书送达日期")
    facts = text("违法事实")
    reasons = text("理由")
    basis = text("依据")
    rights = text("告知的权利（留空则按法定内容生成）", required=False)
    # 行政处罚法 第六十三条第一款第五项、第六项: the handler may grant the hearing right beyond the computed grounds.
    hearing_granted_under = forms.ChoiceField(
        label="另行告知听证权利的依据", choices=[("", "（不另行告知）"), *HearingGrant.choices], required=False
    )
    hearing_granted_reason = text("另行告知听证权利的理由（第六项须写明法律、法规、规章的条款）", required=False)

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            # The facts the investigation established (the report), not the lead's text.
            report = current_report(case)
            self.fields["facts"].initial = (report.facts if report else "") or case.facts
            matter = case.matter
            self.fields["basis"].initial = f"违反{matter.violated_provision}，依据{matter.penalty_provision}"


class StatementForm(TransitionForm):
    received_on = forms.DateField(label="提出日期")
    content = text("当事人陈述、申辩意见")
    answer = text("复核意见")
    adopted = forms.BooleanField(label="意见成立并采纳", required=False)


class WaiverForm(TransitionForm):
    waived_on = forms.DateField(label="放弃日期")
    note = text("当事人明确放弃陈述、申辩和听证的表示（书面或笔录）")


class HearingRequestForm(TransitionForm):
    requested_on = forms.DateField(label="申请听证日期（收到日期）")
    posted_on = forms.DateField(
        label="邮寄日期（当事人邮寄申请的，填邮戳日期）",
        required=False,
        help_text="期间不包括在途时间：在期限内交邮的，不算逾期。",
    )


class ScheduleHearingForm(TransitionForm):
    chair = forms.ModelChoiceField(label="听证主持人", queryset=Officer.objects.none())
    hearing_notice_served_on = forms.DateField(label="听证通知送达日期")
    hearing_on = forms.DateField(label="听证日期")
    place = forms.CharField(label="听证地点", max_length=200)
    public = forms.BooleanField(label="公开举行", required=False, initial=True)
    not_public_reason = forms.CharField(label="不公开的理由", max_length=200, required=False)
    agents = forms.CharField(
        label="委托代理人（每行一人，至多二人）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "chair").queryset = Officer.objects.filter(
                agency_id=case.agency_id, is_hearing_chair=True, is_active=True
            )

    def clean_agents(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("agents", "").splitlines() if line.strip()]


class HoldHearingForm(TransitionForm):
    outcome = forms.ChoiceField(label="听证结果", choices=HearingOutcome.choices)
    ended_on = forms.DateField(label="听证（终止）日期")
    transcript = text("听证笔录", required=False, rows=4)
    report = text("听证报告", required=False, rows=3)
    # 行政处罚法 第六十四条第八项
    transcript_signature = forms.ChoiceField(
        label="笔录核对签字", choices=[("", "（未核对签字）"), *TranscriptSignature.choices], required=False
    )
    signature_refusal_note = text("拒绝签字或者盖章的，主持人的注明", required=False)


class ApplyChairRecusalForm(ActionForm):
    """当事人申请听证主持人回避 (行政处罚法 第六十四条第四项), recorded by a handler."""

    party = forms.ModelChoiceField(label="申请回避的当事人", queryset=Party.objects.none())
    applied_on = forms.DateField(label="当事人申请回避日期", widget=forms.DateInput(attrs={"type": "date"}))
    grounds = text("申请理由（主持人与本案有直接利害关系的情形）")

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "party").queryset = case.parties.order_by("pk")


class DecideChairRecusalForm(ActionForm):
    """负责人对听证主持人回避申请的决定 (第六十四条第四项), with its reasons."""

    application = forms.ModelChoiceField(label="回避申请", queryset=ChairRecusal.objects.none())
    granted = forms.BooleanField(label="决定回避", required=False)
    decision = text("负责人的决定及理由")
    decided_on = forms.DateField(label="决定日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "application").queryset = ChairRecusal.objects.filter(
                hearing__notice__case=case, decided_on__isnull=True
            ).select_related("chair")


class SubmitReviewForm(TransitionForm):
    note = text("提请说明", required=False)


class PassReviewForm(TransitionForm):
    reviewed_on = forms.DateField(label="审核日期", required=False, help_text="不填为今天。")
    opinions = text("审核意见", required=False)


class ReturnReviewForm(TransitionForm):
    back_to = forms.TypedChoiceField(
        label="退回",
        choices=[
            (CaseStatus.INVESTIGATING.value, "补充调查"),
            (CaseStatus.INVESTIGATED.value, "变更处理意见（须重新告知）"),
        ],
    )
    reviewed_on = forms.DateField(label="审核日期", required=False, help_text="不填为今天。")
    opinions = text("书面审核意见")


class DecideForm(TransitionForm):
    outcome = forms.ChoiceField(
        label="决定", choices=[(Outcome.PENALTY.value, "给予行政处罚"), (Outcome.NO_PENALTY.value, "不予行政处罚")]
    )
    decided_on = forms.DateField(label="决定日期")
    # 行政处罚法 第三十条、第三十一条、第三十三条: the ground the 不予行政处罚决定书 cites
    # (guards.deciding.no_penalty_ground_stated).
    no_penalty_ground = forms.ChoiceField(
        label="不予处罚的法定理由", choices=[("", "—"), *NoPenaltyGround.choices], required=False
    )
    decided_penalty_kinds = PenaltyKindsField(label="处罚种类")
    decided_fine_amount = MoneyField(label="罚款金额（元）")
    decided_illegal_gains = MoneyField(label="没收违法所得（元）")
    decided_confiscation = text("没收非法财物", required=False, rows=2)
    # 行政处罚法 第四十五条: the value is compared with the one notified (guards.deciding.within_notice).
    decided_confiscation_value = MoneyField(label="没收非法财物价值（元）")


class ServeForm(TransitionForm):
    """送达行政处罚决定书 (行政处罚法 第六十一条): what each method needs is a guard (``guards.execution``)."""

    served_on = forms.DateField(
        label="送达日期",
        required=False,
        help_text="公告送达的无需填写：自公告之日起经过三十日视为送达，由系统计算（民事诉讼法第九十五条）。",
    )
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)
    recipient = forms.CharField(label="受送达人或签收人", max_length=120, required=False)
    address = forms.CharField(label="送达地址（电子送达填确认的传真号码或电子地址）", max_length=200, required=False)
    witnesses = text("留置送达：拒收事由、见证人或者拍照录像情况", required=False, rows=2)
    tracking_number = forms.CharField(label="邮寄送达：邮件编号", max_length=60, required=False)
    consent_signed_on = forms.DateField(label="电子送达：当事人签订确认书的日期", required=False)
    announced_on = forms.DateField(label="公告送达：公告日期", required=False)
    announcement_ground = forms.ChoiceField(
        label="公告送达：事由", choices=[("", "—"), *AnnouncementGround.choices], required=False
    )
    announcement_attempts = text("公告送达：查找下落或者其他方式无法送达的情况", required=False, rows=2)
    note = text("说明（拒绝签收等情况）", required=False, rows=2)


class PaymentForm(TransitionForm):
    """登记缴款 from the bank's receipt, or an on-the-spot collection (行政处罚法 第六十七条至第七十条)."""

    paid_on = forms.DateField(label="缴款（收缴）日期")
    amount = MoneyField(label="金额（元）", required=True)
    channel = forms.ChoiceField(label="缴款途径", choices=PaymentChannel.choices, initial=PaymentChannel.BANK)
    bank = forms.CharField(label="代收机构（指定银行）", max_length=120, required=False)
    receipt_number = forms.CharField(label="银行罚款收据号码（当场收缴的，填财政部门专用票据号码）", max_length=60)
    on_spot_ground = forms.ChoiceField(
        label="当场收缴的情形", choices=[("", "—"), *OnSpotGround.choices], required=False
    )
    on_spot_reason = text("当场收缴的具体理由（事后难以执行的情况，或者所在地区）", required=False, rows=2)
    party_requested = forms.BooleanField(label="当事人提出当场缴纳（第六十九条）", required=False)
    on_water = forms.BooleanField(label="在水上当场收缴（自抵岸之日起二日内上交）", required=False)


class CloseForm(TransitionForm):
    report = text("结案报告", rows=4)
    execution_note = text("执行情况（罚款以外的处罚种类如何执行）", required=False, rows=2)


class TransferForm(TransitionForm):
    organ = forms.CharField(label="移送机关", max_length=120)
    reason = text("移送理由")
