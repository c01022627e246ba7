"""听证主持人回避 (行政处罚法 第六十四条第四项): the party's application against the chair, recorded by a handler, then
the head's decision — granted, a new chair must be designated; rejected, the application stays on file. While the
application waits, the hearing is not held."""

import datetime

import pytest

from cases.models import ChairRecusal, Hearing
from cases.services import deciding
from cases.services import hearing as hearing_services
from cases.services.runner import reasons_for
from kernel.rules import ActionRefused
from tests.cases.test_hearing_rights import hearing_day, on  # noqa: F401 (the fixture)

ART_64_4 = "《中华人民共和国行政处罚法》第六十四条第四项"


def codes(reasons):
    return [r.code for r in reasons]


def apply(team, case, *, by=None, applied_on=datetime.date(2026, 10, 12), **overrides):
    fields = {"party": case.parties.first(), "applied_on": applied_on, "grounds": "主持人系当事人的近亲属。"}
    return hearing_services.apply_for_chair_recusal(
        case=case, actor=(by or team.officer1).user, **{**fields, **overrides}
    )


def decide(team, case, application, *, by=None, granted):
    return hearing_services.decide_chair_recusal(
        case=case, actor=(by or team.head).user, application=application, granted=granted,
        decision="经查属实，决定回避。" if granted else "经查不属实，驳回申请。",
        decided_on=datetime.date(2026, 10, 13),
    )  # fmt: skip


def hold(team, case, chair=None):
    return deciding.hold_hearing(
        case=case, actor=(chair or team.chair).user, outcome="held", ended_on=datetime.date(2026, 10, 20),
        transcript="听证笔录", report="听证报告", transcript_signature="party",
    )  # fmt: skip


def test_a_handler_records_the_partys_application_which_waits_for_the_head(team, hearing_day):  # noqa: F811
    with pytest.raises(ActionRefused) as too_early:
        apply(team, hearing_day, applied_on=datetime.date(2026, 10, 8))
    with pytest.raises(ActionRefused) as no_party:
        apply(team, hearing_day, party=None)
    application = apply(team, hearing_day)
    event = hearing_day.events.filter(name="apply_for_chair_recusal", event_type="hearing").get()

    assert codes(too_early.value.reasons) == ["applied_before_request"]
    assert codes(no_party.value.reasons) == ["recusal_party_missing"]
    assert application.is_pending and application.chair == team.chair
    assert application.party == hearing_day.parties.first() and application.recorded_by == team.officer1.user
    assert Hearing.objects.get(notice__case=hearing_day).chair == team.chair  # still the chair until decided
    assert event.payload["chair"]["id"] == team.chair.pk and event.payload["grounds"] == "主持人系当事人的近亲属。"


def test_the_hearing_is_not_held_while_the_application_waits(team, hearing_day):  # noqa: F811
    application = apply(team, hearing_day)

    with pytest.raises(ActionRefused) as pending:
        hold(team, hearing_day)
    with pytest.raises(ActionRefused) as second:
        apply(team, hearing_day)
    decide(team, hearing_day, application, granted=False)
    held = hold(team, hearing_day)

    assert codes(pending.value.reasons) == ["chair_recusal_pending"]
    assert pending.value.reasons[0].article == ART_64_4
    assert "2026-10-12" in pending.value.reasons[0].detail
    assert codes(second.value.reasons) == ["chair_recusal_pending"]
    assert held.notices.get().hearing.outcome == "held"


def test_only_a_head_decides_and_a_rejected_application_stays_on_file(team, hearing_day):  # noqa: F811
    application = apply(team, hearing_day)

    with pytest.raises(ActionRefused) as by_handler:
        decide(team, hearing_day, application, by=team.officer1, granted=True)
    rejected = decide(team, hearing_day, application, granted=False)
    with pytest.raises(ActionRefused) as again:
        decide(team, hearing_day, application, granted=True)

    assert codes(by_handler.value.reasons) == ["not_agency_head"]
    kept = ChairRecusal.objects.get(pk=rejected.pk)
    assert (kept.granted, kept.decision, kept.decided_by) == (False, "经查不属实，驳回申请。", team.head)
    assert Hearing.objects.get(notice__case=hearing_day).chair == team.chair
    assert codes(again.value.reasons) == ["recusal_already_decided"]


def test_a_chair_who_is_a_head_does_not_decide_the_application_against_them(team, hearing_day):  # noqa: F811
    from officers.models import Officer

    Officer.objects.filter(pk=team.chair.pk).update(is_head=True)
    application = apply(team, hearing_day)

    with pytest.raises(ActionRefused) as own:
        decide(team, hearing_day, application, by=team.chair, granted=False)
    decided = decide(team, hearing_day, application, by=team.head, granted=False)

    assert codes(own.value.reasons) == ["recusal_own_decision"] and own.value.reasons[0].article == ART_64_4
    assert decided.decided_by == team.head


def test_a_granted_recusal_leaves_the_hearing_without_a_chair_until_another_is_designated(team, hearing_day):  # noqa: F811
    from tests.cases.factories import certified_officer

    granted = decide(team, hearing_day, apply(team, hearing_day), granted=True)
    with pytest.raises(ActionRefused) as holds:
        hold(team, hearing_day)
    reschedule = {
        "case": hearing_day, "actor": team.officer1.user, "hearing_notice_served_on": datetime.date(2026, 10, 20),
        "hearing_on": datetime.date(2026, 10, 30), "place": "听证室",
    }  # fmt: skip
    with pytest.raises(ActionRefused) as again:
        deciding.schedule_hearing(chair=team.chair, **reschedule)
    other = certified_officer(agency=team.agency, domain=team.domain, name="韩主持", is_hearing_chair=True)
    rescheduled = deciding.schedule_hearing(chair=other, **reschedule)
    event = hearing_day.events.filter(name="decide_chair_recusal", event_type="hearing").get()

    assert granted.granted and granted.decided_by == team.head
    assert codes(holds.value.reasons) == ["hearing_not_scheduled"]
    assert codes(again.value.reasons) == ["chair_recused"] and again.value.reasons[0].article == ART_64_4
    assert rescheduled.notices.get().hearing.chair == other
    assert event.payload["granted"] is True and event.payload["chair"]["id"] == team.chair.pk


def test_no_application_before_a_chair_is_designated_and_no_decision_without_one(team):
    from decimal import Decimal

    with on(datetime.date(2026, 9, 30)):
        case = team.open_and_file(violation_date=datetime.date(2026, 9, 1), discovered_on=datetime.date(2026, 9, 20))
        team.conclude(case, fine_amount=Decimal("50000"))
        team.notify(case)
    with on(datetime.date(2026, 10, 9)):
        deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 9))
        applying = reasons_for(case, "apply_for_chair_recusal", team.officer1.user)
        deciding_ = reasons_for(case, "decide_chair_recusal", team.head.user)

    assert codes(applying) == ["no_chair_designated"]
    assert codes(deciding_) == ["chair_recusal_missing"]


def test_the_application_and_decision_through_the_api(team, hearing_day, api):  # noqa: F811
    url = f"/api/v1/cases/{hearing_day.pk}/actions/"
    applied = api(team.officer1).post(
        url + "apply_for_chair_recusal/",
        {"party": hearing_day.parties.first().pk, "applied_on": "2026-10-12", "grounds": "主持人系当事人的近亲属。"},
        format="json",
    )
    application = ChairRecusal.objects.get(hearing__notice__case=hearing_day)
    decided = api(team.head).post(
        url + "decide_chair_recusal/",
        {"application": application.pk, "granted": True, "decision": "理由成立。", "decided_on": "2026-10-13"},
        format="json",
    )
    other_agency = api(team.outsider).post(url + "apply_for_chair_recusal/", {}, format="json")

    assert applied.status_code == 200, applied.content
    assert decided.status_code == 200, decided.content
    assert Hearing.objects.get(notice__case=hearing_day).chair is None
    assert other_agency.status_code == 404


# --- shown on the case file: the page's hearing section and the API's ``hearing.recusals`` --------------------------


def test_the_case_page_lists_the_applications_against_the_chair_pending_and_decided(team, hearing_day, client):  # noqa: F811
    rejected = decide(team, hearing_day, apply(team, hearing_day), granted=False)
    pending = apply(team, hearing_day, grounds="主持人曾参与本案调查。", applied_on=datetime.date(2026, 10, 14))
    client.force_login(team.officer2.user)

    body = client.get(f"/cases/{hearing_day.pk}/").content.decode()

    assert "听证主持人回避申请" in body
    first = body[body.index(f'data-chair-recusal="{rejected.pk}"') : body.index(f'data-chair-recusal="{pending.pk}"')]
    second = body[body.index(f'data-chair-recusal="{pending.pk}"') :]
    second = second[: second.index("</li>")]
    party = hearing_day.parties.first().name
    for word in (team.chair.name, party, "2026-10-12", "主持人系当事人的近亲属。", "驳回申请", team.head.name,
                 "2026-10-13", "经查不属实，驳回申请。", team.officer1.name):  # fmt: skip
        assert word in first, word
    assert 'class="chair-recusal rejected"' in body and 'class="chair-recusal pending"' in body
    assert "待决定" in second and "主持人曾参与本案调查。" in second and "2026-10-14" in second


def test_the_api_case_file_lists_the_applications_with_the_hearing(team, hearing_day, api):  # noqa: F811
    granted = decide(team, hearing_day, apply(team, hearing_day), granted=True)

    body = api(team.officer2).get(f"/api/v1/cases/{hearing_day.pk}/").json()

    assert body["hearing"]["recusals"] == [
        {
            "id": granted.pk,
            "chair": {"id": team.chair.pk, "name": team.chair.name},
            "party": hearing_day.parties.first().name,
            "applied_on": "2026-10-12",
            "grounds": "主持人系当事人的近亲属。",
            "state": "granted",
            "state_label": "决定回避",
            "decision": "经查属实，决定回避。",
            "decided_by": team.head.name,
            "decided_on": "2026-10-13",
            "recorded_by": team.officer1.name,
        }
    ]
    assert body["hearing"]["chair"] is None  # granted: no chair until another is designated


def test_the_case_file_reads_the_applications_in_one_query_however_many(team, hearing_day, api, client):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(team.officer1.user)
    rest = api(team.officer1)

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            assert client.get(f"/cases/{hearing_day.pk}/").status_code == 200
        with CaptureQueriesContext(connection) as casefile:
            assert rest.get(f"/api/v1/cases/{hearing_day.pk}/").status_code == 200
        return len(page.captured_queries), len(casefile.captured_queries)

    decide(team, hearing_day, apply(team, hearing_day), granted=False)
    one = counts()
    decide(team, hearing_day, apply(team, hearing_day, applied_on=datetime.date(2026, 10, 13)), granted=False)
    decide(team, hearing_day, apply(team, hearing_day), granted=False)

    assert counts() == one
