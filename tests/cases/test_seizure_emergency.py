"""行政强制法 第十九条: “情况紧急，需要当场实施行政强制措施的，行政执法人员应当在二十四小时内向行政机关负责人报告，
并补办批准手续。行政机关负责人认为不应当采取行政强制措施的，应当立即解除。” An emergency seizure is carried out by
the officers pending the approval, its 24 hours a stored deadline; the head approves (the deadline met) or
disapproves — released at once, with the 解除查封、扣押决定书. Any other seizure is approved before it is carried
out (第十八条第一项)."""

from __future__ import annotations

import pytest

from cases.models import Seizure
from cases.services import seizure as svc
from deadline_watch import approvals
from deadlines.choices import Outcome
from deadlines.models import Deadline
from documents.models import Document
from kernel.rules import ACEL_18, ACEL_19
from tests.cases.test_seizure import D, _strict_deadlines, at, case, clock, empowered, refused, seize  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

EMERGENCY = {"emergency": True, "approved_by": None, "approved_at": None, "carried_out_at": at(D(2026, 9, 1), 10)}


def approval_clock(case, seizure) -> Deadline:  # noqa: F811
    return Deadline.objects.get(case=case, kind="seizure_emergency_approval", ref=str(seizure.pk))


def decide(team, case, seizure, *, officer=None, **data):  # noqa: F811
    officer = officer or team.head
    return svc.approve_emergency_seizure(case=case, actor=officer.user, seizure=seizure, **data)


def test_an_emergency_seizure_is_carried_out_pending_approval_and_opens_its_24_hours(team, case):  # noqa: F811
    seizure = seize(team, case, **EMERGENCY)

    assert seizure.emergency and seizure.awaiting_approval and seizure.approved_by is None
    window = approval_clock(case, seizure)
    assert window.outcome == Outcome.OPEN
    assert window.due_at == at(D(2026, 9, 2), 10)
    assert Deadline.objects.get(case=case, kind="seizure").is_open  # the 30 days run from the seizure all the same


def test_an_emergency_seizure_is_not_recorded_with_an_approval_of_its_own(team, case):  # noqa: F811
    with_approval = {**EMERGENCY, "approved_by": team.head, "approved_at": at(D(2026, 9, 1), 11)}
    assert refused(seize, team, case, **with_approval) == [("emergency_approval_on_its_own_step", ACEL_19)]


def test_any_other_seizure_is_approved_by_the_head_before_it_is_carried_out(team, case):  # noqa: F811
    assert refused(seize, team, case, approved_by=None, approved_at=None) == [("seizure_not_approved", ACEL_18)]

    seizure = seize(team, case)
    assert not Deadline.objects.filter(case=case, kind="seizure_emergency_approval").exists()
    assert refused(decide, team, case, seizure) == [("seizure_not_emergency", ACEL_18)]


def test_the_head_approves_within_24_hours_and_the_clock_is_met(team, case, clock):  # noqa: F811
    seizure = seize(team, case, **EMERGENCY)
    clock.move_to(at(D(2026, 9, 2), 9))

    assert refused(decide, team, case, seizure, officer=team.officer1) == [("not_agency_head", ACEL_19)]
    approved = decide(team, case, seizure, opinion="同意")

    assert (approved.approved_by, approved.awaiting_approval, approved.is_open) == (team.head, False, True)
    assert approval_clock(case, seizure).outcome == Outcome.MET
    assert refused(decide, team, case, seizure) == [("seizure_already_approved", ACEL_19)]


def test_an_emergency_seizure_is_not_extended_before_the_head_approved_it(team, case, clock):  # noqa: F811
    seizure = seize(team, case, **EMERGENCY)
    row = Deadline.objects.get(case=case, kind="seizure")
    extend = {
        "deadline": row,
        "actor": team.head.user,
        "days": 10,
        "reason": "情况复杂",
        "party_notified_on": D(2026, 9, 1),
    }

    blocked = refused(approvals.extend_deadline, **extend)
    clock.move_to(at(D(2026, 9, 1), 15))
    decide(team, case, seizure, opinion="同意")
    extension = approvals.extend_deadline(**extend)

    assert blocked == [("extension_before_approval", ACEL_19)]
    assert extension.days == 10


def test_a_head_who_disapproves_releases_it_at_once_with_the_release_decision(team, case, clock):  # noqa: F811
    seizure = seize(team, case, **EMERGENCY)
    clock.move_to(at(D(2026, 9, 1), 20))

    assert refused(decide, team, case, seizure, approved=False) == [("disapproval_reason_missing", ACEL_19)]
    released = decide(team, case, seizure, approved=False, opinion="涉案食品已查明来源合法，不应扣押")

    assert (released.ended, released.release_ground) == ("released", "head_disapproved")
    assert (released.decided_on, released.returned_on) == (D(2026, 9, 1), D(2026, 9, 1))
    assert released.disapproved_at is not None and released.approved_at is None
    assert approval_clock(case, seizure).outcome == Outcome.MET
    assert not Deadline.objects.get(case=case, kind="seizure").is_open
    assert Document.objects.filter(case=case, kind="seizure_release").count() == 1


def test_unapproved_after_24_hours_it_shows_overdue_and_can_only_be_released(team, case, clock):  # noqa: F811
    seizure = seize(team, case, **EMERGENCY)
    clock.move_to(at(D(2026, 9, 2), 10, 1))

    assert approval_clock(case, seizure) in Deadline.objects.overdue_on(D(2026, 9, 2))
    assert refused(decide, team, case, seizure) == [("emergency_approval_late", ACEL_19)]
    dispose = {"case": case, "actor": team.head.user, "seizure": seizure, "disposal": "confiscate", "note": "没收"}
    assert refused(svc.dispose_seizure, **dispose, decided_on=D(2026, 9, 2)) == [("seizure_awaiting_approval", ACEL_19)]

    decide(team, case, seizure, approved=False, opinion="未在二十四小时内补办批准手续")
    assert not Seizure.objects.get(pk=seizure.pk).is_open


def test_the_page_shows_the_24_hours_and_offers_the_head_the_decision(team, case, client):  # noqa: F811
    seizure = seize(team, case, **EMERGENCY)

    client.force_login(team.officer1.user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "待负责人补办批准" in page and "至2026-09-02 10:00" in page
    assert 'id="seizure-approve_emergency_seizure"' not in page

    client.force_login(team.head.user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="seizure-approve_emergency_seizure"' in page
    response = client.post(
        f"/cases/{case.pk}/actions/approve_emergency_seizure/",
        {"approve_emergency_seizure-seizure": seizure.pk, "approve_emergency_seizure-approved": "yes"},
    )
    assert response.status_code in (302, 303), response.content.decode()[:2000]
    assert Seizure.objects.get(pk=seizure.pk).approved_by == team.head


def test_the_api_runs_the_heads_decision_with_the_same_refusals(team, case, api):  # noqa: F811
    seizure = seize(team, case, **EMERGENCY)
    url = f"/api/v1/cases/{case.pk}/actions/approve_emergency_seizure/"
    payload = {"seizure": seizure.pk, "approved": "no", "opinion": "不应当扣押"}

    assert api(team.officer1).post(url, payload, format="json").status_code == 409
    assert api(team.outsider).post(url, payload, format="json").status_code == 404
    response = api(team.head).post(url, payload, format="json")
    assert response.status_code in (200, 201), response.content
    assert Seizure.objects.get(pk=seizure.pk).release_ground == "head_disapproved"
