"""The seed catalogue of enforcement matters (权责清单) with demonstration benchmarks.

Statute texts are real (see :mod:`.provisions`); benchmark tiers are demonstration data
following DOMAIN.md's arithmetic, not a published benchmark document.
"""

from __future__ import annotations

from .market_regulation import MATTERS as MARKET_REGULATION_MATTERS
from .types import MatterEntry, Provision, Tier
from .urban_management import MATTERS as URBAN_MANAGEMENT_MATTERS

# EnforcementDomain code → name, created by the seed when missing.
DOMAINS: dict[str, str] = {
    "market_regulation": "市场监管",
    "urban_management": "城市管理",
}

CATALOGUE: tuple[MatterEntry, ...] = MARKET_REGULATION_MATTERS + URBAN_MANAGEMENT_MATTERS

__all__ = ["CATALOGUE", "DOMAINS", "MatterEntry", "Provision", "Tier"]
