"""中止执行, 恢复执行 and 终结执行 of the agency's own execution (行政强制法 第三十九条、第四十条): while suspended
or once terminated no reminder and no court application; three years suspended for inability to perform, and not
resumed, and the agency stops (第三十九条第二款: the stored deadline ``execution_suspension``); terminated, the
case may close."""

from __future__ import annotations

import pytest
import time_machine

from cases.choices import CaseStatus
from cases.services import execution as svc
from cases.services.runner import reasons_for
from deadlines.choices import Outcome
from tests.cases.test_execution import (
    at,
    attach_receipt,
    close,
    codes,
    d,
    decided,
    due,
    last_event,
    refused,
    remind,
    serve,
)

pytestmark = pytest.mark.django_db

CL_39, CL_40 = "《中华人民共和国行政强制法》第三十九条", "《中华人民共和国行政强制法》第四十条"
COURT = "包头市昆都仑区人民法院"


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    from tests.cases.factories import build_team

    return build_team()


def suspend(team, case, *, on=None, ground="hardship", facts="当事人经营停止，暂无履行能力。"):
    return svc.suspend_execution(
        case=case, actor=team.officer1.user, ground=ground, facts=facts, suspended_on=on or d(6, 22)
    )


def resume(team, case, *, on, reason="当事人已恢复经营，具备履行能力。"):
    return svc.resume_execution(case=case, actor=team.officer1.user, resumed_on=on, reason=reason)


def terminate(team, case, *, on, ground="deceased", facts="当事人已死亡，无遗产可供执行，又无义务承受人。"):
    return svc.terminate_execution(case=case, actor=team.officer1.user, ground=ground, facts=facts, terminated_on=on)


def reminder_of(team, case, on):
    return svc.issue_reminder(
        case=case, actor=team.officer1.user, issued_on=on, performance_deadline=on, manner="缴入指定银行"
    )


def test_while_suspended_no_reminder_and_no_court_application(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)  # 22 June
    suspension = suspend(team, case)

    assert last_event(case, "suspend_execution").payload == {
        "suspension": suspension.pk,
        "ground": "hardship",
        "facts": "当事人经营停止，暂无履行能力。",
        "suspended_on": "2026-06-22",
    }
    reasons = refused(reminder_of, team=team, case=case, on=d(6, 22))
    assert "execution_suspended" in codes(reasons)
    assert reasons[0].article == CL_39
    clock.move_to(at(2026, 12, 2))
    application = {"filed_on": d(12, 2), "court": COURT}
    assert codes(reasons_for(case, "apply_to_court", team.head.user, application)) == ["execution_suspended"]

    resume(team, case, on=d(12, 1))
    assert reasons_for(case, "apply_to_court", team.head.user, application) == []


def test_a_suspension_opens_the_three_year_clock_which_resumption_ends(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 22))
    suspension = suspend(team, case)
    row = due(case, "execution_suspension", suspension.pk)
    assert (row.starts_on, row.due_on, row.outcome) == (d(6, 22), d(6, 22, 2029), Outcome.OPEN)

    assert codes(refused(resume, team=team, case=case, on=d(6, 21))) == ["date_too_early"]
    assert codes(refused(resume, team=team, case=case, on=d(6, 22), reason=" ")) == ["resume_reason_missing"]
    resume(team, case, on=d(6, 22))
    row.refresh_from_db()
    assert row.outcome == Outcome.ENDED
    assert codes(refused(resume, team=team, case=case, on=d(6, 22))) == ["not_suspended"]


def test_one_suspension_at_a_time_on_a_stated_ground(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 22))
    assert codes(refused(suspend, team=team, case=case, facts="")) == ["facts_missing"]
    suspend(team, case)
    assert codes(refused(suspend, team=team, case=case)) == ["execution_suspended"]


def test_after_three_years_suspended_for_inability_the_agency_stops_and_the_case_closes(team, clock, local_storage):
    case = serve(team, decided(team))
    attach_receipt(team, case)
    clock.move_to(at(2026, 6, 22))
    suspension = suspend(team, case)
    three_years = {"ground": "suspended_three_years", "facts": "没有明显社会危害，当事人确无能力履行。"}

    clock.move_to(at(2029, 6, 22))
    reasons = refused(terminate, team=team, case=case, on=d(6, 22, 2029), **three_years)
    assert codes(reasons) == ["suspension_under_three_years"]
    assert reasons[0].article == CL_39
    assert "2029-06-22" in reasons[0].detail

    clock.move_to(at(2029, 6, 25))
    termination = terminate(team, case, on=d(6, 25, 2029), **three_years)
    assert termination.suspension == suspension
    assert last_event(case, "terminate_execution").payload["suspension"] == suspension.pk
    assert due(case, "execution_suspension", suspension.pk).outcome == Outcome.ENDED
    closed = close(team, case)
    assert closed.status == CaseStatus.CLOSED
    assert last_event(case, "close").payload["executed_by"] == "terminated"


def test_only_a_suspension_for_inability_to_perform_ends_after_three_years(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 22))
    three_years = {"ground": "suspended_three_years", "facts": "没有明显社会危害。"}
    assert codes(refused(terminate, team=team, case=case, on=d(6, 22), **three_years)) == ["not_suspended"]

    suspend(team, case, ground="third_party_claim", facts="第三人对执行标的主张权利，确有理由。")
    clock.move_to(at(2029, 7, 2))
    reasons = refused(terminate, team=team, case=case, on=d(7, 2, 2029), **three_years)
    assert codes(reasons) == ["not_unable_to_perform"]


def test_a_terminated_execution_takes_no_further_step_and_lets_the_case_close(team, clock, local_storage):
    case = serve(team, decided(team))
    attach_receipt(team, case)
    clock.move_to(at(2026, 6, 22))
    assert codes(reasons_for(case, "close", team.head.user)) == ["not_executed"]

    terminate(team, case, on=d(6, 22))

    reasons = refused(reminder_of, team=team, case=case, on=d(6, 22))
    assert codes(reasons)[0] == "execution_terminated"
    assert reasons[0].article == CL_40
    assert codes(refused(terminate, team=team, case=case, on=d(6, 22))) == ["execution_terminated"]
    assert codes(refused(suspend, team=team, case=case)) == ["execution_terminated"]
    assert reasons_for(case, "close", team.head.user) == []


def test_once_the_court_has_the_application_the_agency_neither_suspends_nor_terminates(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 12, 2))
    svc.apply_to_court(case=case, actor=team.head.user, filed_on=d(12, 2), court=COURT)

    assert codes(refused(suspend, team=team, case=case, on=d(12, 2))) == ["before_the_court"]
    assert codes(refused(terminate, team=team, case=case, on=d(12, 2))) == ["before_the_court"]


def test_the_api_runs_the_steps_and_an_outsider_gets_404(team, clock, api):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 22))
    url = f"/api/v1/cases/{case.pk}/actions/"
    body = {"ground": "hardship", "facts": "暂无履行能力。", "suspended_on": "2026-06-22"}

    assert api(team.outsider).post(f"{url}suspend_execution/", body, format="json").status_code == 404
    assert api(team.officer1).post(f"{url}suspend_execution/", body, format="json").status_code == 200
    resumed = api(team.officer1).post(
        f"{url}resume_execution/", {"resumed_on": "2026-06-22", "reason": "已恢复履行能力。"}, format="json"
    )
    assert resumed.status_code == 200
    ended = api(team.officer1).post(
        f"{url}terminate_execution/",
        {"ground": "object_lost", "facts": "执行标的灭失。", "terminated_on": "2026-06-22"},
        format="json",
    )
    assert ended.status_code == 200
    assert case.execution_termination.ground == "object_lost"
