"""Entering a year in the admin: days inline, Chinese messages, the change announced."""

import datetime

import pytest

from clock.choices import DayKind
from clock.models import CalendarDay, CalendarYear
from clock.periods import is_working_day

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/clock/calendaryear/add/"


def _form(*days, year="2027", initial=0):
    data = {
        "year": year,
        "source": "国务院办公厅关于2027年部分节假日安排的通知",
        "notice_reference": "国办发明电〔2026〕7号",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": str(initial),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, (date, kind, name) in enumerate(days):
        data |= {f"days-{i}-date": date, f"days-{i}-kind": kind, f"days-{i}-name": name}
    return data


def test_an_administrator_enters_a_new_year_with_its_days(
    admin_client, admin_user, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD_URL,
            _form(("2027-01-01", DayKind.HOLIDAY, "元旦"), ("2027-02-20", DayKind.WORKDAY, "春节")),
        )

    assert response.status_code == 302
    row = CalendarYear.objects.get(year=2027)
    assert row.entered_by == admin_user
    assert row.days.count() == 2
    assert is_working_day(datetime.date(2027, 2, 20)) == is_working_day(datetime.date(2027, 2, 22))
    assert announced == [2027]


def test_the_admin_refuses_a_weekday_make_up_day_in_chinese(admin_client):
    response = admin_client.post(ADD_URL, _form(("2027-01-06", DayKind.WORKDAY, "春节")))

    assert response.status_code == 200
    assert "调休上班日应为星期六或星期日，2027-01-06 是工作日。" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_admin_refuses_a_day_outside_the_new_year(admin_client):
    response = admin_client.post(ADD_URL, _form(("2028-01-01", DayKind.HOLIDAY, "元旦")))

    assert "日期 2028-01-01 不在所属年度（2027年）内" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_admin_refuses_the_same_date_twice(admin_client):
    response = admin_client.post(
        ADD_URL, _form(("2027-01-01", DayKind.HOLIDAY, "元旦"), ("2027-01-01", DayKind.HOLIDAY, "元旦"))
    )

    assert response.status_code == 200
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_deleting_a_year_in_the_admin_is_announced(admin_client, announced, django_capture_on_commit_callbacks):
    row = CalendarYear.objects.get(year=2004)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/clock/calendaryear/{row.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert announced == [2004]
    assert not CalendarDay.objects.filter(date__year=2004).exists()


def test_the_day_list_filters_by_year_and_kind_and_adds_nothing(admin_client):
    year = CalendarYear.objects.get(year=2026)

    response = admin_client.get("/admin/clock/calendarday/", {"year__id__exact": year.pk, "kind__exact": "workday"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 6
    assert admin_client.get("/admin/clock/calendarday/add/").status_code == 403


def test_the_year_list_shows_every_seeded_year(admin_client):
    response = admin_client.get("/admin/clock/calendaryear/")

    assert response.status_code == 200
    assert response.context["cl"].result_count == 23


def test_deleting_a_day_in_the_admin_is_announced(admin_client, announced, django_capture_on_commit_callbacks):
    day = CalendarDay.objects.get(date=datetime.date(2026, 10, 10))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/clock/calendarday/{day.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert announced == [2026]
    assert not is_working_day(datetime.date(2026, 10, 10)).working
