"""Writes to officers and certificates. Admin and commands call these, nothing else writes."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from .choices import CertificateStatus
from .models import Certificate, CertificateStatusChange, EnforcementDomain, Officer


@transaction.atomic
def issue_certificate(
    *,
    officer: Officer,
    number: str,
    issuing_authority: str,
    domains: list[EnforcementDomain],
    valid_from: datetime.date,
    valid_to: datetime.date,
    actor=None,
) -> Certificate:
    if not domains:
        raise ValidationError({"domains": "行政执法证至少应包含一个执法领域。"})
    cert = Certificate(
        officer=officer,
        number=number,
        issuing_authority=issuing_authority,
        valid_from=valid_from,
        valid_to=valid_to,
        status=CertificateStatus.VALID,
    )
    cert.full_clean()
    cert.save()
    cert.domains.set(domains)
    CertificateStatusChange.objects.create(
        certificate=cert,
        from_status="",
        to_status=CertificateStatus.VALID,
        effective_on=valid_from,
        reason="发证",
        changed_by=actor,
    )
    return cert


@transaction.atomic
def change_certificate_status(
    *, certificate: Certificate, status: str, reason: str, effective_on: datetime.date, actor=None
) -> CertificateStatusChange:
    """Suspend, restore or revoke a certificate, keeping the history. Revocation is final."""
    cert = Certificate.objects.select_for_update().get(pk=certificate.pk)
    errors = status_change_errors(certificate=cert, status=status, reason=reason, effective_on=effective_on)
    if errors:
        raise ValidationError(errors)
    change = CertificateStatusChange.objects.create(
        certificate=cert,
        from_status=cert.status,
        to_status=status,
        effective_on=effective_on,
        reason=reason.strip(),
        changed_by=actor,
    )
    cert.status = status
    cert.save(update_fields=["status"])
    certificate.refresh_from_db()
    return change


def status_change_errors(
    *, certificate: Certificate, status: str, reason: str, effective_on: datetime.date
) -> dict[str, str]:
    """Why a status change may not be recorded, by field; empty when it may."""
    errors: dict[str, str] = {}
    if status not in CertificateStatus.values:
        errors["status"] = f"未知的证件状态：{status}"
    elif certificate.status == CertificateStatus.REVOKED:
        errors["status"] = "已吊销的执法证不能恢复，应重新核发。"
    elif certificate.status == status:
        errors["status"] = f"执法证已是“{certificate.get_status_display()}”状态。"
    if not reason.strip():
        errors["reason"] = "变更执法证状态须说明原因。"
    last = certificate.status_changes.order_by("-effective_on", "-pk").first()
    if last is not None and effective_on < last.effective_on:
        errors["effective_on"] = f"生效日期不得早于上一次变更（{last.effective_on:%Y-%m-%d}）。"
    return errors
