"""公开: the penalty decision published within 7 working days (国办发〔2018〕118号; 行政处罚法 第四十八条第一款),
the party's name masked (第五十条), and withdrawn with a public reason once the decision is changed, revoked,
confirmed unlawful or void (第四十八条第二款、第八十五条: within 3 working days).

Every test runs on a frozen clock from Monday 2026-06-01 09:00 (Asia/Shanghai), as ``test_execution``; the
decisions are made that day, so the 7 working days end on Wednesday 2026-06-10.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.choices import EventType
from cases.guards.publication import publication_clock_of
from cases.models import CaseEvent, Publication
from cases.services import deciding
from cases.services import execution as svc
from cases.services.execution.publication import published_party_name
from cases.views.execution import execution_section
from deadlines.choices import Outcome
from deadlines.models import Deadline
from kernel.privacy import mask_name
from tests.cases.factories import ORGANIZATION
from tests.cases.test_execution import at, clock, codes, d, refused, team

ART_48 = "《中华人民共和国行政处罚法》第四十八条"
__all__ = ["clock", "team"]  # fixtures shared with test_execution


def decided(team, *, outcome="penalty", warning=False, **open_overrides):
    """Filed, concluded, notified and waived today, decided today by the head (a fine of 8,000 yuan)."""
    case = team.open_and_file(**open_overrides)
    if warning:
        team.conclude(case, penalty_kinds=["warning"], fine_amount=None)
        penalty = {"decided_penalty_kinds": ["warning"]}
    elif outcome == "penalty":
        team.conclude(case)
        penalty = {"decided_penalty_kinds": ["fine"], "decided_fine_amount": Decimal("8000")}
    else:
        team.conclude(case, outcome=outcome, no_penalty_ground="minor_corrected", penalty_kinds=[], fine_amount=None)
        penalty = {}
    team.notify(case)
    team.waive(case)
    return deciding.decide_case(
        case=case, actor=team.head.user, outcome=outcome, decided_on=timezone.localdate(), **penalty
    )


def serve(team, case, *, on=None):
    return svc.serve_decision(
        case=case, actor=team.officer1.user, served_on=on or timezone.localdate(), method="direct", recipient="张三"
    )


def publish(team, case, *, on=None, by=None, **fields):
    fields.setdefault("channel", "portal")
    return svc.publish_decision(
        case=case, actor=(by or team.officer1).user, published_on=on or timezone.localdate(), **fields
    )


def withdraw(team, publication, *, on=None, by=None, reason="行政处罚决定已被依法撤销。"):
    return svc.withdraw_publication(
        publication=publication,
        actor=(by or team.officer1).user,
        withdrawn_on=on or timezone.localdate(),
        reason=reason,
    )


def revoke(team, case, clock, *, outcome="revoked"):
    """The party sues on 1 June; the court revokes the decision on Friday 28 August, recorded on 1 September."""
    remedy = svc.file_remedy(
        case=case, actor=team.officer1.user, kind="litigation", filed_on=d(6, 1), organ="昆都仑区人民法院"
    )
    clock.move_to(at(2026, 9, 1))
    return svc.record_remedy_outcome(remedy=remedy, actor=team.officer1.user, outcome=outcome, decided_on=d(8, 28))


def last_event(case, name):
    return CaseEvent.objects.filter(case=case, name=name).order_by("-seq").first()


# --- publishing (第四十八条第一款; 国办发〔2018〕118号) -------------------------------------------------------------


def test_publishing_records_what_was_published_with_the_name_masked(team, clock):
    case = decided(team)
    clock.move_to(at(2026, 6, 3))

    item = publish(team, case, on=d(6, 3), url="https://www.baotou.gov.cn/xzcf/1.html", note="门户网站行政处罚栏目")

    assert (item.published_on, item.channel, item.url) == (d(6, 3), "portal", "https://www.baotou.gov.cn/xzcf/1.html")
    assert item.party_name == "张某"  # 行政处罚法 第五十条: the given name of a natural person hidden
    assert item.summary == "销售过期食品案；罚款8,000.00元"
    published_in = publication_clock_of(item)  # the stored deadline ``publication``
    assert (published_in.due_on, published_in.late, published_in.provisional) == (d(6, 10), False, False)
    assert item.live and item.recorded_by == team.officer1.user
    event = last_event(case, "publish_decision")
    assert event.event_type == EventType.PUBLICATION
    assert event.payload["published_on"] == "2026-06-03"
    assert Deadline.objects.get(case=case, kind="publication").met_on == d(6, 3)
    assert event.payload["publication"] == item.pk
    assert "张三" not in str(event.payload) and "11010519491231002X" not in str(event.payload)


def test_the_published_number_is_the_issued_decisions(team):
    from documents.services import issue_document

    case = decided(team)
    document = case.documents.filter(kind="penalty_decision").first() or issue_document(
        case=case, kind="penalty_decision", actor=team.officer1.user
    )

    assert document.number
    assert publish(team, case).decision_number == document.number


def test_a_persons_name_keeps_only_the_surname():
    assert mask_name("张三") == "张某"
    assert mask_name("欧阳小明") == "欧某某某"
    assert mask_name("") == ""


def test_an_organizations_name_is_published_whole(team):
    case = decided(team, parties=[dict(ORGANIZATION)])
    assert published_party_name(case) == "包头市某某食品有限公司"
    assert publish(team, case).party_name == "包头市某某食品有限公司"


def test_the_head_may_publish_too(team):
    case = serve(team, decided(team))
    assert publish(team, case, by=team.head).live


def test_publishing_meets_the_publication_deadline(team, clock):
    case = decided(team)
    deadline = Deadline.objects.get(case=case, kind="publication")
    assert (deadline.outcome, deadline.due_on) == (Outcome.OPEN, d(6, 10))

    clock.move_to(at(2026, 6, 4))
    publish(team, case, on=d(6, 4))

    deadline.refresh_from_db()
    assert (deadline.outcome, deadline.met_on) == (Outcome.MET, d(6, 4))
    assert deadline.closed_by == last_event(case, "publish_decision")


def test_a_late_publication_is_recorded_and_flagged_not_refused(team, clock):
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 12))

    item = publish(team, case, on=d(6, 11))

    assert (publication_clock_of(item).due_on, publication_clock_of(item).late) == (d(6, 10), True)
    deadline = Deadline.objects.get(case=case, kind="publication")
    assert deadline.met_late
    assert (deadline.outcome, deadline.met_on) == (Outcome.MET, d(6, 11))


def test_a_closed_case_may_still_be_published(team):
    from cases.services import lifecycle

    case = decided(team, warning=True)
    svc.serve_decision(  # 电子送达 with the signed consent: no 送达回证 to scan before closing
        case=case,
        actor=team.officer1.user,
        served_on=d(6, 1),
        method="electronic",
        address="zhangsan@example.cn",
        consent_signed_on=d(5, 20),
    )
    closed = lifecycle.close_case(case=case, actor=team.head.user, report="执行完毕，结案。")

    item = publish(team, closed)

    assert item.live and item.summary == "销售过期食品案；警告"


def test_only_a_handler_or_a_head_publishes(team):
    case = serve(team, decided(team))
    reasons = refused(publish, team=team, case=case, by=team.officer3)
    assert codes(reasons) == ["not_handler_or_head"]
    assert not case.publications.exists()


def test_nothing_is_published_before_the_decision(team):
    case = team.open_and_file()
    reasons = refused(publish, team=team, case=case)
    assert codes(reasons) == ["not_decided"]
    assert reasons[0].article == ART_48


def test_a_decision_not_to_penalize_is_not_published(team):
    case = decided(team, outcome="no_penalty")
    reasons = refused(publish, team=team, case=case)
    assert codes(reasons) == ["no_penalty_decided"]
    assert reasons[0].article == ART_48


def test_a_revoked_decision_is_not_published(team, clock):
    case = serve(team, decided(team))
    revoke(team, case, clock)
    assert codes(refused(publish, team=team, case=case, on=d(9, 1))) == ["decision_revoked"]


def test_the_publication_date_lies_between_the_decision_and_today(team):
    case = decided(team)
    assert codes(refused(publish, team=team, case=case, on=d(5, 31))) == ["date_too_early"]
    assert codes(refused(publish, team=team, case=case, on=d(6, 2))) == ["date_in_future"]


def test_one_live_publication_per_case(team):
    case = decided(team)
    publish(team, case)
    reasons = refused(publish, team=team, case=case, channel="credit_china")
    assert codes(reasons) == ["already_published"]
    assert reasons[0].article == ART_48
    assert case.publications.count() == 1


def test_only_a_web_address_is_kept(team):
    from django.core.exceptions import ValidationError

    case = decided(team)
    with pytest.raises(ValidationError):
        publish(team, case, url="javascript:alert(1)")
    assert not case.publications.exists()


# --- withdrawing (第四十八条第二款、第八十五条) -----------------------------------------------------------------


def test_withdrawing_after_a_revocation_fills_the_remedy(team, clock):
    case = serve(team, decided(team))
    item = publish(team, case)
    remedy = revoke(team, case, clock)
    deadline = Deadline.objects.get(case=case, kind="publication_withdrawal", ref=str(remedy.pk))
    assert (deadline.due_on, deadline.outcome) == (d(9, 2), "open")  # 3 working days after Friday 28 August

    withdrawn = withdraw(team, item, on=d(9, 1))
    deadline.refresh_from_db()
    assert (deadline.outcome, deadline.met_on) == ("met", d(9, 1))

    assert (withdrawn.withdrawn_on, withdrawn.withdrawal_reason) == (d(9, 1), "行政处罚决定已被依法撤销。")
    assert not withdrawn.live
    remedy.refresh_from_db()
    assert remedy.publication_withdrawn_on == d(9, 1)
    payload = last_event(case, "withdraw_publication").payload
    assert (payload["remedies"], deadline.due_on, deadline.met_late) == ([remedy.pk], d(9, 2), False)
    assert codes(refused(publish, team=team, case=case, on=d(9, 1))) == ["decision_revoked"]


def test_a_late_withdrawal_is_flagged(team, clock):
    case = serve(team, decided(team))
    item = publish(team, case)
    remedy = revoke(team, case, clock, outcome="confirmed_unlawful")
    clock.move_to(at(2026, 9, 4))

    withdraw(team, item, on=d(9, 3))

    remedy.refresh_from_db()
    assert remedy.publication_withdrawn_on == d(9, 3)
    assert Deadline.objects.get(case=case, kind="publication_withdrawal", ref=str(remedy.pk)).met_late


def test_a_changed_decision_is_withdrawn_then_published_again(team, clock):
    case = serve(team, decided(team))
    first = publish(team, case)
    remedy = svc.file_remedy(
        case=case, actor=team.officer1.user, kind="reconsideration", filed_on=d(6, 1), organ="包头市人民政府"
    )
    clock.move_to(at(2026, 7, 1))
    svc.record_remedy_outcome(
        remedy=remedy,
        actor=team.officer1.user,
        outcome="changed",
        decided_on=d(6, 30),
        changed_fine_amount=Decimal("6000"),
    )
    withdraw(team, first, on=d(7, 1), reason="复议机关变更了处罚决定。")

    again = publish(team, case, on=d(7, 1), channel="credit_china")

    assert again.live and not Publication.objects.get(pk=first.pk).live
    assert case.publications.count() == 2


def test_only_a_live_publication_is_withdrawn(team):
    case = decided(team)
    item = publish(team, case)
    withdraw(team, item)
    reasons = refused(withdraw, team=team, publication=item)
    assert codes(reasons) == ["publication_not_live"]
    assert reasons[0].article == ART_48


def test_a_withdrawal_states_its_reason_and_follows_the_publication(team, clock):
    case = decided(team)
    clock.move_to(at(2026, 6, 3))
    item = publish(team, case, on=d(6, 3))

    reasons = refused(withdraw, team=team, publication=item, reason="  ", on=d(6, 2))
    assert codes(reasons) == ["withdrawal_reason_missing", "date_too_early"]
    assert codes(refused(withdraw, team=team, publication=item, by=team.officer3)) == ["not_handler_or_head"]
    assert Publication.objects.get(pk=item.pk).live


# --- the API ---------------------------------------------------------------------------------------------------


def publications_url(case):
    return f"/api/v1/cases/{case.pk}/publications/"


def withdrawal_url(case, publication):
    return f"/api/v1/cases/{case.pk}/publications/{publication.pk}/withdrawal/"


POSTED = {"published_on": "2026-06-01", "channel": "credit_china", "url": "https://www.creditchina.gov.cn/x"}


def test_the_api_records_a_publication_and_shows_it_in_the_case_file(team, api):
    case = decided(team)

    created = api(team.officer1).post(publications_url(case), POSTED, format="json")

    assert created.status_code == 201
    body = created.json()
    assert (body["published_on"], body["channel"], body["party_name"], body["late"]) == (
        "2026-06-01",
        "credit_china",
        "张某",
        False,
    )
    assert body["due_on"] == "2026-06-10"
    casefile = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()
    assert [p["id"] for p in casefile["publications"]] == [body["id"]]
    assert api(team.officer1).get(publications_url(case)).json()[0]["id"] == body["id"]


def test_the_api_answers_a_refusal_with_409_and_its_reasons(team, api):
    case = decided(team)
    assert api(team.officer1).post(publications_url(case), POSTED, format="json").status_code == 201

    again = api(team.officer1).post(publications_url(case), POSTED, format="json")

    assert again.status_code == 409
    assert again.json()["reasons"] == [
        {
            "code": "already_published",
            "detail": "本案决定已于2026-06-01公开，尚未撤回；不能重复公开。",
            "article": ART_48,
        }
    ]
    assert case.publications.count() == 1


def test_the_api_checks_the_shape_first(team, api):
    case = decided(team)
    response = api(team.officer1).post(
        publications_url(case), {"published_on": "2026-06-01", "channel": "other"}, format="json"
    )
    assert response.status_code == 400
    assert "channel_detail" in response.json()["errors"]


def test_the_api_withdraws_a_publication(team, api):
    case = decided(team)
    item = publish(team, case)

    response = api(team.officer1).post(
        withdrawal_url(case, item),
        {"withdrawn_on": "2026-06-01", "reason": "决定书文号有误，更正后重新公开。"},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["withdrawn_on"], response.json()["withdrawal_reason"]) == (
        "2026-06-01",
        "决定书文号有误，更正后重新公开。",
    )
    again = api(team.officer1).post(
        withdrawal_url(case, item), {"withdrawn_on": "2026-06-01", "reason": "x"}, format="json"
    )
    assert again.status_code == 409
    assert again.json()["reasons"][0]["code"] == "publication_not_live"


def test_an_officer_of_another_agency_gets_404(team, api):
    case = decided(team)
    item = publish(team, case)
    outsider = api(team.outsider)

    assert outsider.post(publications_url(case), POSTED, format="json").status_code == 404
    assert outsider.get(publications_url(case)).status_code == 404
    withdrawal = {"withdrawn_on": "2026-06-01", "reason": "x"}
    assert outsider.post(withdrawal_url(case, item), withdrawal, format="json").status_code == 404
    assert Publication.objects.get(pk=item.pk).live


def test_a_publication_of_another_case_is_not_found_through_this_one(team, api):
    case, other = decided(team), decided(team)
    item = publish(team, other)
    response = api(team.officer1).post(
        withdrawal_url(case, item), {"withdrawn_on": "2026-06-01", "reason": "x"}, format="json"
    )
    assert response.status_code == 404
    assert Publication.objects.get(pk=item.pk).live


# --- the case page ---------------------------------------------------------------------------------------------


def action_url(case, action):
    return reverse("cases:execution_action", args=[case.pk, action])


def test_the_page_offers_publication_and_shows_what_was_published(team, client):
    case = decided(team)
    client.force_login(team.officer1.user)

    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-step="publish_decision"' in page
    assert 'data-clock="publish"' in page

    posted = {
        "publish_decision-published_on": "2026-06-01",
        "publish_decision-channel": "portal",
        "publish_decision-channel_detail": "包头市市场监督管理局网站“行政处罚信息”栏目",
    }
    assert client.post(action_url(case, "publish_decision"), posted).status_code == 302
    assert client.post(action_url(case, "publish_decision"), posted).status_code == 409

    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-publication="' in page
    assert "张某" in page and "“行政处罚信息”栏目" in page
    assert 'data-step="withdraw_publication"' in page
    assert 'data-step="publish_decision"' not in page

    withdrawal = {"withdraw_publication-withdrawn_on": "2026-06-01", "withdraw_publication-reason": "更正后重新公开。"}
    assert client.post(action_url(case, "withdraw_publication"), withdrawal).status_code == 302
    assert not case.publications.get().live


def test_the_section_offers_publication_to_handlers_and_heads_only(team):
    case = decided(team)
    assert [p.key for p in execution_section(case, officer=team.officer1).publication_panels] == ["publish_decision"]
    # The head alone may also decide not to publish (行政处罚法 第五十条; 政府信息公开条例).
    head_panels = execution_section(case, officer=team.head).publication_panels
    assert [p.key for p in head_panels] == ["publish_decision", "decide_not_to_publish"]
    assert execution_section(case, officer=team.officer3).publication_panels == []
    assert execution_section(decided(team, outcome="no_penalty"), officer=team.officer1).publication_panels == []


def test_an_outsider_gets_404_on_the_page_actions(team, client):
    case = decided(team)
    client.force_login(team.outsider.user)
    posted = {"publish_decision-published_on": "2026-06-01", "publish_decision-channel": "portal"}
    assert client.post(action_url(case, "publish_decision"), posted).status_code == 404
    assert not case.publications.exists()
