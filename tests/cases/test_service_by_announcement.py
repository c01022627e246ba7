"""公告送达 (行政处罚法 第六十一条 → 民事诉讼法 第九十五条): only where the party cannot be found or every other method
failed, and the file says so; the decision counts as served when thirty days from the announcement have passed —
counted and rolled like any calendar period (the project's reading, docs/policy.md) — and the party's periods run
from that day, while the agency's seven working days to serve are met on the day it announced.

Decided on Tuesday 2026-09-01; announced the same day, thirty days end on Thursday 1 October, inside the National
Day break (1–7 October 2026): the decision counts as served on Thursday 8 October.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases.guards import execution as rules
from cases.services import execution as svc
from deadlines.selectors import deadline_of
from kernel.rules import ActionRefused
from tests.cases.test_execution import ART_61, at, clock, d, decided, team  # noqa: F401 (fixtures)

ANNOUNCED = {
    "method": "announcement",
    "announcement_ground": "other_methods_failed",
    "announcement_attempts": "直接送达两次未遇，邮寄送达被退回（邮件编号 XA123456789CN）。",
}


@pytest.fixture
def case(team, clock):  # noqa: F811
    clock.move_to(at(2026, 9, 1))
    return decided(team)


def announce(team, case, **fields):  # noqa: F811
    return svc.serve_decision(case=case, actor=team.officer1.user, **{"announced_on": d(9, 1), **ANNOUNCED, **fields})


def refusal(team, case, **fields) -> list:  # noqa: F811
    with pytest.raises(ActionRefused) as refused:
        announce(team, case, **fields)
    return refused.value.reasons


def test_the_file_must_show_why_the_party_could_not_be_served_otherwise(team, case):  # noqa: F811
    reasons = refusal(team, case, announcement_ground="", announcement_attempts=" ")

    assert [(r.code, r.article) for r in reasons] == [
        ("announcement_ground_missing", ART_61),
        ("announcement_attempts_missing", ART_61),
    ]
    assert rules.decision_service(case) is None


def test_thirty_days_after_the_announcement_the_decision_counts_as_served_and_the_partys_periods_run(team, case):  # noqa: F811
    served = announce(team, case)  # recorded the day it was announced: the deemed day is still to come

    service = rules.decision_service(served)
    assert (service.announced_on, service.served_on, service.announcement_ground) == (
        d(9, 1),
        d(10, 8),
        "other_methods_failed",
    )
    assert deadline_of(case.pk, "announcement_service").due_on == d(10, 8)
    # The party's fifteen days to pay and sixty to seek reconsideration run from 8 October.
    assert deadline_of(case.pk, "payment").due_on == d(10, 23)
    assert deadline_of(case.pk, "reconsideration").due_on == d(12, 7)  # 60 days: Sunday 6 December, rolled
    # The agency's seven working days to serve were met on the day it announced.
    service_duty = deadline_of(case.pk, "service")
    assert (service_duty.outcome, service_duty.met_on, service_duty.met_late) == ("met", d(9, 1), False)


def test_a_served_day_given_by_hand_that_the_clock_does_not_count_is_refused(team, case):  # noqa: F811
    reasons = refusal(team, case, served_on=d(10, 1))

    assert [r.code for r in reasons] == ["deemed_date_counted"]
    assert "2026-10-08" in reasons[0].detail
    # The day the clock counts, given by hand, is accepted.
    assert rules.decision_service(announce(team, case, served_on=d(10, 8))).served_on == d(10, 8)


def test_an_announcement_is_recorded_once_made(team, case):  # noqa: F811
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    assert [r.code for r in refusal(team, case, announced_on=tomorrow)] == ["date_in_future"]
