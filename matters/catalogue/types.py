"""The shapes of the seed catalogue: plain frozen dataclasses, no database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from ..choices import BenchmarkTierLevel, MultipleBase, PenaltyKind

Range = tuple[Decimal | None, Decimal]  # (minimum or None for “……以下”, maximum)


@dataclass(frozen=True)
class Provision:
    law: str
    article: str
    text: str
    effective_date: datetime.date | None = None


@dataclass(frozen=True)
class Tier:
    level: BenchmarkTierLevel
    circumstances: str
    fine: Range | None = None
    multiple: Range | None = None


@dataclass(frozen=True)
class MatterEntry:
    code: str
    name: str
    domain: str  # EnforcementDomain.code
    violated: Provision
    penalty: Provision
    penalty_kinds: tuple[PenaltyKind, ...]
    tiers: tuple[Tier, ...]
    fine: Range | None = None
    multiple: Range | None = None
    multiple_base: MultipleBase | None = None
    multiple_applies_from: Decimal | None = None
    touches_safety: bool = False
    description: str = ""
    seizure: Provision | None = None  # the law or regulation empowering 查封、扣押 (行政强制法 第二十二条)
    # The penalty provision's own words making the fine conditional on a failure to correct (拒不改正的，处……罚款).
    conditional_on_failure_to_correct: str = ""


def yuan(low: str | None, high: str) -> Range:
    return (Decimal(low) if low is not None else None, Decimal(high))


times = yuan  # a multiple range is written the same way: times("10", "20")
