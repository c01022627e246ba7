"""执行 as the case page shows it: what the decision requires and what was paid, the clocks of service, payment,
remedies, compulsion and publication, every record of execution, and the forms of the actions possible now
(行政处罚法 第四十八条、第六十一条、第六十六条至第七十三条; 行政强制法 第三十五条、第五十三条、第五十四条).

The actions come from the registry (``cases.registry``): those of the sections 送达与执行 and 行政处罚决定公开 that
apply in the case's state and that the guards allow this officer now (``cases.actions.execution``,
``cases.actions.publication``; the service of other documents: ``documents.actions``), plus one just posted and
refused. They post to the
registry's page route (``cases.views.detail.perform_execution_step``); ``serve``, ``record_payment`` and
``close`` stay transitions in 下一步. Every clock is a stored deadline (``guards.execution.clocks``): nothing here
counts a period.
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
from django.views.decorators.http import require_POST

from deadlines.choices import Outcome
from deadlines.models import Deadline
from officers.models import Officer

from .. import registry
from ..choices import TERMINAL_STATES, CaseStatus
from ..guards import execution as rules
from ..guards.publication import PublicationClock, publication_clock
from ..models import Case
from ..models.execution import CourtApplication, Payment, PaymentArrangement, Reminder, Service
from ..models.performance import PerformanceRecord
from ..models.publication import Publication
from ..models.remedies import Remedy
from ..registry import Action
from ..selectors import case_for, is_active_handler, performances_of
from ..services.runner import context_for, load_case
from .panels import Panel, Refusal, refused_for
from .stepforms import tabletize

# The sections of the registry shown here, in this order: the service of the case's other documents
# (``documents.actions``), execution, and publication (in its own part of the section).
SECTIONS = ("documents", "execution", "publication")
# Offered on each service of the decision that lacks it, not among the steps.
RECEIPT_ACTION = "attach_service_receipt"
# The receipt is an evidence item: its content is read through the API's logged, presigned view
# (``casefile.EVIDENCE_CONTENT_URL``; not imported: ``casefile`` imports this module for the section).
RECEIPT_CONTENT_URL = "/api/v1/evidence/{evidence_id}/content/"


@dataclass(frozen=True)
class Clock:
    """One period of execution as the page writes it (a stored deadline)."""

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
    deadline: Deadline | None = None  # the decision's: ``service`` (第六十一条)

    @property
    def late(self) -> bool:
        return bool(self.deadline and self.deadline.met_late)

    @property
    def due_on(self) -> datetime.date | None:
        return self.deadline.due_on if self.deadline else None


@dataclass
class PaymentRow:
    payment: Payment
    handover: Deadline | None  # ``collection_handover`` (第七十一条)
    deposit: Deadline | None  # ``collection_deposit``

    @property
    def handover_late(self) -> bool:
        return bool(self.handover and self.handover.met_late)

    @property
    def deposit_late(self) -> bool:
        return bool(self.deposit and self.deposit.met_late)


@dataclass
class RemedyRow:
    remedy: Remedy
    withdrawal: Deadline | None  # ``publication_withdrawal`` (第四十八条第二款), when its outcome obliged it


@dataclass
class ReminderRow:
    reminder: Reminder
    wait: Deadline | None  # ``reminder_wait`` (行政强制法 第五十四条)


@dataclass
class PublicationRow:
    publication: Publication
    clock: PublicationClock


@dataclass
class ExecutionSection:
    ledger: rules.Ledger
    clocks: list[Clock]
    services: list[ServiceRow]
    payments: list[PaymentRow]
    arrangement: PaymentArrangement | None
    remedies: list[RemedyRow]
    reminders: list[ReminderRow]
    applications: list[CourtApplication]
    performances: list[PerformanceRecord] = field(default_factory=list)  # 第九条: the kinds performed, not paid
    publications: list[PublicationRow] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    publication_panels: list[Panel] = field(default_factory=list)


# --- the clocks: the stored deadlines ------------------------------------------------------------------------------


def _clock(key: str, label: str, row: Deadline | None, *, met: bool, article: str, today: datetime.date) -> list[Clock]:
    if row is None:
        return []
    overdue = row.met_late if met else today > row.due_on
    return [Clock(key, label, row.due_on, met, overdue, row.provisional, article)]


def _clocks(
    case: Case, led: rules.Ledger, clocks: rules.CaseClocks, remedies: list[RemedyRow], today: datetime.date
) -> list[Clock]:
    service = clocks.of("service")
    out = _clock(
        "service", _("送达行政处罚决定书"), service, met=led.service is not None, article=rules.ART_61, today=today
    )
    if led.service is None:
        return out
    if led.payment_due is not None and not led.nothing_to_pay:
        due = led.payment_due
        met = led.fine_unpaid <= 0 or led.arrangement is not None
        out.append(
            Clock(
                "payment",
                _("缴纳罚款（收到决定书之日起十五日）"),
                due.date,
                met,
                not met and today > due.date,
                due.provisional,
                rules.ART_67,
            )
        )
    if led.arrangement is not None:
        # The approved end of the deferral or the last instalment (a date the head fixed, not a count).
        ends_on, met = led.arrangement.ends_on, led.fine_unpaid <= 0
        out.append(
            Clock(
                "arrangement", _("暂缓或者分期缴纳期限"), ends_on, met, not met and today > ends_on, False, rules.ART_66
            )
        )
    end = clocks.remedies_end()
    if end is not None:
        out.append(
            Clock(
                "remedies",
                _("申请行政复议或者提起行政诉讼的期限"),
                end.due_on,
                True,
                False,
                end.provisional,
                rules.LL_46,
            )
        )
    if not led.nothing_to_pay and led.outstanding > 0 and case.status == CaseStatus.EXECUTING:
        out += _clock(
            "court",
            _("申请人民法院强制执行的期限"),
            clocks.of("court_application"),
            met=case.court_applications.exists(),
            article=rules.CL_53,
            today=today,
        )
    for wait in (r for r in clocks.rows if r.kind == "reminder_wait"):
        out.append(
            Clock(
                "reminder",
                _("催告书送达满十个工作日（此后才能申请强制执行）"),
                wait.due_on,
                True,
                False,
                wait.provisional,
                rules.CL_54,
            )
        )
    for row in remedies:  # 第四十八条第二款: only when a live publication had to be withdrawn
        out += _clock(
            "publication",
            _("撤回已公开的行政处罚决定信息"),
            row.withdrawal,
            met=row.remedy.publication_withdrawn_on is not None,
            article=rules.ART_48,
            today=today,
        )
    return out


def _publication_clock(publications: list[Publication], clocks: rules.CaseClocks, today: datetime.date) -> list[Clock]:
    """国办发〔2018〕118号: the penalty decision published within 7 working days — the deadline ``publication`` of a
    general-procedure penalty decision."""
    row = clocks.of("publication")
    if row is None or (not publications and row.outcome != Outcome.OPEN):
        return []
    return _clock("publish", _("公开行政处罚决定"), row, met=bool(publications), article=rules.ART_48, today=today)


# --- the actions: the registry's ---------------------------------------------------------------------------------


def _offered(case: Case, officer: Officer | None, bound: dict[str, forms.Form]) -> list[Action]:
    """The actions of this section that apply in the case's state and that the guards allow ``officer`` now, in the
    order of the registry, and any action just posted (its form comes back with the errors or the refusal)."""
    offered: list[Action] = []
    if officer is not None and officer.agency_id == case.agency_id:
        fresh = load_case(case.pk)
        ctx = context_for(fresh, officer.user)
        for action in registry.applicable(fresh.status, transition=False):
            if action.section not in SECTIONS or action.name == RECEIPT_ACTION:
                continue
            ctx.target = action.target(fresh, {}) if action.target is not None else None
            if action.name in bound or not action.reasons(ctx):
                offered.append(action)
    for name in bound:
        posted = registry.get(name)
        if posted is not None and posted not in offered and posted.section in SECTIONS and not posted.transition:
            offered.append(posted)
    return sorted(offered, key=lambda a: SECTIONS.index(a.section))


def _panel(case: Case, action: Action, bound: dict[str, forms.Form], refusal: Refusal | None) -> Panel:
    form = bound.get(action.name)
    if form is None:
        form = action.form(case=case, prefix=action.name)
        today = timezone.localdate()
        form.initial = {name: today for name, f in form.fields.items() if isinstance(f, forms.DateField) and f.required}
    return Panel(
        key=action.name,
        label=action.label,
        url=reverse("cases:execution_action", args=[case.pk, action.name]),
        form=tabletize(form),
        refused=refused_for(action.name, refusal),
    )


def _receipt_panel(case: Case, service: Service, bound: dict[str, forms.Form], refusal: Refusal | None) -> Panel:
    action = registry.action_named(RECEIPT_ACTION)
    key = f"receipt-{service.pk}"
    form = bound.get(key)
    if form is None:
        form = action.form(case=case, prefix=key, initial={"service": service.pk})
        form.fields["service"].widget = forms.HiddenInput()
    return Panel(
        key=key,
        label=action.label,
        url=reverse("cases:execution_receipt", args=[case.pk, service.pk]),
        form=form,
        refused=refused_for(key, refusal),
    )


def _service_rows(
    case: Case,
    services_: list[Service],
    decision: Service | None,
    clocks: rules.CaseClocks,
    may_upload: bool,
    bound: dict[str, forms.Form],
    refusal: Refusal | None,
) -> list[ServiceRow]:
    rows = []
    for service in services_:
        upload = _receipt_panel(case, service, bound, refusal) if may_upload and service.receipt_id is None else None
        receipt_url = RECEIPT_CONTENT_URL.format(evidence_id=service.receipt_id) if service.receipt_id else ""
        deadline = clocks.of("service") if decision is not None and service.pk == decision.pk else None
        rows.append(ServiceRow(service, receipt_url, upload, deadline))
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
    clocks = rules.CaseClocks(case)
    services_ = list(case.services.select_related("receipt").order_by("served_on", "pk"))
    may_act = officer is not None and (is_active_handler(case, officer) or rules.is_head(case, officer))
    publications = list(case.publications.order_by("published_on", "pk"))
    remedies = [RemedyRow(r, clocks.of("publication_withdrawal", r.pk)) for r in led.remedies]
    offered = _offered(case, officer, bound)
    first = publications[0].pk if publications else None
    publication_row = clocks.of("publication")
    return ExecutionSection(
        ledger=led,
        clocks=_clocks(case, led, clocks, remedies, today) + _publication_clock(publications, clocks, today),
        services=_service_rows(
            case, services_, led.service, clocks, may_act and case.status not in TERMINAL_STATES, bound, refusal
        ),
        payments=[
            PaymentRow(p, clocks.of("collection_handover", p.pk), clocks.of("collection_deposit", p.pk))
            for p in case.payments.select_related("collected_by").order_by("paid_on", "pk")
        ],
        arrangement=led.arrangement,
        remedies=remedies,
        reminders=[
            ReminderRow(m, clocks.of("reminder_wait", m.pk))
            for m in case.reminders.select_related("service").order_by("pk")
        ],
        applications=list(case.court_applications.order_by("pk")),
        performances=performances_of(case),
        publications=[
            PublicationRow(p, publication_clock(p, publication_row, first=p.pk == first)) for p in publications
        ],
        panels=[_panel(case, a, bound, refusal) for a in offered if a.section != "publication"],
        publication_panels=[_panel(case, a, bound, refusal) for a in offered if a.section == "publication"],
    )


# --- the routes published before the registry: they answer through it ---------------------------------------------


def perform_execution_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """``execution/<action>/``: an action of the sections above, run by the registry (404 for any other)."""
    from .detail import perform_execution_step  # detail imports casefile, which imports this module

    return perform_execution_step(request, pk, action)


@login_required
@require_POST
def upload_service_receipt(request: HttpRequest, pk: int, service_pk: int) -> HttpResponse:
    """The scanned 送达回证 of one service of the case (``attach_service_receipt``), streamed to object storage."""
    from .detail import run_on_page  # detail imports casefile, which imports this module

    case = case_for(request.user, pk)
    if not case.services.filter(pk=service_pk).exists():
        raise Http404(_("送达记录不存在或无权查看。"))
    key = f"receipt-{service_pk}"
    post = request.POST.copy()
    post[f"{key}-service"] = str(service_pk)
    return run_on_page(request, case, registry.action_named(RECEIPT_ACTION), prefix=key, key=key, post=post)


# Mounted inside the ``cases`` namespace: ``urlpatterns += execution.urlpatterns`` in cases/urls.py.
urlpatterns = [
    path("<int:pk>/execution/<slug:action>/", perform_execution_action, name="execution_action"),
    path("<int:pk>/execution/services/<int:service_pk>/receipt/", upload_service_receipt, name="execution_receipt"),
]
