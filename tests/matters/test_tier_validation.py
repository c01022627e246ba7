"""BenchmarkTier.clean(): inside the statutory range; only mitigation below the minimum, nothing above the maximum."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from matters.choices import BenchmarkTierLevel as L
from matters.choices import MultipleBase
from matters.validation import codes, tier_problems

from .factories import BenchmarkFactory, BenchmarkTierFactory, MatterFactory

pytestmark = pytest.mark.django_db

FOOD_SAFETY_124 = {
    "penalty_kinds": ["confiscate_gains", "confiscate_property", "fine", "revoke_permit"],
    "fine_min": D("50000"),
    "fine_max": D("100000"),
    "multiple_base": MultipleBase.GOODS_VALUE,
    "multiple_min": D("10"),
    "multiple_max": D("20"),
    "multiple_applies_from": D("10000"),
}
PRODUCT_QUALITY_49 = {
    "penalty_kinds": ["confiscate_property", "fine"],
    "fine_min": None,
    "fine_max": None,
    "multiple_base": MultipleBase.GOODS_VALUE,
    "multiple_min": D("1"),
    "multiple_max": D("3"),
}


def build_tier(level=L.GENERAL, matter=None, **fields):
    """An unsaved tier on a saved benchmark of ``matter`` (by default 5,000–50,000 yuan)."""
    benchmark = BenchmarkFactory(matter=matter or MatterFactory())
    return BenchmarkTierFactory.build(benchmark=benchmark, level=level, **fields)


def problem_codes(tier) -> set[str]:
    return codes(tier_problems(tier))


def test_it_accepts_a_tier_inside_the_statutory_range():
    tier = build_tier(fine_min=D("23000"), fine_max=D("32000"))
    tier.full_clean()
    assert problem_codes(tier) == set()


def test_it_refuses_a_lighter_tier_below_the_statutory_minimum():
    tier = build_tier(L.LIGHTER, fine_min=D("4000"), fine_max=D("20000"))
    with pytest.raises(ValidationError) as excinfo:
        tier.clean()
    assert "只有减轻处罚阶次可以低于法定下限" in excinfo.value.message_dict["fine_min"][0]
    assert "《中华人民共和国行政处罚法》第三十二条" in excinfo.value.message_dict["fine_min"][0]


def test_it_refuses_a_tier_without_minimum_when_the_statute_has_one():
    assert problem_codes(build_tier(L.LIGHTER, fine_min=None, fine_max=D("20000"))) == {"tier_fine_below_minimum"}


def test_it_allows_a_mitigated_tier_below_the_statutory_minimum():
    tier = build_tier(L.MITIGATED, fine_min=D("2500"), fine_max=D("5000"))
    tier.full_clean()


@pytest.mark.parametrize("level", [L.MITIGATED, L.LIGHTER, L.GENERAL, L.HEAVIER])
def test_it_never_allows_a_tier_above_the_statutory_maximum(level):
    tier = build_tier(level, fine_min=D("40000"), fine_max=D("50000.01"))
    assert problem_codes(tier) == {"tier_fine_above_maximum"}
    with pytest.raises(ValidationError) as excinfo:
        tier.clean()
    assert "超过法定上限" in excinfo.value.message_dict["fine_max"][0]


def test_it_refuses_a_fine_in_the_no_penalty_tier():
    tier = build_tier(L.NO_PENALTY, fine_min=D("5000"), fine_max=D("6000"))
    with pytest.raises(ValidationError) as excinfo:
        tier.clean()
    assert "不予处罚阶次不得规定罚款" in excinfo.value.messages[0]


def test_a_no_penalty_tier_without_fine_is_valid():
    build_tier(L.NO_PENALTY, fine_min=None, fine_max=None).full_clean()


def test_a_tier_without_fine_is_valid_for_a_warning():
    build_tier(L.LIGHTER, fine_min=None, fine_max=None).full_clean()


def test_it_refuses_an_inverted_tier_range():
    assert problem_codes(build_tier(fine_min=D("32000"), fine_max=D("23000"))) == {"fine_range_inverted"}


def test_it_refuses_a_fine_when_the_matter_has_none():
    matter = MatterFactory(penalty_kinds=["warning"], fine_min=None, fine_max=None)
    assert problem_codes(build_tier(matter=matter)) == {"tier_fine_without_kind"}


def test_it_refuses_an_amount_for_a_matter_fined_by_multiple_only():
    tier = build_tier(matter=MatterFactory(**PRODUCT_QUALITY_49), fine_min=D("1000"), fine_max=D("2000"))
    assert problem_codes(tier) == {"tier_fine_not_in_statute"}


@pytest.mark.parametrize(
    ("level", "multiples", "expected"),
    [
        (L.GENERAL, (D("1.8"), D("2.2")), set()),
        (L.LIGHTER, (D("0.9"), D("1.8")), {"tier_multiple_below_minimum"}),
        (L.MITIGATED, (D("0.5"), D("1")), set()),
        (L.MITIGATED, (D("0.5"), D("3.5")), {"tier_multiple_above_maximum"}),
        (L.HEAVIER, (D("2.2"), D("3.0001")), {"tier_multiple_above_maximum"}),
    ],
)
def test_multiple_tiers_follow_the_same_rules(level, multiples, expected):
    matter = MatterFactory(**PRODUCT_QUALITY_49)
    tier = build_tier(level, matter, fine_min=None, fine_max=None, multiple_min=multiples[0], multiple_max=multiples[1])
    assert problem_codes(tier) == expected


def test_a_threshold_matter_tier_needs_both_an_amount_and_a_multiple():
    matter = MatterFactory(**FOOD_SAFETY_124)
    assert problem_codes(build_tier(matter=matter, fine_min=D("70000"), fine_max=D("80000"))) == {"tier_regime_missing"}
    complete = build_tier(
        L.HEAVIER,
        matter,
        fine_min=D("80000"),
        fine_max=D("100000"),
        multiple_min=D("16"),
        multiple_max=D("20"),
    )
    complete.full_clean()


def test_the_reason_cites_the_penalty_provision():
    tier = build_tier(fine_min=D("40000"), fine_max=D("60000"))
    (reason,) = tier_problems(tier)["fine_max"]
    assert reason.article == str(tier.benchmark.matter.penalty_provision)
