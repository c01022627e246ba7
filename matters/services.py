"""Writes to the catalogue. Admin and commands call these, nothing else writes."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

from officers.choices import AgencyKind
from officers.models import Agency, EnforcementDomain

from .catalogue import CATALOGUE, DOMAINS, MatterEntry, Provision
from .catalogue.common import DEMO_DOCUMENT_NUMBER, DEMO_EFFECTIVE_FROM, DEMO_ISSUERS
from .models import Benchmark, BenchmarkTier, LegalProvision, Matter

M = TypeVar("M", bound=models.Model)


def _upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """update_or_create that runs ``full_clean`` first, so seed data obeys the same rules as the admin."""
    obj = model._default_manager.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


def _provision(data: Provision) -> LegalProvision:
    return _upsert(
        LegalProvision,
        {"law": data.law, "article": data.article},
        {"text": data.text, "effective_date": data.effective_date},
    )


def _matter(entry: MatterEntry, domain: EnforcementDomain) -> Matter:
    fine_min, fine_max = entry.fine or (None, None)
    multiple_min, multiple_max = entry.multiple or (None, None)
    return _upsert(
        Matter,
        {"code": entry.code},
        {
            "name": entry.name,
            "domain": domain,
            "violated_provision": _provision(entry.violated),
            "penalty_provision": _provision(entry.penalty),
            "penalty_kinds": [str(k) for k in entry.penalty_kinds],
            "fine_min": fine_min,
            "fine_max": fine_max,
            "multiple_base": entry.multiple_base or "",
            "multiple_min": multiple_min,
            "multiple_max": multiple_max,
            "multiple_applies_from": entry.multiple_applies_from,
            "touches_safety": entry.touches_safety,
            "description": entry.description,
            "seizure_provision": _provision(entry.seizure) if entry.seizure else None,
            "conditional_on_failure_to_correct": entry.conditional_on_failure_to_correct,
        },
    )


def _benchmark(entry: MatterEntry, matter: Matter) -> Benchmark:
    benchmark = _upsert(
        Benchmark,
        {"matter": matter, "title": f"“{entry.name}”行政处罚裁量基准（示例）"},
        {
            "issued_by": DEMO_ISSUERS[entry.domain],
            "document_number": DEMO_DOCUMENT_NUMBER,
            "effective_from": DEMO_EFFECTIVE_FROM,
        },
    )
    for tier in entry.tiers:
        fine_min, fine_max = tier.fine or (None, None)
        multiple_min, multiple_max = tier.multiple or (None, None)
        _upsert(
            BenchmarkTier,
            {"benchmark": benchmark, "level": str(tier.level)},
            {
                "circumstances": tier.circumstances,
                "fine_min": fine_min,
                "fine_max": fine_max,
                "multiple_min": multiple_min,
                "multiple_max": multiple_max,
                "order": tier.level.rank,
            },
        )
    benchmark.tiers.exclude(level__in=[str(t.level) for t in entry.tiers]).delete()
    return benchmark


@transaction.atomic
def seed_catalogue() -> list[Matter]:
    """Create or update the seed matters, their provisions and demonstration benchmarks.

    Idempotent: matters are keyed by code, provisions by (law, article), benchmarks by
    (matter, title), tiers by (benchmark, level). Each matter is added to every active
    enforcement agency holding its domain; agencies added by hand are kept.
    """
    domains = {
        code: EnforcementDomain.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in DOMAINS.items()
    }
    holders = {
        code: list(Agency.objects.filter(is_active=True, kind=AgencyKind.ENFORCEMENT, domains=domain))
        for code, domain in domains.items()
    }
    matters = []
    for entry in CATALOGUE:
        matter = _matter(entry, domains[entry.domain])
        _benchmark(entry, matter)
        matter.agencies.add(*holders[entry.domain])
        matters.append(matter)
    return matters
