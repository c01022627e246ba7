"""API v1 for cases (API.md). Thin: parse, call one service, answer. Scoping through selectors."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.conf import settings
from django.db.models import Count
from django.http import HttpResponseRedirect
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from deadlines.selectors import overdue_case_ids
from kernel.api import FormInvalid, UploadRejected
from kernel.idempotency import IdempotentMixin
from security.audit import record_personal_data_view

from .. import registry
from ..choices import CaseStatus
from ..models import Case, CaseEvent
from ..registry import Action
from ..selectors import (
    cases_matching,
    cases_visible_to,
    events_of,
    evidence_for,
    evidence_visible_to,
    handled_by,
    on_spot_decisions_unfiled,
    sees_identifiers,
)
from ..services import cases as case_services
from ..services import evidence as evidence_services
from ..services.runner import available, load_case, perform
from ..uploads import EvidenceUploadHandler
from . import serializers as s
from .deciding import decision_records
from .publication import PublicationSerializer, publication_records


class StrictBooleanField(forms.Field):
    """``true``/``false`` (or ``1``/``0``): anything else is a 400, not a filter silently dropped."""

    TRUE, FALSE = {"true", "1"}, {"false", "0"}
    default_error_messages = {"invalid": "只能是 true 或 false。"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        lowered = str(value).strip().lower()
        if lowered in self.TRUE:
            return True
        if lowered in self.FALSE:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(filters.BooleanFilter):
    """A boolean in the schema, strict in what it accepts (a plain text widget: the REST framework's boolean widget
    would turn what it does not know into "no filter")."""

    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class CaseFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=CaseStatus.choices)
    matter = filters.CharFilter(field_name="matter__code")
    handler = filters.NumberFilter(method="filter_handler")
    filed_from = filters.DateFilter(field_name="filed_on", lookup_expr="gte")
    filed_to = filters.DateFilter(field_name="filed_on", lookup_expr="lte")
    q = filters.CharFilter(method="filter_q")
    overdue = StrictBooleanFilter(method="filter_overdue")
    on_spot_unfiled = StrictBooleanFilter(method="filter_on_spot_unfiled")

    class Meta:
        model = Case
        fields = ["status", "matter", "procedure"]

    def filter_handler(self, qs, name, value):
        if not 0 < value < 2**63:  # no officer has such an id; the database would refuse to compare it
            return qs.none()
        return handled_by(qs, value)

    def filter_q(self, qs, name, value):
        return cases_matching(qs, value)

    def filter_on_spot_unfiled(self, qs, name, value):
        """On-the-spot decisions not filed with the agency (第五十二条第三款), e.g. with ``status=closed``."""
        unfiled = on_spot_decisions_unfiled(qs)
        return unfiled if value else qs.exclude(pk__in=unfiled.values("pk"))

    def filter_overdue(self, qs, name, value):
        """Cases with a stored period past due (the overdue list's rule, deadlines.Deadline.overdue_on)."""
        overdue = overdue_case_ids()
        return qs.filter(pk__in=overdue) if value else qs.exclude(pk__in=overdue)


def _case_queryset(user):
    return cases_visible_to(user).prefetch_related("parties", "assignments")


LIGHT = "light"


class CaseViewSet(
    IdempotentMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
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

    def _steps(self, case: Case) -> tuple[list[dict], list[dict]]:
        """``transitions`` and ``actions`` of the case file: the registry's steps from the case's state, with the
        reasons each is blocked for the caller (the same list as the page's next steps)."""
        steps = [
            {
                "name": action.name,
                "label": action.label,
                "allowed": not reasons,
                "reasons": [r.as_dict() for r in reasons],
                "transition": action.transition,
            }
            for action, reasons in available(case, self.request.user)
        ]
        transitions = [{k: v for k, v in step.items() if k != "transition"} for step in steps if step["transition"]]
        actions = [{k: v for k, v in step.items() if k != "transition"} for step in steps if not step["transition"]]
        return transitions, actions

    def _detail(self, case: Case) -> dict:
        transitions, actions = self._steps(case)
        fresh = load_case(case.pk)
        full_identifiers = sees_identifiers(self.request.user, fresh)
        if full_identifiers:
            record_personal_data_view(
                self.request._request,
                object_ref=f"cases.Case:{case.pk}",
                party_ids=[p.pk for p in fresh.parties.all() if p.identifier or p.phone],
                channel="api",
            )
        context = {
            "request": self.request,
            "transitions": transitions,
            "actions": actions,
            "full_identifiers": full_identifiers,
            "decision": decision_records(fresh),
        }
        annotated = self.get_queryset().annotate(evidence_count=Count("evidence", distinct=True)).get(pk=case.pk)
        return s.CaseDetailSerializer(annotated, context=context).data

    def _answer(self, case: Case, *, event: CaseEvent | None, status_code: int = status.HTTP_200_OK) -> Response:
        """The full case file, or with ``?view=light`` only ``{id, status, event, transitions, actions}``."""
        if self.request.query_params.get("view") != LIGHT:
            return Response(self._detail(case), status=status_code)
        transitions, actions = self._steps(case)
        case.refresh_from_db(fields=["status"])  # the case the caller was already allowed to see, as the act left it
        body = {
            "id": case.pk,
            "status": case.status,
            "event": s.CaseEventSerializer(event).data if event is not None else None,
            "transitions": transitions,
            "actions": actions,
        }
        return Response(body, status=status_code)

    def _perform(self, case: Case, action: Action, data, files=None):
        """Validate the payload with the action's form, run it; a 400 for malformed input, 409 from the guards."""
        if not isinstance(data, Mapping):
            raise ValidationError({"non_field_errors": ["请求内容应为一个 JSON 对象（字段名和值）。"]})
        form = action.form(data=data, files=files, case=case)
        if not form.is_valid():
            raise FormInvalid(form)
        return perform(case=case, name=action.name, actor=self.request.user, data=form.cleaned_data)

    def _run(self, request, case: Case, action: Action, data=None) -> Response:
        last = case.events.order_by("-seq").values_list("seq", flat=True).first() or 0
        self._perform(case, action, request.data if data is None else data, request.FILES)
        # The event this request appended: the caller's first after ``last`` (another's may have come between).
        mine = case.events.filter(seq__gt=last, actor=request.user).exclude(event_type="attempt_refused")
        event = mine.order_by("seq").first()
        return self._answer(case, event=event)

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
        """A transition of the lifecycle (``cases.transitions``): one path per transition in the schema."""
        case = self.get_object()
        step = registry.get(name or "")
        if step is None or not step.transition:
            raise NotFound()
        return self._run(request, case, step)

    @extend_schema(request=None, responses={200: s.CaseDetailSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"actions/(?P<name>[a-z_]+)",
        parser_classes=[JSONParser, FormParser, MultiPartParser],
    )
    def actions(self, request, pk=None, name=None):
        """An action beside the lifecycle (``cases.actions`` and the listeners'): one path per action in the schema."""
        case = self.get_object()
        step = registry.get(name or "")
        if step is None or step.transition:
            raise NotFound()
        _refuse_oversized_upload(request)
        return self._run(request, case, step)

    # --- the routes published before the registry: they keep answering as they did -------------------------

    @extend_schema(request=s.FilingRequestSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], url_path="filing-request")
    def filing_request(self, request, pk=None):
        """提请立案审批 (``actions/request_filing/``)."""
        return self._run(request, self.get_object(), registry.action_named("request_filing"))

    @extend_schema(request=s.HandlerInputSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def handlers(self, request, pk=None):
        """指定承办人 (``actions/add_handler/``)."""
        return self._run(request, self.get_object(), registry.action_named("add_handler"))

    @extend_schema(request=s.PartyInputSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def parties(self, request, pk=None):
        """登记当事人 (``actions/add_party/``), with the identifier as ``id_number`` or ``credit_code``."""
        data = dict(request.data.items()) if hasattr(request.data, "items") else {}
        data.setdefault("identifier", data.pop("id_number", "") or data.pop("credit_code", ""))
        data.pop("id_number", None)
        data.pop("credit_code", None)
        return self._run(request, self.get_object(), registry.action_named("add_party"), data)

    @extend_schema(request=None, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], url_path=r"referral/(?P<step>[a-z_]+)")
    def referral_step(self, request, pk=None, step=None):
        """A step of the referral of a suspected crime (``actions/{step}/``)."""
        case = self.get_object()
        found = registry.get(step or "")
        if found is None or found.transition or found.section != "referral":
            raise NotFound()
        return self._run(request, case, found)

    @extend_schema(request=None, responses={200: PublicationSerializer(many=True), 201: PublicationSerializer})
    @action(detail=True, methods=["get", "post"])
    def publications(self, request, pk=None):
        """行政处罚决定的公开 (行政处罚法 第四十八条; 国办发〔2018〕118号): the list, or record one (201;
        ``actions/publish_decision/`` answers with the case file)."""
        case = self.get_object()
        if request.method == "GET":
            return Response(publication_records(case))
        item = self._perform(case, registry.action_named("publish_decision"), request.data)
        return Response(PublicationSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: PublicationSerializer})
    @action(detail=True, methods=["post"], url_path=r"publications/(?P<publication>[0-9]+)/withdrawal")
    def publication_withdrawal(self, request, pk=None, publication=None):
        """撤回已公开的行政处罚决定信息并说明理由 (行政处罚法 第四十八条第二款; ``actions/withdraw_publication/``)."""
        case = self.get_object()
        if not case.publications.filter(pk=publication).exists():
            raise NotFound()
        data = {**(dict(request.data.items()) if hasattr(request.data, "items") else {}), "publication": publication}
        item = self._perform(case, registry.action_named("withdraw_publication"), data)
        return Response(PublicationSerializer(item).data)

    @extend_schema(responses={200: s.CaseEventSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def events(self, request, pk=None):
        case = self.get_object()
        page = self.paginate_queryset(events_of(case))
        return self.get_paginated_response(s.CaseEventSerializer(page, many=True).data)

    def initialize_request(self, request, *args, **kwargs):
        # Uploads stream to a temporary file: install the handler before anything reads the body.
        if request.method == "POST" and _is_upload(request.path):
            request.upload_handlers = [EvidenceUploadHandler(request)]
        return super().initialize_request(request, *args, **kwargs)

    @extend_schema(request=s.EvidenceUploadSerializer, responses={201: s.EvidenceSerializer})
    @action(detail=True, methods=["post", "get"], url_path="evidence", parser_classes=[MultiPartParser])
    def evidence(self, request, pk=None):
        """The case's evidence, or upload one (201; ``actions/add_evidence/`` answers with the case file)."""
        case = self.get_object()
        if request.method == "GET":
            items = case.evidence.select_related("uploaded_by").order_by("pk")
            return Response(s.EvidenceSerializer(items, many=True).data)
        _refuse_oversized_upload(request)
        if request.FILES.get("file") is None:
            return Response(
                {"code": "invalid", "detail": "请选择要上传的文件。", "errors": {"file": ["请选择要上传的文件。"]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        item = self._perform(case, registry.action_named("add_evidence"), request.data, request.FILES)
        return Response(s.EvidenceSerializer(item).data, status=status.HTTP_201_CREATED)


def _is_upload(path: str) -> bool:
    path = path.rstrip("/")
    return path.endswith("/evidence") or any(
        path.endswith(f"/actions/{a.name}") for a in registry.others().values() if a.multipart
    )


def _refuse_oversized_upload(request) -> None:
    handler = next((h for h in request.upload_handlers if isinstance(h, EvidenceUploadHandler)), None)
    request.FILES  # noqa: B018  (parse the body now: the handler learns the size while streaming)
    if handler is not None and handler.too_large:
        limit = settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
        raise UploadRejected(f"文件超过允许的大小（{limit} MB）。", code="too_large")


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
