"""Statutory and benchmark fine ranges in yuan, for a given base amount (货值金额, 违法所得 …).

Pure functions over the catalogue objects: nothing here touches the database beyond
following ``tier.benchmark.matter``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from kernel.money import yuan

from .choices import BenchmarkTierLevel, MultipleBase

if TYPE_CHECKING:
    from .models import BenchmarkTier, Matter

CENT = Decimal("0.01")
ZERO = Decimal("0")


@dataclass(frozen=True)
class FineRange:
    """A closed range of lawful fines, in whole fen.

    The bounds are rounded inwards — the minimum up, the maximum down — so that every
    amount the range contains is within the exact legal bounds (5 % of 333.33 yuan is
    16.6665: a fine of 16.66 would be below the minimum). Should both bounds fall inside
    the same fen, the range collapses to that fen rounded half up.
    """

    min: Decimal
    max: Decimal

    def __post_init__(self) -> None:
        low, high = Decimal(self.min), Decimal(self.max)
        if low > high:
            raise ValueError(f"罚款幅度下限 {low} 高于上限 {high}。")
        q_low, q_high = low.quantize(CENT, ROUND_CEILING), high.quantize(CENT, ROUND_FLOOR)
        if q_low > q_high:
            q_low = q_high = ((low + high) / 2).quantize(CENT, ROUND_HALF_UP)
        object.__setattr__(self, "min", q_low)
        object.__setattr__(self, "max", q_high)

    def contains(self, amount: Decimal | int) -> bool:
        return self.min <= Decimal(amount) <= self.max

    def __str__(self) -> str:
        return f"{yuan(self.min)}至{yuan(self.max)}"


class FineBasis(StrEnum):
    AMOUNT = "amount"  # 处X元以上Y元以下罚款
    MULTIPLE = "multiple"  # 处货值金额X倍以上Y倍以下罚款


class MissingBaseAmount(ValueError):
    """The fine is a multiple of a base (or the base decides which range applies), and none was given."""

    def __init__(self, *, matter_code: str, base_label: str) -> None:
        self.matter_code = matter_code
        self.base_label = base_label
        super().__init__(
            f"事项 {matter_code} 的罚款以{base_label}为基数计算或据以确定适用的罚款幅度，须先查明{base_label}。"
        )


def _base_label(matter: Matter) -> str:
    return MultipleBase(matter.multiple_base).label if matter.multiple_base else "计算基数"


def fine_basis(matter: Matter, *, base_amount: Decimal | None) -> FineBasis | None:
    """Which statutory range governs: the amount range, the multiple range, or none (no fine)."""
    has_amount = matter.fine_max is not None
    has_multiple = matter.multiple_max is not None
    if not has_amount and not has_multiple:
        return None
    if not has_multiple:
        return FineBasis.AMOUNT
    if base_amount is None:
        raise MissingBaseAmount(matter_code=matter.code, base_label=_base_label(matter))
    if Decimal(base_amount) < ZERO:
        raise ValueError(f"{_base_label(matter)}不得为负数。")
    if not has_amount:
        return FineBasis.MULTIPLE
    threshold = matter.multiple_applies_from
    if threshold is None:
        raise ValueError(f"事项 {matter.code} 同时规定数额幅度和倍数幅度，但未载明倍数适用起点。")
    # 食品安全法 第一百二十四条: “不足一万元的” takes the amount, “一万元以上的” (included) the multiple.
    return FineBasis.MULTIPLE if Decimal(base_amount) >= threshold else FineBasis.AMOUNT


def _range(
    basis: FineBasis,
    *,
    fine_min: Decimal | None,
    fine_max: Decimal | None,
    multiple_min: Decimal | None,
    multiple_max: Decimal | None,
    base_amount: Decimal | None,
) -> FineRange | None:
    if basis is FineBasis.AMOUNT:
        return None if fine_max is None else FineRange(fine_min or ZERO, fine_max)
    if multiple_max is None or base_amount is None:
        return None
    base = Decimal(base_amount)
    return FineRange(base * (multiple_min or ZERO), base * multiple_max)


def statutory_range(matter: Matter, *, base_amount: Decimal | None) -> FineRange | None:
    """The fine the penalty provision allows for this base; ``None`` when the matter has no fine."""
    basis = fine_basis(matter, base_amount=base_amount)
    if basis is None:
        return None
    return _range(
        basis,
        fine_min=matter.fine_min,
        fine_max=matter.fine_max,
        multiple_min=matter.multiple_min,
        multiple_max=matter.multiple_max,
        base_amount=base_amount,
    )


def tier_range(tier: BenchmarkTier, *, base_amount: Decimal | None) -> FineRange | None:
    """The fine a benchmark tier sets for this base; ``None`` when the tier sets no fine."""
    if tier.level == BenchmarkTierLevel.NO_PENALTY:
        return None  # 行政处罚法 第三十三条
    basis = fine_basis(tier.benchmark.matter, base_amount=base_amount)
    if basis is None:
        return None
    return _range(
        basis,
        fine_min=tier.fine_min,
        fine_max=tier.fine_max,
        multiple_min=tier.multiple_min,
        multiple_max=tier.multiple_max,
        base_amount=base_amount,
    )
