"""The party's statement after a 催告 and the agency's review of it (行政强制法 第三十六条): recorded once the
reminder was served, reviewed (what is not adopted is answered with reasons), and reviewed before the court
application (第五十五条第三项: the application carries the party's opinion)."""

from __future__ import annotations

import pytest
import time_machine

from cases.models import CaseEvent, PartyStatement
from cases.services import execution as svc
from cases.services.runner import reasons_for
from tests.cases.test_execution import at, codes, d, decided, refused, remind, serve

pytestmark = pytest.mark.django_db

CL_36 = "《中华人民共和国行政强制法》第三十六条"


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    from tests.cases.factories import build_team

    return build_team()


STATED = "本人近期资金周转困难，且对加处罚款的计算有异议。"


def state(team, case, *, on=None, content=STATED):
    return svc.record_party_statement(case=case, actor=team.officer1.user, received_on=on or d(6, 23), content=content)


def review(team, case, statement, *, outcome="not_adopted", on=None, reasons="资金周转困难不是不履行的正当理由。"):
    return svc.review_party_statement(
        case=case,
        actor=team.officer1.user,
        statement=statement.pk if statement else None,
        review=outcome,
        reviewed_on=on or d(6, 23),
        reasons=reasons,
    )


def test_it_records_a_statement_only_after_the_reminder_was_served(team, clock):
    case = serve(team, decided(team))
    reasons = refused(state, team=team, case=case, on=d(6, 1))
    assert codes(reasons) == ["reminder_not_served"]
    assert reasons[0].article == CL_36

    reminder = remind(team, case, clock)  # served on 22 June
    clock.move_to(at(2026, 6, 23))
    statement = state(team, case)

    assert (statement.reminder, statement.received_on, statement.review) == (reminder, d(6, 23), "")
    event = CaseEvent.objects.filter(case=case, name="record_party_statement").order_by("-seq").first()
    assert event.payload == {
        "statement": statement.pk,
        "reminder": reminder.pk,
        "received_on": "2026-06-23",
        "content": STATED,
    }


def test_a_statement_is_dated_after_the_service_and_says_something(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 6, 23))

    assert codes(refused(state, team=team, case=case, on=d(6, 21))) == ["date_too_early"]
    assert codes(refused(state, team=team, case=case, on=d(6, 24))) == ["date_in_future"]
    assert codes(refused(state, team=team, case=case, content="  ")) == ["statement_missing"]
    assert not PartyStatement.objects.filter(case=case).exists()


def test_a_statement_not_adopted_is_answered_with_reasons(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 6, 23))
    statement = state(team, case)

    reasons = refused(review, team=team, case=case, statement=statement, reasons="")
    assert codes(reasons) == ["review_reasons_missing"]
    assert reasons[0].article == CL_36
    assert codes(refused(review, team=team, case=case, statement=statement, on=d(6, 22))) == ["date_too_early"]

    reviewed = review(team, case, statement)
    assert (reviewed.review, reviewed.reviewed_by, reviewed.reviewed_on) == ("not_adopted", team.officer1, d(6, 23))
    event = CaseEvent.objects.filter(case=case, name="review_party_statement").order_by("-seq").first()
    assert event.payload["reviewed_by"] == {"id": team.officer1.pk, "name": team.officer1.name}
    # Reviewed once: nothing is left to review.
    assert codes(refused(review, team=team, case=case, statement=None)) == ["no_statement_to_review"]


def test_an_adopted_statement_needs_no_reasons(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 6, 23))
    statement = state(team, case)

    assert review(team, case, statement, outcome="adopted", reasons="").review == "adopted"


def test_the_court_application_waits_for_the_review(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 6, 23))
    statement = state(team, case)

    clock.move_to(at(2026, 12, 2))
    application = {"filed_on": d(12, 2), "court": "包头市昆都仑区人民法院"}
    reasons = reasons_for(case, "apply_to_court", team.head.user, application)
    assert codes(reasons) == ["statement_not_reviewed"]
    assert reasons[0].article == CL_36
    assert "2026-06-23" in reasons[0].detail

    review(team, case, statement)
    assert reasons_for(case, "apply_to_court", team.head.user, application) == []


def test_the_api_runs_both_steps_and_an_outsider_gets_404(team, clock, api):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 6, 23))
    url = f"/api/v1/cases/{case.pk}/actions/"

    outsider = api(team.outsider).post(
        f"{url}record_party_statement/", {"received_on": "2026-06-23", "content": STATED}, format="json"
    )
    stated = api(team.officer1).post(
        f"{url}record_party_statement/", {"received_on": "2026-06-23", "content": STATED}, format="json"
    )
    unreasoned = api(team.officer1).post(
        f"{url}review_party_statement/", {"review": "not_adopted", "reviewed_on": "2026-06-23"}, format="json"
    )
    adopted = api(team.officer1).post(
        f"{url}review_party_statement/", {"review": "adopted", "reviewed_on": "2026-06-23"}, format="json"
    )

    assert outsider.status_code == 404
    assert stated.status_code == 200
    assert (unreasoned.status_code, unreasoned.json()["reasons"][0]["code"]) == (409, "review_reasons_missing")
    assert adopted.status_code == 200
    assert PartyStatement.objects.get(case=case).review == "adopted"
