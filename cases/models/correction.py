"""责令改正 / 责令限期改正 (行政处罚法 第二十八条第一款): the order, the period the officer sets for it, the
责令改正通知书 that carries it and the re-inspection that finds it obeyed or not — or the party's refusal.

The period runs on the one clock: the deadline ``correction`` (``deadlines.kinds``, ref: the order) is opened when
the notice is served (``serve_document``), counted in the unit and number of days the order states.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class CorrectionUnit(models.TextChoices):
    """How the period to correct is counted (the same values as ``deadlines.choices.Unit``)."""

    WORKING_DAYS = "working_days", "个工作日"
    CALENDAR_DAYS = "calendar_days", "日"


class CorrectionOrder(models.Model):
    """责令（限期）改正: what the party must correct and by when; served by a 责令改正通知书."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="correction_orders")
    content = models.TextField("责令改正的内容")
    period_unit = models.CharField("改正期限单位", max_length=20, choices=CorrectionUnit.choices)
    period_count = models.PositiveSmallIntegerField("改正期限", help_text="自通知书送达之日起计算。")
    ordered_on = models.DateField("责令改正日期")
    served_on = models.DateField("通知书送达日期", null=True, blank=True)
    # The re-inspection (复查): corrected in time or not, with its evidence.
    inspected_on = models.DateField("复查日期", null=True, blank=True)
    corrected = models.BooleanField("已改正", null=True, blank=True)
    evidence = models.ForeignKey(
        "Evidence", verbose_name="复查证据", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    inspection_note = models.TextField("复查情况", blank=True)
    # The party's express refusal to correct (拒不改正), recorded as such.
    refused_on = models.DateField("当事人拒绝改正日期", null=True, blank=True)
    refusal_note = models.TextField("拒绝改正的情况", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "责令改正"
        verbose_name_plural = "责令改正"
        ordering = ["case", "ordered_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_count__gte=1), name="correction_period_positive"),
            models.CheckConstraint(
                condition=Q(inspected_on__isnull=True) | Q(corrected__isnull=False), name="correction_inspected_result"
            ),
            models.CheckConstraint(
                condition=Q(inspected_on__isnull=True) | ~Q(inspection_note="") | Q(evidence__isnull=False),
                name="correction_inspection_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"责令改正（{self.ordered_on:%Y-%m-%d}）"

    @property
    def period_text(self) -> str:
        return f"{self.period_count}{self.get_period_unit_display()}"
