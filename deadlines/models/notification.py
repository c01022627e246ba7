from __future__ import annotations

from django.conf import settings
from django.db import models

from ..choices import NotificationKind

REMINDER_KINDS = [NotificationKind.APPROACHING, NotificationKind.OVERDUE]


class Notification(models.Model):
    """站内提醒: a deadline approaching, overdue or changed, for one person."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="deadline_notifications"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    deadline = models.ForeignKey(
        "deadlines.Deadline",
        verbose_name="期限",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    level = models.CharField("类别", max_length=20, choices=NotificationKind.choices)
    due_on = models.DateField("所涉届满日", null=True, blank=True)
    message = models.TextField("内容")
    created_at = models.DateTimeField("提醒时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "期限提醒"
        verbose_name_plural = "期限提醒"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One reminder per person, deadline, level and last day: the daily scan may run twice.
            models.UniqueConstraint(
                fields=["recipient", "deadline", "level", "due_on"],
                condition=models.Q(level__in=REMINDER_KINDS),
                name="one_reminder_per_level_and_due",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient}：{self.get_level_display()}"
