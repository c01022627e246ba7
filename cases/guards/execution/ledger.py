"""The clocks of execution, what the case owes, and who acts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from clock.periods import Due, add_calendar_days, add_months, add_working_days
from kernel.money import yuan
from kernel.rules import APL, Reason, day_text
from matters.choices import PenaltyKind

from ... import surcharge as sc
from ...choices import Procedure
from ...models.execution import (
    DECISION_DOCUMENTS,
    PaymentArrangement,
    Service,
)
from ...models.remedies import NOTHING_TO_EXECUTE, Remedy, RemedyOutcome
from ...selectors import is_active_handler

if TYPE_CHECKING:
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
LL_46 = f"{LL}第四十六条"

SERVICE_WORKING_DAYS = 7  # 行政处罚法 第六十一条、第八十五条: 七日内送达 (working days)
PAYMENT_DAYS = 15  # 行政处罚法 第六十七条第三款: 自收到行政处罚决定书之日起十五日内缴纳 (calendar days)
ON_SPOT_SMALL_FINE = Decimal("100")  # 行政处罚法 第六十八条第一项: 一百元以下罚款
HANDOVER_WORKING_DAYS = 2  # 行政处罚法 第七十一条、第八十五条: 二日内交至行政机关，二日内缴付银行
RECONSIDERATION_DAYS = 60  # 行政复议法 第二十条: 六十日内提出行政复议申请
LITIGATION_MONTHS = 6  # 行政诉讼法 第四十六条: 直接起诉，六个月内
AFTER_REMEDY_DAYS = 15  # 行政诉讼法 第四十五条 (suit after reconsideration); 第八十五条 (appeal): 十五日
REMINDER_WORKING_DAYS = 10  # 行政强制法 第五十四条、第六十九条: 催告书送达十日后 (working days)
APPLICATION_MONTHS = 3  # 行政强制法 第五十三条: 自期限届满之日起三个月内申请
PUBLICATION_WITHDRAWAL_WORKING_DAYS = 3  # 行政处罚法 第四十八条第二款、第八十五条: 三日内撤回
# Kinds executed by the service of the decision itself; every other non-money kind needs its performance noted.
EXECUTED_BY_SERVICE = frozenset({PenaltyKind.WARNING, PenaltyKind.CRITICISM})
MONEY_KINDS = frozenset({PenaltyKind.FINE, PenaltyKind.CONFISCATE_GAINS})
ZERO = Decimal("0")


# --- the clocks of execution -------------------------------------------------------------------------


def service_due(decided_on: datetime.date) -> Due:
    """行政处罚法 第六十一条: served within 7 (working, 第八十五条) days when not handed over on the spot."""
    return add_working_days(decided_on, SERVICE_WORKING_DAYS)


def payment_due(served_on: datetime.date) -> Due:
    """行政处罚法 第六十七条第三款: paid within 15 days of receiving the decision (rolled to a working day)."""
    return add_calendar_days(served_on, PAYMENT_DAYS)


def handover_due(day: datetime.date) -> Due:
    """行政处罚法 第七十一条: to the agency within 2 working days of collection (or of landing); to the bank
    within 2 working days of reaching the agency."""
    return add_working_days(day, HANDOVER_WORKING_DAYS)


def publication_withdrawal_due(day: datetime.date) -> Due:
    """行政处罚法 第四十八条第二款: a published decision changed, revoked, confirmed unlawful or invalid is
    withdrawn within 3 (working, 第八十五条) days."""
    return add_working_days(day, PUBLICATION_WITHDRAWAL_WORKING_DAYS)


def reminder_wait(served_on: datetime.date) -> Due:
    """行政强制法 第五十四条、第六十九条: the court application only after 10 working days from service."""
    return add_working_days(served_on, REMINDER_WORKING_DAYS)


def _later(a: Due, b: Due) -> Due:
    return b if b.date > a.date else a


def remedy_periods_end(
    *, served_on: datetime.date, procedure: str, remedies: list[Remedy] | tuple[Remedy, ...] = ()
) -> Due:
    """The last day on which the party may still seek a remedy against the decision.

    行政复议法 第二十条: reconsideration within 60 days of knowing the decision (its service); 行政诉讼法 第四十六条:
    a direct suit within 6 months — except against an on-the-spot decision, where reconsideration comes first
    (行政复议法 第二十三条第一款第一项) and the 60 days are the end. After a decided reconsideration the party may
    sue within 15 days of receiving it (行政诉讼法 第四十五条); after a first-instance judgment, appeal within 15
    days (第八十五条). Both are counted from ``received_on`` (or the decision's date when not recorded).
    """
    end = add_calendar_days(served_on, RECONSIDERATION_DAYS)
    if procedure != Procedure.SUMMARY:
        end = _later(end, add_months(served_on, LITIGATION_MONTHS))
    for remedy in remedies:
        if remedy.outcome and remedy.outcome != RemedyOutcome.WITHDRAWN:
            known = remedy.received_on or remedy.decided_on
            assert known is not None, "constraint remedy_outcome_has_date: a remedy with an outcome has decided_on"
            end = _later(end, add_calendar_days(known, AFTER_REMEDY_DAYS))
    return end


@dataclass(frozen=True)
class CourtWindow:
    """行政强制法 第五十三条: within 3 months after the remedy periods end; 行政处罚法 第七十二条第二款: after an
    approved deferral or instalment plan, from its end. The application is possible from the day after
    ``opens_after`` to ``closes_on`` inclusive."""

    opens_after: datetime.date
    closes_on: datetime.date
    provisional: bool
    after_arrangement: bool


def court_window(remedies_end: Due, arrangement: PaymentArrangement | None) -> CourtWindow:
    start, after_arrangement = remedies_end.date, False
    if arrangement is not None and arrangement.ends_on > start:
        start, after_arrangement = arrangement.ends_on, True
    closes = add_months(start, APPLICATION_MONTHS)
    return CourtWindow(start, closes.date, remedies_end.provisional or closes.provisional, after_arrangement)


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
    payment_due: Due | None
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


def ledger_of(case: Case, *, on: datetime.date, extra: tuple[datetime.date, Decimal] | None = None) -> Ledger:
    """The case's money position at the end of ``on``; ``extra`` adds a payment not yet recorded
    (to check that a payment does not exceed what is owed)."""
    remedies = tuple(case.remedies.order_by("filed_on", "pk"))
    fine, gains, revoked = case.decided_fine_amount or ZERO, case.decided_illegal_gains or ZERO, False
    for remedy in remedies:  # applied in order: a later outcome acts on the decision as it then stood
        if remedy.outcome in NOTHING_TO_EXECUTE:
            revoked = True
        elif remedy.outcome == RemedyOutcome.CHANGED and remedy.changed_fine_amount is not None:
            fine = remedy.changed_fine_amount
    if revoked:
        fine = gains = ZERO
    service = decision_service(case)
    due = payment_due(service.served_on) if service else None
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
            paused_periods=[sc.Period(r.filed_on, r.decided_on) for r in remedies],
            arrangement=surcharge_arrangement(arrangement),
        )
    return Ledger(
        on=on,
        decided_fine=case.decided_fine_amount or ZERO,
        fine=fine,
        gains=gains,
        revoked=revoked,
        service=service,
        payment_due=due,
        arrangement=arrangement,
        remedies=remedies,
        payments=counted,
        surcharge=owed_surcharge,
        paid=sum((amount for _, amount in counted), ZERO),
    )


_LEDGER = "_execution_ledger"


def ledger(ctx: Context) -> Ledger:
    """The ledger at the end of ``ctx.today``, read once per context."""
    if _LEDGER not in ctx.__dict__:
        ctx.__dict__[_LEDGER] = ledger_of(ctx.case, on=ctx.today)
    return ctx.__dict__[_LEDGER]


def owed_detail(led: Ledger) -> str:
    parts = [f"罚款{yuan(led.fine)}"]
    if led.gains:
        parts.append(f"没收违法所得{yuan(led.gains)}")
    if led.surcharge:
        parts.append(f"加处罚款{yuan(led.surcharge)}")
    owed = f"截至{day_text(led.on)}应缴{yuan(led.owed)}（{'、'.join(parts)}）"
    return f"{owed}，已缴{yuan(led.paid)}，尚欠{yuan(led.outstanding)}"


# --- who acts -------------------------------------------------------------------------------------------


def is_head(case: Case, officer: Officer | None) -> bool:
    return officer is not None and officer.agency_id == case.agency_id and officer.is_head


def handler_or_head_reasons(case: Case, officer: Officer | None, what: str) -> list[Reason]:
    if is_active_handler(case, officer) or is_head(case, officer):
        return []
    return [Reason("not_handler_or_head", f"只有本案承办人或本机关负责人才能{what}。", "")]


def dated_reasons(
    day: datetime.date | None, *, what: str, today: datetime.date, after: datetime.date | None, since: str
) -> list[Reason]:
    if day is None:
        return []
    if day > today:
        return [Reason("date_in_future", f"{what}（{day_text(day)}）不能晚于今天。", "")]
    if after is not None and day < after:
        return [Reason("date_too_early", f"{what}（{day_text(day)}）不能早于{since}（{day_text(after)}）。", "")]
    return []
