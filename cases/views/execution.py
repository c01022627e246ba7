"""执行 as the case page shows it: what the decision requires and what was paid, the clocks of service, payment,
remedies, compulsion and publication, every record of execution, and the forms of the actions possible now
(行政处罚法 第四十八条、第六十一条、第六十六条至第七十三条; 行政强制法 第三十五条、第五十三条、第五十四条).

The lead wires it into the case page:

- ``cases/views/casefile.py`` ``render_case_page``: ``"execution_section": execution_section(case, officer=officer,
  bound=bound, refusal=refusal)``;
- ``templates/cases/detail.html``: ``{% include "cases/partials/execution.html" %}`` after the referral section;
- ``cases/urls.py``: ``urlpatterns += execution.urlpatterns`` (``from .views import execution``).

Which forms are offered is a plain mapping from the records; the services (``cases.services.execution``) still
decide and refuse, with the article. ``serve``, ``record_payment`` and ``close`` stay transitions in 下一步.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from officers.models import Officer

from ..choices import TERMINAL_STATES, CaseStatus, Procedure
from ..forms.execution import ACTION_FORMS, ReceiptUploadForm
from ..guards import execution as rules
from ..guards.publication import PUBLISHABLE_STATES, publication_due
from ..models import Case
from ..models.execution import (
    CourtApplication,
    Payment,
    PaymentArrangement,
    Reminder,
    Service,
)
from ..models.publication import Publication
from ..models.remedies import Remedy
from ..selectors import case_for, is_active_handler
from ..services import execution as services
from ..sniffing import SNIFF_BYTES
from .panels import Panel, Refusal, refused_for
from .stepforms import tabletize

ACTION_LABELS = {
    "serve_document": gettext_lazy("登记其他文书的送达"),
    "record_handover": gettext_lazy("登记当场收缴罚款的上交"),
    "approve_arrangement": gettext_lazy("批准暂缓或者分期缴纳（负责人）"),
    "file_remedy": gettext_lazy("登记行政复议或者行政诉讼"),
    "record_remedy_outcome": gettext_lazy("登记复议决定或者裁判结果"),
    "issue_reminder": gettext_lazy("催告当事人履行"),
    "serve_reminder": gettext_lazy("登记催告书送达"),
    "apply_to_court": gettext_lazy("申请人民法院强制执行（负责人）"),
    "record_court_outcome": gettext_lazy("登记法院裁定"),
    "publish_decision": gettext_lazy("登记行政处罚决定的公开"),
    "withdraw_publication": gettext_lazy("撤回已公开的行政处罚决定信息"),
}
HEAD_ACTIONS = frozenset({"approve_arrangement", "apply_to_court"})
# Shown with the publications, in their own part of the section.
PUBLICATION_ACTIONS = frozenset({"publish_decision", "withdraw_publication"})
# The receipt is an evidence item: its content is read through the API's logged, presigned view
# (``casefile.EVIDENCE_CONTENT_URL``; not imported: ``casefile`` imports this module for the section).
RECEIPT_CONTENT_URL = "/api/v1/evidence/{evidence_id}/content/"


@dataclass(frozen=True)
class Clock:
    """One period of execution as the page writes it."""

    key: str
    label: str
    due: datetime.date
    met: bool
    overdue: bool
    provisional: bool
    article: str


@dataclass
class ServiceRow:
    service: Service
    receipt_url: str
    upload: Panel | None


@dataclass
class ExecutionSection:
    ledger: rules.Ledger
    clocks: list[Clock]
    services: list[ServiceRow]
    payments: list[Payment]
    arrangement: PaymentArrangement | None
    remedies: list[Remedy]
    reminders: list[Reminder]
    applications: list[CourtApplication]
    publications: list[Publication] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    publication_panels: list[Panel] = field(default_factory=list)


def _publication_clock(case: Case, publications: list[Publication], today: datetime.date) -> list[Clock]:
    """国办发〔2018〕118号: the penalty decision published within 7 working days (general procedure, as the
    deadline of kind ``publication``; a publication of a summary decision shows its own)."""
    label, first = _("公开行政处罚决定"), publications[0] if publications else None
    if first is not None:
        return [Clock("publish", label, first.due_on, True, first.late, first.provisional, rules.ART_48)]
    if not case.decided_penalty_kinds or case.procedure == Procedure.SUMMARY:
        return []
    assert case.decided_on is not None, "execution_section stops before the decision"
    due = publication_due(case.decided_on)
    return [Clock("publish", label, due.date, False, today > due.date, due.provisional, rules.ART_48)]


def _clocks(case: Case, led: rules.Ledger, reminders: list[Reminder], today: datetime.date) -> list[Clock]:
    out: list[Clock] = []

    def add(key, label, due, *, met=False, provisional=False, article):
        if due is not None:
            out.append(Clock(key, str(label), due, met, not met and today > due, provisional, article))

    service = led.service
    if service is None:
        assert case.decided_on is not None, "execution_section stops before the decision"
        due = rules.service_due(case.decided_on)
        add("service", _("送达行政处罚决定书"), due.date, provisional=due.provisional, article=rules.ART_61)
        return out
    if service.due_on:
        out.append(
            Clock(
                "service",
                _("送达行政处罚决定书"),
                service.due_on,
                True,
                service.late,
                service.provisional,
                rules.ART_61,
            )
        )
    if led.payment_due is not None and not led.nothing_to_pay:
        add(
            "payment",
            _("缴纳罚款（收到决定书之日起十五日）"),
            led.payment_due.date,
            met=led.fine_unpaid <= 0 or led.arrangement is not None,
            provisional=led.payment_due.provisional,
            article=rules.ART_67,
        )
    if led.arrangement is not None:
        add(
            "arrangement",
            _("暂缓或者分期缴纳期限"),
            led.arrangement.ends_on,
            met=led.fine_unpaid <= 0,
            article=rules.ART_66,
        )
    end = rules.remedy_periods_end(served_on=service.served_on, procedure=case.procedure, remedies=led.remedies)
    add(
        "remedies",
        _("申请行政复议或者提起行政诉讼的期限"),
        end.date,
        met=True,
        provisional=end.provisional,
        article=rules.LL_46,
    )
    if not led.nothing_to_pay and led.outstanding > 0 and case.status == CaseStatus.EXECUTING:
        window = rules.court_window(end, led.arrangement)
        add(
            "court",
            _("申请人民法院强制执行的期限"),
            window.closes_on,
            met=case.court_applications.exists(),
            provisional=window.provisional,
            article=rules.CL_53,
        )
    for reminder in reminders:
        if reminder.waits_until:
            add(
                "reminder",
                _("催告书送达满十个工作日（此后才能申请强制执行）"),
                reminder.waits_until,
                met=True,
                provisional=reminder.provisional,
                article=rules.CL_54,
            )
    for remedy in led.remedies:  # 第四十八条第二款: set only when a live publication must be withdrawn
        if remedy.publication_withdrawal_due:
            add(
                "publication",
                _("撤回已公开的行政处罚决定信息"),
                remedy.publication_withdrawal_due,
                met=remedy.publication_withdrawn_on is not None,
                provisional=remedy.publication_withdrawal_provisional,
                article=rules.ART_48,
            )
    return out


def actions_now(
    case: Case,
    led: rules.Ledger,
    officer: Officer | None,
    *,
    reminders: list[Reminder],
    publications: list[Publication],
) -> list[str]:
    """The execution actions that can follow from the records, for this officer (the services check again)."""
    if officer is None or officer.agency_id != case.agency_id or case.decided_on is None:
        return []
    handler, head = is_active_handler(case, officer), rules.is_head(case, officer)
    if not (handler or head):
        return []
    executing = case.status == CaseStatus.EXECUTING
    pending_remedy = led.pending_remedy
    steps = []
    if case.status in (CaseStatus.DECIDED, CaseStatus.EXECUTING):
        steps.append("serve_document")
    if case.payments.filter(channel="on_spot").filter(deposited_on__isnull=True).exists():
        steps.append("record_handover")
    if executing and not led.nothing_to_pay and led.fine_unpaid > 0:
        steps.append("approve_arrangement")
    if case.status in rules.REMEDY_STATES:
        steps.append("record_remedy_outcome" if pending_remedy else "file_remedy")
    unserved = any(r.service_id is None for r in reminders)
    if executing and unserved:
        steps.append("serve_reminder")
    elif executing and led.overdue and led.outstanding > 0:
        steps.append("issue_reminder")
    pending_application = case.court_applications.filter(outcome="").exists()
    if pending_application:
        steps.append("record_court_outcome")
    elif executing and led.outstanding > 0 and any(r.service_id for r in reminders):
        steps.append("apply_to_court")
    if case.decided_penalty_kinds and case.status in PUBLISHABLE_STATES:  # 行政处罚法 第四十八条
        if any(p.live for p in publications):
            steps.append("withdraw_publication")
        elif not led.revoked:
            steps.append("publish_decision")
    return [s for s in steps if s not in HEAD_ACTIONS or head]


def _panel(case: Case, key: str, bound: dict[str, forms.Form], refusal: Refusal | None) -> Panel:
    form = bound.get(key)
    if form is None:
        form = ACTION_FORMS[key](case=case, prefix=key)
        today = timezone.localdate()
        form.initial = {name: today for name, f in form.fields.items() if isinstance(f, forms.DateField) and f.required}
    return Panel(
        key=key,
        label=str(ACTION_LABELS[key]),
        url=reverse("cases:execution_action", args=[case.pk, key]),
        form=tabletize(form),
        refused=refused_for(key, refusal),
    )


def _service_rows(
    case: Case, services_: list[Service], may_upload: bool, bound: dict[str, forms.Form], refusal: Refusal | None
) -> list[ServiceRow]:
    rows = []
    for service in services_:
        upload = None
        if may_upload and service.receipt_id is None:
            key = f"receipt-{service.pk}"
            upload = Panel(
                key=key,
                label=_("上传送达回证"),
                url=reverse("cases:execution_receipt", args=[case.pk, service.pk]),
                form=bound.get(key) or ReceiptUploadForm(prefix=key),
                refused=refused_for(key, refusal),
            )
        receipt_url = RECEIPT_CONTENT_URL.format(evidence_id=service.receipt_id) if service.receipt_id else ""
        rows.append(ServiceRow(service, receipt_url, upload))
    return rows


def execution_section(
    case: Case,
    *,
    officer: Officer | None,
    bound: dict[str, forms.Form] | None = None,
    refusal: Refusal | None = None,
    today: datetime.date | None = None,
) -> ExecutionSection | None:
    """The section, or None before the decision. ``bound`` and ``refusal`` bring back an action just refused."""
    if case.decided_on is None:
        return None
    bound = bound or {}
    today = today or timezone.localdate()
    led = rules.ledger_of(case, on=today)
    reminders = list(case.reminders.select_related("service").order_by("pk"))
    services_ = list(case.services.select_related("receipt").order_by("served_on", "pk"))
    may_act = officer is not None and (is_active_handler(case, officer) or rules.is_head(case, officer))
    publications = list(case.publications.order_by("published_on", "pk"))
    steps = actions_now(case, led, officer, reminders=reminders, publications=publications)
    keys = [k for k in ACTION_LABELS if k in steps or k in bound]
    return ExecutionSection(
        ledger=led,
        clocks=_clocks(case, led, reminders, today) + _publication_clock(case, publications, today),
        services=_service_rows(case, services_, may_act and case.status not in TERMINAL_STATES, bound, refusal),
        payments=list(case.payments.select_related("collected_by").order_by("paid_on", "pk")),
        arrangement=led.arrangement,
        remedies=list(led.remedies),
        reminders=reminders,
        applications=list(case.court_applications.order_by("pk")),
        publications=publications,
        panels=[_panel(case, key, bound, refusal) for key in keys if key not in PUBLICATION_ACTIONS],
        publication_panels=[_panel(case, key, bound, refusal) for key in keys if key in PUBLICATION_ACTIONS],
    )


# --- the actions -------------------------------------------------------------------------------------------


@login_required
@require_POST
def perform_execution_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """An execution action that does not move the case; the service's refusal comes back as 409."""
    from .casefile import answer  # casefile imports this module for the section

    case = case_for(request.user, pk)
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404(_("没有这一执行步骤。"))
    label = str(ACTION_LABELS[action])
    return answer(
        request,
        case,
        key=action,
        label=label,
        form=form_class(request.POST, case=case, prefix=action),
        call=lambda data: services.perform_action(case=case, action=action, actor=request.user, **data),
        done=_("已完成：%(step)s。") % {"step": label},
    )


@login_required
@require_POST
def upload_service_receipt(request: HttpRequest, pk: int, service_pk: int) -> HttpResponse:
    """The scanned 送达回证 of one service of the case, streamed to object storage."""
    from .casefile import answer  # casefile imports this module for the section

    case = case_for(request.user, pk)
    service = case.services.filter(pk=service_pk).first()
    if service is None:
        raise Http404(_("送达记录不存在或无权查看。"))
    key = f"receipt-{service.pk}"

    def call(data) -> Service:
        upload = data["file"]
        try:
            upload.seek(0)
            head = upload.read(SNIFF_BYTES)
            upload.seek(0)
            return services.attach_service_receipt(
                service=service,
                actor=request.user,
                stream=upload,
                original_filename=upload.name or "receipt",
                head=head,
                size=upload.size,
            )
        finally:
            upload.close()

    return answer(
        request,
        case,
        key=key,
        label=_("上传送达回证"),
        form=ReceiptUploadForm(request.POST, request.FILES, prefix=key),
        call=call,
        done=_("送达回证已归档。"),
    )


# Mounted by the lead inside the ``cases`` namespace: ``urlpatterns += execution.urlpatterns`` in cases/urls.py.
urlpatterns = [
    path("<int:pk>/execution/<slug:action>/", perform_execution_action, name="execution_action"),
    path("<int:pk>/execution/services/<int:service_pk>/receipt/", upload_service_receipt, name="execution_receipt"),
]
