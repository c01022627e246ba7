"""Deadline figures the law leaves to the sector or the agency, with their documented defaults.

``officers.AgencyPolicy`` already holds the statement and legal-review periods; the figures
here are the ones only the deadline engine reads (docs/deadlines.md).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class DeadlinePolicy(models.Model):
    """期限参数: per agency; an agency without a row uses the defaults."""

    agency = models.OneToOneField(
        "officers.Agency", verbose_name="执法主体", on_delete=models.CASCADE, related_name="deadline_policy"
    )
    # Sector rule example (市场监管): a lead is verified and the filing decided within 15 working days.
    lead_verification_working_days = models.PositiveSmallIntegerField(
        "线索核查期限（工作日）",
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="部门规章示例：自发现线索或者收到材料之日起十五个工作日内核查，决定是否立案；经批准可延长同样期限。",
    )
    # 行政处罚法 第六十条 leaves longer limits to laws, regulations and rules; sector example: +30 days.
    case_time_limit_extension_days = models.PositiveSmallIntegerField(
        "办案期限每次延长（日）",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="部门规章示例：经负责人批准可延长三十日；仍需延长的，经负责人集体讨论决定。",
    )
    approaching_working_days = models.PositiveSmallIntegerField(
        "临近提醒（剩余工作日）",
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
        help_text="剩余工作日不多于此数时显示黄色并提醒承办人和负责人。本机关政策。",
    )

    class Meta:
        verbose_name = "期限参数"
        verbose_name_plural = "期限参数"

    def __str__(self) -> str:
        return f"{self.agency.short_name}的期限参数"


def deadline_policy_for(agency) -> DeadlinePolicy:
    """The agency's deadline figures, or the documented defaults when none were saved."""
    try:
        return agency.deadline_policy
    except DeadlinePolicy.DoesNotExist:
        return DeadlinePolicy(agency=agency)
