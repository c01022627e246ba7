from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import serializers, viewsets

from .models import Benchmark, BenchmarkTier, LegalProvision, Matter

if TYPE_CHECKING:
    from officers.models import EnforcementDomain


class ProvisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalProvision
        fields = ["law", "article", "text"]


class TierSerializer(serializers.ModelSerializer):
    class Meta:
        model = BenchmarkTier
        fields = ["level", "circumstances", "fine_min", "fine_max", "multiple_min", "multiple_max"]


class BenchmarkSerializer(serializers.ModelSerializer):
    tiers = TierSerializer(many=True, read_only=True)

    class Meta:
        model = Benchmark
        fields = ["title", "issued_by", "document_number", "effective_from", "tiers"]


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
        }

    def get_benchmarks(self, matter: Matter) -> list:
        return BenchmarkSerializer([b for b in matter.benchmarks.all() if b.is_active], many=True).data  # type: ignore[return-value]  # many=True makes a ListSerializer: .data is a ReturnList


class MatterViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalogue of enforcement matters (权责清单) with legal basis and benchmark tiers: public to staff."""

    serializer_class = MatterSerializer
    lookup_field = "code"

    def get_queryset(self):
        return (
            Matter.objects.filter(is_active=True)
            .select_related("domain", "violated_provision", "penalty_provision")
            .prefetch_related("benchmarks__tiers")
            .order_by("code")
        )
