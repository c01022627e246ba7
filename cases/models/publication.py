"""公开: the penalty decision published, and withdrawn when it no longer stands (行政处罚法 第四十八条;
《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》国办发〔2018〕118号).

What was published is kept as published — the decision's 文号, the party's name with a natural person's
given name hidden (第五十条), what the decision imposes — so the record says what the public saw even after
a later correction of the decision document.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PublicationChannel(models.TextChoices):
    """Where the decision was published; ``Publication.channel_detail`` names the site or column."""

    PORTAL = "portal", "本机关或者本级人民政府门户网站"
    ENFORCEMENT_PLATFORM = "enforcement_platform", "行政执法信息公示平台"
    CREDIT_CHINA = "credit_china", "信用中国网站"
    ENTERPRISE_CREDIT = "enterprise_credit", "国家企业信用信息公示系统"
    OTHER = "other", "其他（注明）"


class Publication(models.Model):
    """公开的行政处罚决定. One live publication per case; a withdrawn one is kept, with its reason."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="publications")
    published_on = models.DateField("公开日期")
    channel = models.CharField("公开渠道", max_length=30, choices=PublicationChannel.choices)
    channel_detail = models.CharField(
        "公开渠道说明", max_length=200, blank=True, help_text="网站或者栏目名称；选择“其他”时必填。"
    )
    url = models.URLField("网址", max_length=500, blank=True)
    # What was published, as published (行政处罚法 第五十条: a natural person's name masked).
    decision_number = models.CharField("决定书文号", max_length=80, blank=True)
    party_name = models.TextField("当事人（公开文本）")
    summary = models.TextField("公开内容摘要", help_text="案由及处罚种类、数额。")
    note = models.TextField("说明", blank=True)
    # 国办发〔2018〕118号: published within 7 working days of the decision (行政处罚法 第八十五条 counts them) — the
    # deadline ``publication`` of a general-procedure penalty decision; whether late is its ``met_late``.
    # 行政处罚法 第四十八条第二款: withdrawn within 3 working days once changed, revoked, unlawful or void,
    # with the reason stated publicly.
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回理由（公开说明）", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政处罚决定公开"
        verbose_name_plural = "行政处罚决定公开"
        ordering = ["case", "published_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(withdrawn_on__isnull=True), name="one_live_publication_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True) | models.Q(withdrawn_on__gte=models.F("published_on")),
                name="publication_withdrawn_after_published",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True) | ~models.Q(withdrawal_reason=""),
                name="publication_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        state = f"，{self.withdrawn_on:%Y-%m-%d}撤回" if self.withdrawn_on else ""
        return f"{self.get_channel_display()}（{self.published_on:%Y-%m-%d}公开{state}）"

    @property
    def live(self) -> bool:
        return self.withdrawn_on is None

    @property
    def where(self) -> str:
        """The channel as the page writes it: the site named when given."""
        label = self.get_channel_display() if self.channel != PublicationChannel.OTHER else ""
        return "：".join(part for part in (label, self.channel_detail) if part)


class NonPublicationReason(models.TextChoices):
    """Why a penalty decision is lawfully not published (行政处罚法 第五十条; 政府信息公开条例 第十四条至第十六条)."""

    STATE_SECRET = "state_secret", "涉及国家秘密（行政处罚法第五十条；政府信息公开条例第十四条）"
    TRADE_SECRET_OR_PRIVACY = (
        "trade_secret_or_privacy",
        "涉及商业秘密、个人隐私，公开会对第三方合法权益造成损害（行政处罚法第五十条；政府信息公开条例第十五条）",
    )
    OTHER_EXCEPTION = "other_exception", "政府信息公开条例规定的其他不予公开情形（第十四条、第十六条，注明）"


class NonPublication(models.Model):
    """依法决定不予公开 the penalty decision, with its reason: the deadline ``publication`` ends as not due, so a lawful
    non-publication never shows as overdue (国办发〔2018〕118号 publishes within the limits of the law). One
    standing per case; while it stands the decision is not published. A head lifts it with the reason (the ground
    ceased): the duty to publish reopens from that day (``lift_non_publication``; the deadline ``publication``)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="non_publications")
    decided_on = models.DateField("决定日期")
    reason = models.CharField("不予公开的理由", max_length=30, choices=NonPublicationReason.choices)
    detail = models.TextField("具体说明")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="决定人（负责人）", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    lifted_on = models.DateField("解除不予公开的日期", null=True, blank=True)
    lift_reason = models.TextField("解除理由", blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="解除决定人（负责人）",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = "行政处罚决定不予公开"
        verbose_name_plural = "行政处罚决定不予公开"
        constraints = [
            models.CheckConstraint(condition=~models.Q(detail=""), name="non_publication_has_detail"),
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(lifted_on__isnull=True), name="one_standing_non_publication"
            ),
            models.CheckConstraint(
                condition=models.Q(lifted_on__isnull=True) | ~models.Q(lift_reason=""),
                name="non_publication_lifted_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}（{self.decided_on:%Y-%m-%d}）"
