"""加处罚款 — the late-payment surcharge, as a pure computation (no database, no clock, no settings).

The law:

- 行政处罚法 第七十二条第一款第一项: 到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额
  不得超出罚款的数额。
- 行政强制法 第四十五条第二款: 加处罚款或者滞纳金的数额不得超出金钱给付义务的数额。
- 行政处罚法 第七十三条第三款: 当事人申请行政复议或者提起行政诉讼的，加处罚款的数额在行政复议或者行政诉讼
  期间不予计算。
- 行政处罚法 第六十六条第二款: 经当事人申请和行政机关批准，可以暂缓或者分期缴纳.
- 行政处罚法 第六十七条第三款: the fine is paid within 15 days of receiving the decision; the caller reads that
  deadline — the stored deadline ``payment`` (``deadlines.kinds``: a calendar-day period whose last day rolls to
  the next working day), its last day before any deferral — and passes it as ``due_date``.

What the law leaves open, decided here (and stated in the decision's surcharge clause by the documents):

1. **Days.** ``due_date`` is the last day to pay. Every calendar day after it, up to and including ``on``,
   is a day late: "每日" means every day, holidays included (the surcharge is not a period of the law, so
   行政处罚法 第八十五条 does not apply). The day of a payment still accrues (自滞纳之日起至缴纳之日止): a
   payment on the first day late owes one day.
2. **Base.** On a partial payment, each day's 3 % is of the part of the fine that is *due and still unpaid*
   that day — the surcharge compels performance of what is overdue (行政强制法 第四十五条第一款 "逾期不履行"),
   and a payment goes to the fine first. Confiscated illegal gains are owed as well but carry no surcharge:
   第七十二条 speaks of 罚款 only.
3. **Cap.** The total never exceeds the fine (第七十二条 "不得超出罚款的数额"; 行政强制法 第四十五条第二款) —
   the whole fine as decided (or as changed on reconsideration or litigation), not the unpaid remainder.
4. **Pause.** A day inside a reconsideration or litigation — from the day it was filed to the day its outcome
   binds, both included — does not accrue (第七十三条第三款). When an outcome binds is the law of the remedy
   (the caller, ``cases.guards.execution.ledger.surcharge_pause``): on service for a reconsideration decision, a
   调解书 or a second-instance judgment; once the appeal period ran for a first-instance judgment or ruling.
5. **Deferral and instalments.** An approved arrangement replaces the deadline from the day the party applied
   (the approval relates back to the application: no surcharge for the days the head took to decide). From then
   on, a part of the fine is overdue only after its own instalment's due date; a deferral is one instalment of
   the unpaid fine on the last day of the deferral. Days before the application keep what they accrued.
6. **Rounding.** Summed exactly, capped, then rounded half-up to the fen (0.01 yuan).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

RATE = Decimal("0.03")  # 行政处罚法 第七十二条第一款第一项: 每日按罚款数额的百分之三
FEN = Decimal("0.01")
ZERO = Decimal("0")
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Instalment:
    due_on: datetime.date  # the last day to pay this part
    amount: Decimal


@dataclass(frozen=True)
class Arrangement:
    """An approved deferral or instalment plan (第六十六条第二款), in force from ``starts_on`` (the application)."""

    starts_on: datetime.date
    instalments: tuple[Instalment, ...]

    @classmethod
    def deferral(cls, *, starts_on: datetime.date, until: datetime.date, amount: Decimal) -> Arrangement:
        """暂缓缴纳: the unpaid ``amount`` due on ``until``."""
        return cls(starts_on=starts_on, instalments=(Instalment(until, Decimal(amount)),))

    @property
    def ends_on(self) -> datetime.date:
        return max(i.due_on for i in self.instalments)

    def not_yet_due(self, day: datetime.date) -> Decimal:
        """The part of the fine whose instalment may still be paid on ``day`` without being late."""
        return sum((i.amount for i in self.instalments if i.due_on >= day), ZERO)


@dataclass(frozen=True)
class Period:
    """A reconsideration or litigation: ``start`` to ``end`` inclusive; ``end`` None until its outcome binds."""

    start: datetime.date
    end: datetime.date | None = None

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def _periods(paused: Iterable[Period | tuple]) -> list[Period]:
    return [p if isinstance(p, Period) else Period(*p) for p in paused]


def surcharge(
    *,
    fine: Decimal,
    due_date: datetime.date,
    on: datetime.date,
    paid: Iterable[tuple[datetime.date, Decimal]] = (),
    paused_periods: Iterable[Period | tuple] = (),
    arrangement: Arrangement | None = None,
) -> Decimal:
    """The surcharge accrued on a ``fine`` due by ``due_date``, as it stands at the end of ``on``.

    ``paid`` lists every payment towards the case as ``(paid_on, amount)``; they go to the fine first.
    ``paused_periods`` are the reconsideration and litigation periods (``Period`` or ``(start, end)``).
    ``arrangement`` is the approved deferral or instalment plan, if any. See the module's notes.
    """
    fine = Decimal(fine)
    if fine <= 0:
        return ZERO.quantize(FEN)
    payments = sorted((day, Decimal(amount)) for day, amount in paid)
    paused = _periods(paused_periods)
    first_due = min([due_date, *(i.due_on for i in arrangement.instalments)]) if arrangement else due_date

    total, paid_before, next_payment = ZERO, ZERO, 0
    day = first_due + ONE_DAY
    while day <= on and total < fine:
        # Payments made before this day reduce the unpaid fine; a payment on this day does not (note 1).
        while next_payment < len(payments) and payments[next_payment][0] < day:
            paid_before += payments[next_payment][1]
            next_payment += 1
        if not any(p.covers(day) for p in paused):
            if arrangement is not None and day >= arrangement.starts_on:
                due_amount = fine - arrangement.not_yet_due(day)
            else:
                due_amount = fine if day > due_date else ZERO
            overdue = max(ZERO, min(due_amount, fine) - paid_before)
            total += overdue * RATE
        day += ONE_DAY
    return min(total, fine).quantize(FEN, rounding=ROUND_HALF_UP)
