"""送达 of the case's issued documents other than the decision and the reminder, as an action of the registry
(``serve_document``; ``cases.registry``), registered when this app loads (``documents.apps``).

What is served is a document the case issued, addressed outside the agency, in its current version (行政处罚法
第六十一条, by the Civil Procedure Law's methods; a 先行登记保存通知书, a 事先告知书 …), named by its 文号; the
decision is served by the transition ``serve`` and the reminder by ``serve_reminder``. Each service is recorded as
a ``cases.Service`` and issues its 送达回证 (``documents.steps``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet

from cases.actions.states import EVERY_STATE
from cases.choices import TERMINAL_STATES, EventType
from cases.forms.transitions import ServeForm
from cases.guards import Context
from cases.guards import execution as ex
from cases.models import Case, CorrectionOrder
from cases.models.execution import ServedDocument, Service, ServiceMethod
from cases.registry import Action, register
from cases.services.correction import mark_correction_served
from cases.services.execution.remedies import mark_decision_correction_served
from cases.services.execution.service import create_service, service_data, service_payload
from cases.services.runner import run_action
from kernel.forms import choice_field, model_choice_field
from kernel.rules import Reason

from .choices import DocumentKind
from .kinds import INTERNAL, SPECS
from .models import Document

# Internal records are not served (``kinds``: addressed_to); the decision and the reminder have their own service
# steps.
NOT_SERVED_HERE = (
    *(kind for kind, spec in SPECS.items() if spec.addressed_to == INTERNAL),
    *ex.DECISION_KINDS,
    "payment_reminder",
)


def servable(case: Case) -> QuerySet[Document]:
    """The documents of the case that are served on someone: current versions, addressed outside the agency, other
    than the decision (served by ``serve``) and the reminder (``serve_reminder``)."""
    return (
        Document.objects.filter(case=case, superseded_by__isnull=True)
        .exclude(kind__in=NOT_SERVED_HERE)
        .order_by("issued_at")
    )


class DocumentServiceForm(ServeForm):
    """送达 of another issued document of the case (行政处罚法 第六十一条)."""

    field_order = ["document"]
    document: forms.ModelChoiceField[Document] = forms.ModelChoiceField(
        label="送达的执法文书",
        queryset=Document.objects.none(),
        error_messages={"invalid_choice": "请选择本案已制作的、需要送达的执法文书。"},
    )

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        document = model_choice_field(self, "document")
        document.queryset = servable(case) if case is not None else Document.objects.none()
        document.label_from_instance = lambda d: f"{d.get_kind_display()} {d.number}"  # type: ignore[method-assign, assignment]  # Django's per-instance override
        choice_field(self, "method").choices = [c for c in ServiceMethod.choices if c[0] != ServiceMethod.ON_SPOT]


# --- the guards ------------------------------------------------------------------------------------------------


served_by_handler_or_head = ex.handler_or_head("served_by_handler_or_head", "登记文书送达")


def case_not_closed(ctx: Context) -> list[Reason]:
    if ctx.case.status in TERMINAL_STATES:
        return [Reason("case_closed", "案件已终结，不能再登记送达。", ex.ART_61)]
    return []


def document_servable(ctx: Context) -> list[Reason]:
    """A document of this case that is served here (``servable``); before the form is filled in, that there is one."""
    document = ctx.data.get("document")
    if not ctx.data:
        if servable(ctx.case).exists():
            return []
        return [Reason("no_document_to_serve", "本案没有需要在此送达的执法文书。", ex.ART_61)]
    if document is None or getattr(document, "case_id", None) != ctx.case.pk:
        return [Reason("no_document_to_serve", "请选择本案已制作的、需要送达的执法文书。", ex.ART_61)]
    if not servable(ctx.case).filter(pk=document.pk).exists():
        return [
            Reason(
                "document_not_servable",
                f"{document}不在此送达：内部文书无需送达，已被更正的请送达最新版本，决定书和催告书各有其送达步骤。",
                ex.ART_61,
            )
        ]
    return []


def _correction_order(document: Any) -> CorrectionOrder | None:
    """The order a 责令改正通知书 carries (its snapshot names it), else None."""
    if getattr(document, "kind", "") != DocumentKind.CORRECTION_NOTICE:
        return None
    pk = document.snapshot["data"].get("correction_order")
    return CorrectionOrder.objects.filter(pk=pk, case_id=document.case_id).first() if pk is not None else None


CORRECTION_KINDS = (DocumentKind.DECISION_CHANGE, DocumentKind.DECISION_REVOCATION)


def _decision_correction(document: Any) -> int | None:
    """The correction a 变更 or 撤销行政处罚决定书 carries (its snapshot names it), else None."""
    if getattr(document, "kind", "") not in CORRECTION_KINDS:
        return None
    pk = document.snapshot["data"].get("decision_correction")
    return int(pk) if pk is not None else None


def document_service_dated(ctx: Context) -> list[Reason]:
    """A document is served after the case was filed, and the service recorded once made (第六十一条)."""
    return ex.service_dated(ctx, after=ctx.case.filed_on, since="立案日期", article=ex.ART_61)


def document_service_method(ctx: Context) -> list[Reason]:
    return ex.method_reasons(ctx.data, decision=False) if ctx.data else []


# --- the service -----------------------------------------------------------------------------------------------


def serve_document(
    *, case: Case, actor, document: Document, served_on: datetime.date, method: str, **fields: Any
) -> Service:
    """送达 of another issued document addressed to the party (a notice, a 先行登记保存 notice, …) by the same
    methods (第六十一条). ``document``: the documents.Document served, its current version.

    Event ``serve_document``: the service's keys (``service``, ``issued_document``, ``document_number``, …).
    """
    data = {"document": document, **service_data(served_on=served_on, method=method, **fields)}

    def apply(ctx: Context) -> tuple[Service, dict[str, Any]]:
        recorded = {key: value for key, value in data.items() if key != "document"}
        service = create_service(ctx.case, actor, document=ServedDocument.OTHER, issued=document, data=recorded)
        payload = service_payload(service)
        order = _correction_order(document)
        if order is not None and service.served_on is not None:
            # 行政处罚法 第二十八条第一款: the period to correct runs from service of the 责令改正通知书.
            payload |= mark_correction_served(order_id=order.pk, served_on=service.served_on)
        correction = _decision_correction(document)
        if correction is not None and service.served_on is not None:
            # 行政处罚法 第七十五条第二款: a changed decision's remedy windows run from its service.
            payload |= mark_decision_correction_served(correction_id=correction, served_on=service.served_on)
        return service, payload

    return run_action(case=case, name="serve_document", actor=actor, data=data, apply=apply)


ACTION = Action(
    name="serve_document",
    label="登记其他文书的送达",
    label_en="Record the service of another document",
    performer=served_by_handler_or_head,
    guards=(case_not_closed, document_servable, document_service_dated, document_service_method),
    form=DocumentServiceForm,
    perform=serve_document,
    event_type=EventType.EXECUTION,
    states=EVERY_STATE,
    section="documents",
    summary="本案已制作、送达当事人的执法文书（先行登记保存通知书、事先告知书等），依民事诉讼法规定的方式（第六十一条）",
)


def register_actions() -> None:
    register(ACTION)


__all__ = ["ACTION", "DocumentServiceForm", "register_actions", "servable", "serve_document"]
