"""A referral's due dates counted into a year the holiday table does not know (2027) are provisional;
once an administrator enters the year they are counted again — once: the referral keeps no due date of its own,
each step's period is a stored deadline — so the referral page, the API, its guards and the deadlines panel
show one date, the row's.

The 2027 notice here is hypothetical: 元旦 on Friday 2027-01-01 is the only day off it lists.
"""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from cases.models import PoliceReferral
from cases.models.referral import ReferralMaterial
from cases.services import referral as svc
from cases.services.runner import TransitionBlocked
from clock.choices import DayKind
from clock.models import CalendarDay, CalendarYear
from clock.services import DayEntry, enter_year
from deadlines.kinds import SUPERSEDED
from deadlines.models import Deadline
from officers.models import AgencyPolicy
from tests.cases.factories import build_team

SH = ZoneInfo("Asia/Shanghai")
D = datetime.date
NEW_YEAR_2027 = [DayEntry(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")]
MATERIALS = [ReferralMaterial.REFERRAL_LETTER, ReferralMaterial.INVESTIGATION_REPORT]


def at(month: int, day: int, year: int = 2026) -> datetime.datetime:
    return datetime.datetime(year, month, day, 9, tzinfo=SH)


@pytest.fixture
def clock():
    with time_machine.travel(at(12, 28), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    return build_team()


@pytest.fixture
def working_days(team):
    AgencyPolicy.objects.create(agency=team.agency, referral_days_are_working_days=True)


def submit(team):
    case = team.open_and_file()
    return svc.submit_referral_report(
        case=case, actor=team.officer1.user, team=[team.officer1, team.officer2], report="涉嫌生产、销售伪劣产品罪。"
    )


def enter_2027(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enter_year(year=2027, days=NEW_YEAR_2027, source="国务院办公厅关于2027年部分节假日安排的通知（测试）")


def mirror(referral, kind):
    return Deadline.objects.get(case=referral.case_id, kind=kind, ref=str(referral.pk))


def dues(referral):
    """The steps still due as the referral's page and API list them: (step, due, provisional)."""
    return [(d.step, d.due, d.provisional) for d in referral.open_deadlines()]


def test_entering_the_year_recounts_the_referrals_due_to_the_engines_date(
    team, clock, working_days, django_capture_on_commit_callbacks
):
    clock.move_to(at(12, 30))
    referral = submit(team)
    # 12-31, then Friday 01-01 and Monday 01-04 guessed as working days.
    assert dues(referral) == [("decide_referral", D(2027, 1, 4), True)]
    assert mirror(referral, "referral_decision").provisional

    enter_2027(django_capture_on_commit_callbacks)

    referral.refresh_from_db()
    decision = mirror(referral, "referral_decision")
    assert decision.due_on == D(2027, 1, 5)  # 元旦 is not a working day
    assert decision.provisional is False
    (due,) = referral.open_deadlines()
    assert (due.step, due.due, due.provisional) == ("decide_referral", D(2027, 1, 5), False)


def test_a_date_the_notice_leaves_in_place_loses_its_provisional_mark(team, clock, django_capture_on_commit_callbacks):
    clock.move_to(at(12, 30))
    referral = submit(team)
    assert dues(referral) == [("decide_referral", D(2027, 1, 4), True)]  # 01-02 rolled

    enter_2027(django_capture_on_commit_callbacks)

    referral.refresh_from_db()
    decision = mirror(referral, "referral_decision")
    assert dues(referral) == [("decide_referral", D(2027, 1, 4), False)]
    assert (decision.due_on, decision.provisional) == (D(2027, 1, 4), False)


def test_a_decline_window_is_recounted_for_both_remedies(team, clock, working_days, django_capture_on_commit_callbacks):
    referral = submit(team)
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    svc.refer_to_police(case=referral.case, actor=team.officer1.user, police_organ="昆都仑区分局", materials=MATERIALS)
    svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 12, 28))
    clock.move_to(at(12, 30))
    referral = svc.record_police_decision(
        referral=referral, actor=team.officer1.user, accepted=False, decided_on=D(2026, 12, 30), reasons="数额未达标准"
    )
    # 第九条: one window for both remedies — the reconsideration and the procuratorate route.
    assert dues(referral) == [("request_reconsideration", D(2027, 1, 4), True)]
    assert not Deadline.objects.filter(case=referral.case_id, kind="procuratorate_request").exists()
    # Every step counted over the last days of December waits for 2027's notice (its 元旦 arrangement).
    provisional = Deadline.objects.filter(case=referral.case_id, ref=str(referral.pk), provisional=True)
    assert sorted(provisional.values_list("kind", flat=True)) == [
        "police_filing_decision",
        "referral_decision",
        "referral_reconsideration_request",
    ]

    enter_2027(django_capture_on_commit_callbacks)

    referral.refresh_from_db()
    window = mirror(referral, "referral_reconsideration_request")
    assert window.due_on == D(2027, 1, 5) and not window.provisional
    assert dues(referral) == [("request_reconsideration", D(2027, 1, 5), False)]
    # The procuratorate asked straight after the decline: measured against the same window.
    clock.move_to(at(1, 5, 2027))
    svc.request_procuratorate_supervision(
        referral=referral, actor=team.officer1.user, procuratorate="昆都仑区人民检察院"
    )
    asked = referral.case.events.get(name="request_procuratorate_supervision").payload
    assert (asked["due"], asked["overdue"]) == ("2027-01-05", False)


def _enter_2027_without_the_signal():
    # As a restore from a dump would: the table holds the year, nothing was recounted.
    year = CalendarYear.objects.create(year=2027, source="测试")
    CalendarDay.objects.bulk_create(
        CalendarDay(date=e.date, kind=e.kind, name=e.name, year=year) for e in NEW_YEAR_2027
    )


def test_the_command_recounts_the_referrals_too(team, clock, working_days):
    clock.move_to(at(12, 30))
    referral = submit(team)
    _enter_2027_without_the_signal()

    call_command("recompute_deadlines", "--year", "2027", stdout=io.StringIO())

    referral = PoliceReferral.objects.get(pk=referral.pk)
    assert dues(referral) == [("decide_referral", D(2027, 1, 5), False)]
    assert mirror(referral, "referral_decision").due_on == D(2027, 1, 5)


def test_the_admin_action_on_a_mirrored_step_recounts_its_referral(team, clock, working_days, admin_user, monkeypatch):
    clock.move_to(at(12, 30))
    referral = submit(team)
    _enter_2027_without_the_signal()
    model_admin = site._registry[Deadline]
    request = RequestFactory().post("/")
    request.user = admin_user
    monkeypatch.setattr(model_admin, "message_user", lambda *args, **kwargs: None)

    model_admin.recount_selected(request, Deadline.objects.filter(kind="referral_decision"))

    referral = PoliceReferral.objects.get(pk=referral.pk)
    assert dues(referral) == [("decide_referral", D(2027, 1, 5), False)]


def test_a_correction_of_an_entered_year_moves_a_step_still_due(
    team, clock, working_days, django_capture_on_commit_callbacks
):
    enter_2027(django_capture_on_commit_callbacks)
    clock.move_to(at(12, 30))
    referral = submit(team)
    assert dues(referral) == [("decide_referral", D(2027, 1, 5), False)]

    # The notice is corrected: 01-04 is a day off as well.
    with django_capture_on_commit_callbacks(execute=True):
        enter_year(
            year=2027,
            days=[*NEW_YEAR_2027, DayEntry(date=D(2027, 1, 4), kind=DayKind.HOLIDAY, name="元旦")],
            source="更正（测试）",
        )

    referral.refresh_from_db()
    assert dues(referral) == [("decide_referral", mirror(referral, "referral_decision").due_on, False)]
    assert mirror(referral, "referral_decision").due_on == D(2027, 1, 6)


# --- one store: the page, the API and the guard read the row ------------------------------------------------


def declined(team, clock):
    """Counted in working days: received 12-28, declined on 12-30 — the window of 第九条 guessed to 2027-01-04."""
    referral = submit(team)
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    svc.refer_to_police(case=referral.case, actor=team.officer1.user, police_organ="昆都仑区分局", materials=MATERIALS)
    svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=D(2026, 12, 28))
    clock.move_to(at(12, 30))
    return svc.record_police_decision(
        referral=referral, actor=team.officer1.user, accepted=False, decided_on=D(2026, 12, 30), reasons="数额未达标准"
    )


def page_text(client, officer, case) -> str:
    client.force_login(officer.user)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    html = html.split('id="referral"')[1].split("</section>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_page_the_api_and_the_guard_give_the_rows_date_once_the_year_moves_it(
    client, api, team, clock, working_days, django_capture_on_commit_callbacks
):
    referral = declined(team, clock)
    case = referral.case
    label = "提请公安机关复议或者建议检察院立案监督 可选 期限"
    assert f"{label} 2027-01-04 暂定" in page_text(client, team.head, case)

    enter_2027(django_capture_on_commit_callbacks)  # 元旦 is a day off: the window moves to 01-05

    window = mirror(referral, "referral_reconsideration_request")
    assert (window.due_on, window.provisional) == (D(2027, 1, 5), False)
    clock.move_to(at(1, 5, 2027))
    text = page_text(client, team.head, case)
    assert f"{label} 2027-01-05" in text and "暂定" not in text and "2027-01-04" not in text
    (due,) = api(team.head).get(f"/api/v1/cases/{case.pk}/").json()["referral"]["due"]
    assert (due["step"], due["due"], due["provisional"], due["optional"]) == (
        "request_reconsideration",
        "2027-01-05",
        False,
        True,
    )
    # On 01-05 the window is still open (on the date stored before the notice, 01-04, it would have lapsed).
    with pytest.raises(TransitionBlocked) as blocked:
        svc.resume_after_referral(case=case, actor=team.head.user, note="不予立案")
    (reason,) = blocked.value.reasons
    assert reason.code == "reconsideration_window_open" and "2027-01-05" in reason.detail

    clock.move_to(at(1, 6, 2027))
    assert svc.resume_after_referral(case=case, actor=team.head.user, note="不予立案").status == "investigating"


def test_the_referral_keeps_no_due_date_of_its_own():
    names = {f.name for f in PoliceReferral._meta.concrete_fields}

    assert [n for n in names if n.endswith("_due") or "due" in n.split("_")] == []
    assert "provisional_dues" not in names
    clocks = (models.DateField, models.DateTimeField)
    # Every date the referral keeps is a fact recorded by a step, never a last day.
    assert sorted(f.name for f in PoliceReferral._meta.concrete_fields if isinstance(f, clocks)) == [
        "decided_at",
        "finally_declined_at",
        "handed_over_at",
        "items_handed_over_on",
        "police_decided_on",
        "police_notice_received_on",
        "procuratorate_requested_on",
        "procuratorate_result_on",
        "received_on",
        "reconsideration_answered_on",
        "reconsideration_requested_on",
        "submitted_at",
    ]


def test_a_window_being_recounted_or_missing_keeps_the_decline_from_being_final(
    client, team, clock, working_days, django_capture_on_commit_callbacks
):
    referral = declined(team, clock)
    enter_2027(django_capture_on_commit_callbacks)
    clock.move_to(at(1, 6, 2027))  # the window (01-05) has lapsed
    window = mirror(referral, "referral_reconsideration_request")

    # As while a holiday year is being entered (``mark_recomputing``): no guard reads a date about to change.
    Deadline.objects.filter(pk=window.pk).update(recomputing=True)
    with pytest.raises(TransitionBlocked) as blocked:
        svc.resume_after_referral(case=referral.case, actor=team.head.user, note="不予立案")
    assert [r.code for r in blocked.value.reasons] == ["deadline_recomputing"]
    assert "重新计算中" in page_text(client, team.head, referral.case)

    # A window whose row is not there (its opener did not run) is a reason, never a cue to count.
    Deadline.objects.filter(pk=window.pk).update(recomputing=False, end_note=SUPERSEDED)
    with pytest.raises(TransitionBlocked) as blocked:
        svc.resume_after_referral(case=referral.case, actor=team.head.user, note="不予立案")
    assert [r.code for r in blocked.value.reasons] == ["deadline_missing"]
