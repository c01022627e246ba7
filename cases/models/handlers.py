from __future__ import annotations

from django.conf import settings
from django.db import models

from ..choices import HandlerRole, RecusalApplicant, RecusalDecision, RecusalInitiator


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


class RecusalApplication(models.Model):
    """回避申请 (行政处罚法 第四十三条): the party's application for a handler's recusal, or the handler's own
    request, recorded by a handler and decided by the head with reasons. A rejected application stays on file;
    a pending one does not stop the investigation (第四十三条第三款: 决定作出之前，不停止调查)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="recusal_applications")
    officer = models.ForeignKey(
        "officers.Officer", verbose_name="申请回避的承办人", on_delete=models.PROTECT, related_name="+"
    )
    applicant = models.CharField("申请人", max_length=20, choices=RecusalApplicant.choices)
    party = models.ForeignKey(
        "Party", verbose_name="申请回避的当事人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applied_on = models.DateField("申请日期")
    grounds = models.TextField("申请理由")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)
    decision = models.CharField("决定", max_length=20, choices=RecusalDecision.choices, blank=True)
    decision_reasons = models.TextField("决定理由", blank=True)
    decided_by = models.ForeignKey(
        "officers.Officer", verbose_name="决定人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    assignment = models.OneToOneField(
        CaseHandler,
        verbose_name="结束的承办",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recusal_application",
    )

    class Meta:
        verbose_name = "回避申请"
        verbose_name_plural = "回避申请"
        ordering = ["case", "recorded_at", "pk"]
        constraints = [
            # One pending application per handler at a time; decided ones stay on file.
            models.UniqueConstraint(
                fields=["case", "officer"], condition=models.Q(decision=""), name="one_pending_recusal_application"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_applicant_display()}：{self.officer.name}"

    @property
    def is_pending(self) -> bool:
        return not self.decision

    @property
    def concerned_officer_id(self) -> int:
        """The officer whose recusal is asked: the handler (no one decides their own cause)."""
        return self.officer_id
