"""Reads of the catalogue: which matters an agency holds, which benchmark applies."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from officers.models import Agency

from .models import Benchmark, Matter


def matters_held_by(agency: Agency, *, include_inactive: bool = False) -> QuerySet[Matter]:
    """The matters on ``agency``'s list of powers (权责清单); active ones unless asked otherwise."""
    matters = Matter.objects.filter(agencies=agency).select_related("domain")
    if not include_inactive:
        matters = matters.filter(is_active=True)
    return matters.order_by("code")


def matter_is_held_by(matter: Matter, agency: Agency) -> bool:
    """行政处罚法 第十七条: an agency penalises only within its powers — an active matter it holds."""
    return matter.is_active and matter.agencies.filter(pk=agency.pk).exists()


def current_benchmark(matter: Matter, *, on: datetime.date) -> Benchmark | None:
    """The active benchmark in force on ``on``: the one that took effect last."""
    return (
        matter.benchmarks.filter(is_active=True, effective_from__lte=on)
        .prefetch_related("tiers")
        .order_by("-effective_from", "-pk")
        .first()
    )
