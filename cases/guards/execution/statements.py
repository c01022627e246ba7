"""The party's statement after a 催告 and the agency's review of it (行政强制法 第三十六条): the party may state and
defend once it received the 催告书; the agency records and reviews what it states, and adopts what holds. The
court application waits for every review (第三十六条: 应当进行记录、复核; 第五十五条第三项: the application carries
the party's opinion).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kernel.rules import ACEL_36, Reason, day_text

from ...models.compulsion import PartyStatement, StatementReview
from .compelling import served_reminder
from .ledger import dated_reasons, handler_or_head

if TYPE_CHECKING:
    from ...models import Case
    from ..core import Context


statement_recorded_by_handler_or_head = handler_or_head("statement_recorded_by_handler_or_head", "登记陈述、申辩")
statement_reviewed_by_handler_or_head = handler_or_head("statement_reviewed_by_handler_or_head", "复核陈述、申辩")


def unreviewed_statement(case: Case) -> PartyStatement | None:
    return case.party_statements.filter(review="").order_by("received_on", "pk").first()


def statement_after_served_reminder(ctx: Context) -> list[Reason]:
    """行政强制法 第三十六条: the party states and defends after receiving the 催告书 (its service recorded first)."""
    if served_reminder(ctx.case) is None:
        return [
            Reason(
                "reminder_not_served", "催告书送达后，当事人才能对催告进行陈述、申辩；请先登记催告书的送达。", ACEL_36
            )
        ]
    return []


def statement_received_dated(ctx: Context) -> list[Reason]:
    """The statement is received after the reminder was served, and recorded once received."""
    reminder = served_reminder(ctx.case)
    return dated_reasons(
        ctx.data.get("received_on"),
        what="收到陈述、申辩日期",
        today=ctx.today,
        after=reminder.served_on if reminder is not None else None,
        since="催告书送达日期",
        article=ACEL_36,
    )


def statement_stated(ctx: Context) -> list[Reason]:
    """行政强制法 第三十六条: the facts, reasons and evidence the party put forward are recorded."""
    if ctx.data and not (ctx.data.get("content") or "").strip():
        return [Reason("statement_missing", "请记录当事人提出的事实、理由和证据。", ACEL_36)]
    return []


def statement_to_review(ctx: Context) -> list[Reason]:
    statement = ctx.target
    if statement is None:
        return [Reason("no_statement_to_review", "没有尚未复核的陈述、申辩。", ACEL_36)]
    if statement.review:
        return [Reason("statement_already_reviewed", "该陈述、申辩已经复核。", ACEL_36)]
    return []


def statement_review_dated(ctx: Context) -> list[Reason]:
    statement = ctx.target
    return dated_reasons(
        ctx.data.get("reviewed_on"),
        what="复核日期",
        today=ctx.today,
        after=statement.received_on if statement is not None else None,
        since="收到陈述、申辩日期",
        article=ACEL_36,
    )


def review_reasoned(ctx: Context) -> list[Reason]:
    """行政强制法 第三十六条: what holds is adopted; what is not adopted is answered with the reasons why."""
    if ctx.data.get("review") == StatementReview.NOT_ADOPTED and not (ctx.data.get("reasons") or "").strip():
        return [Reason("review_reasons_missing", "不予采纳当事人的陈述、申辩的，应当说明理由。", ACEL_36)]
    return []


def statements_reviewed(ctx: Context) -> list[Reason]:
    """行政强制法 第三十六条: the agency reviews what the party stated before it applies to the court, whose
    application carries the party's opinion (第五十五条第三项)."""
    pending = unreviewed_statement(ctx.case)
    if pending is None:
        return []
    return [
        Reason(
            "statement_not_reviewed",
            f"当事人于{day_text(pending.received_on)}提出的陈述、申辩尚未复核，复核后才能申请强制执行。",
            ACEL_36,
        )
    ]
