"""A decision not to publish lifted by a head with the reason (the ground ceased): the duty to publish reopens — the
deadline ``publication`` opens again, 7 working days from the lifting (国办发〔2018〕118号; docs/policy.md), and the
decision may be published; a new ground may again be recorded.

Frozen clock from Monday 2026-06-01 (``tests.cases.test_execution``).
"""

from cases.services import execution as svc
from deadlines.choices import Outcome
from deadlines.models import Deadline
from tests.cases.test_execution import at, clock, codes, d, refused, team
from tests.cases.test_publication import decided, publish
from tests.cases.test_self_correction import last_event, withhold

__all__ = ["clock", "team"]  # fixtures shared with test_execution
CEASED = "第三方已书面同意公开，不予公开的情形已经消失。"


def lift(team, case, *, on=None, by=None, reason=CEASED):
    return svc.lift_non_publication(case=case, actor=(by or team.head).user, lifted_on=on or d(6, 1), reason=reason)


def test_lifting_reopens_the_publication_duty_from_the_lifting(team, clock):
    case = decided(team)
    withhold(team, case)
    clock.move_to(at(2026, 7, 3))

    lifted = lift(team, case, on=d(7, 3))  # Friday

    assert (lifted.lifted_on, lifted.lift_reason, lifted.lifted_by) == (d(7, 3), CEASED, team.head.user)
    deadline = Deadline.objects.filter(case=case, kind="publication").order_by("-pk").first()
    assert (deadline.starts_on, deadline.due_on, deadline.outcome) == (d(7, 3), d(7, 14), Outcome.OPEN)
    assert last_event(case, "lift_non_publication").payload == {
        "non_publication": lifted.pk,
        "lifted_on": "2026-07-03",
        "reason": CEASED,
    }
    assert Deadline.objects.overdue_on(d(7, 15)).filter(case=case, kind="publication").exists()

    clock.move_to(at(2026, 7, 10))
    publish(team, case, on=d(7, 10))

    deadline.refresh_from_db()
    assert (deadline.outcome, deadline.met_on, deadline.met_late) == (Outcome.MET, d(7, 10), False)


def test_lifting_is_the_heads_with_a_reason_and_only_of_a_standing_decision(team, clock):
    case = decided(team)
    assert codes(refused(lift, team=team, case=case)) == ["no_standing_non_publication"]
    withhold(team, case)

    assert codes(refused(lift, team=team, case=case, by=team.officer1)) == ["not_agency_head"]
    assert codes(refused(lift, team=team, case=case, reason=" ")) == ["lift_reason_missing"]
    clock.move_to(at(2026, 6, 3))
    assert lift(team, case, on=d(6, 3)).lifted_on == d(6, 3)
    assert codes(refused(lift, team=team, case=case)) == ["no_standing_non_publication"]


def test_after_lifting_a_new_ground_may_be_recorded_again(team, clock):
    case = decided(team)
    withhold(team, case)
    lift(team, case)

    again = withhold(team, case, reason="state_secret", detail="案件涉及国家秘密。")

    assert case.non_publications.count() == 2 and again.lifted_on is None
    assert codes(refused(publish, team=team, case=case)) == ["decided_not_to_publish"]


def test_the_api_lifts_the_decision_not_to_publish(team, clock, api):
    case = decided(team)
    withhold(team, case)
    url = f"/api/v1/cases/{case.pk}/actions/lift_non_publication/"

    by_handler = api(team.officer1).post(url, {"lifted_on": "2026-06-01", "reason": CEASED}, format="json")
    lifted = api(team.head).post(url, {"lifted_on": "2026-06-01", "reason": CEASED}, format="json")

    assert by_handler.status_code == 409 and by_handler.json()["reasons"][0]["code"] == "not_agency_head"
    assert lifted.status_code == 200
    assert case.non_publications.get().lifted_on == d(6, 1)
