"""The party's statement after a 催告 and the agency's review of it (行政强制法 第三十六条): recorded, reviewed,
and printed under 当事人的意见 in the 强制执行申请书 (第五十五条第三项)."""

from __future__ import annotations

import datetime
from typing import Any

from ...guards import Context
from ...guards import execution as rules
from ...models import Case
from ...models.compulsion import PartyStatement
from ..runner import run_action
from .common import day, locking, officer_ref


def record_party_statement(*, case: Case, actor, received_on: datetime.date, content: str) -> PartyStatement:
    """当事人的陈述、申辩 (行政强制法 第三十六条): after the 催告书 was served, what the party stated.

    Event ``record_party_statement``: ``statement``, ``reminder``, ``received_on``, ``content``.
    """
    data = {"received_on": received_on, "content": content}

    def apply(ctx: Context) -> tuple[PartyStatement, dict[str, Any]]:
        reminder = rules.served_reminder(ctx.case)
        assert reminder is not None, "refused by the guards"
        statement = PartyStatement.objects.create(
            case=ctx.case, reminder=reminder, received_on=received_on, content=content.strip(), recorded_by=actor
        )
        return statement, {
            "statement": statement.pk,
            "reminder": reminder.pk,
            "received_on": day(received_on),
            "content": statement.content,
        }

    return run_action(case=case, name="record_party_statement", actor=actor, data=data, apply=apply)


def review_party_statement(
    *, case: Case, actor, statement: int | None, review: str, reviewed_on: datetime.date, reasons: str = ""
) -> PartyStatement:
    """复核 (行政强制法 第三十六条) of the case's statement ``statement`` (its id; None refuses: none unreviewed).

    Event ``review_party_statement``: ``statement``, ``review``, ``reasons``, ``reviewed_on``, ``reviewed_by``.
    """
    data = {"review": review, "reviewed_on": reviewed_on, "reasons": reasons}

    def apply(ctx: Context) -> tuple[PartyStatement, dict[str, Any]]:
        item: PartyStatement = ctx.target
        item.review, item.review_reasons, item.reviewed_on = review, reasons.strip(), reviewed_on
        item.reviewed_by = ctx.officer
        item.save(update_fields=["review", "review_reasons", "reviewed_on", "reviewed_by"])
        return item, {
            "statement": item.pk,
            "review": review,
            "reasons": item.review_reasons,
            "reviewed_on": day(reviewed_on),
            "reviewed_by": officer_ref(ctx.officer),
        }

    return run_action(
        case=case,
        name="review_party_statement",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(PartyStatement, statement),
    )
