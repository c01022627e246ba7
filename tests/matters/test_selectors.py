"""Which matters an agency holds, and which benchmark is in force."""

from __future__ import annotations

import datetime

import pytest

from matters.models import BenchmarkTier, Matter
from matters.selectors import current_benchmark, matter_is_held_by, matters_held_by

from .factories import AgencyFactory, BenchmarkFactory, MatterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory()


@pytest.fixture
def other_agency():
    return AgencyFactory()


def test_matters_held_by_lists_the_agencys_active_matters(agency, other_agency):
    held = MatterFactory(agencies=[agency], code="TS-B-002")
    shared = MatterFactory(agencies=[agency, other_agency], code="TS-A-001")
    MatterFactory(agencies=[other_agency])
    MatterFactory(agencies=[agency], is_active=False)
    assert list(matters_held_by(agency)) == [shared, held]


def test_matters_held_by_can_include_inactive_matters(agency):
    inactive = MatterFactory(agencies=[agency], is_active=False)
    assert list(matters_held_by(agency, include_inactive=True)) == [inactive]


def test_an_agency_without_matters_holds_none(agency):
    MatterFactory()
    assert not matters_held_by(agency).exists()


def test_matter_is_held_by(agency, other_agency):
    matter = MatterFactory(agencies=[agency])
    assert matter_is_held_by(matter, agency)
    assert not matter_is_held_by(matter, other_agency)


def test_an_inactive_matter_is_held_by_nobody(agency):
    assert not matter_is_held_by(MatterFactory(agencies=[agency], is_active=False), agency)


def test_current_benchmark_is_the_latest_in_force():
    matter = MatterFactory()
    BenchmarkFactory(matter=matter, title="2024版", effective_from=datetime.date(2024, 1, 1))
    in_force = BenchmarkFactory(matter=matter, title="2025版", effective_from=datetime.date(2025, 1, 1))
    BenchmarkFactory(matter=matter, title="2026版", effective_from=datetime.date(2026, 7, 1))
    BenchmarkFactory(matter=matter, title="停用", effective_from=datetime.date(2025, 6, 1), is_active=False)
    assert current_benchmark(matter, on=datetime.date(2026, 3, 1)) == in_force


def test_there_is_no_benchmark_before_the_first_takes_effect():
    benchmark = BenchmarkFactory(effective_from=datetime.date(2025, 1, 1))
    assert current_benchmark(benchmark.matter, on=datetime.date(2024, 12, 31)) is None


@pytest.mark.django_db
def test_the_api_gives_the_tier_ids_a_proposal_names_and_which_benchmark_is_in_force(api):
    """An API-only client concludes an investigation naming a tier: the matters API gives its id and range."""
    from matters.services import seed_catalogue
    from tests.officers.factories import OfficerFactory

    seed_catalogue()
    matter = Matter.objects.filter(benchmarks__isnull=False).distinct().first()
    body = api(OfficerFactory()).get(f"/api/v1/matters/{matter.code}/").json()

    benchmarks = body["benchmarks"]
    in_force = [b for b in benchmarks if b["in_force"]]
    assert len(in_force) == 1
    tier = in_force[0]["tiers"][0]
    assert BenchmarkTier.objects.filter(pk=tier["id"], benchmark__matter=matter).exists()
    assert {"level", "level_label", "fine_min", "fine_max", "multiple_min", "multiple_max"} <= set(tier)
