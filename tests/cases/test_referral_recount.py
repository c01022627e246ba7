"""A referral's due dates counted into a year the holiday table does not know (2027) are provisional;
once an administrator enters the year they are counted again with the deadline engine's mirrors of
the same steps, so the referral page, its guards and the deadlines panel show one date.

The 2027 notice here is hypothetical: 元旦 on Friday 2027-01-01 is the only day off it lists.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.test import RequestFactory

from cases.models import PoliceReferral
from cases.models.referral import ReferralMaterial
from cases.services import referral as svc
from clock.choices import DayKind
from clock.models import CalendarDay, CalendarYear
from clock.services import DayEntry, enter_year
from deadlines.models import Deadline
from officers.models import AgencyPolicy
from tests.cases.factories import build_team

SH = ZoneInfo("Asia/Shanghai")
D = datetime.date
NEW_YEAR_2027 = [DayEntry(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")]
MATERIALS = [ReferralMaterial.REFERRAL_LETTER, ReferralMaterial.INVESTIGATION_REPORT]


def at(month: int, day: int) -> datetime.datetime:
    return datetime.datetime(2026, month, day, 9, tzinfo=SH)


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


def test_entering_the_year_recounts_the_referrals_due_to_the_engines_date(
    team, clock, working_days, django_capture_on_commit_callbacks
):
    clock.move_to(at(12, 30))
    referral = submit(team)
    # 12-31, then Friday 01-01 and Monday 01-04 guessed as working days.
    assert (referral.decision_due, referral.provisional_dues) == (D(2027, 1, 4), ["decide_referral"])
    assert mirror(referral, "referral_decision").provisional

    enter_2027(django_capture_on_commit_callbacks)

    referral.refresh_from_db()
    decision = mirror(referral, "referral_decision")
    assert referral.decision_due == decision.due_on == D(2027, 1, 5)  # 元旦 is not a working day
    assert referral.provisional_dues == [] and decision.provisional is False
    (due,) = referral.open_deadlines()
    assert (due.step, due.due, due.provisional) == ("decide_referral", D(2027, 1, 5), False)


def test_a_date_the_notice_leaves_in_place_loses_its_provisional_mark(team, clock, django_capture_on_commit_callbacks):
    clock.move_to(at(12, 30))
    referral = submit(team)
    assert (referral.decision_due, referral.provisional_dues) == (D(2027, 1, 4), ["decide_referral"])  # 01-02 rolled

    enter_2027(django_capture_on_commit_callbacks)

    referral.refresh_from_db()
    decision = mirror(referral, "referral_decision")
    assert (referral.decision_due, referral.provisional_dues) == (D(2027, 1, 4), [])
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
    assert (referral.reconsideration_request_due, referral.procuratorate_due) == (D(2027, 1, 4), D(2027, 1, 4))
    # Every step counted over the last days of December waits for 2027's notice (its 元旦 arrangement).
    assert referral.provisional_dues == ["decide_referral", "record_police_decision", "request_reconsideration"]

    enter_2027(django_capture_on_commit_callbacks)

    referral.refresh_from_db()
    window = mirror(referral, "referral_reconsideration_request")
    assert referral.reconsideration_request_due == referral.procuratorate_due == window.due_on == D(2027, 1, 5)
    assert referral.provisional_dues == [] and not window.provisional
    assert not any(d.provisional for d in referral.open_deadlines())


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
    assert (referral.decision_due, referral.provisional_dues) == (D(2027, 1, 5), [])
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
    assert (referral.decision_due, referral.provisional_dues) == (D(2027, 1, 5), [])


def test_a_correction_of_an_entered_year_moves_a_step_still_due(
    team, clock, working_days, django_capture_on_commit_callbacks
):
    enter_2027(django_capture_on_commit_callbacks)
    clock.move_to(at(12, 30))
    referral = submit(team)
    assert (referral.decision_due, referral.provisional_dues) == (D(2027, 1, 5), [])

    # The notice is corrected: 01-04 is a day off as well.
    with django_capture_on_commit_callbacks(execute=True):
        enter_year(
            year=2027,
            days=[*NEW_YEAR_2027, DayEntry(date=D(2027, 1, 4), kind=DayKind.HOLIDAY, name="元旦")],
            source="更正（测试）",
        )

    referral.refresh_from_db()
    assert referral.decision_due == mirror(referral, "referral_decision").due_on == D(2027, 1, 6)
