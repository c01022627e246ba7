"""API v1 for documents (API.md: ``GET /api/v1/cases/{id}/documents/`` — type, number 文号, sha256, url).

Thin: parse, call one service, answer. Scoped through the selectors: a document of a case the
caller may not see is 404.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.models import Case
from cases.selectors import case_for
from kernel.idempotency import IdempotentMixin

from .choices import DocumentKind
from .forms import IssueForm
from .kinds import SPECS
from .models import Document
from .render import verify_url
from .renditions import carries_personal_data, download_url, receives_original
from .selectors import document_for, documents_for, documents_visible_to
from .services import issue_document


class DocumentSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="kind", read_only=True)
    type_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    supersedes: serializers.PrimaryKeyRelatedField[Document] = serializers.PrimaryKeyRelatedField(read_only=True)
    superseded_by = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="下载地址：重定向到短时有效的存储链接，每次访问记入案件事件。")
    verify_url = serializers.SerializerMethodField(help_text="公开核验页（文书二维码指向此处）。")
    redacted = serializers.SerializerMethodField(
        help_text="url 给出的是脱敏副本（身份证件号码、电话已遮盖）：调用者不是本案承办人或本机关负责人。"
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "case",
            "type",
            "type_label",
            "number",
            "version",
            "supersedes",
            "superseded_by",
            "status",
            "status_label",
            "issued_at",
            "issued_by_name",
            "size",
            "sha256",
            "url",
            "verify_url",
            "redacted",
        ]

    def get_superseded_by(self, document: Document) -> int | None:
        try:
            return document.superseded_by.pk
        except Document.DoesNotExist:
            return None

    def get_url(self, document: Document) -> str | None:
        if not document.is_rendered:
            return None
        try:
            path = reverse("document-content", args=[document.pk])
        except NoReverseMatch:  # documents.api_urls not mounted
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_verify_url(self, document: Document) -> str:
        return verify_url(document.token)

    def get_redacted(self, document: Document) -> bool:
        """Whether the caller's download of ``document`` is the masked rendition (documents.renditions)."""
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not document.is_rendered or not carries_personal_data(document):
            return False
        originals = self.context.setdefault("_receives_original", {})
        if document.case_id not in originals:
            originals[document.case_id] = receives_original(user, document.case)
        return not originals[document.case_id]


def case_documents(case: Case, request=None) -> list[dict]:
    """The case's documents as the API shows them; for ``GET /api/v1/cases/{id}/documents/`` and the
    ``documents`` field of the case file. ``case`` must already be scoped (``cases.selectors.case_for``)."""
    return DocumentSerializer(documents_for(case), many=True, context={"request": request}).data  # type: ignore[return-value]  # many=True makes a ListSerializer: .data is a ReturnList


class IssueInputSerializer(serializers.Serializer):
    """For the schema: the payload of ``POST /api/v1/documents/``; validated by ``documents.forms.IssueForm``."""

    case = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    correction_of = serializers.IntegerField(required=False, help_text="更正时：被更正的文书 id（须为最新版本）。")
    reason = serializers.CharField(required=False, help_text="更正理由（更正时必填）。")
    place = serializers.CharField(required=False)
    started_at = serializers.CharField(required=False)
    ended_at = serializers.CharField(required=False)
    interviewee = serializers.CharField(required=False)
    content = serializers.CharField(required=False)
    items = serializers.CharField(required=False)
    document = serializers.IntegerField(required=False, help_text="送达回证：送达的文书 id。")
    surcharge = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    organ = serializers.CharField(required=False)


class DocumentViewSet(IdempotentMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DocumentSerializer

    def get_queryset(self):
        qs = documents_visible_to(self.request.user).select_related("case", "superseded_by").order_by("issued_at", "pk")
        case = self.request.query_params.get("case")
        if case:
            qs = qs.filter(case_id=case) if case.isdigit() else qs.none()
        return qs

    @extend_schema(parameters=[OpenApiParameter("case", int, description="只列出该案件的文书")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=IssueInputSerializer, responses={201: DocumentSerializer})
    def create(self, request, *args, **kwargs):
        """制作执法文书 (or a corrected version): 409 with reasons when a rule refuses it."""
        head = IssueInputSerializer(data=request.data)
        head.is_valid(raise_exception=True)
        case = case_for(request.user, head.validated_data["case"])
        kind = head.validated_data["kind"]
        form = IssueForm(data=request.data, case=case, spec=SPECS[kind])
        if not form.is_valid():
            return Response(
                {"code": "invalid", "detail": "提交的内容有误，请检查后重试。", "errors": form.errors.get_json_data()},
                status=status.HTTP_400_BAD_REQUEST,
            )
        document = issue_document(case=case, kind=kind, actor=request.user, **form.service_kwargs())
        return Response(DocumentSerializer(document, context={"request": request}).data, status=201)

    @extend_schema(responses={302: None})
    @action(detail=True, methods=["get"])
    def content(self, request, pk=None):
        """The PDF: a redirect to a short-lived presigned URL; every call is recorded in the case events. The
        case's active handlers and the agency's heads receive the original; everyone else the masked 脱敏副本
        (identity numbers and phones masked, marked on every page, verifiable under its own token)."""
        document = document_for(request.user, pk)
        # The same rule as the page (documents.renditions): a 脱敏副本 unless the caller may see the original.
        return HttpResponseRedirect(download_url(document=document, actor=request.user))


class CaseDocumentsView(generics.GenericAPIView):
    """``GET /api/v1/cases/{id}/documents/``: the documents of a case the caller may see (404 otherwise)."""

    serializer_class = DocumentSerializer
    queryset = Document.objects.none()  # for the schema: the documents come from the case the caller may see

    @extend_schema(responses={200: DocumentSerializer(many=True)}, summary="案件的执法文书")
    def get(self, request, pk: int):
        return Response(case_documents(case_for(request.user, pk), request))
