"""matters.ranges as a table: pure functions over unsaved catalogue objects, no database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from matters.choices import BenchmarkTierLevel, MultipleBase
from matters.models import Benchmark, BenchmarkTier, Matter
from matters.ranges import FineBasis, FineRange, MissingBaseAmount, fine_basis, statutory_range, tier_range

# 处X元以上Y元以下罚款
AMOUNT = {"fine_min": D("5000"), "fine_max": D("50000")}
# 价格法 第四十二条: 可以并处五千元以下的罚款
AMOUNT_MAX_ONLY = {"fine_max": D("5000")}
# 产品质量法 第四十九条: 货值金额等值以上三倍以下
MULTIPLE = {"multiple_base": MultipleBase.GOODS_VALUE, "multiple_min": D("1"), "multiple_max": D("3")}
# 产品质量法 第五十二条: 货值金额二倍以下
MULTIPLE_MAX_ONLY = {"multiple_base": MultipleBase.GOODS_VALUE, "multiple_max": D("2")}
# 食品安全法 第一百二十四条: 不足一万元的五万元以上十万元以下；一万元以上的十倍以上二十倍以下
THRESHOLD = {
    "fine_min": D("50000"),
    "fine_max": D("100000"),
    "multiple_base": MultipleBase.GOODS_VALUE,
    "multiple_min": D("10"),
    "multiple_max": D("20"),
    "multiple_applies_from": D("10000"),
}
# 城乡规划法 第六十四条: 建设工程造价百分之五以上百分之十以下
PERCENT = {"multiple_base": MultipleBase.CONSTRUCTION_COST, "multiple_min": D("0.05"), "multiple_max": D("0.10")}


def matter(**fields) -> Matter:
    return Matter(code="TS-001", penalty_kinds=["fine"], **fields)


@pytest.mark.parametrize(
    ("fields", "base", "expected"),
    [
        pytest.param(AMOUNT, None, ("5000.00", "50000.00"), id="amount-range-needs-no-base"),
        pytest.param(AMOUNT, D("123"), ("5000.00", "50000.00"), id="amount-range-ignores-base"),
        pytest.param(AMOUNT_MAX_ONLY, None, ("0.00", "5000.00"), id="maximum-only-starts-at-zero"),
        pytest.param(MULTIPLE, D("1000"), ("1000.00", "3000.00"), id="multiple-of-base"),
        pytest.param(MULTIPLE_MAX_ONLY, D("700"), ("0.00", "1400.00"), id="multiple-maximum-only"),
        pytest.param(THRESHOLD, D("9999.99"), ("50000.00", "100000.00"), id="below-threshold-takes-amount"),
        pytest.param(THRESHOLD, D("10000"), ("100000.00", "200000.00"), id="at-threshold-takes-multiple"),
        pytest.param(THRESHOLD, D("12345.67"), ("123456.70", "246913.40"), id="above-threshold-takes-multiple"),
        pytest.param(THRESHOLD, D("0"), ("50000.00", "100000.00"), id="zero-base-takes-amount"),
        pytest.param(PERCENT, D("333.33"), ("16.67", "33.33"), id="percent-rounds-inwards-to-the-fen"),
        pytest.param(PERCENT, D("1000000"), ("50000.00", "100000.00"), id="percent-of-construction-cost"),
    ],
)
def test_statutory_range(fields, base, expected):
    assert statutory_range(matter(**fields), base_amount=base) == FineRange(D(expected[0]), D(expected[1]))


def test_statutory_range_is_none_for_a_matter_without_fine():
    assert statutory_range(Matter(code="TS-002", penalty_kinds=["warning"]), base_amount=None) is None


@pytest.mark.parametrize(
    ("fields", "base", "basis"),
    [
        (AMOUNT, None, FineBasis.AMOUNT),
        (MULTIPLE, D("1"), FineBasis.MULTIPLE),
        (THRESHOLD, D("9999.99"), FineBasis.AMOUNT),
        (THRESHOLD, D("10000.00"), FineBasis.MULTIPLE),
    ],
)
def test_fine_basis(fields, base, basis):
    assert fine_basis(matter(**fields), base_amount=base) is basis


@pytest.mark.parametrize("fields", [MULTIPLE, MULTIPLE_MAX_ONLY, THRESHOLD], ids=["multiple", "max-only", "threshold"])
def test_missing_base_amount_is_refused_in_chinese(fields):
    with pytest.raises(MissingBaseAmount, match="货值金额") as excinfo:
        statutory_range(matter(**fields), base_amount=None)
    assert isinstance(excinfo.value, ValueError)
    assert excinfo.value.matter_code == "TS-001"


def test_negative_base_amount_is_refused():
    with pytest.raises(ValueError, match="不得为负数"):
        statutory_range(matter(**MULTIPLE), base_amount=D("-1"))


def test_threshold_matter_without_threshold_is_refused():
    fields = {**THRESHOLD, "multiple_applies_from": None}
    with pytest.raises(ValueError, match="倍数适用起点"):
        statutory_range(matter(**fields), base_amount=D("1"))


class TestFineRange:
    def test_it_contains_both_bounds(self):
        fine_range = FineRange(D("500"), D("2000"))
        assert fine_range.contains(D("500"))
        assert fine_range.contains(2000)
        assert not fine_range.contains(D("499.99"))
        assert not fine_range.contains(D("2000.01"))

    def test_it_quantizes_to_the_fen(self):
        assert FineRange(D("1"), D("2")).min == D("1.00")
        assert str(FineRange(D("1"), D("2")).max) == "2.00"

    def test_it_collapses_bounds_within_one_fen(self):
        assert FineRange(D("16.661"), D("16.664")) == FineRange(D("16.66"), D("16.66"))

    def test_it_refuses_an_inverted_range(self):
        with pytest.raises(ValueError, match="高于上限"):
            FineRange(D("2"), D("1"))

    def test_it_reads_as_yuan(self):
        assert str(FineRange(D("5000"), D("50000"))) == "5,000.00元至50,000.00元"


def tier(level=BenchmarkTierLevel.GENERAL, *, matter_fields=THRESHOLD, **fields) -> BenchmarkTier:
    return BenchmarkTier(level=level, benchmark=Benchmark(matter=matter(**matter_fields)), **fields)


GENERAL_FOOD = {"fine_min": D("70000"), "fine_max": D("80000"), "multiple_min": D("14"), "multiple_max": D("16")}


@pytest.mark.parametrize(
    ("the_tier", "base", "expected"),
    [
        pytest.param(tier(**GENERAL_FOOD), D("5000"), ("70000.00", "80000.00"), id="amount-below-threshold"),
        pytest.param(tier(**GENERAL_FOOD), D("20000"), ("280000.00", "320000.00"), id="multiple-at-or-above"),
        pytest.param(
            tier(matter_fields=AMOUNT_MAX_ONLY, fine_max=D("2000")), None, ("0.00", "2000.00"), id="maximum-only"
        ),
        pytest.param(
            tier(BenchmarkTierLevel.MITIGATED, matter_fields=AMOUNT, fine_min=D("2500"), fine_max=D("5000")),
            None,
            ("2500.00", "5000.00"),
            id="mitigated-below-the-minimum",
        ),
    ],
)
def test_tier_range(the_tier, base, expected):
    assert tier_range(the_tier, base_amount=base) == FineRange(D(expected[0]), D(expected[1]))


@pytest.mark.parametrize(
    "the_tier",
    [
        pytest.param(tier(BenchmarkTierLevel.NO_PENALTY), id="no-penalty"),
        pytest.param(tier(matter_fields=AMOUNT), id="warning-only-tier"),
        pytest.param(tier(matter_fields={}), id="matter-without-fine"),
    ],
)
def test_tier_range_is_none_without_a_fine(the_tier):
    assert tier_range(the_tier, base_amount=D("1")) is None


def test_tier_range_needs_the_base_when_the_matter_does():
    with pytest.raises(MissingBaseAmount):
        tier_range(tier(**GENERAL_FOOD), base_amount=None)
