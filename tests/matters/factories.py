from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from matters.choices import BenchmarkTierLevel, PenaltyKind
from matters.models import Benchmark, BenchmarkTier, LegalProvision, Matter
from tests.officers.factories import AgencyFactory, EnforcementDomainFactory

__all__ = [
    "AgencyFactory",
    "BenchmarkFactory",
    "BenchmarkTierFactory",
    "EnforcementDomainFactory",
    "LegalProvisionFactory",
    "MatterFactory",
]


class LegalProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalProvision

    law = "中华人民共和国测试法"
    article = factory.Sequence(lambda n: f"第{n + 1}条")
    text = "违反本法规定的，由县级以上人民政府有关部门责令改正，给予警告，可以并处五千元以上五万元以下的罚款。"
    effective_date = datetime.date(2021, 7, 15)


class MatterFactory(factory.django.DjangoModelFactory):
    """By default a fine of 5,000–50,000 yuan with a warning, like 食品安全法 第一百二十六条."""

    class Meta:
        model = Matter
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TS-CS-{n:03d}")
    name = factory.Sequence(lambda n: f"测试违法行为{n}")
    domain = factory.SubFactory(EnforcementDomainFactory)
    violated_provision = factory.SubFactory(LegalProvisionFactory)
    penalty_provision = factory.SubFactory(LegalProvisionFactory)
    penalty_kinds = factory.LazyFunction(lambda: [PenaltyKind.WARNING.value, PenaltyKind.FINE.value])
    fine_min = Decimal("5000")
    fine_max = Decimal("50000")

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.agencies.set(extracted)


class BenchmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benchmark

    matter = factory.SubFactory(MatterFactory)
    title = factory.LazyAttribute(lambda o: f"{o.matter.name}裁量基准（测试）")
    issued_by = "示例：测试市市场监督管理局"
    document_number = "示例文件"
    effective_from = datetime.date(2025, 1, 1)


class BenchmarkTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BenchmarkTier

    benchmark = factory.SubFactory(BenchmarkFactory)
    level = BenchmarkTierLevel.GENERAL
    circumstances = "不具有从轻、减轻或者从重处罚情节的。"
    fine_min = Decimal("23000")
    fine_max = Decimal("32000")
    order = factory.LazyAttribute(lambda o: BenchmarkTierLevel(o.level).rank)
