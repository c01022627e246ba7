"""What the case owes, who acts, and the dates every step is checked against.

The money position (:class:`Ledger`) reads the decision, the remedies' outcomes, the payments, the approved
arrangement and the stored deadline ``payment`` (its last day before any deferral: ``clocks.payment_due``); the
surcharge is ``cases.surcharge``'s. Nothing here counts a period: every due date is a stored deadline
(``clocks``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q

from clock.periods import Due
from kernel.money import yuan
from kernel.rules import APL, Reason, day_text
from matters.choices import PenaltyKind

from ... import surcharge as sc
from ...models.execution import DECISION_DOCUMENTS, PaymentArrangement, Service, ServiceMethod
from ...models.remedies import NOTHING_TO_EXECUTE, DecisionCorrection, Remedy, RemedyKind, RemedyOutcome
from ...selectors import is_active_handler
from .clocks import clock_of, payment_clock, payment_due

if TYPE_CHECKING:
    from deadlines.models import Deadline
    from officers.models import Officer

    from ...models import Case
    from ..core import Context

ART_48 = f"{APL}第四十八条"
ART_61 = f"{APL}第六十一条"
ART_66 = f"{APL}第六十六条"
ART_67 = f"{APL}第六十七条"
ART_68 = f"{APL}第六十八条"
ART_69 = f"{APL}第六十九条"
ART_70 = f"{APL}第七十条"
ART_71 = f"{APL}第七十一条"
ART_72 = f"{APL}第七十二条"
CL = "《中华人民共和国行政强制法》"
CL_35, CL_38, CL_40 = (f"{CL}第{n}条" for n in ("三十五", "三十八", "四十"))
CL_53, CL_54, CL_55, CL_56 = (f"{CL}第{n}条" for n in ("五十三", "五十四", "五十五", "五十六"))
RL = "《中华人民共和国行政复议法》"
RL_20, RL_29, RL_63 = (f"{RL}第{n}条" for n in ("二十", "二十九", "六十三"))
LL = "《中华人民共和国行政诉讼法》"
LL_7, LL_45, LL_46, LL_85 = (f"{LL}第{n}条" for n in ("七", "四十五", "四十六", "八十五"))

ON_SPOT_SMALL_FINE = Decimal("100")  # 行政处罚法 第六十八条第一项: 一百元以下罚款
# Kinds executed by the service of the decision itself; every other non-money kind needs its performance noted.
EXECUTED_BY_SERVICE = frozenset({PenaltyKind.WARNING, PenaltyKind.CRITICISM})
MONEY_KINDS = frozenset({PenaltyKind.FINE, PenaltyKind.CONFISCATE_GAINS})
ZERO = Decimal("0")


# --- what the case owes -------------------------------------------------------------------------------


def surcharge_arrangement(arrangement: PaymentArrangement | None) -> sc.Arrangement | None:
    if arrangement is None:
        return None
    return sc.Arrangement(
        starts_on=arrangement.applied_on,
        instalments=tuple(
            sc.Instalment(datetime.date.fromisoformat(i["due_on"]), Decimal(str(i["amount"])))
            for i in arrangement.instalments
        ),
    )


@dataclass(frozen=True)
class Ledger:
    """What the decision requires the party to pay, what was paid and what is still owed at the end of ``on``."""

    on: datetime.date
    decided_fine: Decimal
    fine: Decimal  # as decided, or as changed on reconsideration or litigation
    gains: Decimal  # 没收违法所得, paid the same way, without surcharge
    revoked: bool  # revoked or void on reconsideration or litigation: nothing to execute (行政强制法 第四十条)
    service: Service | None  # the decision's service
    payment_clock: Deadline | None  # the stored deadline ``payment`` (行政处罚法 第六十七条第三款)
    payment_due: Due | None  # its last day before any deferral: what the surcharge counts from
    arrangement: PaymentArrangement | None
    remedies: tuple[Remedy, ...]
    payments: tuple[tuple[datetime.date, Decimal], ...]
    surcharge: Decimal
    paid: Decimal

    @property
    def owed(self) -> Decimal:
        return self.fine + self.gains + self.surcharge

    @property
    def outstanding(self) -> Decimal:
        return max(ZERO, self.owed - self.paid)

    @property
    def fine_unpaid(self) -> Decimal:
        return max(ZERO, self.fine - self.paid)

    @property
    def nothing_to_pay(self) -> bool:
        return self.revoked or (self.fine <= 0 and self.gains <= 0)

    @property
    def paid_in_full(self) -> bool:
        return not self.nothing_to_pay and self.paid >= self.owed

    @property
    def pending_remedy(self) -> Remedy | None:
        return next((r for r in self.remedies if r.pending), None)

    @property
    def clock_missing(self) -> bool:
        """The decision was served and orders a payment, but no deadline ``payment`` is stored (its opener did not
        run): the surcharge cannot be counted, so nothing that depends on it may proceed."""
        return self.service is not None and not self.nothing_to_pay and self.payment_clock is None

    @property
    def overdue(self) -> bool:
        """Some part of the fine was due before ``on`` and is unpaid (the surcharge runs, a reminder may follow)."""
        if self.nothing_to_pay or self.payment_due is None or self.fine_unpaid <= 0:
            return False
        plan = surcharge_arrangement(self.arrangement)
        if plan is not None and self.on >= plan.starts_on:
            return self.fine - plan.not_yet_due(self.on) > self.paid
        return self.on > self.payment_due.date


def decision_service(case: Case) -> Service | None:
    return case.services.filter(document__in=DECISION_DOCUMENTS).select_related("receipt").order_by("pk").first()


def current_arrangement(case: Case) -> PaymentArrangement | None:
    return case.arrangements.order_by("-approved_on", "-pk").first()


def surcharge_pause(case: Case, remedy: Remedy) -> sc.Period:
    """行政处罚法 第七十三条第三款: "在行政复议或者行政诉讼期间" — from the filing until the outcome binds (both days
    included; ``None`` while it does not yet):

    - a withdrawal (or termination) ends it on the day it was allowed;
    - a reconsideration decision binds once served (行政复议法 第七十五条第二款), a 调解书 once signed and served
      (第七十三条; 行政诉讼法 第六十条), a second-instance judgment once served (行政诉讼法 第七条 两审终审);
    - a first-instance judgment or ruling binds once the appeal period from its service ran unappealed (行政诉讼法
      第八十五条: 15 days for a judgment, 10 for a ruling — the stored deadlines ``appeal`` / ``appeal_ruling``);
      an appeal is a remedy of its own, filed inside that period, and its pause follows on.

    The service date is ``received_on``; where it was not recorded, the decision's date stands in (the party's
    clocks read it the same way: ``deadlines.kinds.conditions._received``). Days between a binding outcome and a
    later filing (a suit after a reconsideration) are counted."""
    if remedy.pending:
        return sc.Period(remedy.filed_on, None)
    served = remedy.received_on or remedy.decided_on
    if remedy.outcome == RemedyOutcome.WITHDRAWN:
        return sc.Period(remedy.filed_on, remedy.decided_on)
    if remedy.kind == RemedyKind.LITIGATION and remedy.outcome != RemedyOutcome.MEDIATED:
        appeal = clock_of(case, "appeal_ruling" if remedy.outcome == RemedyOutcome.NOT_ACCEPTED else "appeal")
        return sc.Period(remedy.filed_on, appeal.due_on if appeal is not None else None)
    return sc.Period(remedy.filed_on, served)


def outcomes_on_decision(case: Case, remedies: tuple[Remedy, ...]) -> list[Remedy | DecisionCorrection]:
    """What acted on the decision, in the order it did: the remedies' outcomes (one remedy at a time, 行政复议法
    第二十九条) and the agency's own corrections (行政处罚法 第七十五条第二款), by the day each was decided."""
    decided: list[Remedy | DecisionCorrection] = [r for r in remedies if not r.pending]
    decided += list(case.corrections.order_by("decided_on", "pk"))
    return sorted(decided, key=lambda o: (o.decided_on or datetime.date.min, isinstance(o, DecisionCorrection), o.pk))


def ledger_of(case: Case, *, on: datetime.date, extra: tuple[datetime.date, Decimal] | None = None) -> Ledger:
    """The case's money position at the end of ``on``; ``extra`` adds a payment not yet recorded
    (to check that a payment does not exceed what is owed)."""
    remedies = tuple(case.remedies.order_by("filed_on", "pk"))
    fine, gains, revoked = case.decided_fine_amount or ZERO, case.decided_illegal_gains or ZERO, False
    for outcome in outcomes_on_decision(case, remedies):  # in order: each acts on the decision as it then stood
        if outcome.outcome in NOTHING_TO_EXECUTE:
            revoked = True
        elif outcome.outcome == RemedyOutcome.CHANGED and outcome.changed_fine_amount is not None:
            fine = outcome.changed_fine_amount
    if revoked:
        fine = gains = ZERO
    service = decision_service(case)
    clock = payment_clock(case) if service is not None else None
    due = payment_due(clock)
    arrangement = current_arrangement(case)
    payments = [(p.paid_on, p.amount) for p in case.payments.order_by("paid_on", "pk")]
    if extra is not None:
        payments.append(extra)
    counted = tuple(p for p in payments if p[0] <= on)
    owed_surcharge = ZERO
    if due is not None and fine > 0:
        owed_surcharge = sc.surcharge(
            fine=fine,
            due_date=due.date,
            on=on,
            paid=counted,
            paused_periods=[surcharge_pause(case, r) for r in remedies],
            arrangement=surcharge_arrangement(arrangement),
        )
    # 行政强制法 第四十二条: an execution agreement in force on ``on`` reduces or waives the surcharge (never below
    # zero). Breached, enforcement resumes (第二款) and the relief lapses from the breach (the project's reading).
    agreements = case.execution_agreements.filter(agreed_on__lte=on).filter(
        Q(breached_on__isnull=True) | Q(breached_on__gt=on)
    )
    relief = sum((a.surcharge_relief for a in agreements), ZERO)
    owed_surcharge = max(ZERO, owed_surcharge - relief)
    return Ledger(
        on=on,
        decided_fine=case.decided_fine_amount or ZERO,
        fine=fine,
        gains=gains,
        revoked=revoked,
        service=service,
        payment_clock=clock,
        payment_due=due,
        arrangement=arrangement,
        remedies=remedies,
        payments=counted,
        surcharge=owed_surcharge,
        paid=sum((amount for _, amount in counted), ZERO),
    )


def ledger_on(ctx: Context, day: datetime.date) -> Ledger:
    """The ledger at the end of ``day`` (the step's own date: a reminder's, an application's), read once per
    context and day."""
    key = f"_execution_ledger_{day.isoformat()}"
    if key not in ctx.__dict__:
        ctx.__dict__[key] = ledger_of(ctx.case, on=day)
    return ctx.__dict__[key]


def ledger(ctx: Context) -> Ledger:
    """The ledger at the end of ``ctx.today``, read once per context."""
    return ledger_on(ctx, ctx.today)


def owed_detail(led: Ledger) -> str:
    parts = [f"罚款{yuan(led.fine)}"]
    if led.gains:
        parts.append(f"没收违法所得{yuan(led.gains)}")
    if led.surcharge:
        parts.append(f"加处罚款{yuan(led.surcharge)}")
    owed = f"截至{day_text(led.on)}应缴{yuan(led.owed)}（{'、'.join(parts)}）"
    return f"{owed}，已缴{yuan(led.paid)}，尚欠{yuan(led.outstanding)}"


def payment_clock_reasons(led: Ledger) -> list[Reason]:
    """No step that depends on the surcharge proceeds while the deadline ``payment`` it counts from is missing."""
    if not led.clock_missing:
        return []
    return [
        Reason(
            "deadline_missing",
            "缴纳罚款的期限尚未登记（送达后应自动登记），无法计算加处罚款；请联系管理员重新计算期限后再试。",
            ART_67,
        )
    ]


# --- who acts -------------------------------------------------------------------------------------------


def is_head(case: Case, officer: Officer | None) -> bool:
    return officer is not None and officer.agency_id == case.agency_id and officer.is_head


def handler_or_head_reasons(case: Case, officer: Officer | None, what: str) -> list[Reason]:
    if is_active_handler(case, officer) or is_head(case, officer):
        return []
    return [Reason("not_handler_or_head", f"只有本案承办人或本机关负责人才能{what}。", "")]


def handler_or_head(name: str, what: str):
    """A performer guard called ``name``: a handler of the case or a head of its agency may ``what``
    (行政处罚法 第四十二条). The name is the guard's code in the registry and the docs."""

    def performer(ctx) -> list[Reason]:
        return handler_or_head_reasons(ctx.case, ctx.officer, what)

    performer.__name__ = performer.__qualname__ = name
    return performer


# --- dates ----------------------------------------------------------------------------------------------


def dated_reasons(
    day: datetime.date | None,
    *,
    what: str,
    today: datetime.date,
    after: datetime.date | None,
    since: str,
    article: str = "",
) -> list[Reason]:
    """``day`` lies between ``after`` (the earlier step it follows) and today: a step is recorded once it happened,
    never before what it follows."""
    if day is None:
        return []
    if day > today:
        return [Reason("date_in_future", f"{what}（{day_text(day)}）不能晚于今天。", article)]
    if after is not None and day < after:
        return [Reason("date_too_early", f"{what}（{day_text(day)}）不能早于{since}（{day_text(after)}）。", article)]
    return []


def service_dated(ctx, *, after: datetime.date | None, since: str, article: str) -> list[Reason]:
    """A service is recorded once done, after ``after``: by announcement, the day it was announced (the day it
    counts as served comes thirty days later, 民事诉讼法 第九十五条); else the day it was served."""
    by_announcement = ctx.data.get("method") == ServiceMethod.ANNOUNCEMENT
    key, what = ("announced_on", "公告日期") if by_announcement else ("served_on", "送达日期")
    return dated_reasons(ctx.data.get(key), what=what, today=ctx.today, after=after, since=since, article=article)


def dated_since_decision(ctx, key: str, *, what: str, article: str) -> list[Reason]:
    """The day entered as ``key`` lies between the decision (``Case.decided_on``) and today: every step after the
    decision — service, payment, remedy, reminder, court application, publication — is recorded once it happened."""
    return dated_reasons(
        ctx.data.get(key), what=what, today=ctx.today, after=ctx.case.decided_on, since="决定日期", article=article
    )
