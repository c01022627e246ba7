"""Every date checked against the case (issue 9 item 4), from the notice to the decision: nothing that happened is
dated in the future, and nothing before the step it follows — each refusal a named guard citing its article
(行政处罚法 第四十四条、第四十五条、第五十七条、第五十八条、第六十二条、第六十四条).

The dates after the decision (service, payments, remedies, reminders, the court) are checked in test_execution;
the referral's in test_referral."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.choices import CaseStatus
from cases.services import deciding
from cases.services import discussion as discussions
from kernel.rules import ActionRefused

SH = ZoneInfo("Asia/Shanghai")
APL = "《中华人民共和国行政处罚法》"
ART_44, ART_57, ART_58, ART_62, ART_64 = (f"{APL}第{n}条" for n in ("四十四", "五十七", "五十八", "六十二", "六十四"))


def d(month: int, day: int) -> datetime.date:
    return datetime.date(2026, month, day)


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 2, 10, tzinfo=SH), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    from tests.cases.factories import build_team

    return build_team()


def on(clock, day: datetime.date) -> None:
    clock.move_to(datetime.datetime.combine(day, datetime.time(10), tzinfo=SH))


def refused(callable_, **kwargs):
    with pytest.raises(ActionRefused) as excinfo:  # a transition's or an action's refusal
        callable_(**kwargs)
    return excinfo.value.reasons


def found(reasons, code):
    """The reason with ``code`` among ``reasons`` (a refusal lists every reason at once)."""
    matching = [r for r in reasons if r.code == code]
    assert matching, f"{code} not among {[r.code for r in reasons]}"
    return matching[0]


def decide(team, case, day):
    return deciding.decide_case(
        case=case, actor=team.head.user, outcome="penalty", decided_on=day,
        decided_penalty_kinds=["fine"], decided_fine_amount=Decimal("50000"),
    )  # fmt: skip


@pytest.fixture
def filed(team):
    """Filed on Monday 2 November 2026 with a 50,000-yuan proposal: the hearing right, a major decision."""
    case = team.open_and_file(violation_date=d(10, 1), discovered_on=d(10, 30))
    return team.conclude(case, fine_amount=Decimal("50000"))


def test_the_notice_is_served_after_filing_and_not_in_the_future(team, filed, clock):
    on(clock, d(11, 3))

    before_filing = refused(team.notify, case=filed, served_on=d(11, 1))
    tomorrow = refused(team.notify, case=filed, served_on=d(11, 4))

    assert [(r.code, r.article) for r in before_filing] == [("served_before_filing", ART_44)]
    assert "2026-11-02" in before_filing[0].detail
    assert [(r.code, r.article) for r in tomorrow] == [("served_in_future", ART_44)]
    assert team.notify(filed, served_on=d(11, 3)).status == CaseStatus.NOTIFIED


def test_the_partys_statement_waiver_and_hearing_request_follow_the_service(team, filed, clock):
    on(clock, d(11, 3))
    team.notify(filed, served_on=d(11, 3))
    on(clock, d(11, 4))
    officer = team.officer1.user

    statement = {"case": filed, "actor": officer, "content": "请求从轻。", "answer": "不予采纳。"}
    early_statement = refused(deciding.record_statement, received_on=d(11, 2), **statement)
    future_statement = refused(deciding.record_statement, received_on=d(11, 5), **statement)
    early_waiver = refused(deciding.waive_hearing, case=filed, actor=officer, waived_on=d(11, 2), note="书面放弃")
    early_request = refused(deciding.request_hearing, case=filed, actor=officer, requested_on=d(11, 2))
    future_request = refused(deciding.request_hearing, case=filed, actor=officer, requested_on=d(11, 5))

    assert [(r.code, r.article) for r in early_statement] == [("before_service", ART_44)]
    assert "2026-11-03" in early_statement[0].detail
    assert [r.code for r in future_statement] == ["in_future"]
    assert [r.code for r in early_waiver] == ["before_service"]
    assert [r.code for r in early_request] == ["before_service"]
    assert [r.code for r in future_request] == ["in_future"]
    assert not filed.notices.get().statements.exists()


def test_a_postmark_lies_between_the_service_and_the_arrival(team, filed, clock):
    on(clock, d(11, 3))
    team.notify(filed, served_on=d(11, 3))
    on(clock, d(11, 6))
    request = {"case": filed, "actor": team.officer1.user, "requested_on": d(11, 6)}

    before_service = refused(deciding.request_hearing, posted_on=d(11, 2), **request)
    after_arrival = refused(deciding.request_hearing, posted_on=d(11, 7), **request)
    accepted = deciding.request_hearing(posted_on=d(11, 5), **request)

    assert [(r.code, r.article) for r in before_service] == [("posted_before_service", ART_44)]
    assert [r.code for r in after_arrival] == ["posted_after_arrival"]
    assert accepted.notices.get().hearing.posted_on == d(11, 5)


@pytest.fixture
def heard(team, filed, clock):
    """Notified 3 November; the hearing requested on the 4th, noticed that day for Friday the 20th."""
    on(clock, d(11, 3))
    team.notify(filed, served_on=d(11, 3))
    on(clock, d(11, 4))
    deciding.request_hearing(case=filed, actor=team.officer1.user, requested_on=d(11, 4))
    deciding.schedule_hearing(
        case=filed, actor=team.officer1.user, chair=team.chair, hearing_notice_served_on=d(11, 4),
        hearing_on=d(11, 20), place="听证室", agents=[],
    )  # fmt: skip
    return filed


def hold(team, case, ended_on):
    return deciding.hold_hearing(
        case=case, actor=team.chair.user, outcome="held", transcript_signature="party", ended_on=ended_on,
        transcript="听证笔录（当事人签字）", report="听证报告：建议维持。",
    )  # fmt: skip


def test_a_hearing_is_held_on_or_after_its_day_and_not_in_the_future(team, heard, clock):
    on(clock, d(11, 20))

    before_its_day = refused(hold, team=team, case=heard, ended_on=d(11, 19))
    tomorrow = refused(hold, team=team, case=heard, ended_on=d(11, 21))

    assert [(r.code, r.article) for r in before_its_day] == [("held_before_scheduled", ART_64)]
    assert "2026-11-20" in before_its_day[0].detail
    assert [r.code for r in tomorrow] == ["in_future"]
    hold(team, heard, d(11, 20))
    assert heard.notices.get().hearing.ended_on == d(11, 20)


def test_the_review_passes_on_or_after_its_submission_and_not_in_the_future(team, heard, clock):
    on(clock, d(11, 20))
    hold(team, heard, d(11, 20))
    on(clock, d(11, 23))
    deciding.submit_legal_review(case=heard, actor=team.officer1.user, note="请审核。")

    before_submission = refused(deciding.pass_legal_review, case=heard, actor=team.reviewer.user, reviewed_on=d(11, 20))
    tomorrow = refused(deciding.pass_legal_review, case=heard, actor=team.reviewer.user, reviewed_on=d(11, 24))

    assert [(r.code, r.article) for r in before_submission] == [("reviewed_before_submission", ART_58)]
    assert [(r.code, r.article) for r in tomorrow] == [("in_future", ART_58)]
    assert deciding.pass_legal_review(case=heard, actor=team.reviewer.user, reviewed_on=d(11, 23))


def test_the_decision_follows_the_notice_the_hearing_the_review_and_the_discussion(team, heard, clock):
    """第四十四条 (after the notice), 第六十四条 (after the hearing), 第五十八条 (after the review's pass),
    第五十七条 (after the discussion, and not in the future)."""
    on(clock, d(11, 20))
    hold(team, heard, d(11, 20))
    on(clock, d(11, 23))
    deciding.submit_legal_review(case=heard, actor=team.officer1.user, note="请审核。")
    deciding.pass_legal_review(case=heard, actor=team.reviewer.user, reviewed_on=d(11, 23))
    on(clock, d(11, 24))
    discussions.record_collective_discussion(
        case=heard,
        actor=team.head.user,
        held_on=d(11, 24),
        attendees=[team.head, team.deputy],
        conclusion="同意。",
        opinions="吴局长：同意。郑副局长：同意。",
    )

    before_notice = refused(decide, team=team, case=heard, day=d(11, 2))
    before_hearing_ended = refused(decide, team=team, case=heard, day=d(11, 19))
    before_review = refused(decide, team=team, case=heard, day=d(11, 22))
    before_discussion = refused(decide, team=team, case=heard, day=d(11, 23))
    tomorrow = refused(decide, team=team, case=heard, day=d(11, 25))

    assert found(before_notice, "decided_before_notice").article == ART_44
    assert "2026-11-03" in found(before_notice, "decided_before_notice").detail
    assert found(before_hearing_ended, "decided_before_hearing_ended").article == ART_64
    assert found(before_review, "decided_before_review").article == ART_58
    assert [(r.code, r.article) for r in before_discussion] == [("decided_before_discussion", ART_57)]
    assert [(r.code, r.article) for r in tomorrow] == [("decided_in_future", ART_57)]
    assert heard.status != CaseStatus.DECIDED
    assert decide(team, heard, d(11, 24)).decided_on == d(11, 24)


@pytest.fixture
def notified_small(team, clock):
    """An 8,000-yuan proposal (no hearing right, not major) notified on Monday 2 November."""
    case = team.open_and_file(violation_date=d(10, 1), discovered_on=d(10, 30))
    team.conclude(case, fine_amount=Decimal("8000"))
    return team.notify(case, served_on=d(11, 2))


def decide_small(team, case, day):
    return deciding.decide_case(
        case=case, actor=team.head.user, outcome="penalty", decided_on=day,
        decided_penalty_kinds=["fine"], decided_fine_amount=Decimal("8000"),
    )  # fmt: skip


def test_a_decision_dated_within_the_statement_period_is_refused_even_after_it(team, notified_small, clock):
    """第六十二条: the statement period's last day is read from its stored row; a decision made after it but dated
    inside it would count every later clock from a false date."""
    last_day = notified_small.notices.get().statement_window.due_on
    on(clock, last_day + datetime.timedelta(days=1))

    inside = refused(decide_small, team=team, case=notified_small, day=last_day)

    assert [(r.code, r.article) for r in inside] == [("decided_within_statement_period", ART_62)]
    assert last_day.isoformat() in inside[0].detail
    assert decide_small(team, notified_small, last_day + datetime.timedelta(days=1)).status == CaseStatus.DECIDED


def test_after_a_waiver_the_decision_follows_the_waiver(team, notified_small, clock):
    on(clock, d(11, 4))
    deciding.waive_hearing(case=notified_small, actor=team.officer1.user, waived_on=d(11, 4), note="书面放弃")

    before_waiver = refused(decide_small, team=team, case=notified_small, day=d(11, 3))

    assert [(r.code, r.article) for r in before_waiver] == [("decided_before_waiver", ART_62)]
    assert decide_small(team, notified_small, d(11, 4)).decided_on == d(11, 4)


def test_a_discussion_follows_the_review_pass_and_is_not_in_the_future(team, heard, clock):
    on(clock, d(11, 20))
    hold(team, heard, d(11, 20))
    on(clock, d(11, 23))
    deciding.submit_legal_review(case=heard, actor=team.officer1.user, note="请审核。")
    deciding.pass_legal_review(case=heard, actor=team.reviewer.user, reviewed_on=d(11, 23))
    discussion = {"case": heard, "actor": team.head.user, "attendees": [team.head, team.deputy], "conclusion": "同意"}
    discussion["opinions"] = "吴局长：同意。郑副局长：同意。"

    before_review = refused(discussions.record_collective_discussion, held_on=d(11, 20), **discussion)
    tomorrow = refused(discussions.record_collective_discussion, held_on=d(11, 24), **discussion)

    assert [(r.code, r.article) for r in before_review] == [("discussed_before_review", ART_58)]
    assert [(r.code, r.article) for r in tomorrow] == [("in_future", ART_57)]
