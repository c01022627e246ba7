"""执行: what follows a decision until the case can be closed (行政处罚法 第六章; 行政强制法 第四章、第五章).

- :class:`Service` — 送达 of the decision (行政处罚法 第六十一条) and of other documents (the 催告书,
  行政强制法 第三十八条), with the method, the date, the recipient and the scanned 送达回证.
- :class:`Payment` — 缴款 from a bank receipt (罚缴分离, 第六十七条), or the on-the-spot collection of
  第六十八条、第六十九条 with its official receipt (第七十条) and its 2-day hand-overs (第七十一条).
- :class:`PaymentArrangement` — 暂缓或者分期缴纳 approved by a head (第六十六条第二款).
- :class:`Remedy` — in ``cases.models.remedies``.
- :class:`Reminder` — 催告 (行政强制法 第三十五条、第五十四条).
- :class:`CourtApplication` — 申请人民法院强制执行 (行政强制法 第五十三条至第五十八条; 行政处罚法 第七十二条).

No record keeps a due date: each period is a deadline of the deadline engine (``deadlines.kinds``), opened
and met by the case events these steps append, counted once by ``clock.periods`` and read back from the stored
row (``deadlines.selectors.deadline_of``; ``cases.guards.execution.clocks``). A late step is recorded and
flagged by its deadline (``Deadline.met_late``), never refused for lateness alone.
The money rules (what is owed, the 3 % surcharge) live in ``cases.surcharge`` and
``cases.guards.execution.ledger_of``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from kernel.money import yuan

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


# --- 送达 ------------------------------------------------------------------------------------------


class ServiceMethod(models.TextChoices):
    """行政处罚法 第六十一条: on the spot after the announcement, else by the methods of the Civil Procedure
    Law; by fax, e-mail etc. only with the party's signed consent (第二款)."""

    ON_SPOT = "on_spot", "当场交付"
    DIRECT = "direct", "直接送达"
    LEFT = "left", "留置送达"
    POST = "post", "邮寄送达"
    AGENT = "agent", "委托送达"
    ANNOUNCEMENT = "announcement", "公告送达"
    ELECTRONIC = "electronic", "电子送达（当事人签订确认书）"


class AnnouncementGround(models.TextChoices):
    """行政处罚法 第六十一条 → 民事诉讼法 第九十五条: 受送达人下落不明，或者用本节规定的其他方式无法送达的，公告送达."""

    WHEREABOUTS_UNKNOWN = "whereabouts_unknown", "受送达人下落不明"
    OTHER_METHODS_FAILED = "other_methods_failed", "用其他方式无法送达"


class ServedDocument(models.TextChoices):
    """Which document was served: the decision, the reminder, or another issued document
    (``Service.issued_document``; ``document_title`` and ``document_number`` copy its title and 文号)."""

    DECISION = "decision", "行政处罚决定书"
    ON_SPOT_DECISION = "on_spot_decision", "当场行政处罚决定书"
    REMINDER = "reminder", "催告书"
    OTHER = "other", "其他执法文书"


DECISION_DOCUMENTS = (ServedDocument.DECISION, ServedDocument.ON_SPOT_DECISION)


class Service(models.Model):
    """送达: one document served on the party, with its 送达回证 (receipt) scanned into the evidence store."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="services")
    document = models.CharField("送达文书", max_length=20, choices=ServedDocument.choices)
    # The issued document served (documents.Document); its title and 文号 are copied as served.
    issued_document = models.ForeignKey(
        "documents.Document",
        verbose_name="送达的执法文书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    document_title = models.CharField("文书名称", max_length=120, blank=True)
    document_number = models.CharField("文号", max_length=60, blank=True)
    method = models.CharField("送达方式", max_length=20, choices=ServiceMethod.choices)
    served_on = models.DateField("送达日期", help_text="公告送达的，为视为送达之日。")
    recipient = models.CharField("受送达人或签收人", max_length=120, blank=True)
    address = models.CharField("送达地址或电子送达地址", max_length=200, blank=True)
    witnesses = models.TextField("见证人或拍照、录像记录", blank=True, help_text="留置送达时填写。")
    tracking_number = models.CharField("邮件编号", max_length=60, blank=True)
    consent_signed_on = models.DateField(
        "电子送达确认书签订日期",
        help_text="行政处罚法 第六十一条第二款：当事人同意并签订确认书。",
        null=True,
        blank=True,
    )
    announced_on = models.DateField("公告日期", null=True, blank=True)
    announcement_ground = models.CharField(
        "公告送达的事由", max_length=30, choices=AnnouncementGround.choices, blank=True
    )
    # What the file shows: how the whereabouts were sought, or which methods were tried and failed.
    announcement_attempts = models.TextField("下落不明或者其他方式无法送达的情况", blank=True)
    note = models.TextField("说明", blank=True, help_text="拒绝签收等情况。")
    # 行政处罚法 第六十一条、第八十五条: the decision is served within 7 working days — the deadline ``service``.

    receipt = models.OneToOneField(
        "Evidence",
        verbose_name="送达回证扫描件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_receipt_of",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "送达"
        verbose_name_plural = "送达"
        ordering = ["case", "served_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(method="electronic") | models.Q(consent_signed_on__isnull=False),
                name="service_electronic_needs_consent",
                violation_error_message="电子送达须经当事人同意并签订确认书。",
            ),
            models.CheckConstraint(
                condition=~models.Q(method="announcement") | models.Q(announced_on__isnull=False),
                name="service_announcement_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}：{self.get_method_display()}（{self.served_on:%Y-%m-%d}）"

    @property
    def title(self) -> str:
        # The issued document's own title when there is one (a 不予行政处罚决定书 is served as the decision).
        return self.document_title or self.get_document_display()

    @property
    def needs_receipt(self) -> bool:
        """A signed 送达回证 exists for direct, left, agent and post (the postal return receipt); the on-the-spot
        decision is signed on the decision itself (第五十二条), announcement and e-service leave their own record."""
        return self.method in (ServiceMethod.DIRECT, ServiceMethod.LEFT, ServiceMethod.AGENT, ServiceMethod.POST)


# --- 缴款 ------------------------------------------------------------------------------------------


class PaymentChannel(models.TextChoices):
    """行政处罚法 第六十七条第三款: to the designated bank or through the electronic payment system;
    the agency itself collects only in the cases of 第六十八条、第六十九条."""

    BANK = "bank", "指定银行（代收机构）"
    ELECTRONIC = "electronic", "电子支付系统"
    ON_SPOT = "on_spot", "执法人员当场收缴"


class OnSpotGround(models.TextChoices):
    SMALL_FINE = "small_fine", "依法给予一百元以下罚款（第六十八条第一项）"
    HARD_LATER = "hard_later", "不当场收缴事后难以执行（第六十八条第二项）"
    REMOTE = "remote", "边远、水上、交通不便地区，当事人提出（第六十九条）"


class Payment(models.Model):
    """缴款: one payment, from the bank's receipt (罚缴分离 — the agency never holds the money), or an
    on-the-spot collection with the official receipt and its hand-overs to the agency and the bank."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField("金额（元）", **MONEY)
    paid_on = models.DateField("缴款（收缴）日期")
    channel = models.CharField("缴款途径", max_length=20, choices=PaymentChannel.choices)
    bank = models.CharField("代收机构", max_length=120, blank=True)
    # 罚缴分离实施办法 第八条: the bank's 罚款收据; 行政处罚法 第七十条: the official receipt of the finance department.
    receipt_number = models.CharField("收据或专用票据号码", max_length=60)

    on_spot_ground = models.CharField("当场收缴的情形", max_length=20, choices=OnSpotGround.choices, blank=True)
    on_spot_reason = models.TextField("当场收缴的具体理由", blank=True)
    party_requested = models.BooleanField("当事人提出当场缴纳", default=False, help_text="第六十九条。")
    on_water = models.BooleanField(
        "在水上当场收缴", default=False, help_text="第七十一条：自抵岸之日起二日内交至行政机关。"
    )
    collected_by = models.ForeignKey(
        "officers.Officer", verbose_name="收缴人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 行政处罚法 第七十一条、第八十五条: to the agency within 2 working days (the deadline ``collection_handover``,
    # from landing on water), to the bank within 2 more (``collection_deposit``).
    landed_on = models.DateField("抵岸日期", null=True, blank=True)
    handed_to_agency_on = models.DateField("交至行政机关日期", null=True, blank=True)
    deposited_on = models.DateField("缴付指定银行日期", null=True, blank=True)

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "缴款"
        verbose_name_plural = "缴款"
        ordering = ["case", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=~models.Q(channel="on_spot") | ~models.Q(on_spot_ground=""),
                name="payment_on_spot_has_ground",
                violation_error_message="当场收缴罚款的，须写明第六十八条或者第六十九条规定的情形。",
            ),
            models.UniqueConstraint(fields=["case", "receipt_number"], name="payment_receipt_once_per_case"),
        ]

    def __str__(self) -> str:
        return f"{yuan(self.amount)}（{self.paid_on:%Y-%m-%d}，{self.get_channel_display()}）"

    @property
    def on_spot(self) -> bool:
        return self.channel == PaymentChannel.ON_SPOT

    @property
    def in_bank(self) -> bool:
        """The money has reached the designated bank (always, for a bank or electronic payment)."""
        return not self.on_spot or self.deposited_on is not None


class ArrangementKind(models.TextChoices):
    DEFERRAL = "deferral", "暂缓缴纳"
    INSTALMENTS = "instalments", "分期缴纳"


class PaymentArrangement(models.Model):
    """暂缓或者分期缴纳罚款 (行政处罚法 第六十六条第二款): on the party's application, for real economic
    hardship, approved by the agency (a head). The latest arrangement of a case governs.

    ``instalments`` is the schedule ``[{"due_on": "YYYY-MM-DD", "amount": "500.00"}, …]``; a deferral is one
    instalment of the unpaid fine on ``ends_on``. ``ends_on`` starts the court application period
    (行政处罚法 第七十二条第二款)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="arrangements")
    kind = models.CharField("方式", max_length=20, choices=ArrangementKind.choices)
    applied_on = models.DateField("当事人申请日期")
    reason = models.TextField("经济困难的情况")
    amount = models.DecimalField("暂缓或分期的罚款金额（元）", **MONEY)
    instalments = models.JSONField("缴纳计划", default=list)
    ends_on = models.DateField("暂缓或分期缴纳期限届满日")
    approved_by = models.ForeignKey(
        "officers.Officer", verbose_name="批准人（负责人）", on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField("批准日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "暂缓或分期缴纳"
        verbose_name_plural = "暂缓或分期缴纳"
        ordering = ["case", "approved_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_on__gte=models.F("applied_on")), name="arrangement_approved_after_applied"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("applied_on")), name="arrangement_ends_after_applied"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}至{self.ends_on:%Y-%m-%d}"


class Reminder(models.Model):
    """催告书 (行政强制法 第三十五条): the deadline and manner of performance, the exact amount and the
    party's right to state and defend; served (第三十八条) at least 10 working days before the court
    application (第五十四条、第六十九条)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="reminders")
    issued_on = models.DateField("催告日期")
    performance_deadline = models.DateField("履行期限")
    amount = models.DecimalField("催告金额（元，含加处罚款）", **MONEY)
    fine_outstanding = models.DecimalField("其中未缴罚款（元）", **MONEY)
    surcharge = models.DecimalField("其中加处罚款（元）", **MONEY)
    manner = models.CharField("给付方式", max_length=200)
    service = models.OneToOneField(
        Service, verbose_name="送达", null=True, blank=True, on_delete=models.PROTECT, related_name="reminder"
    )
    # 行政强制法 第五十四条: the application only once 10 (working, 第六十九条) days have passed since service — the
    # deadline ``reminder_wait`` (ref: the reminder).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "催告"
        verbose_name_plural = "催告"
        ordering = ["case", "issued_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(performance_deadline__gte=models.F("issued_on")),
                name="reminder_deadline_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"催告书（{self.issued_on:%Y-%m-%d}）"

    @property
    def served_on(self):
        return self.service.served_on if self.service_id else None


class CourtOutcome(models.TextChoices):
    """行政强制法 第五十六条至第五十八条. Empty while the court has not answered."""

    NOT_ACCEPTED = "not_accepted", "裁定不予受理"
    GRANTED = "granted", "裁定准予执行"
    REFUSED = "refused", "裁定不予执行"


COURT_DECIDED = (CourtOutcome.GRANTED, CourtOutcome.REFUSED)


class CourtApplication(models.Model):
    """申请人民法院强制执行 (行政强制法 第五十三条至第五十五条), within its window."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="court_applications")
    filed_on = models.DateField("申请日期")
    court = models.CharField("人民法院", max_length=120)
    amount = models.DecimalField("申请执行金额（元）", **MONEY)
    reminder = models.ForeignKey(Reminder, verbose_name="催告", on_delete=models.PROTECT, related_name="+")
    # 行政强制法 第五十三条; 行政处罚法 第七十二条第二款: within three months from the end of the remedy periods (or
    # of an approved deferral or instalment plan) — the deadline ``court_application``.
    signed_by = models.ForeignKey(
        "officers.Officer", verbose_name="签名的负责人", on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField("法院裁定", max_length=20, choices=CourtOutcome.choices, blank=True)
    outcome_on = models.DateField("裁定日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "申请法院强制执行"
        verbose_name_plural = "申请法院强制执行"
        ordering = ["case", "filed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(outcome=""), name="one_pending_court_application_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(outcome_on__isnull=False), name="court_outcome_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"申请{self.court}强制执行（{self.filed_on:%Y-%m-%d}）"

    @property
    def decided(self) -> bool:
        return self.outcome in COURT_DECIDED
