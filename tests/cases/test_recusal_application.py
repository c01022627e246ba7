"""回避申请 (行政处罚法 第四十三条): a handler records the party's application for a handler's recusal, or their own
request; the head decides with reasons; approved, the handler leaves the case; rejected, the application stays on
file; a pending application does not stop the investigation (第四十三条第三款: 决定作出之前，不停止调查)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import registry
from cases.models import CaseEvent, RecusalApplication
from cases.services import cases as case_services
from cases.services.runner import reasons_for
from kernel.rules import ART_43, ActionRefused


def codes(reasons):
    return [r.code for r in reasons]


def refused(callable_, **kwargs):
    with pytest.raises(ActionRefused) as excinfo:
        callable_(**kwargs)
    return excinfo.value.reasons


@pytest.fixture
def filed(team):
    return team.open_and_file()


def party_applies(team, case, *, officer=None, by=None):
    return case_services.apply_for_recusal(
        case=case,
        actor=(by or team.officer1).user,
        officer=officer or team.officer2,
        applicant="party",
        party=case.parties.first(),
        applied_on=timezone.localdate(),
        grounds="李娜系当事人的表妹。",
    )


def test_a_party_application_is_recorded_pending_and_the_handler_stays_on_the_case(team, filed):
    application = party_applies(team, filed)

    assert application.is_pending
    assert application.party == filed.parties.first()
    assert filed.assignments.get(officer=team.officer2).recused_at is None
    event = CaseEvent.objects.filter(case=filed, name="apply_for_recusal").get()
    assert event.data.officer.name == "李娜" and event.data.grounds == "李娜系当事人的表妹。"


def test_a_pending_application_does_not_stop_the_investigation(team, filed):
    # 第四十三条第三款: 决定作出之前，不停止调查 — the handler concerned may still act, and the case may move on.
    party_applies(team, filed)

    assert reasons_for(filed, "conclude_investigation", team.officer2.user) == []
    team.conclude(filed, by=team.officer2)
    filed.refresh_from_db()
    assert filed.status == "investigated"


def test_the_head_approves_and_the_handler_leaves_the_case_which_then_needs_a_second_handler(team, filed):
    application = party_applies(team, filed)

    decided = case_services.decide_recusal(
        case=filed, actor=team.head.user, application=application, decision="approved", reasons="申请理由成立。"
    )

    assignment = filed.assignments.get(officer=team.officer2)
    assert decided.decision == "approved" and decided.decided_by == team.head
    assert decided.assignment == assignment
    assert assignment.recused_at is not None
    assert (assignment.recusal_initiator, assignment.recusal_reason) == ("party", "李娜系当事人的表妹。")
    assert assignment.recusal_decided_by == team.head.user
    assert "fewer_than_two_officers" in codes(reasons_for(filed, "conclude_investigation", team.officer1.user))
    event = CaseEvent.objects.filter(case=filed, name="decide_recusal").get()
    assert (event.data.decision, event.data.reasons) == ("approved", "申请理由成立。")


def test_a_rejected_application_stays_on_file_with_the_reasons_and_the_handler_stays(team, filed):
    application = party_applies(team, filed)

    case_services.decide_recusal(
        case=filed, actor=team.head.user, application=application, decision="rejected", reasons="亲属关系查无实据。"
    )

    kept = RecusalApplication.objects.get(pk=application.pk)
    assert (kept.decision, kept.decision_reasons, kept.assignment) == ("rejected", "亲属关系查无实据。", None)
    assert filed.assignments.get(officer=team.officer2).recused_at is None
    # Decided once: the head cannot decide it again.
    again = refused(
        case_services.decide_recusal,
        case=filed,
        actor=team.head.user,
        application=kept,
        decision="approved",
        reasons="改变决定",
    )
    assert codes(again) == ["recusal_already_decided"]


def test_only_a_head_decides_an_application(team, filed):
    application = party_applies(team, filed)

    reasons = refused(
        case_services.decide_recusal,
        case=filed,
        actor=team.officer1.user,
        application=application,
        decision="approved",
        reasons="同意",
    )

    assert codes(reasons) == ["not_agency_head"]
    assert RecusalApplication.objects.get(pk=application.pk).is_pending


def test_a_head_does_not_decide_their_own_recusal(team):
    case = team.open_and_file(co=[team.officer2, team.deputy])
    application = party_applies(team, case, officer=team.deputy)

    own = refused(
        case_services.decide_recusal,
        case=case,
        actor=team.deputy.user,
        application=application,
        decision="rejected",
        reasons="不需回避",
    )
    case_services.decide_recusal(
        case=case, actor=team.head.user, application=application, decision="approved", reasons="理由成立"
    )

    assert [(r.code, r.article) for r in own] == [("recusal_own_decision", ART_43)]


def test_a_handler_may_request_only_their_own_recusal(team, filed):
    reasons = refused(
        case_services.apply_for_recusal,
        case=filed,
        actor=team.officer1.user,
        officer=team.officer2,
        applicant="self",
        applied_on=timezone.localdate(),
        grounds="同事关系",
    )
    own = case_services.apply_for_recusal(
        case=filed,
        actor=team.officer2.user,
        officer=team.officer2,
        applicant="self",
        applied_on=timezone.localdate(),
        grounds="本人曾与当事人有债务往来。",
    )

    assert [(r.code, r.article) for r in reasons] == [("recusal_not_own", ART_43)]
    assert own.applicant == "self" and own.party is None


def test_an_application_is_recorded_by_a_handler_names_a_handler_and_the_applying_party(team, filed):
    def apply(**kwargs):
        fields = {
            "case": filed,
            "actor": team.officer1.user,
            "officer": team.officer2,
            "applicant": "party",
            "party": filed.parties.first(),
            "applied_on": timezone.localdate(),
            "grounds": "利害关系",
        }
        return refused(case_services.apply_for_recusal, **{**fields, **kwargs})

    assert codes(apply(actor=team.outsider.user)) == ["not_a_handler"]
    assert codes(apply(actor=team.officer3.user)) == ["not_a_handler"]
    assert codes(apply(officer=team.officer3)) == ["not_a_handler"]
    assert codes(apply(party=None)) == ["recusal_party_missing"]


def test_a_second_application_waits_for_the_first_decision(team, filed):
    first = party_applies(team, filed)

    second = refused(party_applies, team=team, case=filed)
    case_services.decide_recusal(
        case=filed, actor=team.head.user, application=first, decision="rejected", reasons="查无实据"
    )
    party_applies(team, filed)

    assert codes(second) == ["recusal_application_pending"]
    assert filed.recusal_applications.count() == 2


def test_the_flow_through_the_api_and_the_case_file_lists_the_applications(team, filed, api):
    party = filed.parties.first()
    applied = api(team.officer1).post(
        f"/api/v1/cases/{filed.pk}/actions/apply_for_recusal/",
        {
            "officer": team.officer2.pk,
            "applicant": "party",
            "party": party.pk,
            "applied_on": timezone.localdate().isoformat(),
            "grounds": "李娜系当事人的表妹。",
        },
        format="json",
    )
    application = filed.recusal_applications.get()
    by_handler = api(team.officer1).post(
        f"/api/v1/cases/{filed.pk}/actions/decide_recusal/",
        {"application": application.pk, "decision": "approved", "reasons": "同意"},
        format="json",
    )
    decided = api(team.head).post(
        f"/api/v1/cases/{filed.pk}/actions/decide_recusal/",
        {"application": application.pk, "decision": "rejected", "reasons": "查无实据"},
        format="json",
    )
    body = api(team.officer1).get(f"/api/v1/cases/{filed.pk}/").json()

    assert applied.status_code == 200
    assert by_handler.status_code == 409 and by_handler.json()["reasons"][0]["code"] == "not_agency_head"
    assert decided.status_code == 200
    [row] = body["recusal_applications"]
    assert (row["officer"]["name"], row["applicant"], row["party"]) == ("李娜", "party", party.name)
    assert (row["decision"], row["decision_reasons"], row["decided_by"]) == ("rejected", "查无实据", "吴局长")
    assert team.officer2.pk in body["handlers"]


def test_the_case_page_shows_the_application_and_its_decision(team, filed, client):
    application = party_applies(team, filed)
    client.force_login(team.head.user)

    pending = client.get(reverse("cases:detail", args=[filed.pk])).content.decode()
    response = client.post(
        reverse("cases:action", args=[filed.pk, "decide_recusal"]),
        {"decide_recusal-application": application.pk, "decide_recusal-decision": "rejected",
         "decide_recusal-reasons": "亲属关系查无实据。"},
    )  # fmt: skip
    page = client.get(reverse("cases:detail", args=[filed.pk])).content.decode()

    assert "决定作出之前，不停止调查" in pending and "决定回避申请" in pending
    assert response.status_code == 302
    assert "驳回申请" in page and "亲属关系查无实据。" in page and "李娜系当事人的表妹。" in page


def test_no_recusal_without_an_application_the_head_granted(team, filed, api):
    # 第四十三条: the one-step recusal is gone; a handler's own request leaves them on the case until the head decides.
    one_step = api(team.officer2).post(
        f"/api/v1/cases/{filed.pk}/actions/recuse_handler/",
        {"officer": team.officer2.pk, "initiator": "self", "reason": "本人自行回避"},
        format="json",
    )
    own = case_services.apply_for_recusal(
        case=filed, actor=team.officer2.user, officer=team.officer2, applicant="self",
        applied_on=timezone.localdate(), grounds="本人与当事人系同学。",
    )  # fmt: skip
    pending = filed.assignments.get(officer=team.officer2).recused_at
    case_services.decide_recusal(
        case=filed, actor=team.head.user, application=own, decision="approved", reasons="理由成立。"
    )

    assert one_step.status_code == 404
    assert "recuse_handler" not in {a.name for a in registry.all_actions()}
    assert pending is None
    assignment = filed.assignments.get(officer=team.officer2)
    assert assignment.recused_at is not None and assignment.recusal_application == own


def test_an_application_dated_after_today_is_400(team, filed, api):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = api(team.officer2).post(
        f"/api/v1/cases/{filed.pk}/actions/apply_for_recusal/",
        {"officer": team.officer2.pk, "applicant": "self", "applied_on": tomorrow.isoformat(), "grounds": "亲属"},
        format="json",
    )

    assert response.status_code == 400 and "applied_on" in response.json()["errors"]
    assert not filed.recusal_applications.exists()
