"""行政复议 and 行政诉讼 against the decision, and their outcomes recorded on the case (行政复议法 第二十条、
第二十三条、第二十九条; 行政诉讼法 第四十五条、第四十六条; 行政处罚法 第四十八条第二款、第七十三条)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from kernel.money import plain

from ...choices import Procedure
from ...guards import Context
from ...guards.execution import clock_of, decision_service
from ...models import Case
from ...models.remedies import (
    WITHDRAW_PUBLICATION,
    CorrectionOutcome,
    DecisionCorrection,
    Remedy,
    RemedyKind,
    RemedyOutcome,
)
from ..runner import run_action
from .common import day, locking


def _window(case: Case, kind: str):
    """The stored remedy window a filing of ``kind`` falls in: the 60 days to seek reconsideration (行政复议法
    第二十条); an appeal, the 15 days after a first-instance judgment or 10 after a ruling (行政诉讼法 第八十五条);
    a suit after a decided reconsideration, the 15 days of 第四十五条; else the 6 months to sue directly
    (第四十六条)."""
    if kind == RemedyKind.RECONSIDERATION:
        return clock_of(case, "reconsideration")
    if kind == RemedyKind.APPEAL:
        first = case.remedies.filter(kind=RemedyKind.LITIGATION).exclude(outcome="").order_by("-decided_on").first()
        ruling = first is not None and first.outcome == RemedyOutcome.NOT_ACCEPTED
        return clock_of(case, "appeal_ruling" if ruling else "appeal")
    last = case.remedies.exclude(outcome="").exclude(outcome=RemedyOutcome.WITHDRAWN).order_by("-decided_on").first()
    if last is not None and last.kind == RemedyKind.RECONSIDERATION:
        return clock_of(case, "litigation_after_reconsideration")
    return clock_of(case, "litigation")


def within_period(case: Case, kind: str, filed_on: datetime.date, posted_on: datetime.date | None) -> bool | None:
    """Whether the party filed within its period — posted in time, when sent by post (期间不包括在途时间) — by the
    stored deadline (None before service, or when no window of the kind runs). Only recorded: the reconsideration
    organ or the court decides whether a late filing is admissible."""
    if decision_service(case) is None:
        return None
    window = _window(case, kind)
    if window is None:
        return None
    return (posted_on or filed_on) <= window.due_on


def withdraws_publication(case: Case, outcome: str) -> bool:
    """行政处罚法 第四十八条第二款: the outcome changes, revokes, confirms unlawful or void a decision published and not
    withdrawn — of a remedy or of the agency's own correction (第七十五条第二款)."""
    return outcome in WITHDRAW_PUBLICATION and case.publications.filter(withdrawn_on__isnull=True).exists()


def file_remedy(
    *,
    case: Case,
    actor,
    kind: str,
    filed_on: datetime.date,
    organ: str,
    reference: str = "",
    posted_on: datetime.date | None = None,
) -> Remedy:
    """登记当事人申请行政复议或者提起行政诉讼. The decision is not suspended (行政处罚法 第七十三条第一款); the
    surcharge stops counting from ``filed_on`` (第七十三条第三款); no court application meanwhile.

    Event ``file_remedy``: ``remedy``, ``kind``, ``filed_on``, ``posted_on`` (the postmark, when sent by post),
    ``organ``, ``reference``, ``within_period`` (null before service), ``reconsideration_first_skipped`` (a suit
    against an on-the-spot decision without a reconsideration decision, 行政复议法 第二十三条 — recorded, the court
    rules on it).
    """
    data = {"kind": kind, "filed_on": filed_on, "posted_on": posted_on, "organ": organ, "reference": reference}

    def apply(ctx: Context) -> tuple[Remedy, dict[str, Any]]:
        c = ctx.case
        skipped = (
            kind == RemedyKind.LITIGATION
            and c.procedure == Procedure.SUMMARY
            and not c.remedies.filter(kind=RemedyKind.RECONSIDERATION).exclude(outcome="").exists()
        )
        in_time = within_period(c, kind, filed_on, posted_on)
        remedy = Remedy.objects.create(
            case=c,
            kind=kind,
            filed_on=filed_on,
            posted_on=posted_on,
            organ=organ.strip(),
            reference=reference.strip(),
            recorded_by=actor,
        )
        return remedy, {
            "remedy": remedy.pk,
            "kind": kind,
            "filed_on": day(filed_on),
            "posted_on": day(posted_on),
            "organ": remedy.organ,
            "reference": remedy.reference,
            "within_period": in_time,
            "reconsideration_first_skipped": skipped,
        }

    return run_action(case=case, name="file_remedy", actor=actor, data=data, apply=apply)


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
    """登记复议决定或者裁判结果. A change, revocation, confirmation of unlawfulness or invalidity of a decision
    published and not withdrawn opens the 3-working-day withdrawal (行政处罚法 第四十八条第二款、第八十五条: the
    deadline ``publication_withdrawal`` of this remedy); a revocation ends execution (行政强制法 第四十条第四项).

    Event ``record_remedy_outcome``: ``remedy``, ``kind``, ``outcome``, ``decided_on``, ``received_on``,
    ``changed_fine_amount``, ``withdraws_publication``, ``organ``.
    """
    return remedy_outcome(
        case=Case.objects.get(pk=remedy.case_id),
        actor=actor,
        remedy=remedy.pk,
        outcome=outcome,
        decided_on=decided_on,
        received_on=received_on,
        changed_fine_amount=changed_fine_amount,
        note=note,
    )


def remedy_outcome(
    *,
    case: Case,
    actor,
    remedy: int | None,
    outcome: str,
    decided_on: datetime.date,
    received_on: datetime.date | None = None,
    changed_fine_amount: Decimal | None = None,
    note: str = "",
) -> Remedy:
    """``record_remedy_outcome`` of the case's remedy ``remedy`` (its id; None refuses: no pending remedy)."""
    data = {
        "outcome": outcome,
        "decided_on": decided_on,
        "received_on": received_on,
        "changed_fine_amount": changed_fine_amount,
        "note": note,
    }

    def apply(ctx: Context) -> tuple[Remedy, dict[str, Any]]:
        item: Remedy = ctx.target
        item.outcome, item.decided_on, item.received_on, item.note = outcome, decided_on, received_on, note.strip()
        item.changed_fine_amount = changed_fine_amount if outcome == RemedyOutcome.CHANGED else None
        item.save()
        withdraws = withdraws_publication(ctx.case, outcome)
        return item, {
            "remedy": item.pk,
            "kind": item.kind,
            "outcome": outcome,
            "decided_on": day(decided_on),
            "received_on": day(received_on),
            "changed_fine_amount": plain(item.changed_fine_amount),
            "withdraws_publication": withdraws,
            "organ": item.organ,
        }

    return run_action(
        case=case, name="record_remedy_outcome", actor=actor, data=data, apply=apply, target=locking(Remedy, remedy)
    )


def correct_decision(
    *,
    case: Case,
    actor,
    outcome: str,
    decided_on: datetime.date,
    reasons: str,
    changed_fine_amount: Decimal | None = None,
) -> DecisionCorrection:
    """行政机关自行纠正行政处罚决定 (行政处罚法 第七十五条第二款), decided by the head with the reasons. It acts on
    what is owed as a remedy outcome does (``ledger_of``): a change sets the fine, a revocation leaves nothing to
    execute and ends the clocks that run to execute it; a decision published and not withdrawn opens the
    3-working-day withdrawal (第四十八条第二款、第八十五条: the deadline ``publication_withdrawal``).

    Event ``correct_decision``: ``correction``, ``outcome``, ``decided_on``, ``changed_fine_amount``,
    ``withdraws_publication``, ``reasons``.
    """
    data = {
        "outcome": outcome,
        "decided_on": decided_on,
        "reasons": reasons,
        "changed_fine_amount": changed_fine_amount,
    }

    def apply(ctx: Context) -> tuple[DecisionCorrection, dict[str, Any]]:
        correction = DecisionCorrection.objects.create(
            case=ctx.case,
            outcome=outcome,
            decided_on=decided_on,
            changed_fine_amount=changed_fine_amount if outcome == CorrectionOutcome.CHANGED else None,
            reasons=reasons.strip(),
            decided_by=actor,
        )
        return correction, {
            "correction": correction.pk,
            "outcome": outcome,
            "decided_on": day(decided_on),
            "changed_fine_amount": plain(correction.changed_fine_amount),
            "withdraws_publication": withdraws_publication(ctx.case, outcome),
            "reasons": correction.reasons,
        }

    return run_action(case=case, name="correct_decision", actor=actor, data=data, apply=apply)


def mark_decision_correction_served(*, correction_id: int, served_on: datetime.date) -> dict[str, Any]:
    """Called inside ``serve_document``'s transaction when the served document is a 变更 or 撤销行政处罚决定书
    (行政处罚法 第七十五条第二款): the correction's service date (the first), and the payload keys by which a change
    served opens new reconsideration and suit windows (``DocumentServed``; ``deadlines.kinds.execution``)."""
    correction = DecisionCorrection.objects.select_for_update().get(pk=correction_id)
    if correction.served_on is None:
        correction.served_on = served_on
        correction.save(update_fields=["served_on"])
    return {"decision_correction": correction.pk, "decision_correction_outcome": correction.outcome}
