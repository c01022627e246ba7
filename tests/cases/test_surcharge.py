"""加处罚款 (行政处罚法 第七十二条、第七十三条; 行政强制法 第四十五条): the pure computation of ``cases.surcharge``.

No database: every date is given. ``D`` is the last day to pay (15 days after service, 第六十七条第三款)."""

import datetime
from decimal import Decimal

import pytest

from cases.surcharge import Arrangement, Instalment, Period, surcharge

D = datetime.date(2026, 6, 15)


def day(n: int) -> datetime.date:
    """``n`` days after the payment deadline (negative: before it)."""
    return D + datetime.timedelta(days=n)


def owed(on, fine="1000", **kwargs) -> Decimal:
    return surcharge(fine=Decimal(fine), due_date=D, on=on, **kwargs)


@pytest.mark.parametrize(
    ("late_days", "expected"),
    [
        (-3, "0.00"),  # before the deadline
        (0, "0.00"),  # the last day to pay
        (1, "30.00"),  # 3 % of 1,000 per day
        (10, "300.00"),  # the figure: 300 yuan after 10 days late
        (33, "990.00"),
        (34, "1000.00"),  # 1,020 capped at the fine (第七十二条; 行政强制法 第四十五条第二款)
        (60, "1000.00"),  # the figure: 1,000 yuan after 60
        (400, "1000.00"),
    ],
)
def test_three_percent_of_the_fine_per_day_late_capped_at_the_fine(late_days, expected):
    assert owed(day(late_days)) == Decimal(expected)


def test_every_calendar_day_counts_holidays_included():
    # 1 to 10 October 2026 spans the National Day break: "每日" is every day, not working days.
    assert surcharge(
        fine=Decimal("1000"), due_date=datetime.date(2026, 9, 30), on=datetime.date(2026, 10, 10)
    ) == Decimal("300.00")


def test_no_fine_no_surcharge():
    assert owed(day(30), fine="0") == Decimal("0.00")


def test_the_day_of_payment_still_accrues_and_nothing_after_full_payment():
    paid_on_first_late_day = [(day(1), Decimal("1000"))]
    assert owed(day(1), paid=paid_on_first_late_day) == Decimal("30.00")
    assert owed(day(50), paid=paid_on_first_late_day) == Decimal("30.00")
    assert owed(day(50), paid=[(D, Decimal("1000"))]) == Decimal("0.00")  # paid in time


def test_a_partial_payment_lowers_the_base_to_the_unpaid_fine():
    # 1,000 unpaid for days 1–5 (the day of payment included): 5 × 30; then 600 unpaid for days 6–10: 5 × 18.
    assert owed(day(10), paid=[(day(5), Decimal("400"))]) == Decimal("240.00")


def test_the_cap_is_the_whole_fine_even_when_only_a_part_is_unpaid():
    # 100 unpaid at 3 yuan a day would reach 1,200 after 400 days: capped at the 1,000-yuan fine.
    assert owed(day(400), paid=[(D, Decimal("900"))]) == Decimal("1000.00")
    assert owed(day(100), paid=[(D, Decimal("900"))]) == Decimal("300.00")


def test_payments_beyond_the_fine_do_not_make_the_base_negative():
    assert owed(day(10), paid=[(day(-1), Decimal("1200"))]) == Decimal("0.00")


def test_not_counted_while_reconsideration_or_litigation_is_pending():
    # 第七十三条第三款: reconsideration filed on day 3, decided on day 7 — days 3 to 7 do not count.
    assert owed(day(10), paused_periods=[Period(day(3), day(7))]) == Decimal("150.00")
    # still pending: nothing after the filing day
    assert owed(day(10), paused_periods=[(day(3), None)]) == Decimal("60.00")
    # two periods: a reconsideration, then a suit
    assert owed(day(20), paused_periods=[(day(3), day(7)), (day(12), day(16))]) == Decimal("300.00")


def test_a_remedy_filed_before_the_deadline_pauses_only_late_days():
    assert owed(day(10), paused_periods=[(day(-20), day(2))]) == Decimal("240.00")


def test_an_approved_deferral_moves_the_deadline():
    deferral = Arrangement.deferral(starts_on=day(-5), until=day(20), amount=Decimal("1000"))
    assert owed(day(10), arrangement=deferral) == Decimal("0.00")
    assert owed(day(20), arrangement=deferral) == Decimal("0.00")
    assert owed(day(25), arrangement=deferral) == Decimal("150.00")
    assert deferral.ends_on == day(20)


def test_a_deferral_applied_for_late_keeps_what_accrued_before_the_application():
    # Late from day 1; the party applies on day 4 and is deferred to day 30: days 1–3 keep their 90 yuan.
    deferral = Arrangement.deferral(starts_on=day(4), until=day(30), amount=Decimal("1000"))
    assert owed(day(20), arrangement=deferral) == Decimal("90.00")


def test_instalments_each_accrue_from_their_own_due_date():
    plan = Arrangement(
        starts_on=day(-10), instalments=(Instalment(D, Decimal("500")), Instalment(day(30), Decimal("500")))
    )
    assert owed(day(10), arrangement=plan) == Decimal("150.00")  # only the first 500 is late
    assert owed(day(10), arrangement=plan, paid=[(D, Decimal("500"))]) == Decimal("0.00")
    # first paid on time, second late by 5 days: 5 × 15
    assert owed(day(35), arrangement=plan, paid=[(D, Decimal("500"))]) == Decimal("75.00")
    assert plan.ends_on == day(30)


def test_deferral_and_remedy_together():
    deferral = Arrangement.deferral(starts_on=day(-5), until=day(10), amount=Decimal("1000"))
    # late from day 11; a suit pending from day 13 to day 20: days 11, 12 and 21–25 count.
    assert owed(day(25), arrangement=deferral, paused_periods=[(day(13), day(20))]) == Decimal("210.00")


def test_rounded_half_up_to_the_fen_after_summing():
    # 3 % of 333.33 is 9.9999 a day: 10.00 after one day, 29.9997 → 30.00 after three.
    assert owed(day(1), fine="333.33") == Decimal("10.00")
    assert owed(day(3), fine="333.33") == Decimal("30.00")
    assert owed(day(1), fine="0.50") == Decimal("0.02")  # 0.015 rounds half up
