from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from rest_framework import serializers, viewsets

from .models import Benchmark, BenchmarkTier, LegalProvision, Matter

if TYPE_CHECKING:
    from officers.models import EnforcementDomain


class ProvisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalProvision
        fields = ["law", "article", "text"]


class TierSerializer(serializers.ModelSerializer):
    """A tier with its id: ``conclude_investigation`` and ``revise_proposal`` name the tier applied (``tier``)."""

    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = BenchmarkTier
        fields = ["id", "level", "level_label", "circumstances", "fine_min", "fine_max", "multiple_min", "multiple_max"]


class BenchmarkSerializer(serializers.ModelSerializer):
    tiers = TierSerializer(many=True, read_only=True)
    in_force = serializers.SerializerMethodField(help_text="今天施行的裁量基准：调查终结时从其档次中选择。")

    class Meta:
        model = Benchmark
        fields = ["id", "title", "issued_by", "document_number", "effective_from", "in_force", "tiers"]

    def get_in_force(self, benchmark: Benchmark) -> bool:
        return benchmark.pk == self.context.get("in_force")


class MatterSerializer(serializers.ModelSerializer):
    domain: serializers.SlugRelatedField[EnforcementDomain] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    legal_basis = serializers.SerializerMethodField()
    benchmarks = serializers.SerializerMethodField()

    class Meta:
        model = Matter
        fields = [
            "code",
            "name",
            "domain",
            "legal_basis",
            "penalty_kinds",
            "fine_min",
            "fine_max",
            "multiple_base",
            "multiple_min",
            "multiple_max",
            "multiple_applies_from",
            "touches_safety",
            "benchmarks",
        ]

    def get_legal_basis(self, matter: Matter) -> dict:
        return {
            "violated": ProvisionSerializer(matter.violated_provision).data,
            "penalty": ProvisionSerializer(matter.penalty_provision).data,
            # 行政强制法 第二十二条: the law empowering 查封、扣押 for this matter, or null (not offered).
            "seizure": ProvisionSerializer(matter.seizure_provision).data if matter.seizure_provision else None,
            # 行政处罚法 第二十八条: the penalty provision's words making the fine wait for a failure to correct.
            "conditional_on_failure_to_correct": matter.conditional_on_failure_to_correct,
        }

    def get_benchmarks(self, matter: Matter) -> list:
        # The one in force today, as matters.selectors.current_benchmark picks it, from the prefetched rows.
        today = timezone.localdate()
        active = [b for b in matter.benchmarks.all() if b.is_active]
        current = max(
            (b for b in active if b.effective_from <= today), key=lambda b: (b.effective_from, b.pk), default=None
        )
        context = {"in_force": current.pk if current else None}
        return BenchmarkSerializer(active, many=True, context=context).data  # type: ignore[return-value]  # many=True makes a ListSerializer: .data is a ReturnList


class MatterViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalogue of enforcement matters (权责清单) with legal basis and benchmark tiers: public to staff."""

    serializer_class = MatterSerializer
    lookup_field = "code"

    def get_queryset(self):
        return (
            Matter.objects.filter(is_active=True)
            .select_related("domain", "violated_provision", "penalty_provision", "seizure_provision")
            .prefetch_related("benchmarks__tiers")
            .order_by("code")
        )
