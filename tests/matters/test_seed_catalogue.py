"""seed_catalogue(): idempotent, complete, and every demonstration tier valid against its matter."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from matters.choices import BenchmarkTierLevel as L
from matters.choices import PenaltyKind
from matters.models import Benchmark, BenchmarkTier, LegalProvision, Matter
from matters.ranges import FineRange, statutory_range, tier_range
from matters.services import seed_catalogue
from matters.validation import flatten, tier_problems
from officers.choices import AgencyKind
from officers.models import EnforcementDomain

from .factories import AgencyFactory, EnforcementDomainFactory

pytestmark = pytest.mark.django_db

MARKET, URBAN = "market_regulation", "urban_management"
SAMPLE_BASES = [D("0"), D("5000"), D("9999.99"), D("10000"), D("49999.99"), D("50000"), D("123456.78"), D("2000000")]


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (EnforcementDomain, LegalProvision, Matter, Benchmark, BenchmarkTier)
    }


def test_it_is_idempotent():
    first = seed_catalogue()
    before = counts()
    second = seed_catalogue()
    assert counts() == before
    assert [m.pk for m in first] == [m.pk for m in second]


def test_it_seeds_at_least_six_matters_in_each_domain():
    matters = seed_catalogue()
    assert len(matters) >= 12
    assert Matter.objects.filter(domain__code=MARKET).count() >= 6
    assert Matter.objects.filter(domain__code=URBAN).count() >= 6
    assert len({m.code for m in matters}) == len(matters)


def test_it_creates_the_two_domains_when_missing():
    seed_catalogue()
    assert dict(EnforcementDomain.objects.values_list("code", "name")) == {MARKET: "市场监管", URBAN: "城市管理"}


def test_it_reuses_an_existing_domain():
    domain = EnforcementDomainFactory(code=MARKET)
    seed_catalogue()
    assert Matter.objects.filter(domain__code=MARKET).exclude(domain=domain).count() == 0


def test_every_matter_has_legal_basis_penalty_kinds_and_a_benchmark():
    for matter in seed_catalogue():
        matter.full_clean()
        assert matter.violated_provision.text.strip(), matter.code
        assert matter.penalty_provision.text.strip(), matter.code
        assert matter.violated_provision.law.startswith(("中华人民共和国", "城市", "城镇")), matter.code
        assert matter.penalty_kinds, matter.code
        assert set(matter.penalty_kinds) <= set(PenaltyKind.values), matter.code
        assert matter.benchmarks.count() == 1, matter.code


def test_every_tier_validates_against_its_matter():
    for matter in seed_catalogue():
        benchmark = matter.benchmarks.get()
        tiers = list(benchmark.tiers.all())
        assert {L.GENERAL, L.LIGHTER, L.HEAVIER} <= {t.level for t in tiers}, matter.code
        for tier in tiers:
            tier.full_clean()
            assert list(flatten(tier_problems(tier))) == [], (matter.code, tier.level)


def test_every_tier_range_lies_within_the_statutory_range_at_any_base():
    for matter in seed_catalogue():
        for base in SAMPLE_BASES:
            statutory = statutory_range(matter, base_amount=base)
            for tier in matter.benchmarks.get().tiers.all():
                in_tier = tier_range(tier, base_amount=base)
                if in_tier is None:
                    continue
                assert in_tier.max <= statutory.max, (matter.code, tier.level, base)
                if tier.level != L.MITIGATED:
                    assert in_tier.min >= statutory.min, (matter.code, tier.level, base)


def test_tiers_are_ordered_from_no_penalty_to_heavier():
    for matter in seed_catalogue():
        levels = [t.level for t in matter.benchmarks.get().tiers.all()]
        assert levels == sorted(levels, key=lambda level: L(level).rank), matter.code


def test_the_benchmarks_are_labelled_as_demonstration_data():
    seed_catalogue()
    assert not Benchmark.objects.exclude(issued_by__startswith="示例").exists()
    assert not Benchmark.objects.exclude(document_number="示例文件").exists()


def test_food_and_product_safety_matters_touch_safety():
    seed_catalogue()
    for code in ("SC-SP-001", "SC-SP-002", "SC-SP-003", "SC-CP-001", "SC-CP-003"):
        assert Matter.objects.get(code=code).touches_safety, code
    assert not Matter.objects.filter(domain__code=URBAN, touches_safety=True).exists()


def test_the_food_safety_matter_switches_to_a_multiple_at_ten_thousand_yuan():
    seed_catalogue()
    matter = Matter.objects.get(code="SC-SP-001")
    assert matter.penalty_provision.article == "第一百二十四条第一款第（五）项"
    assert statutory_range(matter, base_amount=D("9999.99")) == FineRange(D("50000"), D("100000"))
    assert statutory_range(matter, base_amount=D("10000")) == FineRange(D("100000"), D("200000"))


def test_it_gives_each_matter_to_the_active_enforcement_agencies_of_its_domain():
    market, urban = EnforcementDomainFactory(code=MARKET), EnforcementDomainFactory(code=URBAN)
    market_agency = AgencyFactory(domains=[market])
    urban_agency = AgencyFactory(domains=[urban])
    both = AgencyFactory(domains=[market, urban])
    inactive = AgencyFactory(domains=[market], is_active=False)
    supervisor = AgencyFactory(domains=[market], kind=AgencyKind.SUPERVISION)

    seed_catalogue()

    market_codes = set(Matter.objects.filter(domain=market).values_list("code", flat=True))
    urban_codes = set(Matter.objects.filter(domain=urban).values_list("code", flat=True))
    assert set(market_agency.matters.values_list("code", flat=True)) == market_codes
    assert set(urban_agency.matters.values_list("code", flat=True)) == urban_codes
    assert set(both.matters.values_list("code", flat=True)) == market_codes | urban_codes
    assert not inactive.matters.exists()
    assert not supervisor.matters.exists()


def test_reseeding_keeps_agencies_assigned_by_hand():
    seed_catalogue()
    outsider = AgencyFactory(domains=[EnforcementDomainFactory(code="ecology", name="生态环境")])
    matter = Matter.objects.get(code="CG-PS-001")
    matter.agencies.add(outsider)
    seed_catalogue()
    assert matter.agencies.filter(pk=outsider.pk).exists()


def test_reseeding_restores_edited_catalogue_data():
    seed_catalogue()
    Matter.objects.filter(code="SC-JG-001").update(fine_max=D("3000"), name="改过的名称")
    seed_catalogue()
    matter = Matter.objects.get(code="SC-JG-001")
    assert (matter.fine_max, matter.name) == (D("5000"), "经营者违反明码标价规定")


def test_seizure_is_offered_only_where_the_matters_own_law_empowers_it():
    """行政强制法 第二十二条: the food safety matters quote 食品安全法 第一百一十条第（四）项; the others name none."""
    seed_catalogue()
    empowered = Matter.objects.filter(seizure_provision__isnull=False)

    assert set(empowered.values_list("code", flat=True)) == {"SC-SP-001", "SC-SP-002"}
    for matter in empowered:
        provision = matter.seizure_provision
        assert (provision.law, provision.article) == ("中华人民共和国食品安全法", "第一百一十条第（四）项")
        assert "查封、扣押" in provision.text


def test_only_food_safety_126_makes_its_fine_wait_for_a_failure_to_correct():
    """行政处罚法 第二十八条 with the penalty provisions: 食品安全法 第一百二十六条 fines only 拒不改正的;
    大气污染防治法 第一百一十八条第一款 and 城乡规划法 第六十四条 fine together with the order: not marked."""
    seed_catalogue()
    marked = Matter.objects.exclude(conditional_on_failure_to_correct="")

    assert list(marked.values_list("code", flat=True)) == ["SC-SP-003"]
    matter = marked.get()
    assert matter.penalty_provision.article == "第一百二十六条第一款第（六）项"
    assert matter.conditional_on_failure_to_correct in matter.penalty_provision.text
