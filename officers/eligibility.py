"""May this officer act in this domain on this day? And if not, why.

行政处罚法 第四十二条: penalties are imposed by officers holding enforcement
qualification, never fewer than two; auxiliary staff never count as one of them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from kernel.rules import ART_42, Reason

from .choices import CertificateStatus, StaffCategory
from .models import Certificate, EnforcementDomain, Officer


@dataclass(frozen=True)
class Eligibility:
    officer: Officer
    domain: EnforcementDomain
    on: datetime.date
    certificate: Certificate | None = None
    reasons: list[Reason] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.reasons

    def __bool__(self) -> bool:
        return self.eligible


def check_eligibility(officer: Officer, domain: EnforcementDomain, on: datetime.date) -> Eligibility:
    """The one answer to "may ``officer`` enforce in ``domain`` on ``on``?".

    The certificate used is the one valid that day for that domain; when none
    is, the reason given is the most telling one among the officer's
    certificates for the domain (revoked, suspended, expired, not yet valid),
    else that none covers the domain, else that there is no certificate at all.
    Prefetch ``certificates__domains`` and ``certificates__status_changes`` when
    checking many officers.
    """
    who = officer.name
    if officer.category == StaffCategory.AUXILIARY:
        return _refuse(
            officer, domain, on, "auxiliary_staff", f"{who}是执法辅助人员，不具有行政执法资格，不能计入执法人员。"
        )
    if officer.category != StaffCategory.ENFORCEMENT:
        return _refuse(officer, domain, on, "not_enforcement_staff", f"{who}不是执法人员，不具有行政执法资格。")
    if not officer.is_active or not officer.user.is_active:
        return _refuse(officer, domain, on, "officer_inactive", f"{who}已不在岗，不能实施执法。")

    certificates = list(officer.certificates.all())
    if not certificates:
        return _refuse(officer, domain, on, "no_certificate", f"{who}未取得行政执法证。")
    for_domain = [c for c in certificates if any(d.pk == domain.pk for d in c.domains.all())]
    if not for_domain:
        return _refuse(officer, domain, on, "wrong_domain", f"{who}的行政执法证不包含“{domain.name}”执法领域。")

    for cert in sorted(for_domain, key=lambda c: c.valid_to, reverse=True):
        if cert.valid_from <= on <= cert.valid_to and cert.status_on(on) == CertificateStatus.VALID:
            return Eligibility(officer=officer, domain=domain, on=on, certificate=cert)

    return _refuse_with_most_telling(officer, domain, on, for_domain)


def _refuse_with_most_telling(
    officer: Officer, domain: EnforcementDomain, on: datetime.date, certs: list[Certificate]
) -> Eligibility:
    who = officer.name
    # Prefer the certificate covering ``on``; otherwise the latest one.
    covering = [c for c in certs if c.valid_from <= on <= c.valid_to]
    cert = max(covering or certs, key=lambda c: c.valid_to)
    status = cert.status_on(on)
    if covering and status == CertificateStatus.REVOKED:
        code, detail = "certificate_revoked", f"{who}的行政执法证（{cert.number}）已被吊销。"
    elif covering and status == CertificateStatus.SUSPENDED:
        code, detail = "certificate_suspended", f"{who}的行政执法证（{cert.number}）已被暂扣。"
    elif cert.valid_to < on:
        code, detail = "certificate_expired", f"{who}的行政执法证（{cert.number}）已于{cert.valid_to:%Y-%m-%d}过期。"
    else:
        code = "certificate_not_yet_valid"
        detail = f"{who}的行政执法证（{cert.number}）自{cert.valid_from:%Y-%m-%d}起生效。"
    return _refuse(officer, domain, on, code, detail, certificate=cert)


def _refuse(
    officer: Officer,
    domain: EnforcementDomain,
    on: datetime.date,
    code: str,
    detail: str,
    *,
    certificate: Certificate | None = None,
) -> Eligibility:
    return Eligibility(
        officer=officer,
        domain=domain,
        on=on,
        certificate=certificate,
        reasons=[Reason(code=code, detail=detail, article=ART_42)],
    )


def two_officers_reasons(officers: list[Officer], domain: EnforcementDomain, on: datetime.date) -> list[Reason]:
    """Reasons why these officers are not at least two eligible officers (Art. 42); empty when they are."""
    reasons: list[Reason] = []
    eligible = 0
    for officer in officers:
        result = check_eligibility(officer, domain, on)
        if result.eligible:
            eligible += 1
        else:
            reasons.extend(result.reasons)
    if eligible < 2:
        reasons.append(
            Reason(
                code="fewer_than_two_officers",
                detail=f"具有行政执法资格的执法人员不得少于两人，目前只有{eligible}人。",
                article=ART_42,
            )
        )
    return reasons
