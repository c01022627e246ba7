from __future__ import annotations

from django.db import models

from ..choices import BenchmarkTierLevel
from ..validation import raise_problems, tier_problems
from .matter import Matter, money, multiple, range_constraints


class Benchmark(models.Model):
    """裁量基准 for one matter (行政处罚法 第三十四条: drawn up and published by the agency)."""

    matter = models.ForeignKey(Matter, verbose_name="事项", on_delete=models.PROTECT, related_name="benchmarks")
    title = models.CharField("标题", max_length=200)
    issued_by = models.CharField("制定机关", max_length=120)
    document_number = models.CharField("文号", max_length=60, blank=True)
    effective_from = models.DateField("施行日期")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ("matter", "-effective_from")

    def __str__(self) -> str:
        return self.title


class BenchmarkTier(models.Model):
    """One tier of a benchmark: the circumstances that put a case there and its range."""

    benchmark = models.ForeignKey(Benchmark, verbose_name="裁量基准", on_delete=models.CASCADE, related_name="tiers")
    level = models.CharField("裁量阶次", max_length=20, choices=BenchmarkTierLevel.choices)
    circumstances = models.TextField("适用情形")
    fine_min = money("罚款下限（元）")
    fine_max = money("罚款上限（元）")
    multiple_min = multiple("倍数下限")
    multiple_max = multiple("倍数上限")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "裁量阶次"
        verbose_name_plural = "裁量阶次"
        ordering = ("benchmark", "order", "id")
        constraints = (
            models.UniqueConstraint(fields=("benchmark", "level"), name="benchmark_tier_unique_level"),
            *range_constraints("benchmark_tier"),
        )

    def __str__(self) -> str:
        return f"{self.benchmark} · {self.get_level_display()}"

    def clean(self) -> None:
        # RelatedObjectDoesNotExist is an AttributeError: a tier not yet attached has nothing to compare.
        benchmark = getattr(self, "benchmark", None)
        if benchmark is None or benchmark.matter_id is None:
            return
        raise_problems(tier_problems(self))
