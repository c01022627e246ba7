"""The database refuses what clean() refuses, for writes that bypass it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction

from matters.choices import BenchmarkTierLevel as L
from matters.models import BenchmarkTier, LegalProvision, Matter

from .factories import BenchmarkTierFactory, LegalProvisionFactory, MatterFactory

pytestmark = pytest.mark.django_db


def refused(queryset, **values) -> bool:
    try:
        with transaction.atomic():
            queryset.update(**values)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    "values",
    [
        pytest.param({"fine_min": D("60000")}, id="fine-min-above-max"),
        pytest.param({"multiple_min": D("3"), "multiple_max": D("1")}, id="multiple-min-above-max"),
        pytest.param({"fine_min": D("-1")}, id="negative-fine"),
        pytest.param({"multiple_max": D("-0.5")}, id="negative-multiple"),
        pytest.param({"multiple_applies_from": D("0")}, id="zero-threshold"),
    ],
)
def test_the_database_refuses_an_incoherent_matter(values):
    matter = MatterFactory()
    assert refused(Matter.objects.filter(pk=matter.pk), **values)


@pytest.mark.parametrize(
    "values",
    [
        pytest.param({"fine_min": D("40000"), "fine_max": D("30000")}, id="fine-min-above-max"),
        pytest.param({"multiple_min": D("2"), "multiple_max": D("1")}, id="multiple-min-above-max"),
        pytest.param({"fine_min": D("-100")}, id="negative-fine"),
    ],
)
def test_the_database_refuses_an_incoherent_tier(values):
    tier = BenchmarkTierFactory()
    assert refused(BenchmarkTier.objects.filter(pk=tier.pk), **values)


def test_a_benchmark_has_one_tier_per_level():
    tier = BenchmarkTierFactory(level=L.GENERAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        BenchmarkTierFactory(benchmark=tier.benchmark, level=L.GENERAL)
    BenchmarkTierFactory(benchmark=tier.benchmark, level=L.HEAVIER, fine_min=D("32000"), fine_max=D("50000"))


def test_a_provision_is_unique_per_law_and_article():
    provision = LegalProvisionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LegalProvision.objects.create(law=provision.law, article=provision.article, text="重复")


def test_a_matter_code_is_unique():
    matter = MatterFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MatterFactory(code=matter.code)
