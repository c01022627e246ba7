"""The party's statement after a 催告 and the agency's review of it (行政强制法 第三十六条).

The party may state and defend once the 催告书 is received; the agency records what it states and reviews it,
adopting what holds. The records are printed under 当事人的意见 in the 强制执行申请书 (第五十五条第三项).
"""

from __future__ import annotations

from django.conf import settings
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
