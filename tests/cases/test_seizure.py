"""查封、扣押 (行政强制法 第十八条、第十九条、第二十二条、第二十五条、第二十七条、第二十八条): offered only
for a matter whose catalogue entry names the empowering law, decided by the head, carried out before the party or
a witness, its 30-day period on the one clock, extended by at most 30 days in all, testing time left out, disposed
of within the period or released."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import Seizure
from cases.services import lifecycle
from cases.services import seizure as svc
from deadline_watch import approvals
from deadlines.models import Deadline
from kernel.rules import ACEL_18, ACEL_22, ActionRefused
from tests.matters.factories import LegalProvisionFactory

pytestmark = pytest.mark.django_db

SH = ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SH)


@pytest.fixture(autouse=True)
def _strict_deadlines(settings):
    settings.DEADLINES_STRICT = True


@pytest.fixture
def clock():
    """Frozen at 2026-09-01 18:00 Shanghai time; ``clock.move_to(moment)`` moves it."""
    with time_machine.travel(at(D(2026, 9, 1), 18), tick=False) as traveller:
        yield traveller


@pytest.fixture
def empowered(team):
    """The team's matter names its empowering provision (like 食品安全法 第一百一十条第（四）项)."""
    team.matter.seizure_provision = LegalProvisionFactory(
        law="中华人民共和国食品安全法", article="第一百一十条第（四）项", text="……（四）查封、扣押……的食品；"
    )
    team.matter.save()
    return team.matter


@pytest.fixture
def case(team, clock, empowered):
    return team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))


def seizure_data(team, **overrides):
    data = {
        "measure": "impound",
        "items": "过期面包 12袋\n过期牛奶 3箱",
        "place": "本局涉案物品保管室",
        "reason": "涉嫌经营超过保质期的食品",
        "approved_by": team.head,
        "approved_at": at(D(2026, 9, 1), 9),
        "carried_out_at": at(D(2026, 9, 1), 10),
        "party_present": True,
        "record_signature": "party_signed",
        "party_informed": True,
        "statement_heard": True,
    }
    data.update(overrides)
    return data


def seize(team, case, **overrides) -> Seizure:
    return svc.seize(case=case, actor=team.officer1.user, **seizure_data(team, **overrides))


def refused(call, *args, **kwargs) -> list[tuple[str, str]]:
    with pytest.raises(ActionRefused) as blocked:
        call(*args, **kwargs)
    return [(r.code, r.article) for r in blocked.value.reasons]


def test_only_a_matter_whose_catalogue_entry_names_the_empowering_law_offers_seizure(team, clock):
    case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))

    assert refused(seize, team, case) == [("seizure_not_empowered", ACEL_22)]
    assert not Seizure.objects.exists()


def test_a_seizure_opens_its_thirty_day_clock_and_quotes_the_empowering_provision(team, case):
    seizure = seize(team, case)

    clock_row = Deadline.objects.get(case=case, kind="seizure")
    assert (clock_row.ref, clock_row.starts_on) == (str(seizure.pk), D(2026, 9, 1))
    assert clock_row.due_on == D(2026, 10, 8)  # 30 days end 10-01, in the National Day holiday: rolled
    assert seizure.basis.startswith("《中华人民共和国食品安全法》第一百一十条第（四）项")
    assert seizure.item_lines == ["过期面包 12袋", "过期牛奶 3箱"]


def test_the_measure_is_approved_by_a_head_before_it_is_carried_out(team, case):
    assert refused(seize, team, case, approved_by=team.officer2) == [("seizure_not_approved_by_head", ACEL_18)]
    assert refused(seize, team, case, approved_at=at(D(2026, 9, 1), 11)) == [("seizure_approved_after", ACEL_18)]
    assert refused(seize, team, case, approved_at=at(D(2026, 9, 1), 19)) == [
        ("seizure_approved_after", ACEL_18),
        ("seizure_in_future", ACEL_18),
    ]


def test_the_party_is_present_or_a_witness_and_the_record_is_signed_or_the_refusal_noted(team, case):
    assert refused(seize, team, case, party_present=False) == [("seizure_without_witness", ACEL_18)]
    assert refused(seize, team, case, party_present=False, witness="王五") == [("seizure_record_unsigned", ACEL_18)]
    assert refused(seize, team, case, record_signature="witness_signed") == [("seizure_record_unsigned", ACEL_18)]

    refusal_noted = seize(team, case, record_signature="party_refused")
    witnessed = seize(team, case, party_present=False, witness="王五", record_signature="witness_signed")
    assert (refusal_noted.record_signature, witnessed.witness) == ("party_refused", "王五")


def test_extensions_together_never_exceed_thirty_days(team, case):
    seize(team, case)
    row = Deadline.objects.get(case=case, kind="seizure")

    notified = {"party_notified_on": D(2026, 9, 1)}
    approvals.extend_deadline(deadline=row, actor=team.head.user, days=15, reason="情况复杂，需补充调查", **notified)
    with pytest.raises(ActionRefused) as blocked:
        approvals.extend_deadline(deadline=row, actor=team.head.user, days=20, reason="仍需调查", **notified)
    assert [r.code for r in blocked.value.reasons] == ["extension_cap"]
    assert "第二十五条" in blocked.value.reasons[0].article

    approvals.extend_deadline(deadline=row, actor=team.head.user, days=15, reason="仍需调查", **notified)
    row.refresh_from_db()
    assert row.due_on == D(2026, 11, 2)  # 10-01 + 30 = 10-31, a Saturday: rolled to Monday


def test_testing_time_is_stated_notified_and_not_counted(team, case, clock):
    seizure = seize(team, case)
    clock.move_to(at(D(2026, 9, 20), 9))
    testing = {"case": case, "actor": team.officer1.user, "seizure": seizure, "started_on": D(2026, 9, 10)}
    assert refused(svc.start_seizure_testing, **testing) == [
        ("testing_period_not_notified", "《中华人民共和国行政强制法》第二十五条")
    ]

    svc.start_seizure_testing(**testing, until=D(2026, 9, 25), notified_on=D(2026, 9, 10))
    svc.end_seizure_testing(case=case, actor=team.officer1.user, seizure=seizure, ended_on=D(2026, 9, 19))

    row = Deadline.objects.get(case=case, kind="seizure")
    assert row.due_on == D(2026, 10, 12)  # ten days not counted: 10-11 is a Sunday, rolled to Monday


def test_a_disposal_is_decided_within_the_period_and_after_it_the_seizure_is_released(team, case, clock):
    seizure = seize(team, case)
    clock.move_to(at(D(2026, 10, 9), 9))
    head = {"case": case, "actor": team.head.user, "seizure": seizure}

    assert refused(svc.dispose_seizure, **head, decided_on=D(2026, 10, 9), disposal="confiscate", note="没收") == [
        ("seizure_period_over", "《中华人民共和国行政强制法》第二十七条、《中华人民共和国行政强制法》第二十八条")
    ]
    svc.release_seizure(**head, decided_on=D(2026, 10, 9), ground="period_expired", returned_on=D(2026, 10, 9))

    row = Deadline.objects.get(case=case, kind="seizure")
    assert not row.is_open
    assert refused(svc.end_seizure_testing, **head, ended_on=D(2026, 10, 9))[0][0] == "seizure_ended"


def test_a_disposal_within_the_period_closes_the_clock(team, case, clock):
    seizure = seize(team, case)
    clock.move_to(at(D(2026, 9, 20), 9))

    assert refused(
        svc.dispose_seizure, case=case, actor=team.officer1.user, seizure=seizure, decided_on=D(2026, 9, 20),
        disposal="destroy", note="依法销毁",
    ) == [("not_agency_head", "《中华人民共和国行政处罚法》第五十七条")]  # fmt: skip
    svc.dispose_seizure(
        case=case, actor=team.head.user, seizure=seizure, decided_on=D(2026, 9, 20), disposal="destroy", note="依法销毁"
    )
    assert not Deadline.objects.get(case=case, kind="seizure").is_open


def test_the_api_offers_the_seizure_with_the_same_form_and_refusals(team, case, api):
    url = f"/api/v1/cases/{case.pk}/actions/seize/"
    payload = {
        **seizure_data(team),
        "approved_by": team.head.pk,
        "approved_at": "2026-09-01T09:00:00+08:00",
        "carried_out_at": "2026-09-01T10:00:00+08:00",
    }

    refused_response = api(team.officer1).post(url, {**payload, "approved_by": team.officer2.pk}, format="json")
    assert refused_response.status_code == 409
    assert refused_response.json()["reasons"][0]["code"] == "seizure_not_approved_by_head"

    response = api(team.officer1).post(url, payload, format="json")
    assert response.status_code in (200, 201), response.content
    assert Seizure.objects.filter(case=case).count() == 1
    assert api(team.outsider).post(url, payload, format="json").status_code == 404


def test_the_catalogue_api_names_the_empowering_provision_or_none(team, api):
    matter = api(team.officer1).get(f"/api/v1/matters/{team.matter.code}/").json()
    assert matter["legal_basis"]["seizure"] is None

    team.matter.seizure_provision = LegalProvisionFactory(article="第一百一十条第（四）项")
    team.matter.save()
    matter = api(team.officer1).get(f"/api/v1/matters/{team.matter.code}/").json()
    assert matter["legal_basis"]["seizure"]["article"] == "第一百一十条第（四）项"


def test_the_case_page_shows_the_seizure_its_clock_and_the_steps_this_officer_may_take(team, case, client):
    client.force_login(team.officer1.user)
    before = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="seizure-seize"' in before

    seizure = seize(team, case)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'data-seizure="{seizure.pk}"' in page
    assert "至2026-10-08" in page  # the stored deadline, not a count of the page's own
    assert 'id="seizure-start_seizure_testing"' in page
    assert 'id="seizure-release_seizure"' not in page  # the head's decision (第二十八条)

    client.force_login(team.head.user)
    assert 'id="seizure-release_seizure"' in client.get(f"/cases/{case.pk}/").content.decode()


def test_the_case_page_offers_no_seizure_where_the_catalogue_names_no_empowering_law(team, clock, client):
    case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
    client.force_login(team.officer1.user)
    assert 'id="seizure"' not in client.get(f"/cases/{case.pk}/").content.decode()


def test_a_seizure_posted_from_the_page_runs_the_same_action(team, case, client):
    client.force_login(team.officer1.user)
    data = {f"seize-{k}": v for k, v in seizure_data(team).items()}
    data.update({"seize-approved_by": team.head.pk, "seize-approved_at": "2026-09-01 09:00",
                 "seize-carried_out_at": "2026-09-01 10:00", "seize-party_present": "on",
                 "seize-party_informed": "on", "seize-statement_heard": "on"})  # fmt: skip

    response = client.post(f"/cases/{case.pk}/actions/seize/", data)

    assert response.status_code in (302, 303), response.content.decode()[:2000]
    assert Seizure.objects.get(case=case).approved_by == team.head


def test_the_case_file_lists_each_seizure_with_its_stored_last_day(team, case, api):
    seizure = seize(team, case)
    row = Deadline.objects.get(case=case, kind="seizure")
    approvals.extend_deadline(
        deadline=row, actor=team.head.user, days=10, reason="情况复杂", party_notified_on=D(2026, 9, 1)
    )

    casefile = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()

    [listed] = casefile["seizures"]
    # 30 + 10 days from 09-01 end on Sunday 10-11 (the extension runs from the unrolled last day): rolled to Monday.
    assert (listed["id"], listed["items"], listed["due_on"]) == (seizure.pk, seizure.item_lines, "2026-10-12")
    assert listed["approved_by"] == team.head.name


def test_an_extension_is_notified_to_the_party_in_writing(team, case):
    seize(team, case)
    row = Deadline.objects.get(case=case, kind="seizure")

    with pytest.raises(ActionRefused) as blocked:
        approvals.extend_deadline(deadline=row, actor=team.head.user, days=10, reason="情况复杂")
    assert [r.code for r in blocked.value.reasons] == ["extension_not_notified"]
    assert "第二十五条" in blocked.value.reasons[0].article

    extension = approvals.extend_deadline(
        deadline=row, actor=team.head.user, days=10, reason="情况复杂", party_notified_on=D(2026, 9, 1)
    )
    assert extension.party_notified_on == D(2026, 9, 1)


def test_the_case_time_limit_is_extended_without_a_notice_to_the_party(team, case):
    row = Deadline.objects.get(case=case, kind="case_time_limit")
    extension = approvals.extend_deadline(deadline=row, actor=team.head.user, days=30, reason="案情复杂")
    assert extension.party_notified_on is None


def test_the_case_is_not_withdrawn_while_a_seizure_is_open(team, case, clock):
    seizure = seize(team, case)
    clock.move_to(at(D(2026, 9, 3), 9))

    assert refused(lifecycle.withdraw_case, case=case, actor=team.head.user, reason="违法事实不能成立") == [
        ("seizure_left_open", "《中华人民共和国行政强制法》第二十七条、《中华人民共和国行政强制法》第二十八条")
    ]
    svc.release_seizure(
        case=case, actor=team.head.user, seizure=seizure, decided_on=D(2026, 9, 3), ground="no_violation",
        returned_on=D(2026, 9, 3),
    )  # fmt: skip
    assert lifecycle.withdraw_case(case=case, actor=team.head.user, reason="违法事实不能成立").status == "withdrawn"


def test_no_disposal_while_the_testing_runs_and_its_time_then_extends_the_period(team, case, clock):
    seizure = seize(team, case)
    clock.move_to(at(D(2026, 10, 20), 9))
    svc.start_seizure_testing(
        case=case, actor=team.officer1.user, seizure=seizure, started_on=D(2026, 9, 10), until=D(2026, 10, 30),
        notified_on=D(2026, 9, 10),
    )  # fmt: skip
    dispose = {"case": case, "actor": team.head.user, "seizure": seizure, "disposal": "confiscate", "note": "没收"}

    assert refused(svc.dispose_seizure, **dispose, decided_on=D(2026, 10, 20)) == [
        ("seizure_testing_running", "《中华人民共和国行政强制法》第二十五条")
    ]
    svc.end_seizure_testing(case=case, actor=team.officer1.user, seizure=seizure, ended_on=D(2026, 10, 19))
    # 09-10 to 10-19 (40 days) not counted: 10-01 + 40 = 11-10.
    assert Deadline.objects.get(case=case, kind="seizure").due_on == D(2026, 11, 10)
    assert svc.dispose_seizure(**dispose, decided_on=D(2026, 10, 20)).ended == "disposed"
