"""催告 and 申请人民法院强制执行 (行政强制法 第三十五条、第三十八条、第五十三条至第五十八条; 行政处罚法
第七十二条).

The ten working days after the reminder's service are the deadline ``reminder_wait`` its service opens; the
three months to apply are the deadline ``court_application`` (``deadlines.kinds``). The guards read both.
"""

from __future__ import annotations

import datetime
from typing import Any

from kernel.money import plain

from ...guards import Context
from ...guards import execution as rules
from ...models import Case
from ...models.execution import CourtApplication, Reminder, ServedDocument
from ..runner import run_action
from .common import day, locking, officer_ref
from .service import create_service, service_data, service_payload


def issue_reminder(
    *, case: Case, actor, issued_on: datetime.date, performance_deadline: datetime.date, manner: str
) -> Reminder:
    """催告书 (行政强制法 第三十五条): once the party is late, in writing, with the deadline and manner of
    performance, the exact amount (the unpaid fine, gains and the surcharge at ``issued_on``) and the right to
    state and defend (第三十六条).

    Event ``issue_reminder``: ``reminder``, ``issued_on``, ``performance_deadline``, ``amount``,
    ``fine_outstanding``, ``surcharge``, ``manner``.
    """
    data = {"issued_on": issued_on, "performance_deadline": performance_deadline, "manner": manner}

    def apply(ctx: Context) -> tuple[Reminder, dict[str, Any]]:
        led = rules.ledger_on(ctx, min(issued_on, ctx.today))
        reminder = Reminder.objects.create(
            case=ctx.case,
            issued_on=issued_on,
            performance_deadline=performance_deadline,
            amount=led.outstanding,
            fine_outstanding=led.fine_unpaid,
            surcharge=led.surcharge,
            manner=manner.strip(),
            recorded_by=actor,
        )
        return reminder, {
            "reminder": reminder.pk,
            "issued_on": day(issued_on),
            "performance_deadline": day(performance_deadline),
            "amount": plain(reminder.amount),
            "fine_outstanding": plain(reminder.fine_outstanding),
            "surcharge": plain(reminder.surcharge),
            "manner": reminder.manner,
        }

    return run_action(case=case, name="issue_reminder", actor=actor, data=data, apply=apply)


def serve_reminder(*, reminder: Reminder, actor, served_on: datetime.date, method: str, **fields: Any) -> Reminder:
    """催告书的送达 (行政强制法 第三十八条), which opens the deadline ``reminder_wait``: the 10 working days before the
    court application (第五十四条、第六十九条).

    Event ``serve_reminder``: the service's keys (``service``, ``served_on``, ``method``, ``recipient``, …) and
    ``reminder``.
    """
    return reminder_service(
        case=Case.objects.get(pk=reminder.case_id),
        actor=actor,
        reminder=reminder.pk,
        served_on=served_on,
        method=method,
        **fields,
    )


def reminder_service(
    *, case: Case, actor, reminder: int | None, served_on: datetime.date, method: str, **fields: Any
) -> Reminder:
    """``serve_reminder`` of the case's reminder ``reminder`` (its id; None refuses: none unserved)."""
    data = service_data(served_on=served_on, method=method, **fields)

    def apply(ctx: Context) -> tuple[Reminder, dict[str, Any]]:
        item: Reminder = ctx.target
        issued = (
            ctx.case.documents.filter(kind="payment_reminder", superseded_by__isnull=True)
            .order_by("-issued_at", "-pk")
            .first()
        )
        service = create_service(ctx.case, actor, document=ServedDocument.REMINDER, issued=issued, data=data)
        item.service = service
        item.save(update_fields=["service"])
        return item, {**service_payload(service), "reminder": item.pk}

    return run_action(
        case=case, name="serve_reminder", actor=actor, data=data, apply=apply, target=locking(Reminder, reminder)
    )


def apply_to_court(*, case: Case, actor, filed_on: datetime.date, court: str) -> CourtApplication:
    """申请人民法院强制执行 (行政强制法 第五十三条至第五十五条): signed by a head, within the stored deadline
    ``court_application`` (after the remedy periods, or an approved deferral, end, and within 3 months), after the
    stored ``reminder_wait`` of the served reminder.

    Event ``apply_to_court``: ``application``, ``filed_on``, ``court``, ``amount``, ``reminder``, ``signed_by``.
    """
    data = {"filed_on": filed_on, "court": court}

    def apply(ctx: Context) -> tuple[CourtApplication, dict[str, Any]]:
        officer = ctx.officer
        reminder = rules.served_reminder(ctx.case)
        # The guards refused a caller who is no head, and an application without a served reminder.
        assert officer is not None and reminder is not None, "refused by the guards"
        led = rules.ledger_on(ctx, min(filed_on, ctx.today))
        application = CourtApplication.objects.create(
            case=ctx.case,
            filed_on=filed_on,
            court=court.strip(),
            amount=led.outstanding,
            reminder=reminder,
            signed_by=officer,
            recorded_by=actor,
        )
        return application, {
            "application": application.pk,
            "filed_on": day(filed_on),
            "court": application.court,
            "organ": application.court,
            "amount": plain(application.amount),
            "reminder": application.reminder_id,
            "signed_by": officer_ref(officer),
        }

    return run_action(case=case, name="apply_to_court", actor=actor, data=data, apply=apply)


def record_court_outcome(
    *, application: CourtApplication, actor, outcome: str, decided_on: datetime.date, note: str = ""
) -> CourtApplication:
    """登记人民法院的裁定 (行政强制法 第五十六条至第五十八条). A ruling on execution (准予 or 不予执行) lets the
    case close; a refusal to accept leaves the agency its 15 days to ask the higher court (第五十六条第二款).

    Event ``record_court_outcome``: ``application``, ``outcome``, ``decided_on``, ``note``.
    """
    return court_outcome(
        case=Case.objects.get(pk=application.case_id),
        actor=actor,
        application=application.pk,
        outcome=outcome,
        decided_on=decided_on,
        note=note,
    )


def court_outcome(
    *, case: Case, actor, application: int | None, outcome: str, decided_on: datetime.date, note: str = ""
) -> CourtApplication:
    """``record_court_outcome`` of the case's application ``application`` (its id; None refuses: none pending)."""
    data = {"outcome": outcome, "decided_on": decided_on, "note": note}

    def apply(ctx: Context) -> tuple[CourtApplication, dict[str, Any]]:
        item: CourtApplication = ctx.target
        item.outcome, item.outcome_on, item.note = outcome, decided_on, note.strip()
        item.save(update_fields=["outcome", "outcome_on", "note"])
        return item, {"application": item.pk, "outcome": outcome, "decided_on": day(decided_on), "note": item.note}

    return run_action(
        case=case,
        name="record_court_outcome",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(CourtApplication, application),
    )
