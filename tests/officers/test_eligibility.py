"""行政处罚法 第四十二条: who may act, in which domain, on which day — as a table."""

import datetime

import pytest

from officers import services
from officers.choices import CertificateStatus, StaffCategory
from officers.eligibility import check_eligibility, two_officers_reasons
from tests.officers.factories import CertificateFactory, EnforcementDomainFactory, OfficerFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 25)
ART_42 = "《中华人民共和国行政处罚法》第四十二条"


def _cert(
    officer, domain, *, valid_from=DAY - datetime.timedelta(days=365), valid_to=DAY + datetime.timedelta(days=365)
):
    return CertificateFactory(officer=officer, domains=[domain], valid_from=valid_from, valid_to=valid_to)


def _valid(officer, market, urban):
    _cert(officer, market)


def _auxiliary(officer, market, urban):
    officer.category = StaffCategory.AUXILIARY
    officer.save()
    _cert(officer, market)  # even a certificate never makes auxiliary staff count


def _administrative(officer, market, urban):
    officer.category = StaffCategory.ADMINISTRATIVE
    officer.save()


def _no_certificate(officer, market, urban):
    pass


def _wrong_domain(officer, market, urban):
    _cert(officer, urban)


def _expired(officer, market, urban):
    _cert(officer, market, valid_from=DAY - datetime.timedelta(days=1000), valid_to=DAY - datetime.timedelta(days=1))


def _not_yet_valid(officer, market, urban):
    _cert(officer, market, valid_from=DAY + datetime.timedelta(days=1), valid_to=DAY + datetime.timedelta(days=900))


def _suspended(officer, market, urban):
    cert = _cert(officer, market)
    services.change_certificate_status(
        certificate=cert,
        status=CertificateStatus.SUSPENDED,
        reason="涉嫌违纪",
        effective_on=DAY - datetime.timedelta(days=3),
    )


def _revoked(officer, market, urban):
    cert = _cert(officer, market)
    services.change_certificate_status(
        certificate=cert, status=CertificateStatus.REVOKED, reason="调离执法岗位", effective_on=DAY
    )


def _suspended_only_later(officer, market, urban):
    cert = _cert(officer, market)
    services.change_certificate_status(
        certificate=cert,
        status=CertificateStatus.SUSPENDED,
        reason="涉嫌违纪",
        effective_on=DAY + datetime.timedelta(days=1),
    )


def _suspended_then_restored(officer, market, urban):
    cert = _cert(officer, market)
    services.change_certificate_status(
        certificate=cert,
        status=CertificateStatus.SUSPENDED,
        reason="涉嫌违纪",
        effective_on=DAY - datetime.timedelta(days=30),
    )
    services.change_certificate_status(
        certificate=cert,
        status=CertificateStatus.VALID,
        reason="调查结束，恢复",
        effective_on=DAY - datetime.timedelta(days=2),
    )


def _renewed(officer, market, urban):
    _cert(officer, market, valid_from=DAY - datetime.timedelta(days=1200), valid_to=DAY - datetime.timedelta(days=100))
    _cert(officer, market, valid_from=DAY - datetime.timedelta(days=99), valid_to=DAY + datetime.timedelta(days=900))


def _inactive(officer, market, urban):
    _cert(officer, market)
    officer.is_active = False
    officer.save()


def _last_day_of_validity(officer, market, urban):
    _cert(officer, market, valid_from=DAY - datetime.timedelta(days=365), valid_to=DAY)


@pytest.mark.parametrize(
    ("arrange", "expected_code"),
    [
        (_valid, None),
        (_last_day_of_validity, None),
        (_suspended_only_later, None),
        (_suspended_then_restored, None),
        (_renewed, None),
        (_auxiliary, "auxiliary_staff"),
        (_administrative, "not_enforcement_staff"),
        (_no_certificate, "no_certificate"),
        (_wrong_domain, "wrong_domain"),
        (_expired, "certificate_expired"),
        (_not_yet_valid, "certificate_not_yet_valid"),
        (_suspended, "certificate_suspended"),
        (_revoked, "certificate_revoked"),
        (_inactive, "officer_inactive"),
    ],
    ids=lambda v: getattr(v, "__name__", str(v)).lstrip("_"),
)
def test_eligibility_table(arrange, expected_code):
    market = EnforcementDomainFactory(code="market_regulation")
    urban = EnforcementDomainFactory(code="urban_management")
    officer = OfficerFactory(name="王某")
    arrange(officer, market, urban)

    result = check_eligibility(officer, market, DAY)

    if expected_code is None:
        assert result.eligible, result.reasons
        assert result.certificate is not None
        assert result.reasons == []
    else:
        assert not result.eligible
        assert [r.code for r in result.reasons] == [expected_code]
        assert result.reasons[0].article == ART_42
        assert "王某" in result.reasons[0].detail


def test_expired_reason_names_the_day_it_expired():
    market = EnforcementDomainFactory()
    officer = OfficerFactory(name="王某")
    _cert(officer, market, valid_from=datetime.date(2023, 10, 2), valid_to=datetime.date(2026, 10, 1))

    result = check_eligibility(officer, market, DAY)

    assert result.reasons[0].detail.endswith("已于2026-10-01过期。")


def test_two_officers_needed_and_auxiliary_staff_never_count():
    market = EnforcementDomainFactory()
    officer = OfficerFactory()
    _cert(officer, market)
    helper = OfficerFactory(category=StaffCategory.AUXILIARY, name="赵辅")

    reasons = two_officers_reasons([officer, helper], market, DAY)

    assert [r.code for r in reasons] == ["auxiliary_staff", "fewer_than_two_officers"]
    assert all(r.article == ART_42 for r in reasons)


def test_two_eligible_officers_pass():
    market = EnforcementDomainFactory()
    first, second = OfficerFactory(), OfficerFactory()
    _cert(first, market)
    _cert(second, market)

    assert two_officers_reasons([first, second], market, DAY) == []
