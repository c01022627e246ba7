"""指定管辖 (行政处罚法 第二十五条第二款): the common higher organ designates the agency to handle a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JurisdictionDesignation(models.Model):
    """A designation of jurisdiction recorded on the case: with it, a place of violation outside the agency's area
    does not bar filing (第二十二条 is displaced by the designation of 第二十五条第二款)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="designations")
    designated_by = models.CharField("指定机关", max_length=120, help_text="共同的上一级行政机关。")
    reference = models.CharField("指定管辖文书", max_length=60, blank=True, help_text="指定管辖决定的文号。")
    designated_on = models.DateField("指定日期")
    reason = models.TextField("指定理由", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "指定管辖"
        verbose_name_plural = "指定管辖"
        ordering = ["case", "designated_on", "pk"]

    def __str__(self) -> str:
        return f"{self.designated_by}指定管辖（{self.designated_on:%Y-%m-%d}）"
