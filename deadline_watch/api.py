"""API v1: the overdue list for supervisors (``GET /api/v1/deadlines/overdue/``). Thin: scoped by the selectors.

A supervisor sees the overdue deadlines of the agencies they supervise, a head those of their own
agency; anyone else gets an empty list, and a deadline outside the caller's scope answers 404.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from cases.selectors import active_assignments
from deadlines.models import Deadline
from deadlines.selectors import overdue_visible_to


class OverdueDeadlineSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.display_number", read_only=True)
    case_title = serializers.CharField(source="case.title", read_only=True)
    agency = serializers.IntegerField(source="case.agency_id", read_only=True)
    agency_name = serializers.CharField(source="case.agency.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    bearer_label = serializers.CharField(source="get_bearer_display", read_only=True)
    overdue_working_days = serializers.SerializerMethodField()
    handlers = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = [
            "id",
            "case",
            "case_number",
            "case_title",
            "agency",
            "agency_name",
            "kind",
            "kind_label",
            "label",
            "legal_basis",
            "bearer",
            "bearer_label",
            "starts_on",
            "due_on",
            "due_at",
            "provisional",
            "overdue_working_days",
            "handlers",
        ]
        read_only_fields = fields

    def get_overdue_working_days(self, deadline: Deadline) -> int:
        today = self.context.get("today") or timezone.localdate()
        return max(-deadline.working_days_left(today).days, 0)

    def get_handlers(self, deadline: Deadline) -> list[str]:
        return [a.officer.name for a in active_assignments(deadline.case)]


@extend_schema_view(
    list=extend_schema(
        summary="逾期期限清单",
        description="监督人员：所监督各机关的逾期期限；机关负责人：本机关的逾期期限；其他人员：空列表。"
        "只含本机关（及其他机关）应当履行、未中止计算的期限，按届满日由早到晚。",
    ),
    retrieve=extend_schema(summary="逾期期限详情", description="范围之外或未逾期的期限答 404。"),
)
class OverdueDeadlineViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = OverdueDeadlineSerializer

    def get_queryset(self):
        return overdue_visible_to(self.request.user, today=timezone.localdate())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}
