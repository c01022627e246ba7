"""管辖 (行政处罚法 第二十二条、第二十五条): 行政处罚由违法行为发生地的行政机关管辖 — on filing, the place of violation
is checked against the agency's area, unless the common higher organ designated the agency (指定管辖)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.services import jurisdiction, lifecycle
from cases.services.runner import reasons_for
from kernel.rules import ART_22, ActionRefused
from kernel.validators import validate_division_code
from tests.officers.factories import AgencyFactory


def codes(reasons):
    return [r.code for r in reasons]


@pytest.fixture
def baotou(team):
    """The team's agency covers 包头市 (150200) and every district in it."""
    team.agency.division_code, team.agency.division_name = "150200", "包头市"
    team.agency.save()
    return team


@pytest.mark.parametrize(
    ("area", "place", "covered"),
    [
        ("150200", "150203", True),  # 包头市 covers 昆都仑区
        ("150200", "150200", True),
        ("150000", "150203", True),  # 内蒙古自治区 covers every division in it
        ("150203", "150203", True),
        ("150203", "150204", False),  # 昆都仑区 does not cover 青山区
        ("150200", "150502", False),  # 包头市 does not cover 通辽市科尔沁区
        ("", "150203", False),  # no area configured
    ],
)
def test_an_agency_covers_the_divisions_inside_its_area(area, place, covered):
    assert AgencyFactory.build(division_code=area).covers_division(place) is covered


def test_a_place_of_violation_inside_the_area_may_be_filed(baotou):
    case = baotou.open(request_filing=True, violation_division_code="150203")

    assert reasons_for(case, "file", baotou.head.user) == []


def test_a_place_of_violation_outside_the_area_is_refused_with_the_article(baotou):
    case = baotou.open(request_filing=True, violation_division_code="150502")

    with pytest.raises(ActionRefused) as excinfo:
        lifecycle.file_case(case=case, actor=baotou.head.user)

    [reason] = excinfo.value.reasons
    assert (reason.code, reason.article) == ("outside_jurisdiction", ART_22)
    assert "150502" in reason.detail and "包头市" in reason.detail and "指定管辖" in reason.detail


def test_an_unknown_place_of_violation_is_recorded_before_filing(baotou):
    case = baotou.open(request_filing=True)

    missing = codes(reasons_for(case, "file", baotou.head.user))
    jurisdiction.record_violation_place(
        case=case, actor=baotou.officer1.user, violation_division_code="150204", location="青山区富强路17号"
    )
    case.refresh_from_db()

    assert missing == ["violation_place_missing"]
    assert reasons_for(case, "file", baotou.head.user) == []
    assert (case.violation_division_code, case.location) == ("150204", "青山区富强路17号")


def test_a_designation_by_the_higher_organ_lets_the_agency_file_outside_its_area(baotou):
    case = baotou.open(request_filing=True, violation_division_code="150502")

    with pytest.raises(ActionRefused) as by_handler:
        jurisdiction.record_designation(
            case=case,
            actor=baotou.officer1.user,
            designated_by="内蒙古自治区市场监督管理局",
            designated_on=timezone.localdate(),
        )
    jurisdiction.record_designation(
        case=case,
        actor=baotou.head.user,
        designated_by="内蒙古自治区市场监督管理局",
        reference="内市监函〔2026〕12号",
        designated_on=timezone.localdate() - datetime.timedelta(days=1),
        reason="两地均有管辖权，协商不成。",
    )
    filed = lifecycle.file_case(case=case, actor=baotou.head.user)

    assert codes(by_handler.value.reasons) == ["not_agency_head"]
    assert filed.status == "investigating"
    assert (
        case.events.filter(name="record_designation", event_type="jurisdiction").get().data.reference
        == "内市监函〔2026〕12号"
    )


def test_an_agency_without_an_area_is_not_checked(team):
    case = team.open(request_filing=True)

    assert reasons_for(case, "file", team.head.user) == []


def test_the_api_opens_a_case_with_its_place_and_refuses_a_malformed_code(baotou, api):
    payload = {
        "matter": baotou.matter.code,
        "source": "inspection",
        "title": "销售过期食品案",
        "violation_date": (timezone.localdate() - datetime.timedelta(days=5)).isoformat(),
        "discovered_on": timezone.localdate().isoformat(),
        "handlers": [baotou.officer2.pk],
        "request_filing": True,
    }
    bad = api(baotou.officer1).post("/api/v1/cases/", {**payload, "violation_division_code": "1502"}, format="json")
    opened = api(baotou.officer1).post(
        "/api/v1/cases/", {**payload, "violation_division_code": "150502"}, format="json"
    )
    case_id = opened.json()["id"]
    refused = api(baotou.head).post(f"/api/v1/cases/{case_id}/transitions/file/", {}, format="json")
    designated = api(baotou.head).post(
        f"/api/v1/cases/{case_id}/actions/record_designation/",
        {"designated_by": "内蒙古自治区市场监督管理局", "designated_on": timezone.localdate().isoformat()},
        format="json",
    )
    body = api(baotou.officer1).get(f"/api/v1/cases/{case_id}/").json()

    assert bad.status_code == 400
    assert opened.status_code == 201 and body["violation_division_code"] == "150502"
    assert refused.status_code == 409 and refused.json()["reasons"][0]["code"] == "outside_jurisdiction"
    assert designated.status_code == 200
    assert body["designations"][0]["designated_by"] == "内蒙古自治区市场监督管理局"


def test_a_designation_dated_after_today_is_400(baotou, api):
    case = baotou.open(request_filing=True, violation_division_code="150502")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = api(baotou.head).post(
        f"/api/v1/cases/{case.pk}/actions/record_designation/",
        {"designated_by": "内蒙古自治区市场监督管理局", "designated_on": tomorrow.isoformat()},
        format="json",
    )

    assert response.status_code == 400 and "designated_on" in response.json()["errors"]
    assert not case.designations.exists()


# --- the summary procedure (第二十二条 on ``decide_on_spot``) -------------------------------------------------


ON_SPOT = {
    "penalty_kinds": ["warning"],
    "legal_basis": "《食品安全法》第一百二十六条",
    "place": "包头市昆都仑区阿尔丁大街8号",
    "correction": "立即为从业人员办理健康证明。",
}


def decide_on_spot(team, case, **fields):
    return lifecycle.decide_on_spot(case=case, actor=team.officer1.user, fine_amount=None, **{**ON_SPOT, **fields})


def test_an_on_the_spot_decision_outside_the_area_is_refused_with_the_article(baotou):
    case = baotou.open_on_the_spot()

    with pytest.raises(ActionRefused) as outside:
        decide_on_spot(baotou, case, violation_division_code="150502")
    with pytest.raises(ActionRefused) as missing:
        decide_on_spot(baotou, case)

    [reason] = outside.value.reasons
    assert (reason.code, reason.article) == ("outside_jurisdiction", ART_22)
    assert "150502" in reason.detail
    assert codes(missing.value.reasons) == ["violation_place_missing"]


def test_an_on_the_spot_decision_inside_the_area_records_the_place(baotou):
    case = decide_on_spot(baotou, baotou.open_on_the_spot(), violation_division_code="150203")

    assert (case.status, case.violation_division_code) == ("decided", "150203")
    event = case.events.get(name="decide_on_spot", event_type="transition")
    assert event.payload["violation_division_code"] == "150203"


def test_the_on_the_spot_api_takes_the_place_of_violation(baotou, api):
    case = baotou.open_on_the_spot()
    url = f"/api/v1/cases/{case.pk}/transitions/decide_on_spot/"

    outside = api(baotou.officer1).post(url, {**ON_SPOT, "violation_division_code": "150502"}, format="json")
    bad = api(baotou.officer1).post(url, {**ON_SPOT, "violation_division_code": "990203"}, format="json")
    inside = api(baotou.officer1).post(url, {**ON_SPOT, "violation_division_code": "150203"}, format="json")

    assert outside.status_code == 409 and outside.json()["reasons"][0]["code"] == "outside_jurisdiction"
    assert bad.status_code == 400 and "violation_division_code" in bad.json()["errors"]
    assert inside.status_code == 200
    case.refresh_from_db()
    assert case.violation_division_code == "150203"


# --- 行政区划代码 (GB/T 2260) ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["110000", "150203", "230100", "310115", "460100", "540100", "650100", "710000", "820000"]
)
def test_a_division_code_of_a_real_province_is_valid(code):
    validate_division_code(code)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("15020", "invalid_division_code"),
        ("15020a", "invalid_division_code"),
        ("100203", "unknown_province_code"),  # 10: no province
        ("160203", "unknown_province_code"),  # after 内蒙古 (15) comes 辽宁 (21)
        ("240100", "unknown_province_code"),
        ("380100", "unknown_province_code"),
        ("470100", "unknown_province_code"),
        ("550100", "unknown_province_code"),
        ("660100", "unknown_province_code"),
        ("720000", "unknown_province_code"),
        ("830000", "unknown_province_code"),
        ("990203", "unknown_province_code"),
    ],
)
def test_a_division_code_is_six_digits_of_a_real_province(code, error):
    with pytest.raises(ValidationError) as excinfo:
        validate_division_code(code)

    assert excinfo.value.code == error
    assert "行政区划代码" in excinfo.value.messages[0]


def test_the_service_refuses_a_division_code_of_no_province(baotou):
    case = baotou.open_on_the_spot()

    with pytest.raises(ValidationError) as excinfo:
        decide_on_spot(baotou, case, violation_division_code="990203")

    assert "省级行政区划代码" in excinfo.value.message_dict["violation_division_code"][0]
