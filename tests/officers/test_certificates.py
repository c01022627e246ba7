import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from officers import services
from officers.choices import CertificateStatus
from officers.selectors import certificates_expiring_within
from tests.officers.factories import CertificateFactory, EnforcementDomainFactory, OfficerFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


def _cert_ending(days_from_today: int, **kwargs):
    end = TODAY + datetime.timedelta(days=days_from_today)
    return CertificateFactory(valid_from=end - datetime.timedelta(days=1000), valid_to=end, **kwargs)


def test_expiring_query_lists_valid_certificates_ending_within_n_days_inclusive():
    today_last = _cert_ending(0)
    in_30 = _cert_ending(30)
    _cert_ending(31)
    _cert_ending(-1)  # already expired: not "expiring"
    suspended = _cert_ending(10)
    services.change_certificate_status(
        certificate=suspended, status=CertificateStatus.SUSPENDED, reason="暂扣", effective_on=TODAY
    )

    found = list(certificates_expiring_within(30, today=TODAY))

    assert found == [today_last, in_30]


def test_expiring_query_can_be_limited_to_an_agency():
    mine = _cert_ending(5)
    _cert_ending(5)

    assert list(certificates_expiring_within(30, today=TODAY, agency=mine.officer.agency)) == [mine]


def test_expiring_query_refuses_negative_days():
    with pytest.raises(ValueError, match="negative"):
        certificates_expiring_within(-1, today=TODAY)


def test_issuing_a_certificate_records_the_first_line_of_its_history():
    officer = OfficerFactory()
    cert = services.issue_certificate(
        officer=officer,
        number="150220260001",
        issuing_authority="内蒙古自治区人民政府",
        domains=[EnforcementDomainFactory()],
        valid_from=TODAY,
        valid_to=TODAY + datetime.timedelta(days=1000),
    )

    history = list(cert.status_changes.values_list("from_status", "to_status", "effective_on"))
    assert history == [("", CertificateStatus.VALID, TODAY)]


def test_issuing_without_a_domain_is_refused():
    with pytest.raises(ValidationError, match="执法领域"):
        services.issue_certificate(
            officer=OfficerFactory(),
            number="150220260002",
            issuing_authority="内蒙古自治区人民政府",
            domains=[],
            valid_from=TODAY,
            valid_to=TODAY,
        )


def test_status_changes_are_kept_as_history():
    cert = _cert_ending(500)
    services.change_certificate_status(
        certificate=cert, status=CertificateStatus.SUSPENDED, reason="涉嫌违纪", effective_on=TODAY
    )
    services.change_certificate_status(
        certificate=cert, status=CertificateStatus.VALID, reason="恢复", effective_on=TODAY + datetime.timedelta(days=5)
    )

    cert.refresh_from_db()
    assert cert.status == CertificateStatus.VALID
    assert [c.to_status for c in cert.status_changes.all()] == ["valid", "suspended", "valid"]
    assert cert.status_on(TODAY + datetime.timedelta(days=2)) == CertificateStatus.SUSPENDED


def test_a_revoked_certificate_cannot_be_restored():
    cert = _cert_ending(500)
    services.change_certificate_status(
        certificate=cert, status=CertificateStatus.REVOKED, reason="吊销", effective_on=TODAY
    )

    with pytest.raises(ValidationError, match="已吊销"):
        services.change_certificate_status(
            certificate=cert, status=CertificateStatus.VALID, reason="误操作", effective_on=TODAY
        )


def test_a_status_change_needs_a_reason_and_a_date_not_before_the_last_change():
    cert = _cert_ending(500)
    with pytest.raises(ValidationError) as excinfo:
        services.change_certificate_status(
            certificate=cert,
            status=CertificateStatus.SUSPENDED,
            reason="  ",
            effective_on=cert.valid_from - datetime.timedelta(days=1),
        )
    assert set(excinfo.value.message_dict) == {"reason", "effective_on"}
    assert cert.status_changes.count() == 1


def test_validity_must_not_end_before_it_starts():
    with pytest.raises(IntegrityError):
        CertificateFactory(valid_from=TODAY, valid_to=TODAY - datetime.timedelta(days=1))
