from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model

from kernel.validators import credit_code_check_char
from officers.choices import AgencyKind, AgencyLevel, CertificateStatus, StaffCategory
from officers.models import Agency, Certificate, CertificateStatusChange, EnforcementDomain, Officer

PASSWORD = "test-password-123"


class EnforcementDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementDomain
        django_get_or_create = ("code",)

    code = "market_regulation"
    name = factory.LazyAttribute(
        lambda o: {"market_regulation": "市场监管", "urban_management": "城市管理"}.get(o.code, o.code)
    )


def _credit_code(n: int) -> str:
    body = f"11150200MB{n:07d}"
    return body + credit_code_check_char(body)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试市场监督管理局{n}")
    short_name = factory.Sequence(lambda n: f"测监{n}")
    kind = AgencyKind.ENFORCEMENT
    level = AgencyLevel.CITY
    credit_code = factory.Sequence(_credit_code)

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if not create:
            return
        self.domains.set(extracted if extracted is not None else [EnforcementDomainFactory()])

    @factory.post_generation
    def remedy_bodies(self, create, extracted, **kwargs):
        """行政处罚法 第五十九条第一款第五项: an agency names its reconsideration organ and court before it decides
        (``remedy_bodies=False``: an agency that has not yet). The bank stays unset (its documented placeholder)."""
        if not create or extracted is False:
            return
        from documents.models import AgencyDocumentSettings

        AgencyDocumentSettings.objects.get_or_create(
            agency=self, defaults={"reconsideration_organ": "包头市人民政府", "court": "包头市昆都仑区人民法院"}
        )


class SupervisoryBodyFactory(AgencyFactory):
    name = factory.Sequence(lambda n: f"测试市司法局{n}")
    short_name = factory.Sequence(lambda n: f"测司{n}")
    kind = AgencyKind.SUPERVISION
    domains = factory.PostGeneration(lambda obj, create, extracted, **kwargs: None)  # a justice bureau enforces nothing
    remedy_bodies = factory.PostGeneration(lambda obj, create, extracted, **kwargs: None)  # nor decides


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"执法员{n}")
    category = StaffCategory.ENFORCEMENT


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate valid from a year ago for three years, with its issue recorded in the history."""

    class Meta:
        model = Certificate
        skip_postgeneration_save = True

    officer = factory.SubFactory(OfficerFactory)
    number = factory.Sequence(lambda n: f"15022024{n:05d}")
    issuing_authority = "内蒙古自治区人民政府"
    valid_from = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=365))
    valid_to = factory.LazyAttribute(lambda o: o.valid_from + datetime.timedelta(days=3 * 365))
    status = CertificateStatus.VALID

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if not create:
            return
        self.domains.set(extracted if extracted is not None else [EnforcementDomainFactory()])
        CertificateStatusChange.objects.create(
            certificate=self, to_status=CertificateStatus.VALID, effective_on=self.valid_from, reason="发证"
        )


def certified_officer(*, agency: Agency | None = None, domain: EnforcementDomain | None = None, **kwargs) -> Officer:
    """An enforcement officer holding a currently valid certificate for ``domain``."""
    domain = domain or EnforcementDomainFactory()
    officer = OfficerFactory(agency=agency or AgencyFactory(domains=[domain]), **kwargs)
    CertificateFactory(officer=officer, domains=[domain])
    return officer
