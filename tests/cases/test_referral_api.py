"""The referral of a suspected crime through the API: every step, scoped, explained."""

import pytest
from django.utils import timezone

from cases.choices import CaseStatus


def step(client, case, name, payload):
    return client.post(f"/api/v1/cases/{case.pk}/referral/{name}/", payload, format="json")


def transition(client, case, name, payload):
    return client.post(f"/api/v1/cases/{case.pk}/transitions/{name}/", payload, format="json")


def test_a_referral_runs_from_report_to_police_acceptance_and_closure(team, api):
    case = team.open_and_file()
    today = timezone.localdate().isoformat()
    handler, head = api(team.officer1), api(team.head)

    assert step(handler, case, "submit_referral_report", {"team": [team.officer1.pk, team.officer2.pk],
                "report": "涉嫌生产销售不符合安全标准的食品罪。"}).status_code == 200  # fmt: skip
    materials = ["referral_letter", "investigation_report", "items_list"]
    refused = transition(handler, case, "refer_to_police", {"police_organ": "包头市公安局", "materials": materials})
    deputy = step(api(team.deputy), case, "decide_referral", {"approved": "yes"})
    approved = step(head, case, "decide_referral", {"approved": "yes", "reason": "同意移送"})
    handed = transition(handler, case, "refer_to_police", {"police_organ": "包头市公安局", "materials": materials})
    fine_only = transition(head, case, "close", {"report": "以罚款结案"})
    step(handler, case, "record_police_receipt", {"received_on": today, "receipt_number": "公(经)受字〔2026〕1号"})
    step(handler, case, "record_police_decision", {"accepted": "yes", "decided_on": today})
    step(handler, case, "record_items_handover", {"handed_over_on": today, "note": "涉案食品120箱"})
    closed = transition(head, case, "close", {"report": "公安机关已立案侦查，行政程序终结。"})

    assert refused.status_code == 409
    assert refused.json()["reasons"][0]["code"] in {"referral_pending_decision", "referral_not_approved"}
    assert deputy.status_code == 409
    assert approved.json()["referral"]["approved"] is True
    assert handed.status_code == 200, handed.json()
    assert handed.json()["status"] == CaseStatus.REFERRED
    assert fine_only.status_code == 409
    assert closed.status_code == 200, closed.json()
    assert closed.json()["status"] == CaseStatus.CLOSED


def test_a_case_under_referral_cannot_be_decided_by_a_fine(team, api):
    case = team.open_and_file()
    step(api(team.officer1), case, "submit_referral_report",
         {"team": [team.officer1.pk, team.officer2.pk], "report": "涉嫌犯罪"})  # fmt: skip

    reasons = {t["name"]: t for t in api(team.head).get(f"/api/v1/cases/{case.pk}/").json()["transitions"]}

    assert "referral_open" in [r["code"] for r in reasons["withdraw"]["reasons"]]


@pytest.mark.parametrize("name", ["submit_referral_report", "decide_referral", "record_police_receipt"])
def test_referral_steps_are_404_for_another_agency(team, api, name):
    case = team.open_and_file()
    assert step(api(team.outsider), case, name, {}).status_code == 404


def test_an_unknown_referral_step_is_404_and_a_step_without_a_referral_is_409(team, api):
    case = team.open_and_file()
    client = api(team.officer1)

    assert step(client, case, "fly", {}).status_code == 404
    response = step(client, case, "record_police_receipt", {"received_on": timezone.localdate().isoformat()})
    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "no_referral"


def test_the_actions_route_runs_the_steps_and_lists_them_with_their_reasons(team, api):
    case = team.open_and_file()
    report = {"team": [team.officer1.pk, team.officer2.pk], "report": "涉嫌犯罪"}

    submitted = api(team.officer1).post(
        f"/api/v1/cases/{case.pk}/actions/submit_referral_report/?view=light", report, format="json"
    )
    refused = api(team.deputy).post(
        f"/api/v1/cases/{case.pk}/actions/decide_referral/", {"approved": "no"}, format="json"
    )

    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["event"]["name"] == "submit_referral_report"
    actions = {a["name"]: a for a in submitted.json()["actions"]}
    assert actions["record_fines_already_imposed"]["allowed"] is True
    assert [r["code"] for r in actions["decide_referral"]["reasons"]] == ["not_principal_head"]
    assert [r["code"] for r in actions["record_police_receipt"]["reasons"]] == ["not_referred"]
    assert [r["code"] for r in actions["submit_referral_report"]["reasons"]] == ["referral_already_open"]
    assert refused.status_code == 409
    assert [r["code"] for r in refused.json()["reasons"]] == ["not_principal_head", "rejection_reason_missing"]
    assert case.events.filter(event_type="attempt_refused", name="decide_referral").exists()
