"""The payloads of the execution and publication actions that are not transitions (``cases.actions.execution``,
``cases.actions.publication``): one form per action, for the page and the API alike. Field names are the keyword
arguments of ``cases.services.execution``; forms check shape, ``guards.execution`` checks the law. The record an
action acts on is named in the payload (the payment, the service, the publication) or is the case's pending one
(the remedy, the reminder, the court application)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.db.models import Q

from kernel.forms import choice_field, model_choice_field
from matters.choices import PenaltyKind

from ..models.compulsion import StatementReview, SuspensionGround, TerminationGround
from ..models.execution import (
    ArrangementKind,
    CourtOutcome,
    Payment,
    PaymentChannel,
    Service,
    ServiceMethod,
)
from ..models.publication import NonPublicationReason, Publication, PublicationChannel
from ..models.remedies import CorrectionOutcome, RemedyKind, RemedyOutcome
from .fields import MoneyField, text
from .transitions import ServeForm, TransitionForm


class ReminderServiceForm(ServeForm):
    """催告书的送达 (行政强制法 第三十八条): directly, else by the Civil Procedure Law's methods."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "method").choices = [c for c in ServiceMethod.choices if c[0] != ServiceMethod.ON_SPOT]
        self.fields["method"].initial = ServiceMethod.DIRECT


class OnSpotFilingForm(TransitionForm):
    """当场处罚决定的备案 (行政处罚法 第五十二条第三款)."""

    filed_on = forms.DateField(label="备案日期")
    note = text("备案情况", required=False, rows=2)


class HandoverForm(TransitionForm):
    """当场收缴罚款的上交 (行政处罚法 第七十一条)."""

    payment = forms.ModelChoiceField(label="当场收缴的罚款", queryset=Payment.objects.none())
    landed_on = forms.DateField(label="抵岸日期（水上收缴）", required=False)
    handed_to_agency_on = forms.DateField(label="交至行政机关日期", required=False)
    deposited_on = forms.DateField(label="缴付指定银行日期", required=False)

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "payment").queryset = Payment.objects.filter(
                case=case, channel=PaymentChannel.ON_SPOT
            ).filter(Q(handed_to_agency_on__isnull=True) | Q(deposited_on__isnull=True))


class ArrangementForm(TransitionForm):
    """暂缓或者分期缴纳 (行政处罚法 第六十六条第二款)."""

    kind = forms.ChoiceField(label="方式", choices=ArrangementKind.choices)
    applied_on = forms.DateField(label="当事人申请日期")
    reason = text("当事人确有经济困难的情况")
    deferred_until = forms.DateField(label="暂缓至", required=False)
    instalments = forms.CharField(
        label="分期计划（每行一期：日期 金额，如 2026-07-15 500）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_instalments(self) -> list[tuple[datetime.date, Decimal]]:
        plan = []
        for number, line in enumerate(self.cleaned_data.get("instalments", "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = line.replace("，", " ").replace(",", " ").split()
            try:
                due_on, amount = datetime.date.fromisoformat(parts[0]), Decimal(parts[1])
            except (IndexError, ValueError, InvalidOperation):
                raise forms.ValidationError(f"第{number}行应为“日期 金额”，如 2026-07-15 500。") from None
            plan.append((due_on, amount.quantize(Decimal("0.01"))))
        return plan

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ArrangementKind.DEFERRAL and not data.get("deferred_until"):
            self.add_error("deferred_until", "请填写暂缓缴纳的期限。")
        if kind == ArrangementKind.INSTALMENTS and not data.get("instalments"):
            self.add_error("instalments", "请填写分期计划。")
        return data


class RemedyForm(TransitionForm):
    kind = forms.ChoiceField(label="救济途径", choices=RemedyKind.choices)
    filed_on = forms.DateField(label="申请或者起诉日期（复议机关或者人民法院收到之日）")
    posted_on = forms.DateField(label="邮寄提出的：交邮日期（邮戳日期）", required=False)
    organ = forms.CharField(label="复议机关或者人民法院", max_length=120)
    reference = forms.CharField(label="案号", max_length=60, required=False)


class RemedyOutcomeForm(TransitionForm):
    outcome = forms.ChoiceField(label="结果", choices=RemedyOutcome.choices)
    decided_on = forms.DateField(label="复议决定或者裁判日期")
    received_on = forms.DateField(
        label="送达日期（复议决定书、调解书或者裁判文书送达当事人之日）",
        required=False,
        help_text="复议决定自送达之日起生效；第一审判决、裁定在上诉期满后生效：加处罚款在此之前不予计算（第七十三条第三款）。",
    )
    changed_fine_amount = MoneyField(label="变更后的罚款金额（元，变更时填写）")
    note = text("说明", required=False, rows=2)


class ReminderForm(TransitionForm):
    """催告书 (行政强制法 第三十五条): the amount is computed on the issue date (unpaid fine, gains, surcharge)."""

    issued_on = forms.DateField(label="催告日期")
    performance_deadline = forms.DateField(label="履行期限")
    manner = forms.CharField(label="给付方式（缴款银行或者电子支付途径）", max_length=200)


class PerformanceForm(TransitionForm):
    """履行 of a penalty that is performed, not paid (行政处罚法 第九条): its kind and date."""

    kind = forms.ChoiceField(
        label="处罚种类",
        choices=[(value, label) for value, label in PenaltyKind.choices if value not in ("fine", "confiscate_gains")],
    )
    performed_on = forms.DateField(label="履行日期")
    note = text("履行情况", required=False, rows=2)


class PartyStatementForm(TransitionForm):
    """当事人收到催告书后的陈述、申辩 (行政强制法 第三十六条)."""

    received_on = forms.DateField(label="收到陈述、申辩日期")
    content = text("当事人提出的事实、理由和证据", rows=4)


class StatementReviewForm(TransitionForm):
    """对陈述、申辩的复核 (行政强制法 第三十六条): what holds is adopted."""

    review = forms.ChoiceField(label="复核结论", choices=StatementReview.choices)
    reviewed_on = forms.DateField(label="复核日期")
    reasons = text("复核理由（不予采纳的必填）", required=False, rows=3)


class SuspensionForm(TransitionForm):
    """中止执行 (行政强制法 第三十九条)."""

    ground = forms.ChoiceField(label="中止执行的情形", choices=SuspensionGround.choices)
    facts = text("事实和理由")
    suspended_on = forms.DateField(label="中止执行日期")


class ResumptionForm(TransitionForm):
    """恢复执行 (行政强制法 第三十九条第二款)."""

    resumed_on = forms.DateField(label="恢复执行日期")
    reason = text("中止执行的情形消失的情况")


class TerminationForm(TransitionForm):
    """终结执行 (行政强制法 第四十条; 第三十九条第二款)."""

    ground = forms.ChoiceField(label="终结执行的情形", choices=TerminationGround.choices)
    facts = text("事实和理由")
    terminated_on = forms.DateField(label="终结执行日期")


class AgreementForm(TransitionForm):
    """执行协议 (行政强制法 第四十二条)."""

    agreed_on = forms.DateField(label="达成协议日期")
    terms = text("履行安排（分阶段履行的期限和金额）", required=False, rows=3)
    remedial_measures = text("当事人采取的补救措施（减免加处罚款的必填）", required=False, rows=2)
    surcharge_relief = MoneyField(label="减免的加处罚款（元）")
    public_interest_unharmed = forms.BooleanField(label="不损害公共利益和他人合法权益", required=False)


class AgreementBreachForm(TransitionForm):
    """当事人不履行执行协议 (行政强制法 第四十二条第二款): enforcement resumes."""

    breached_on = forms.DateField(label="不履行协议的日期")
    note = text("不履行协议的情况")


class CourtApplicationForm(TransitionForm):
    filed_on = forms.DateField(label="申请日期")
    court = forms.CharField(label="有管辖权的人民法院", max_length=120)


class CourtOutcomeForm(TransitionForm):
    outcome = forms.ChoiceField(label="法院裁定", choices=CourtOutcome.choices)
    decided_on = forms.DateField(label="裁定日期")
    note = text("说明", required=False, rows=2)


class PublicationForm(TransitionForm):
    """公开行政处罚决定 (行政处罚法 第四十八条; 国办发〔2018〕118号): where and when; what is published is taken from
    the decision, the party's name masked."""

    published_on = forms.DateField(label="公开日期")
    channel = forms.ChoiceField(label="公开渠道", choices=PublicationChannel.choices)
    channel_detail = forms.CharField(label="网站或者栏目名称（选择“其他”时必填）", max_length=200, required=False)
    url = forms.URLField(label="网址", max_length=500, required=False, assume_scheme="https")
    note = text("说明", required=False, rows=2)

    def clean(self):
        data = super().clean()
        if data.get("channel") == PublicationChannel.OTHER and not (data.get("channel_detail") or "").strip():
            self.add_error("channel_detail", "请注明公开的网站或者栏目。")
        return data


class PublicationWithdrawalForm(TransitionForm):
    """撤回已公开的行政处罚决定信息并公开说明理由 (行政处罚法 第四十八条第二款): the publication named, or the case's
    live one."""

    publication = forms.ModelChoiceField(
        label="撤回的公开信息", queryset=Publication.objects.none(), required=False, widget=forms.HiddenInput
    )
    withdrawn_on = forms.DateField(label="撤回日期")
    reason = text("撤回理由（将公开说明）", rows=2)

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "publication").queryset = case.publications.all()


class NonPublicationForm(TransitionForm):
    """依法决定不予公开 (行政处罚法 第五十条; 政府信息公开条例 第十四条至第十六条): the ground and what it rests on."""

    decided_on = forms.DateField(label="决定日期")
    reason = forms.ChoiceField(label="不予公开的理由", choices=NonPublicationReason.choices)
    detail = text("具体说明（涉及的秘密、隐私或者条例条款）", rows=2)


class NonPublicationLiftForm(TransitionForm):
    """解除不予公开的决定: the ground ceased; the duty to publish reopens from this day."""

    lifted_on = forms.DateField(label="解除日期")
    reason = text("解除理由（如不予公开的情形已经消失）", rows=2)


class DecisionCorrectionForm(TransitionForm):
    """行政机关自行纠正行政处罚决定 (行政处罚法 第七十五条第二款): change or revoke, with the reasons."""

    outcome = forms.ChoiceField(label="纠正方式", choices=CorrectionOutcome.choices)
    decided_on = forms.DateField(label="纠正决定日期")
    changed_fine_amount = MoneyField(label="变更后的罚款金额（元，变更时填写）")
    reasons = text("纠正理由（发现的错误）", rows=3)


class ServiceReceiptForm(TransitionForm):
    """The scanned 送达回证 of one service of the case: a photo or a PDF (the upload is sniffed, never trusted)."""

    service = forms.ModelChoiceField(label="送达记录", queryset=Service.objects.none())
    file = forms.FileField(label="送达回证扫描件（照片或 PDF）")

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "service").queryset = case.services.all()
