"""行政复议 and 行政诉讼 against the decision, and their outcomes recorded on the case (行政复议法 第二十条、
第二十三条、第二十九条; 行政诉讼法 第四十五条、第四十六条; 行政处罚法 第四十八条第二款、第七十三条)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clock.periods import add_calendar_days, add_months
from kernel.money import plain

from ...choices import Procedure
from ...guards import execution as rules
from ...models import Case
from ...models.remedies import WITHDRAW_PUBLICATION, Remedy, RemedyKind, RemedyOutcome
from ..runner import lock_case
from .common import acting_officer, day, record, refuse


def _within_period(case: Case, kind: str, filed_on: datetime.date) -> bool | None:
    """Whether the party filed within its period, counted from the decision's service (None before service).
    Only recorded: the reconsideration organ or the court decides whether a late filing is admissible."""
    service = rules.decision_service(case)
    if service is None:
        return None
    if kind == RemedyKind.RECONSIDERATION:
        return filed_on <= add_calendar_days(service.served_on, rules.RECONSIDERATION_DAYS).date  # 行政复议法 第二十条
    last = case.remedies.exclude(outcome="").exclude(outcome=RemedyOutcome.WITHDRAWN).order_by("-decided_on").first()
    if last is not None:  # 行政诉讼法 第四十五条: within 15 days of receiving the reconsideration decision
        known = last.received_on or last.decided_on
        assert known is not None, "constraint remedy_outcome_has_date: a remedy with an outcome has decided_on"
        after = add_calendar_days(known, rules.AFTER_REMEDY_DAYS).date
        return filed_on <= after
    return filed_on <= add_months(service.served_on, rules.LITIGATION_MONTHS).date  # 行政诉讼法 第四十六条


@transaction.atomic
def file_remedy(*, case: Case, actor, kind: str, filed_on: datetime.date, organ: str, reference: str = "") -> Remedy:
    """登记当事人申请行政复议或者提起行政诉讼. The decision is not suspended (行政处罚法 第七十三条第一款); the
    surcharge stops counting from ``filed_on`` (第七十三条第三款); no court application meanwhile.

    Event ``file_remedy``: ``remedy``, ``kind``, ``filed_on``, ``organ``, ``reference``, ``within_period`` (null
    before service), ``reconsideration_first_skipped`` (a suit against an on-the-spot decision without a
    reconsideration decision, 行政复议法 第二十三条 — recorded, the court rules on it).
    """
    locked = lock_case(case.pk)
    pending = locked.remedies.filter(outcome="").first()
    refuse(
        rules.remedy_filing_reasons(
            locked, acting_officer(actor), filed_on=filed_on, organ=organ, pending=pending, today=timezone.localdate()
        )
    )
    skipped = (
        kind == RemedyKind.LITIGATION
        and locked.procedure == Procedure.SUMMARY
        and not locked.remedies.filter(kind=RemedyKind.RECONSIDERATION).exclude(outcome="").exists()
    )
    remedy = Remedy.objects.create(
        case=locked, kind=kind, filed_on=filed_on, organ=organ.strip(), reference=reference.strip(), recorded_by=actor
    )
    record(
        locked,
        actor,
        "file_remedy",
        {
            "remedy": remedy.pk,
            "kind": kind,
            "filed_on": day(filed_on),
            "organ": remedy.organ,
            "reference": remedy.reference,
            "within_period": _within_period(locked, kind, filed_on),
            "reconsideration_first_skipped": skipped,
        },
        remedy=True,
    )
    return remedy


@transaction.atomic
def record_remedy_outcome(
    *,
    remedy: Remedy,
    actor,
    outcome: str,
    decided_on: datetime.date,
    received_on: datetime.date | None = None,
    changed_fine_amount: Decimal | None = None,
    note: str = "",
) -> Remedy:
    """登记复议决定或者裁判结果. A change, revocation, confirmation of unlawfulness or invalidity starts the
    3-working-day withdrawal of the published decision (行政处罚法 第四十八条第二款、第八十五条), flagged on the
    remedy for the publication work; a revocation ends execution (行政强制法 第四十条第四项).

    Event ``record_remedy_outcome``: ``remedy``, ``kind``, ``outcome``, ``decided_on``, ``received_on``,
    ``changed_fine_amount``, ``publication_withdrawal_due`` (null when nothing is to be withdrawn),
    ``publication_withdrawal_provisional``.
    """
    case = lock_case(remedy.case_id)
    item = Remedy.objects.select_for_update().get(pk=remedy.pk)
    today = timezone.localdate()
    led = rules.ledger_of(case, on=today)
    refuse(
        rules.remedy_outcome_reasons(
            item,
            case,
            acting_officer(actor),
            led,
            outcome=outcome,
            decided_on=decided_on,
            received_on=received_on,
            changed_fine_amount=changed_fine_amount,
            today=today,
        )
    )
    item.outcome, item.decided_on, item.received_on, item.note = outcome, decided_on, received_on, note.strip()
    item.changed_fine_amount = changed_fine_amount if outcome == RemedyOutcome.CHANGED else None
    if outcome in WITHDRAW_PUBLICATION and case.publications.filter(withdrawn_on__isnull=True).exists():
        # 第四十八条第二款: what was published is withdrawn. Counted from the outcome's receipt, or its date
        # when the receipt is not recorded.
        due = rules.publication_withdrawal_due(received_on or decided_on)
        item.publication_withdrawal_due, item.publication_withdrawal_provisional = due.date, due.provisional
    item.save()
    record(
        case,
        actor,
        "record_remedy_outcome",
        {
            "remedy": item.pk,
            "kind": item.kind,
            "outcome": outcome,
            "decided_on": day(decided_on),
            "received_on": day(received_on),
            "changed_fine_amount": plain(item.changed_fine_amount),
            "publication_withdrawal_due": day(item.publication_withdrawal_due),
            "publication_withdrawal_provisional": item.publication_withdrawal_provisional,
            "organ": item.organ,
        },
        remedy=True,
    )
    return item
