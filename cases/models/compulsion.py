"""Steps of the agency's own execution (行政强制法 第四章第一节).

- :class:`PartyStatement` — the party's statement after a 催告 and the agency's review of it (第三十六条): the
  agency records what the party states and reviews it, adopting what holds; printed under 当事人的意见 in the
  强制执行申请书 (第五十五条第三项).
- :class:`ExecutionSuspension` — 中止执行 and its resumption (第三十九条); after three years of suspension the
  deadline ``execution_suspension`` has run and the agency may stop (第三十九条第二款).
- :class:`ExecutionTermination` — 终结执行 (第四十条; 第三十九条第二款).
- :class:`ExecutionAgreement` — 执行协议 (第四十二条): staged performance, and the surcharge reduced or waived where
  the party took remedial measures; the ledger (``cases.guards.execution.ledger_of``) applies the relief while the
  agreement holds; breached, enforcement resumes and the relief lapses.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from .execution import Reminder


class StatementReview(models.TextChoices):
    """行政强制法 第三十六条: the facts, reasons or evidence that hold are adopted. Empty until reviewed."""

    ADOPTED = "adopted", "成立，予以采纳"
    NOT_ADOPTED = "not_adopted", "不成立，不予采纳"


class PartyStatement(models.Model):
    """当事人收到催告书后的陈述、申辩 and its 复核 (行政强制法 第三十六条)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="party_statements")
    reminder = models.ForeignKey(
        Reminder, verbose_name="催告", on_delete=models.PROTECT, related_name="party_statements"
    )
    received_on = models.DateField("收到陈述、申辩日期")
    content = models.TextField("当事人提出的事实、理由和证据")
    review = models.CharField("复核结论", max_length=20, choices=StatementReview.choices, blank=True)
    review_reasons = models.TextField("复核理由", blank=True)
    reviewed_on = models.DateField("复核日期", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "officers.Officer", verbose_name="复核人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "催告后的陈述、申辩"
        verbose_name_plural = "催告后的陈述、申辩"
        ordering = ["case", "received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review="") | models.Q(reviewed_on__isnull=False),
                name="party_statement_review_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"陈述、申辩（{self.received_on:%Y-%m-%d}）"


class SuspensionGround(models.TextChoices):
    """行政强制法 第三十九条第一款."""

    HARDSHIP = "hardship", "当事人履行行政决定确有困难或者暂无履行能力（第一项）"
    THIRD_PARTY_CLAIM = "third_party_claim", "第三人对执行标的主张权利，确有理由（第二项）"
    IRREPARABLE_LOSS = "irreparable_loss", "执行可能造成难以弥补的损失，且中止执行不损害公共利益（第三项）"
    OTHER = "other", "行政机关认为需要中止执行的其他情形（第四项）"


class ExecutionSuspension(models.Model):
    """中止执行 (行政强制法 第三十九条): recorded with its ground; resumed once the ground is gone (第二款)."""

    case = models.ForeignKey(
        "Case", verbose_name="案件", on_delete=models.PROTECT, related_name="execution_suspensions"
    )
    ground = models.CharField("中止执行的情形", max_length=20, choices=SuspensionGround.choices)
    facts = models.TextField("事实和理由")
    suspended_on = models.DateField("中止执行日期")
    resumed_on = models.DateField("恢复执行日期", null=True, blank=True)
    resume_reason = models.TextField("中止执行的情形消失的情况", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "中止执行"
        verbose_name_plural = "中止执行"
        ordering = ["case", "suspended_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(resumed_on__isnull=True), name="one_running_suspension_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(resumed_on__isnull=True) | models.Q(resumed_on__gte=models.F("suspended_on")),
                name="suspension_resumed_after_it_began",
            ),
        ]

    def __str__(self) -> str:
        return f"中止执行（{self.suspended_on:%Y-%m-%d}）"


class TerminationGround(models.TextChoices):
    """行政强制法 第四十条; 第三十九条第二款."""

    DECEASED = "deceased", "公民死亡，无遗产可供执行，又无义务承受人（第四十条第一项）"
    DISSOLVED = "dissolved", "法人或者其他组织终止，无财产可供执行，又无义务承受人（第四十条第二项）"
    OBJECT_LOST = "object_lost", "执行标的灭失（第四十条第三项）"
    REVOKED = "revoked", "据以执行的行政决定被撤销（第四十条第四项）"
    OTHER = "other", "行政机关认为需要终结执行的其他情形（第四十条第五项）"
    SUSPENDED_THREE_YEARS = (
        "suspended_three_years",
        "没有明显社会危害，当事人确无能力履行，中止执行满三年未恢复执行（第三十九条第二款）",
    )


class ExecutionTermination(models.Model):
    """终结执行 (行政强制法 第四十条), or 不再执行 after three years of suspension (第三十九条第二款): execution ends
    and the case may close."""

    case = models.OneToOneField(
        "Case", verbose_name="案件", on_delete=models.PROTECT, related_name="execution_termination"
    )
    ground = models.CharField("终结执行的情形", max_length=30, choices=TerminationGround.choices)
    facts = models.TextField("事实和理由")
    terminated_on = models.DateField("终结执行日期")
    suspension = models.ForeignKey(
        ExecutionSuspension,
        verbose_name="中止执行",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="终结时尚未恢复的中止执行。",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "终结执行"
        verbose_name_plural = "终结执行"

    def __str__(self) -> str:
        return f"终结执行（{self.terminated_on:%Y-%m-%d}）"


class ExecutionAgreement(models.Model):
    """执行协议 (行政强制法 第四十二条): made without harm to the public interest or others' lawful rights; it may
    stage the performance, and reduce or waive the surcharge where the party took remedial measures. A breach
    resumes enforcement (第二款)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="execution_agreements")
    agreed_on = models.DateField("达成协议日期")
    terms = models.TextField("履行安排（分阶段履行的期限和金额）", blank=True)
    remedial_measures = models.TextField("当事人采取的补救措施", blank=True)
    surcharge_relief = models.DecimalField(
        "减免的加处罚款（元）",
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    approved_by = models.ForeignKey(
        "officers.Officer", verbose_name="批准的负责人", on_delete=models.PROTECT, related_name="+"
    )
    breached_on = models.DateField("当事人不履行协议的日期", null=True, blank=True)
    breach_note = models.TextField("不履行协议的情况", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "执行协议"
        verbose_name_plural = "执行协议"
        ordering = ["case", "agreed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(breached_on__isnull=True), name="one_agreement_in_force_per_case"
            ),
            models.CheckConstraint(condition=models.Q(surcharge_relief__gte=0), name="agreement_relief_not_negative"),
        ]

    def __str__(self) -> str:
        return f"执行协议（{self.agreed_on:%Y-%m-%d}）"
