"""履行: the party's performance of a penalty that is not paid — a warning given, production or business stopped, a
permit handed in or revoked (行政处罚法 第九条) — recorded with its kind and date. Fines and confiscated gains are paid
(``Payment``); these are performed. While the case stands referred, the kinds of
《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款 keep being executed, and their performance is recorded too."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from matters.choices import PenaltyKind


class PerformanceRecord(models.Model):
    """One kind of the decided penalty performed, on ``performed_on``."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="performances")
    kind = models.CharField("处罚种类", max_length=30, choices=PenaltyKind.choices)
    performed_on = models.DateField("履行日期")
    note = models.TextField("履行情况", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT)
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "处罚决定的履行"
        verbose_name_plural = "处罚决定的履行"
        ordering = ["case", "performed_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="performance_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.performed_on:%Y-%m-%d}履行）"
