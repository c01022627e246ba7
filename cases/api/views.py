"""API v1 for cases (API.md). Thin: parse, call one service, answer. Scoping through selectors."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from documents.api import DocumentSerializer, case_documents

from ..choices import CaseStatus
from ..forms.execution import PublicationForm, PublicationWithdrawalForm
from ..forms.referral import ACTION_FORMS
from ..models import Case
from ..selectors import cases_visible_to, events_of, evidence_for, evidence_visible_to, handled_by, sees_identifiers
from ..services import cases as case_services
from ..services import evidence as evidence_services
from ..services import execution as execution_services
from ..services import referral as referral_services
from ..services.lifecycle import SERVICES
from ..services.runner import load_case, next_steps_for
from ..transitions import TRANSITIONS
from ..uploads import EvidenceUploadHandler
from . import serializers as s
from .deciding import decision_records
from .publication import PublicationSerializer, publication_records


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class UnsupportedType(APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_code = "unsupported_type"


class CaseFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=CaseStatus.choices)
    matter = filters.CharFilter(field_name="matter__code")
    handler = filters.NumberFilter(method="filter_handler")
    filed_from = filters.DateFilter(field_name="filed_on", lookup_expr="gte")
    filed_to = filters.DateFilter(field_name="filed_on", lookup_expr="lte")
    q = filters.CharFilter(method="filter_q")
    overdue = filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = Case
        fields = ["status", "matter", "procedure"]

    def filter_handler(self, qs, name, value):
        return handled_by(qs, value)

    def filter_q(self, qs, name, value):
        return qs.filter(
            Q(number__icontains=value) | Q(title__icontains=value) | Q(parties__name__icontains=value)
        ).distinct()

    def filter_overdue(self, qs, name, value):
        # Issue 5 stores every deadline; until then the case time limit (Art. 60) decides.
        overdue_ids = [c.pk for c in qs.filter(filed_on__isnull=False, decided_on__isnull=True) if _is_overdue(c)]
        return qs.filter(pk__in=overdue_ids) if value else qs.exclude(pk__in=overdue_ids)


def _invalid(form) -> Response:
    return Response(
        {"code": "invalid", "detail": "提交的内容有误，请检查后重试。", "errors": form.errors.get_json_data()},
        status=status.HTTP_400_BAD_REQUEST,
    )


def _is_overdue(case: Case) -> bool:
    from ..deadlines import case_deadlines

    return any(d.overdue for d in case_deadlines(case) if d.kind == "case_time_limit")


def _case_queryset(user):
    return cases_visible_to(user).prefetch_related("parties", "assignments")


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    filterset_class = CaseFilter
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        return _case_queryset(self.request.user).order_by("-created_at", "-pk")

    def get_serializer_class(self):
        return {"create": s.CaseCreateSerializer, "retrieve": s.CaseDetailSerializer}.get(
            self.action, s.CaseListSerializer
        )

    def retrieve(self, request, *args, **kwargs):
        case = self.get_object()
        return Response(self._detail(case))

    def _detail(self, case: Case) -> dict:
        transitions = [
            {"name": spec.name, "label": spec.label, "allowed": not reasons, "reasons": [r.as_dict() for r in reasons]}
            for spec, reasons in next_steps_for(case, self.request.user)
        ]
        fresh = load_case(case.pk)
        context = {
            "request": self.request,
            "transitions": transitions,
            "full_identifiers": sees_identifiers(self.request.user, fresh),
            "decision": decision_records(fresh),
        }
        annotated = self.get_queryset().annotate(evidence_count=Count("evidence", distinct=True)).get(pk=case.pk)
        return s.CaseDetailSerializer(annotated, context=context).data

    @extend_schema(request=s.CaseCreateSerializer, responses={201: s.CaseDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.CaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = case_services.open_case(actor=request.user, co_handlers=data.pop("handlers"), **data)
        return Response(self._detail(case), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]+)")
    def transitions(self, request, pk=None, name=None):
        case = self.get_object()
        spec = TRANSITIONS.get(name)
        if spec is None:
            raise NotFound()
        form = spec.form(data=request.data, case=case)
        if not form.is_valid():
            return Response(
                {"code": "invalid", "detail": "提交的内容有误，请检查后重试。", "errors": form.errors.get_json_data()},
                status=status.HTTP_400_BAD_REQUEST,
            )
        SERVICES[name](case=case, actor=request.user, **form.cleaned_data)
        return Response(self._detail(case))

    @extend_schema(request=s.FilingRequestSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], url_path="filing-request")
    def filing_request(self, request, pk=None):
        """提请立案审批: the handlers ask the head to file the case."""
        case = self.get_object()
        payload = s.FilingRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        case_services.request_filing(case=case, actor=request.user, **payload.validated_data)
        return Response(self._detail(case))

    @extend_schema(request=s.HandlerInputSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def handlers(self, request, pk=None):
        """指定承办人: an officer of the agency eligible today for the matter's domain (Art. 42)."""
        case = self.get_object()
        payload = s.HandlerInputSerializer(data=request.data, context={"case": case})
        payload.is_valid(raise_exception=True)
        case_services.add_handler(case=case, actor=request.user, **payload.validated_data)
        return Response(self._detail(case))

    @extend_schema(request=s.RecusalInputSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def recusals(self, request, pk=None):
        """回避 (Art. 43): a handler withdraws, or the head decides."""
        case = self.get_object()
        payload = s.RecusalInputSerializer(data=request.data, context={"case": case})
        payload.is_valid(raise_exception=True)
        case_services.recuse_handler(case=case, actor=request.user, **payload.validated_data)
        return Response(self._detail(case))

    @extend_schema(request=s.PartyInputSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def parties(self, request, pk=None):
        case = self.get_object()
        payload = s.PartyInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        case_services.add_party(case=case, actor=request.user, **payload.validated_data)
        return Response(self._detail(case))

    @extend_schema(request=None, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], url_path=r"referral/(?P<step>[a-z_]+)")
    def referral_step(self, request, pk=None, step=None):
        """A step of the referral of a suspected crime that does not move the case (两法衔接)."""
        case = self.get_object()
        service, form_class = referral_services.ACTIONS.get(step), ACTION_FORMS.get(step)
        if service is None or form_class is None:
            raise NotFound()
        form = form_class(data=request.data, case=case)
        if not form.is_valid():
            return Response(
                {"code": "invalid", "detail": "提交的内容有误，请检查后重试。", "errors": form.errors.get_json_data()},
                status=status.HTTP_400_BAD_REQUEST,
            )
        referral_services.perform_step(case=case, step=step, actor=request.user, **form.cleaned_data)
        return Response(self._detail(case))

    @extend_schema(request=None, responses={200: PublicationSerializer(many=True), 201: PublicationSerializer})
    @action(detail=True, methods=["get", "post"])
    def publications(self, request, pk=None):
        """行政处罚决定的公开 (行政处罚法 第四十八条; 国办发〔2018〕118号): the list, or record one (201)."""
        case = self.get_object()
        if request.method == "GET":
            return Response(publication_records(case))
        form = PublicationForm(data=request.data, case=case)
        if not form.is_valid():
            return _invalid(form)
        item = execution_services.publish_decision(case=case, actor=request.user, **form.cleaned_data)
        return Response(PublicationSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: PublicationSerializer})
    @action(detail=True, methods=["post"], url_path=r"publications/(?P<publication>[0-9]+)/withdrawal")
    def publication_withdrawal(self, request, pk=None, publication=None):
        """撤回已公开的行政处罚决定信息并说明理由 (行政处罚法 第四十八条第二款)."""
        case = self.get_object()
        item = case.publications.filter(pk=publication).first()
        if item is None:
            raise NotFound()
        form = PublicationWithdrawalForm(data=request.data, case=case)
        if not form.is_valid():
            return _invalid(form)
        item = execution_services.withdraw_publication(publication=item, actor=request.user, **form.cleaned_data)
        return Response(PublicationSerializer(item).data)

    @extend_schema(responses={200: s.CaseEventSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def events(self, request, pk=None):
        case = self.get_object()
        page = self.paginate_queryset(events_of(case))
        return self.get_paginated_response(s.CaseEventSerializer(page, many=True).data)

    @extend_schema(responses={200: DocumentSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def documents(self, request, pk=None):
        return Response(case_documents(self.get_object(), request))

    def initialize_request(self, request, *args, **kwargs):
        # Evidence uploads stream to a temporary file: install the handler before anything reads the body.
        if request.method == "POST" and request.path.rstrip("/").endswith("/evidence"):
            request.upload_handlers = [EvidenceUploadHandler(request)]
        return super().initialize_request(request, *args, **kwargs)

    @extend_schema(request=s.EvidenceUploadSerializer, responses={201: s.EvidenceSerializer})
    @action(detail=True, methods=["post", "get"], url_path="evidence", parser_classes=[MultiPartParser])
    def evidence(self, request, pk=None):
        case = self.get_object()
        if request.method == "GET":
            items = case.evidence.select_related("uploaded_by").order_by("pk")
            return Response(s.EvidenceSerializer(items, many=True).data)
        handler = next((h for h in request.upload_handlers if isinstance(h, EvidenceUploadHandler)), None)
        upload = request.FILES.get("file")
        if handler is not None and handler.too_large:
            raise PayloadTooLarge(f"文件超过允许的大小（{settings.EVIDENCE_MAX_BYTES // (1024 * 1024)} MB）。")
        if upload is None:
            return Response(
                {"code": "invalid", "detail": "请选择要上传的文件。", "errors": {"file": ["请选择要上传的文件。"]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        meta = s.EvidenceUploadSerializer(data=request.data)
        meta.is_valid(raise_exception=True)
        upload.seek(0)
        head = upload.read(64)
        upload.seek(0)
        try:
            item = evidence_services.add_evidence(
                case=case,
                actor=request.user,
                stream=upload,
                original_filename=upload.name or "upload",
                head=head,
                size=upload.size,
                **meta.validated_data,
            )
        except evidence_services.UploadRejected as exc:
            error = PayloadTooLarge if exc.code == "too_large" else UnsupportedType
            raise error(exc.messages[0]) from exc
        finally:
            upload.close()
        return Response(s.EvidenceSerializer(item).data, status=status.HTTP_201_CREATED)


class EvidenceViewSet(viewsets.GenericViewSet):
    serializer_class = s.EvidenceSerializer

    def get_queryset(self):
        return evidence_visible_to(self.request.user)

    @extend_schema(responses={302: None})
    @action(detail=True, methods=["get"])
    def content(self, request, pk=None):
        """Redirect to a short-lived presigned URL; every call is recorded in the case events."""
        item = evidence_for(request.user, pk)
        url = evidence_services.evidence_content_url(evidence=item, actor=request.user)
        return HttpResponseRedirect(url)
