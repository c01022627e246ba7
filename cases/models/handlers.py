from __future__ import annotations

from django.conf import settings
from django.db import models

from ..choices import HandlerRole, RecusalInitiator


class CaseHandlerQuerySet(models.QuerySet):
    def active(self) -> CaseHandlerQuerySet:
        return self.filter(recused_at__isnull=True)


class CaseHandler(models.Model):
    """An officer handling a case. Recusal (回避, Art. 43) ends the assignment but keeps the row."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="assignments")
    officer = models.ForeignKey(
        "officers.Officer", verbose_name="承办人", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField("分工", max_length=20, choices=HandlerRole.choices, default=HandlerRole.ASSISTANT)
    assigned_at = models.DateTimeField("指派时间", auto_now_add=True)
    recused_at = models.DateTimeField("回避时间", null=True, blank=True)
    recusal_initiator = models.CharField("回避方式", max_length=20, choices=RecusalInitiator.choices, blank=True)
    recusal_reason = models.TextField("回避理由", blank=True)
    recusal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="回避决定人", null=True, blank=True, on_delete=models.PROTECT
    )

    objects = CaseHandlerQuerySet.as_manager()

    class Meta:
        verbose_name = "承办人"
        verbose_name_plural = "承办人"
        ordering = ["case", "assigned_at", "pk"]
        constraints = [
            # An officer is assigned to a case once at a time; after recusal a new row may follow.
            models.UniqueConstraint(
                fields=["case", "officer"], condition=models.Q(recused_at__isnull=True), name="one_active_assignment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer.name}（{self.get_role_display()}）"

    @property
    def is_active(self) -> bool:
        return self.recused_at is None
