"""催告 and 申请人民法院强制执行 (行政强制法 第三十五条、第三十八条、第五十三条至第五十八条; 行政处罚法
第七十二条)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from kernel.money import plain

from ...guards import execution as rules
from ...models import Case
from ...models.execution import CourtApplication, Reminder, ServedDocument
from ..runner import lock_case
from .common import acting_officer, day, officer_ref, record, refuse
from .service import create_service, service_data, service_payload


@transaction.atomic
def issue_reminder(
    *, case: Case, actor, issued_on: datetime.date, performance_deadline: datetime.date, manner: str
) -> Reminder:
    """催告书 (行政强制法 第三十五条): once the party is late, in writing, with the deadline and manner of
    performance, the exact amount (the unpaid fine, gains and the surcharge at ``issued_on``) and the right to
    state and defend (第三十六条).

    Event ``issue_reminder``: ``reminder``, ``issued_on``, ``performance_deadline``, ``amount``,
    ``fine_outstanding``, ``surcharge``, ``manner``.
    """
    locked = lock_case(case.pk)
    today = timezone.localdate()
    led = rules.ledger_of(locked, on=min(issued_on, today))
    refuse(
        rules.reminder_issue_reasons(
            locked,
            acting_officer(actor),
            led,
            issued_on=issued_on,
            performance_deadline=performance_deadline,
            manner=manner,
            today=today,
        )
    )
    reminder = Reminder.objects.create(
        case=locked,
        issued_on=issued_on,
        performance_deadline=performance_deadline,
        amount=led.outstanding,
        fine_outstanding=led.fine_unpaid,
        surcharge=led.surcharge,
        manner=manner.strip(),
        recorded_by=actor,
    )
    record(
        locked,
        actor,
        "issue_reminder",
        {
            "reminder": reminder.pk,
            "issued_on": day(issued_on),
            "performance_deadline": day(performance_deadline),
            "amount": plain(reminder.amount),
            "fine_outstanding": plain(reminder.fine_outstanding),
            "surcharge": plain(reminder.surcharge),
            "manner": reminder.manner,
        },
    )
    return reminder


@transaction.atomic
def serve_reminder(*, reminder: Reminder, actor, served_on: datetime.date, method: str, **fields: Any) -> Reminder:
    """催告书的送达 (行政强制法 第三十八条), which starts the 10 working days before the court application
    (第五十四条、第六十九条).

    Event ``serve_reminder``: the service's keys (``service``, ``served_on``, ``method``, ``recipient``, …),
    ``reminder`` and ``application_after`` (the 10th working day after service; the application from the next day).
    """
    case = lock_case(reminder.case_id)
    item = Reminder.objects.select_for_update().get(pk=reminder.pk)
    data = service_data(served_on=served_on, method=method, **fields)
    refuse(rules.reminder_service_reasons(item, case, acting_officer(actor), data, timezone.localdate()))
    issued = (
        case.documents.filter(kind="payment_reminder", superseded_by__isnull=True).order_by("-issued_at", "-pk").first()
    )
    service = create_service(case, actor, document=ServedDocument.REMINDER, issued=issued, data=data)
    wait = rules.reminder_wait(served_on)
    item.service, item.waits_until, item.provisional = service, wait.date, wait.provisional
    item.save(update_fields=["service", "waits_until", "provisional"])
    record(
        case,
        actor,
        "serve_reminder",
        {
            **service_payload(service),
            "reminder": item.pk,
            "application_after": day(wait.date),
            "provisional": wait.provisional,
        },
    )
    return item


@transaction.atomic
def apply_to_court(*, case: Case, actor, filed_on: datetime.date, court: str) -> CourtApplication:
    """申请人民法院强制执行 (行政强制法 第五十三条至第五十五条): signed by a head, after the remedy periods (or an
    approved deferral) end and within 3 months, at least 10 working days after the reminder was served.

    Event ``apply_to_court``: ``application``, ``filed_on``, ``court``, ``amount``, ``window_opens_after``,
    ``window_closes_on``, ``provisional``, ``reminder``, ``signed_by``.
    """
    locked = lock_case(case.pk)
    officer = acting_officer(actor)
    today = timezone.localdate()
    led = rules.ledger_of(locked, on=min(filed_on, today))
    refuse(rules.court_application_reasons(locked, officer, led, filed_on=filed_on, court=court, today=today))
    window = rules.application_window(locked, led)
    reminder = rules.served_reminder(locked)
    # court_application_reasons has refused a caller who is no head, an unserved decision, no reminder.
    assert officer is not None and window is not None and reminder is not None, "refused above"
    application = CourtApplication.objects.create(
        case=locked,
        filed_on=filed_on,
        court=court.strip(),
        amount=led.outstanding,
        reminder=reminder,
        window_opens_after=window.opens_after,
        window_closes_on=window.closes_on,
        provisional=window.provisional,
        signed_by=officer,
        recorded_by=actor,
    )
    record(
        locked,
        actor,
        "apply_to_court",
        {
            "application": application.pk,
            "filed_on": day(filed_on),
            "court": application.court,
            "organ": application.court,
            "amount": plain(application.amount),
            "window_opens_after": day(window.opens_after),
            "window_closes_on": day(window.closes_on),
            "provisional": window.provisional,
            "reminder": application.reminder_id,
            "signed_by": officer_ref(officer),
        },
    )
    return application


@transaction.atomic
def record_court_outcome(
    *, application: CourtApplication, actor, outcome: str, decided_on: datetime.date, note: str = ""
) -> CourtApplication:
    """登记人民法院的裁定 (行政强制法 第五十六条至第五十八条). A ruling on execution (准予 or 不予执行) lets the
    case close; a refusal to accept leaves the agency its 15 days to ask the higher court (第五十六条第二款).

    Event ``record_court_outcome``: ``application``, ``outcome``, ``decided_on``, ``note``.
    """
    case = lock_case(application.case_id)
    item = CourtApplication.objects.select_for_update().get(pk=application.pk)
    refuse(
        rules.court_outcome_reasons(
            item, case, acting_officer(actor), decided_on=decided_on, today=timezone.localdate()
        )
    )
    item.outcome, item.outcome_on, item.note = outcome, decided_on, note.strip()
    item.save(update_fields=["outcome", "outcome_on", "note"])
    record(
        case,
        actor,
        "record_court_outcome",
        {"application": item.pk, "outcome": outcome, "decided_on": day(decided_on), "note": item.note},
    )
    return item
