"""API v1: interference records (干预记录). Thin: parse, call the service, answer; scoped by the selectors.

A case or an officer outside the caller's scope is answered exactly like one that does not
exist: 400 ``invalid`` with the same message on the field, so the API never confirms it.
"""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from cases.models import Case
from cases.selectors import cases_visible_to
from kernel.idempotency import IdempotentMixin
from kernel.payload import StrictModelSerializer
from officers.models import Officer
from officers.selectors import officer_for_user

from .models import InterferenceRecord
from .selectors import filter_records, intervener_choices_for, records_visible_to
from .services import CASE_NOT_VISIBLE, record_interference, recorder_refusals

OFFICER_NOT_CHOOSABLE = "所选人员不存在或不可选择。"


class InterferenceRecordSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    case_number = serializers.SerializerMethodField()
    case_title = serializers.SerializerMethodField()
    recorded_by_name = serializers.CharField(source="recorded_by.name", read_only=True)
    manner_label = serializers.CharField(source="get_manner_display", read_only=True)

    class Meta:
        model = InterferenceRecord
        fields = [
            "id",
            "agency",
            "agency_name",
            "case",
            "case_number",
            "case_title",
            "recorded_by",
            "recorded_by_name",
            "recorded_at",
            "intervener_name",
            "intervener_position",
            "intervener_unit",
            "intervener_officer",
            "occurred_at",
            "manner",
            "manner_label",
            "what_was_asked",
            "how_handled",
            "evidence_notes",
        ]
        read_only_fields = fields

    def get_case_number(self, record: InterferenceRecord) -> str | None:
        return record.case.number if record.case else None

    def get_case_title(self, record: InterferenceRecord) -> str | None:
        return record.case.title if record.case else None


class InterferenceRecordCreateSerializer(StrictModelSerializer):
    case = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.none(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": CASE_NOT_VISIBLE, "incorrect_type": CASE_NOT_VISIBLE},
        help_text="涉及的案件 id；干预尚未立案的事项时不填。",
    )
    intervener_officer = serializers.PrimaryKeyRelatedField(
        queryset=Officer.objects.none(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": OFFICER_NOT_CHOOSABLE, "incorrect_type": OFFICER_NOT_CHOOSABLE},
        help_text="干预人是本系统用户时填写其 id（本机关或上级机关人员）；姓名、单位留空时自动填写。",
    )

    class Meta:
        model = InterferenceRecord
        fields = [
            "case",
            "intervener_name",
            "intervener_position",
            "intervener_unit",
            "intervener_officer",
            "occurred_at",
            "manner",
            "what_was_asked",
            "how_handled",
            "evidence_notes",
        ]
        extra_kwargs = {
            "intervener_name": {"required": False, "allow_blank": True},
            "what_was_asked": {"error_messages": {"required": "请填写干预内容。", "blank": "请填写干预内容。"}},
            "how_handled": {"error_messages": {"required": "请填写处理情况。", "blank": "请填写处理情况。"}},
            "occurred_at": {"error_messages": {"required": "请填写干预时间。"}},
            "manner": {"error_messages": {"required": "请选择干预方式。"}},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return  # schema generation: no caller, nothing to offer
        case, intervener = self.fields["case"], self.fields["intervener_officer"]
        assert isinstance(case, serializers.PrimaryKeyRelatedField), "declared above"
        assert isinstance(intervener, serializers.PrimaryKeyRelatedField), "declared above"
        case.queryset = cases_visible_to(request.user)
        officer = officer_for_user(request.user)
        if officer is not None:
            intervener.queryset = intervener_choices_for(officer)


class InterferenceRecordFilter(filters.FilterSet):
    agency = filters.NumberFilter(label="记录机关 id")
    case = filters.NumberFilter(label="案件 id")
    occurred_from = filters.DateFilter(label="干预日期起（含）")
    occurred_to = filters.DateFilter(label="干预日期止（含）")

    class Meta:
        model = InterferenceRecord
        fields: list[str] = []

    def filter_queryset(self, queryset):
        # One implementation of the filters for the API and the pages (selectors.filter_records).
        given = {name: value for name, value in self.form.cleaned_data.items() if value is not None}
        return filter_records(queryset, **given)


class CanRecordInterference(BasePermission):
    """Writing is for officers of enforcement agencies; anyone signed in may read their scope."""

    def has_permission(self, request, view) -> bool:
        return view.action != "create" or not recorder_refusals(request.user)


@extend_schema_view(
    list=extend_schema(summary="干预记录列表", description="监督人员：所监督机关的记录；其他人员：本人登记的记录。"),
    retrieve=extend_schema(summary="干预记录详情", description="范围之外的记录答 404。"),
)
class InterferenceRecordViewSet(
    IdempotentMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """干预记录：只能追加，没有 PUT、PATCH、DELETE。"""

    permission_classes = [IsAuthenticated, CanRecordInterference]
    serializer_class = InterferenceRecordSerializer
    filterset_class = InterferenceRecordFilter

    def get_queryset(self):
        return records_visible_to(self.request.user)

    @extend_schema(
        summary="登记干预记录",
        description="执法机关工作人员均可登记；记录不能修改或删除。不在调用者范围内的案件或人员与不存在者一样答 400。",
        request=InterferenceRecordCreateSerializer,
        responses={
            201: InterferenceRecordSerializer,
            400: OpenApiResponse(description="invalid：字段错误见 errors"),
            403: OpenApiResponse(description="permission_denied：当前账号不能登记（非执法机关工作人员）"),
        },
    )
    def create(self, request, *args, **kwargs):
        payload = InterferenceRecordCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        record = record_interference(actor=request.user, **payload.validated_data)
        return Response(InterferenceRecordSerializer(record).data, status=status.HTTP_201_CREATED)
