"""先行登记保存 (行政处罚法 第五十六条): requested by the handlers with the list of items, approved by a head of the
agency — before the items are registered, or within 24 hours after where the agency's sector rule allows
(``AgencyPolicy.preservation_approval_within_24_hours``, off by default) — and disposed of within seven working
days of the registration (第五十六条、第八十五条): the deadline ``evidence_preservation``, met by the disposal.

Every test runs on a frozen clock from Monday 2026-06-01 09:00 (Asia/Shanghai), as ``test_execution``: items
registered that day must be decided on by Wednesday 2026-06-10.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseEvent, EvidencePreservation
from cases.services import preservation as svc
from deadlines.choices import Outcome
from officers.models import AgencyPolicy
from tests.cases.test_execution import at, clock, codes, d, due, refused, team

ART_56 = "《中华人民共和国行政处罚法》第五十六条"
ITEMS = [
    {"name": "过期面包", "quantity": "12袋", "location": "仓库"},
    {"name": "进货单据", "quantity": "1张", "location": ""},
]
__all__ = ["clock", "team"]  # fixtures shared with test_execution


def request(team, case, *, by=None, items=None, reason="货物可能被转移，证据以后难以取得。"):
    return svc.request_preservation(
        case=case, actor=(by or team.officer1).user, reason=reason, items=ITEMS if items is None else items
    )


def approve(team, case, item, *, by=None):
    return svc.approve_preservation(case=case, actor=(by or team.head).user, preservation=item, opinion="同意")


def register(team, case, item, *, when=None, by=None):
    return svc.preserve_evidence(
        case=case,
        actor=(by or team.officer1).user,
        preservation=item,
        registered_at=when or timezone.now(),
        place="本局证据保管室",
    )


def dispose(team, case, item, *, on=None, disposal="return", note="", by=None):
    return svc.dispose_preserved_evidence(
        case=case,
        actor=(by or team.officer1).user,
        preservation=item,
        disposal=disposal,
        decided_on=on or timezone.localdate(),
        note=note,
    )


def preserved(team, case=None):
    """Requested, approved and registered on Monday 1 June."""
    case = case or team.open_and_file()
    item = request(team, case)
    approve(team, case, item)
    return case, register(team, case, item)


def allow_24_hours(team):
    AgencyPolicy.objects.create(agency=team.agency, preservation_approval_within_24_hours=True)


def test_registration_opens_the_seven_working_day_disposal_clock(team):
    case, item = preserved(team)
    deadline = due(case, "evidence_preservation", ref=item.pk)
    assert item.registered_on == d(6, 1)
    assert (deadline.unit, deadline.count, deadline.starts_on) == ("working_days", 7, d(6, 1))
    assert deadline.due_on == d(6, 10)  # 第五十六条、第八十五条: seven working days after Monday 1 June
    assert deadline.outcome == Outcome.OPEN and deadline.watched
    event = CaseEvent.objects.get(case=case, name="preserve_evidence")
    assert event.data.preserved_on == d(6, 1) and [i.name for i in event.data.items] == ["过期面包", "进货单据"]


def test_the_disposal_meets_the_clock(team, clock):
    case, item = preserved(team)
    clock.move_to(at(2026, 6, 5))
    item = dispose(team, case, item, disposal="seize")
    deadline = due(case, "evidence_preservation", ref=item.pk)
    assert (item.disposal, item.disposed_on) == ("seize", d(6, 5))
    assert deadline.outcome == Outcome.MET and deadline.met_on == d(6, 5) and not deadline.met_late


def test_the_disposal_clock_turns_overdue_after_seven_working_days_and_a_late_disposal_says_so(team, clock):
    case, item = preserved(team)
    deadline = due(case, "evidence_preservation", ref=item.pk)
    assert not deadline.is_past(d(6, 10))
    clock.move_to(at(2026, 6, 11))
    assert deadline.is_past(timezone.localdate())
    assert deadline.status_label(timezone.localdate()) == "已逾期"
    dispose(team, case, item)  # recorded, never refused for lateness
    deadline.refresh_from_db()
    assert deadline.outcome == Outcome.MET and deadline.met_late


def test_registration_waits_for_the_heads_approval_by_default(team):
    case = team.open_and_file()
    item = request(team, case)
    reasons = refused(register, team=team, case=case, item=item)
    assert codes(reasons) == ["preservation_not_approved"]
    assert reasons[0].article == ART_56
    assert not EvidencePreservation.objects.get(pk=item.pk).registered_at


def test_only_an_active_head_of_the_cases_agency_approves(team):
    case = team.open_and_file()
    item = request(team, case)
    assert codes(refused(approve, team=team, case=case, item=item, by=team.officer1)) == ["not_agency_head"]
    assert codes(refused(approve, team=team, case=case, item=item, by=team.outsider)) == ["not_agency_head"]
    team.deputy.is_active = False
    team.deputy.save(update_fields=["is_active"])
    assert codes(refused(approve, team=team, case=case, item=item, by=team.deputy)) == ["not_agency_head"]
    assert approve(team, case, item).approved_by == team.head


def test_a_head_may_refuse_with_reasons_and_nothing_is_registered_then(team):
    case = team.open_and_file()
    item = request(team, case)
    refuse = svc.approve_preservation
    kwargs = {"case": case, "actor": team.head.user, "preservation": item, "approved": False}
    assert codes(refused(refuse, **kwargs, opinion=" ")) == ["refusal_reason_missing"]
    item = refuse(**kwargs, opinion="现有证据已足以证明违法事实，无需先行登记保存。")
    assert item.refused_at and not item.approved_at and item.stage == "负责人不予批准"
    assert codes(refused(register, team=team, case=case, item=item)) == ["preservation_refused"]
    assert codes(refused(approve, team=team, case=case, item=item)) == ["preservation_refused"]


def test_items_registered_ahead_of_a_refusal_are_returned_by_the_refusal(team, clock):
    allow_24_hours(team)
    case = team.open_and_file()
    item = register(team, case, request(team, case))
    svc.approve_preservation(case=case, actor=team.head.user, preservation=item, approved=False, opinion="不符合条件。")
    assert due(case, "preservation_approval", ref=item.pk).outcome == Outcome.MET  # the head decided in time
    assert due(case, "evidence_preservation", ref=item.pk).outcome == Outcome.MET  # returned at once
    assert codes(refused(dispose, team=team, case=case, item=item)) == ["preservation_already_disposed"]


def test_a_preservation_is_approved_once(team):
    case = team.open_and_file()
    item = request(team, case)
    approve(team, case, item)
    assert codes(refused(approve, team=team, case=case, item=item)) == ["preservation_already_approved"]


def test_with_the_agency_setting_items_may_be_registered_first_and_approved_within_24_hours(team, clock):
    allow_24_hours(team)
    case = team.open_and_file()
    item = register(team, case, request(team, case))
    window = due(case, "preservation_approval", ref=item.pk)
    assert window.due_at == at(2026, 6, 2) and window.outcome == Outcome.OPEN
    clock.move_to(at(2026, 6, 2, 8))
    approve(team, case, item)
    window.refresh_from_db()
    assert window.outcome == Outcome.MET


def test_an_approval_more_than_24_hours_after_the_registration_is_refused(team, clock):
    allow_24_hours(team)
    case = team.open_and_file()
    item = register(team, case, request(team, case))
    clock.move_to(at(2026, 6, 2, 10))
    reasons = refused(approve, team=team, case=case, item=item)
    assert codes(reasons) == ["preservation_approval_late"]
    assert ART_56 in reasons[0].article and "2026-06-02 09:00" in reasons[0].detail


def test_no_approval_window_opens_when_the_head_approved_first(team):
    case, item = preserved(team)
    assert due(case, "preservation_approval", ref=item.pk) is None


def test_the_request_states_why_and_lists_the_items(team):
    case = team.open_and_file()
    assert codes(refused(request, team=team, case=case, reason=" ")) == ["preservation_reason_missing"]
    assert codes(refused(request, team=team, case=case, items=[{"name": ""}])) == ["preservation_no_items"]


def test_only_a_handler_requests_and_only_while_investigating(team):
    case = team.open(request_filing=True)
    assert "wrong_state" in codes(refused(request, team=team, case=case))
    case = team.open_and_file()
    assert codes(refused(request, team=team, case=case, by=team.officer3)) == ["not_a_handler"]


def test_the_disposal_follows_the_registration_once_and_names_other_measures(team, clock):
    case = team.open_and_file()
    item = request(team, case)
    approve(team, case, item)
    assert codes(refused(dispose, team=team, case=case, item=item)) == ["preservation_not_registered"]
    register(team, case, item)
    assert codes(refused(dispose, team=team, case=case, item=item, on=d(5, 29))) == ["disposal_before_registration"]
    assert codes(refused(dispose, team=team, case=case, item=item, on=d(6, 2))) == ["disposal_in_future"]
    assert codes(refused(dispose, team=team, case=case, item=item, disposal="other")) == ["disposal_note_missing"]
    dispose(team, case, item, disposal="other", note="交由当事人封存")
    assert codes(refused(dispose, team=team, case=case, item=item)) == ["preservation_already_disposed"]


def test_an_approved_preservation_is_not_registered_before_its_approval(team, clock):
    allow_24_hours(team)  # even where the agency allows registering first: that is recorded before the approval
    case = team.open_and_file()
    item = request(team, case)
    approve(team, case, item)
    earlier = timezone.now() - datetime.timedelta(minutes=30)
    reasons = refused(register, team=team, case=case, item=item, when=earlier)
    assert codes(reasons) == ["preservation_registered_before_approval"] and reasons[0].article == ART_56
    assert register(team, case, item).registered_at == timezone.now()


def test_a_registration_is_not_dated_in_the_future_nor_recorded_twice(team):
    case = team.open_and_file()
    item = request(team, case)
    approve(team, case, item)
    later = timezone.now() + datetime.timedelta(hours=1)
    assert codes(refused(register, team=team, case=case, item=item, when=later)) == ["preservation_in_future"]
    register(team, case, item)
    assert codes(refused(register, team=team, case=case, item=item)) == ["preservation_already_registered"]


def test_a_step_names_a_preservation_of_the_same_case(team):
    _, item = preserved(team)
    other = team.open_and_file()
    assert codes(refused(dispose, team=team, case=other, item=item)) == ["no_preservation"]


@pytest.mark.parametrize("field", ["preservation_approval_within_24_hours"])
def test_the_24_hour_approval_is_off_by_default(team, field):
    from officers.models import policy_for

    assert getattr(policy_for(team.agency), field) is False


# --- the API and the case page ------------------------------------------------------------------------------


def test_the_api_runs_the_steps_and_the_case_file_shows_the_clock(team, api, clock):
    case = team.open_and_file()
    url = f"/api/v1/cases/{case.pk}/actions/"
    answer = api(team.officer1).post(
        url + "request_preservation/",
        {"reason": "证据可能灭失。", "items": "过期面包，12袋，仓库\n进货单据，1张"},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    item = case.preservations.get()
    assert item.items[1] == {"name": "进货单据", "quantity": "1张", "location": ""}

    decision = {"preservation": item.pk, "approved": "yes"}
    refused_answer = api(team.officer1).post(url + "approve_preservation/", decision, format="json")
    assert refused_answer.status_code == 409
    assert refused_answer.json()["reasons"][0]["code"] == "not_agency_head"
    approved = api(team.head).post(url + "approve_preservation/", decision, format="json")
    assert approved.status_code == 200, approved.content
    registered = {"preservation": item.pk, "registered_at": "2026-06-01T09:00:00+08:00", "place": "本局证据保管室"}
    answer = api(team.officer1).post(url + "preserve_evidence/", registered, format="json")
    assert answer.status_code == 200, answer.content

    clock.move_to(at(2026, 6, 11))
    (record,) = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()["preservations"]
    assert (record["registered_on"], record["disposal_due_on"], record["disposal_overdue"]) == (
        "2026-06-01",
        "2026-06-10",
        True,
    )


def test_an_outsider_gets_404_on_the_preservation_actions(team, api):
    case = team.open_and_file()
    answer = api(team.outsider).post(
        f"/api/v1/cases/{case.pk}/actions/request_preservation/", {"reason": "x", "items": "面包"}, format="json"
    )
    assert answer.status_code == 404
    assert not case.preservations.exists()


def test_the_page_shows_the_disposal_clock_and_turns_red_once_it_has_passed(team, client, clock):
    case, item = preserved(team)
    client.force_login(team.officer1.user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'data-preservation="{item.pk}"' in page and 'datetime="2026-06-10"' in page
    assert 'data-step="dispose_preserved_evidence"' in page
    assert "已超期" not in page.split('id="preservation"')[1].split("</section>")[0]

    clock.move_to(at(2026, 6, 11))
    client.force_login(team.officer1.user)  # a new day, a new session
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    section = page.split('id="preservation"')[1].split("</section>")[0]
    assert 'class="due overdue"' in section and "已超期" in section


def test_the_page_posts_a_step_through_the_registry(team, client):
    case = team.open_and_file()
    item = request(team, case)
    client.force_login(team.officer1.user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-step="approve_preservation"' not in page  # a handler is no head
    client.force_login(team.head.user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-step="approve_preservation"' in page
    url = reverse("cases:action", args=[case.pk, "approve_preservation"])
    posted = {
        "approve_preservation-preservation": item.pk,
        "approve_preservation-approved": "yes",
        "approve_preservation-opinion": "同意",
    }
    assert client.post(url, posted).status_code == 302
    assert EvidencePreservation.objects.get(pk=item.pk).approved_by == team.head
