from __future__ import annotations

from rest_framework import serializers, viewsets

from .models import Certificate, EnforcementDomain, Officer
from .selectors import officers_visible_to


class CertificateSerializer(serializers.ModelSerializer):
    domains: serializers.SlugRelatedField[EnforcementDomain] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Certificate
        fields = ["number", "issuing_authority", "domains", "valid_from", "valid_to", "status"]


class OfficerSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.short_name")
    certificates = CertificateSerializer(many=True, read_only=True)
    roles = serializers.ListField(source="role_labels", child=serializers.CharField(), read_only=True)

    class Meta:
        model = Officer
        fields = [
            "id",
            "name",
            "agency",
            "category",
            "roles",
            "is_head",
            "is_principal_head",
            "is_legal_reviewer",
            "is_hearing_chair",
            "is_supervisor",
            "certificates",
        ]


class OfficerViewSet(viewsets.ReadOnlyModelViewSet):
    """Officers of the caller's agency with their certificates."""

    serializer_class = OfficerSerializer

    def get_queryset(self):
        return officers_visible_to(self.request.user).order_by("name", "pk")
