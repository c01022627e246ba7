"""Validation before anything else (issue 11, item 4): wrong shapes are 400 ``invalid`` with errors per field before
any form, role check or service; dates stay in a sane range; deep, huge or non-finite JSON is refused; a date
already stored out of range does not take the case page down."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseEvent
from clock import periods
from kernel.validators import EARLIEST_DATE, latest_date

JSON = "application/json"


def post(client, url, body, content_type=JSON):
    raw = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(url, raw, content_type=content_type)


@pytest.fixture
def filed(team):
    """A lead whose filing is requested: the head may decline it (``decline``)."""
    return team.open(request_filing=True)


def transition(case, name):
    return f"/api/v1/cases/{case.pk}/transitions/{name}/"


def action(case, name):
    return f"/api/v1/cases/{case.pk}/actions/{name}/"


# --- types before the form ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [["a", "b"], {"x": 1}, 123, True])
def test_a_non_string_in_a_text_field_is_400_and_nothing_is_recorded(team, filed, api, value):
    events = CaseEvent.objects.filter(case=filed).count()

    answer = post(api(team.head), transition(filed, "decline"), {"reason": value})

    assert answer.status_code == 400, answer.content
    body = answer.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == ["reason"]
    assert CaseEvent.objects.filter(case=filed).count() == events
    filed.refresh_from_db()
    assert filed.status == "lead"


@pytest.mark.parametrize("body", [[1, 2], "text", 5, None])
def test_a_body_that_is_not_an_object_is_400_with_a_non_field_error(team, filed, api, body):
    for url in (transition(filed, "decline"), action(filed, "add_party"), f"/api/v1/cases/{filed.pk}/parties/"):
        answer = post(api(team.head), url, body)

        assert answer.status_code == 400, (url, answer.content)
        assert answer.json()["code"] == "invalid"
        assert "non_field_errors" in answer.json()["errors"], url


def test_types_are_checked_before_the_role(team, filed, api):
    """The supervisor may not decline; a malformed payload is still a 400 (nothing reached the guards): the order
    the brief asks — types, then form, then role checks and the service."""
    answer = post(api(team.officer3), transition(filed, "decline"), {"reason": ["x"]})

    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["reason"]


def test_a_referral_step_with_a_list_for_its_date_is_400(team, filed, api):
    answer = post(api(team.officer1), f"/api/v1/cases/{filed.pk}/referral/record_police_receipt/", {"received_on": [1]})

    assert answer.status_code == 400, answer.content
    assert "received_on" in answer.json()["errors"]


def test_case_creation_refuses_a_number_for_the_title_and_a_dict_for_a_party_name(team, api):
    base = {
        "matter": team.matter.code,
        "source": "inspection",
        "violation_date": str(timezone.localdate() - datetime.timedelta(days=3)),
        "discovered_on": str(timezone.localdate()),
        "handlers": [team.officer2.pk],
    }

    number = post(api(team.officer1), "/api/v1/cases/", {**base, "title": 12345})
    party = post(
        api(team.officer1), "/api/v1/cases/", {**base, "title": "案", "parties": [{"kind": "individual", "name": {}}]}
    )

    assert number.status_code == 400 and "title" in number.json()["errors"]
    assert party.status_code == 400 and "parties" in party.json()["errors"]
    assert not Case.objects.filter(title__in=["12345", "案"]).exists()


# --- dates in a sane range ---------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31"])
def test_a_case_dated_out_of_range_is_refused_and_not_committed(team, api, day):
    answer = post(
        api(team.officer1),
        "/api/v1/cases/",
        {
            "matter": team.matter.code,
            "source": "inspection",
            "title": "越界日期",
            "violation_date": day,
            "discovered_on": str(timezone.localdate()),
            "handlers": [team.officer2.pk],
        },
    )

    assert answer.status_code == 400, answer.content
    assert "violation_date" in answer.json()["errors"]
    assert not Case.objects.filter(title="越界日期").exists()


def test_a_transition_dated_far_in_the_future_is_refused_by_the_page_form_too(team, filed, client):
    """The form the page and the API share refuses it (kernel.forms.refuse_dates_out_of_range)."""
    from cases.forms.correction import OrderCorrectionForm

    late = latest_date() + datetime.timedelta(days=1)
    form = OrderCorrectionForm(
        data={"content": "改正", "period_count": 10, "period_unit": "days", "ordered_on": late.isoformat()}, case=filed
    )

    assert not form.is_valid()
    assert [e["code"] for e in form.errors.get_json_data()["ordered_on"]] == ["date_out_of_range"]


def test_the_range_is_2000_to_ten_years_ahead():
    today = timezone.localdate()

    assert datetime.date(2000, 1, 1) == EARLIEST_DATE
    assert latest_date().year == today.year + 10


def test_the_clock_refuses_dates_it_cannot_compute_instead_of_overflowing(db):
    with pytest.raises(periods.DateOutOfRange):
        periods.add_calendar_days(datetime.date(9999, 12, 30), 15)
    with pytest.raises(periods.DateOutOfRange):
        periods.add_years(datetime.date(2026, 1, 1), 10**6)
    with pytest.raises(periods.DateOutOfRange):
        periods.add_working_days(datetime.date(1, 1, 1), 3)
    assert periods.add_calendar_days(datetime.date(2026, 11, 2), 15, roll=False).date == datetime.date(2026, 11, 17)


@pytest.mark.parametrize("day", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_a_case_with_a_date_already_stored_out_of_range_still_shows(team, client, api, day):
    """Data written before the bound (or by hand) must not take the case page down for everyone."""
    case = team.open_and_file()
    Case.objects.filter(pk=case.pk).update(violation_date=day, discovered_on=day)
    client.force_login(team.officer1.user)

    page = client.get(reverse("cases:detail", args=[case.pk]))
    file = api(team.officer1).get(f"/api/v1/cases/{case.pk}/")

    assert page.status_code == 200
    assert file.status_code == 200


# --- JSON the system can hold ------------------------------------------------------------------------------


def test_deeply_nested_json_is_400_not_a_recursion_error(team, filed, api):
    deep = b"[" * 100_000 + b"]" * 100_000

    answer = post(api(team.head), transition(filed, "decline"), deep)

    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid"
    assert "嵌套" in answer.json()["errors"]["non_field_errors"][0]


def test_json_nested_past_64_levels_is_refused(team, filed, api):
    value: object = "x"
    for _ in range(70):
        value = {"a": value}

    answer = post(api(team.head), transition(filed, "decline"), {"reason": value})

    assert answer.status_code == 400
    assert "non_field_errors" in answer.json()["errors"]


@pytest.mark.parametrize("number", ["1e400", "NaN", "Infinity", "-Infinity", "1" * 5000])
def test_numbers_no_column_can_hold_are_400(team, filed, api, number):
    answer = post(api(team.officer1), action(filed, "record_fines_already_imposed"), f'{{"amount": {number}}}'.encode())

    assert answer.status_code == 400, answer.content
    assert answer.json()["code"] == "invalid"


def test_a_json_body_over_the_limit_is_413(team, filed, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    answer = post(api(team.head), transition(filed, "decline"), {"reason": "x" * 2000})

    assert answer.status_code == 413
    assert answer.json()["code"] == "too_large"


def test_malformed_json_stays_a_parse_error(team, filed, api):
    answer = post(api(team.head), transition(filed, "decline"), b'{"reason": ')

    assert answer.status_code == 400
    assert answer.json()["code"] == "parse_error"


def test_a_deferral_of_payment_to_a_far_future_date_is_refused_before_it_moves_the_payment_deadline(team, filed, api):
    """暂缓缴纳 (行政处罚法 第六十六条) to year 9999 would carry the 15-day payment period past every list of what is
    due: refused as a date out of range, before any rule or service reads it."""
    answer = post(
        api(team.head),
        action(filed, "approve_arrangement"),
        {"kind": "deferral", "applied_on": str(timezone.localdate()), "deferred_until": "9999-12-31"},
    )

    assert answer.status_code == 400, answer.content
    assert [e["code"] for e in answer.json()["errors"]["deferred_until"]] == ["date_out_of_range"]
