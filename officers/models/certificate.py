from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from ..choices import CertificateStatus
from .agency import EnforcementDomain
from .officer import Officer


class Certificate(models.Model):
    """行政执法证. Status changes go through ``officers.services`` and are kept as history."""

    officer = models.ForeignKey(Officer, verbose_name="持证人", on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField("证件编号", max_length=40, unique=True)
    issuing_authority = models.CharField("发证机关", max_length=120)
    domains = models.ManyToManyField(EnforcementDomain, verbose_name="执法领域", related_name="certificates")
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期至")
    status = models.CharField("状态", max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.VALID)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政执法证"
        verbose_name_plural = "行政执法证"
        ordering = ["officer__name", "-valid_to"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="certificate_valid_to_after_from",
                violation_error_message="有效期至不得早于有效期起。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.officer.name}）"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "有效期至不得早于有效期起。"})

    def status_on(self, day: datetime.date) -> str:
        """The status in force on ``day``, from the recorded history of changes."""
        changes = [c for c in self.status_changes.all() if c.effective_on <= day]
        if changes:
            return max(changes, key=lambda c: (c.effective_on, c.pk)).to_status
        if self.status_changes.all():
            # Every recorded change lies after ``day``: the certificate was as issued.
            return CertificateStatus.VALID
        return self.status


class CertificateStatusChange(models.Model):
    """History of a certificate's status: issued, suspended, restored, revoked."""

    certificate = models.ForeignKey(
        Certificate, verbose_name="执法证", on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField("原状态", max_length=20, choices=CertificateStatus.choices, blank=True)
    to_status = models.CharField("新状态", max_length=20, choices=CertificateStatus.choices)
    effective_on = models.DateField("生效日期")
    reason = models.CharField("原因", max_length=200)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    changed_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "执法证状态变更"
        verbose_name_plural = "执法证状态变更"
        ordering = ["certificate", "effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate.number}: {self.get_to_status_display()}（{self.effective_on}）"
