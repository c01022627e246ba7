"""record_interference: who may record, what a record must say, and that a case stays hidden."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kernel.rules import ActionRefused
from supervision.models import InterferenceRecord
from supervision.services import CASE_NOT_VISIBLE, record_interference
from tests.officers.factories import AgencyFactory, OfficerFactory, UserFactory
from tests.supervision.factories import an_hour_ago, record


def test_an_officer_records_an_intervention_in_a_case_of_their_agency(team):
    case = team.open()

    made = record(team.officer1, case=case, evidence_notes="通话记录截图已保存。")

    made.refresh_from_db()
    assert made.agency == team.agency
    assert made.recorded_by == team.officer1
    assert made.case == case
    assert made.recorded_at is not None
    assert made.get_manner_display() == "电话"
    assert made.evidence_notes == "通话记录截图已保存。"


def test_an_intervention_may_concern_a_matter_without_a_case(team):
    made = record(team.officer2, case=None, manner="relayed")

    assert made.case is None
    assert made.get_manner_display() == "请托转达"


def test_auxiliary_staff_may_record_too(team):
    assert record(team.aux).recorded_by == team.aux


def test_naming_a_system_user_fills_in_name_and_unit(team):
    made = record(team.officer1, intervener_officer=team.head, intervener_name="", intervener_unit="")

    assert made.intervener_officer == team.head
    assert made.intervener_name == "吴局长"
    assert made.intervener_unit == team.agency.name


def test_an_official_of_a_superior_agency_may_be_named(team):
    city = AgencyFactory(domains=[team.domain])
    team.agency.parent = city
    team.agency.save()
    city_head = OfficerFactory(agency=city, name="高局长", is_head=True)

    made = record(team.officer1, intervener_officer=city_head, intervener_name="")

    assert made.intervener_name == "高局长"


def test_an_officer_of_an_unrelated_agency_cannot_be_named(team):
    with pytest.raises(ValidationError) as refused:
        record(team.officer1, intervener_officer=team.outsider)

    assert refused.value.message_dict["intervener_officer"] == [
        "所选人员不存在或不可选择，请填写干预人姓名、职务和单位。"
    ]


def test_the_recorder_cannot_name_themselves(team):
    with pytest.raises(ValidationError) as refused:
        record(team.officer1, intervener_officer=team.officer1)

    assert refused.value.message_dict["intervener_officer"] == ["不能将本人登记为干预人。"]


def test_an_outsider_cannot_attach_a_record_to_a_case_they_cannot_see(team):
    case = team.open()

    with pytest.raises(ValidationError) as refused:
        record(team.outsider, case=case)

    # The same words as for a case that does not exist: the refusal reveals nothing.
    assert refused.value.message_dict == {"case": [CASE_NOT_VISIBLE]}
    assert not InterferenceRecord.objects.exists()


def test_the_time_of_the_intervention_cannot_lie_in_the_future(team):
    with pytest.raises(ValidationError) as refused:
        record(team.officer1, occurred_at=timezone.now() + datetime.timedelta(minutes=5))

    assert refused.value.message_dict == {"occurred_at": ["干预时间不能晚于当前时间。"]}


def test_a_naive_time_is_refused(team):
    with pytest.raises(ValidationError) as refused:
        record(team.officer1, occurred_at=datetime.datetime(2026, 1, 5, 9, 30))

    assert refused.value.message_dict == {"occurred_at": ["干预时间须带时区。"]}


def test_missing_content_is_explained_in_chinese(team):
    with pytest.raises(ValidationError) as refused:
        record(team.officer1, intervener_name="  ", what_was_asked="", how_handled=" ")

    assert refused.value.message_dict == {
        "intervener_name": ["请填写干预人姓名。"],
        "what_was_asked": ["请填写干预内容。"],
        "how_handled": ["请填写处理情况。"],
    }


def test_an_unknown_manner_is_refused_in_chinese(team):
    with pytest.raises(ValidationError) as refused:
        record(team.officer1, manner="telepathy")

    assert refused.value.message_dict == {
        "manner": ["请选择干预方式：当面、电话、短信/即时通讯、批条/书面、请托转达、其他。"]
    }


def test_a_supervisor_of_the_justice_bureau_reads_records_but_does_not_write_them(team):
    with pytest.raises(ActionRefused) as refused:
        record(team.supervisor)

    assert [r.code for r in refused.value.reasons] == ["not_an_enforcement_agency"]


@pytest.mark.parametrize("who", ["no_officer", "inactive"])
def test_a_user_who_is_not_an_active_officer_cannot_record(team, who):
    if who == "inactive":
        team.officer3.is_active = False
        team.officer3.save()
        user = team.officer3.user
    else:
        user = UserFactory()

    with pytest.raises(ActionRefused) as refused:
        record_interference(
            actor=user,
            intervener_name="刘某",
            occurred_at=an_hour_ago(),
            manner="phone",
            what_was_asked="要求从轻。",
            how_handled="拒绝。",
        )

    assert [r.code for r in refused.value.reasons] == ["not_an_officer"]
    assert not InterferenceRecord.objects.exists()
