"""The surcharge pause (行政处罚法 第七十三条第三款): from the filing of a reconsideration or a suit until its outcome
binds — a reconsideration decision on service (行政复议法 第七十五条第二款), a first-instance judgment or ruling once
the appeal period from its service ran (行政诉讼法 第八十五条: 15 days, 10 for a ruling, calendar days, rolled),
a second-instance judgment on service (第七条), a withdrawal on the day it was allowed.

As in ``test_execution``: decided and served on Monday 2026-06-01, 8,000 yuan due by Tuesday 06-16 — 240 yuan a
day from 06-17; a reconsideration or suit filed on 06-20 leaves three days late (720 yuan) before the pause.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from cases.guards import execution as rules
from cases.services import execution as svc
from deadlines.selectors import deadline_of
from kernel.rules import ActionRefused
from tests.cases.test_execution import at, clock, d, decided, serve, team  # noqa: F401 (fixtures)

COURT = "包头市昆都仑区人民法院"
BEFORE_THE_PAUSE = Decimal("720.00")  # 17–19 June
DAY = Decimal("240")


def surcharge_on(case, day) -> Decimal:
    return rules.ledger_of(case, on=day).surcharge


def file(team, case, kind, filed_on, organ=COURT):  # noqa: F811
    return svc.file_remedy(case=case, actor=team.officer1.user, kind=kind, filed_on=filed_on, organ=organ)


def outcome(team, remedy, clock, outcome, decided_on, received_on=None):  # noqa: F811
    clock.move_to(at(2026, (received_on or decided_on).month, (received_on or decided_on).day))
    return svc.record_remedy_outcome(
        remedy=remedy, actor=team.officer1.user, outcome=outcome, decided_on=decided_on, received_on=received_on
    )


def refusal(**kwargs) -> list[str]:
    with pytest.raises(ActionRefused) as refused:
        svc.file_remedy(**kwargs)
    return [r.code for r in refused.value.reasons]


def test_a_reconsideration_decision_served_ten_days_after_it_was_made_counts_none_of_those_days(team, clock):  # noqa: F811
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 20))
    remedy = file(team, case, "reconsideration", d(6, 20), organ="包头市人民政府")

    outcome(team, remedy, clock, "upheld", decided_on=d(7, 6), received_on=d(7, 16))

    # Paused 20 June – 16 July (the decision binds on service); 17–20 July count.
    assert surcharge_on(case, d(7, 16)) == BEFORE_THE_PAUSE
    clock.move_to(at(2026, 7, 20))
    assert surcharge_on(case, d(7, 20)) == BEFORE_THE_PAUSE + 4 * DAY


def test_a_first_instance_judgment_binds_once_the_fifteen_day_appeal_period_ran(team, clock):  # noqa: F811
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 20))
    suit = file(team, case, "litigation", d(6, 20))

    outcome(team, suit, clock, "upheld", decided_on=d(8, 3), received_on=d(8, 5))

    appeal = deadline_of(case.pk, "appeal")
    assert appeal is not None and appeal.due_on == d(8, 20)  # 行政诉讼法 第八十五条: 15 days from service
    clock.move_to(at(2026, 8, 24))
    assert surcharge_on(case, d(8, 20)) == BEFORE_THE_PAUSE
    assert surcharge_on(case, d(8, 24)) == BEFORE_THE_PAUSE + 4 * DAY  # 21–24 August


def test_a_ruling_dismissing_the_suit_binds_after_ten_days_rolled_past_the_weekend(team, clock):  # noqa: F811
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 20))
    suit = file(team, case, "litigation", d(6, 20))

    outcome(team, suit, clock, "not_accepted", decided_on=d(8, 3), received_on=d(8, 5))

    # Ten days from 5 August end on Saturday 15 August: rolled to Monday 17 August.
    assert deadline_of(case.pk, "appeal_ruling").due_on == d(8, 17)
    assert deadline_of(case.pk, "appeal") is None
    clock.move_to(at(2026, 8, 24))
    assert surcharge_on(case, d(8, 24)) == BEFORE_THE_PAUSE + 7 * DAY  # 18–24 August


def test_an_appeal_keeps_the_pause_until_the_second_instance_judgment_is_served(team, clock):  # noqa: F811
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 20))
    suit = file(team, case, "litigation", d(6, 20))
    appeal_outside = {"case": case, "actor": team.officer1.user, "kind": "appeal", "filed_on": d(6, 20), "organ": "x"}
    assert "no_first_instance" in refusal(**appeal_outside)  # nothing judged yet: no appeal lies
    outcome(team, suit, clock, "upheld", decided_on=d(8, 3), received_on=d(8, 5))

    clock.move_to(at(2026, 8, 14))
    appeal = file(team, case, "appeal", d(8, 14), organ="包头市中级人民法院")
    assert deadline_of(case.pk, "appeal").outcome == "met"
    outcome(team, appeal, clock, "upheld", decided_on=d(10, 9), received_on=d(10, 12))

    clock.move_to(at(2026, 10, 14))
    assert surcharge_on(case, d(10, 12)) == BEFORE_THE_PAUSE
    assert surcharge_on(case, d(10, 14)) == BEFORE_THE_PAUSE + 2 * DAY  # 13–14 October
    again = {**appeal_outside, "filed_on": d(10, 14)}
    assert refusal(**again) == ["already_appealed"]  # 两审终审 (行政诉讼法 第七条)


def test_a_withdrawal_ends_the_pause_on_the_day_it_was_allowed(team, clock):  # noqa: F811
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 20))
    remedy = file(team, case, "reconsideration", d(6, 20), organ="包头市人民政府")

    outcome(team, remedy, clock, "withdrawn", decided_on=d(7, 1), received_on=d(7, 3))

    assert surcharge_on(case, d(7, 3)) == BEFORE_THE_PAUSE + 2 * DAY  # 2–3 July


def test_the_days_between_a_served_reconsideration_decision_and_a_suit_are_counted(team, clock):  # noqa: F811
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 20))
    remedy = file(team, case, "reconsideration", d(6, 20), organ="包头市人民政府")
    outcome(team, remedy, clock, "upheld", decided_on=d(7, 6), received_on=d(7, 10))

    clock.move_to(at(2026, 7, 15))
    file(team, case, "litigation", d(7, 15))

    clock.move_to(at(2026, 7, 20))
    assert surcharge_on(case, d(7, 20)) == BEFORE_THE_PAUSE + 4 * DAY  # 11–14 July; paused again from the suit
