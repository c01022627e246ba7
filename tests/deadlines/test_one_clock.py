"""One clock: each period's last day is stored once, as the deadline row, and every reader agrees with it — the
guard, the case page's panel, the API and a document rendered afterwards — also after a holiday year is entered.

The issue's case: a notice served on Monday 2026-12-28 while 2027's holidays are unknown; the hearing-request
window (五个工作日, 行政处罚法 第六十四条) is counted on weekdays to Monday 2027-01-04 (provisional). Then the 2027
notice is entered with 元旦 on Thursday 2026-12-31 and Friday 2027-01-01, and the window ends Wednesday 2027-01-06.
"""

from decimal import Decimal

import pytest
from django.db import transaction

from cases.services import deciding
from cases.services.runner import TransitionBlocked
from clock.choices import DayKind
from clock.services import DayEntry, enter_year
from deadline_watch.selectors import case_panel
from deadlines.models import Deadline
from documents.models import Document
from documents.services import issue_document
from tests.deadlines.steps import D

pytestmark = pytest.mark.django_db

YUANDAN_2027 = [
    DayEntry(date=D(2026, 12, 31), kind=DayKind.HOLIDAY, name="元旦"),
    DayEntry(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦"),
]


@pytest.fixture
def notified_on_28_december(team, travel):
    """Filed, concluded with a 50,000-yuan fine (the party may ask for a hearing), notified 2026-12-28."""
    travel(D(2026, 12, 28))
    case = team.open_and_file(violation_date=D(2026, 12, 1), discovered_on=D(2026, 12, 20))
    team.conclude(case, fine_amount=Decimal("50000"))
    return team.notify(case, served_on=D(2026, 12, 28))


def _window(case) -> Deadline:
    return Deadline.objects.get(case=case, kind="hearing_request")


def _request(team, case, day):
    return deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=day)


def _refusal(team, case, day) -> list:
    with pytest.raises(TransitionBlocked) as refused:
        _request(team, case, day)
    return refused.value.reasons


def test_before_the_year_is_known_the_window_is_counted_on_weekdays(notified_on_28_december):
    window = _window(notified_on_28_december)

    assert (window.due_on, window.provisional, window.stated_on) == (D(2027, 1, 4), True, D(2027, 1, 4))


def test_after_the_year_is_entered_every_reader_gives_the_same_last_day(
    team, notified_on_28_december, travel, api, django_capture_on_commit_callbacks
):
    case = notified_on_28_december
    with django_capture_on_commit_callbacks(execute=True):
        enter_year(year=2027, days=YUANDAN_2027, source="国务院办公厅关于2027年部分节假日安排的通知（测试）")
    last_day = D(2027, 1, 6)

    # The panel and the API show the stored row; a hearing-rights notice issued now prints it.
    panel = {row.deadline.kind: row.deadline for row in case_panel(case, team.officer1.user).rows}
    body = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()
    api_window = next(d for d in body["deadlines"] if d["kind"] == "hearing_request")
    document = issue_document(case=case, kind="hearing_rights_notice", actor=team.officer1.user)
    assert isinstance(document, Document)
    printed = document.snapshot["data"]["hearing_request_due"]
    assert (panel["hearing_request"].due_on, panel["hearing_request"].provisional) == (last_day, False)
    assert (api_window["due_on"], body["notice"]["hearing_request_due"]) == ("2027-01-06", "2027-01-06")
    assert printed == "2027年1月6日"

    # The day after: refused, naming the same day.
    travel(D(2027, 1, 7))
    late = _refusal(team, case, D(2027, 1, 7))
    assert [r.code for r in late] == ["hearing_request_late"]
    assert "2027-01-06" in late[0].detail

    # On the last day the panel shows: accepted.
    travel(D(2027, 1, 6))
    assert _request(team, case, last_day).status == "hearing"


def test_a_request_posted_in_time_is_in_time(team, notified_on_28_december, travel, django_capture_on_commit_callbacks):
    case = notified_on_28_december
    with django_capture_on_commit_callbacks(execute=True):
        enter_year(year=2027, days=YUANDAN_2027, source="测试")
    travel(D(2027, 1, 8))

    # 期间不包括在途时间: posted on the last day, it arrived two days later.
    deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=D(2027, 1, 8), posted_on=D(2027, 1, 6))

    assert case.notices.get().hearing.posted_on == D(2027, 1, 6)


def test_a_make_up_working_day_never_moves_the_partys_window_before_the_day_it_was_told(
    team, notified_on_28_december, django_capture_on_commit_callbacks
):
    # A hypothetical notice: 元旦 is Friday alone and Saturday 2027-01-02 is a make-up working day. Counted anew,
    # the five working days would end on Saturday 01-02; the party was told Monday 01-04, and keeps it.
    with django_capture_on_commit_callbacks(execute=True):
        enter_year(year=2027, days=[DayEntry(date=D(2027, 1, 2), kind=DayKind.WORKDAY, name="元旦调休")], source="测试")

    window = _window(notified_on_28_december)
    assert (window.due_on, window.provisional) == (D(2027, 1, 4), False)


def test_the_agencys_own_duty_takes_the_day_counted_anew(team, travel, django_capture_on_commit_callbacks):
    # Lead verification (15 working days, the agency's duty) from discovery on Friday 2026-12-18 ends on
    # Friday 2027-01-08 counted on weekdays; a make-up working day on Saturday 01-02 brings it to Thursday 01-07.
    travel(D(2026, 12, 21))
    lead = team.open(discovered_on=D(2026, 12, 18))
    verification = Deadline.objects.get(case=lead, kind="lead_verification")
    assert (verification.due_on, verification.provisional) == (D(2027, 1, 8), True)

    with django_capture_on_commit_callbacks(execute=True):
        enter_year(year=2027, days=[DayEntry(date=D(2027, 1, 2), kind=DayKind.WORKDAY, name="元旦调休")], source="测试")

    verification.refresh_from_db()
    assert (verification.due_on, verification.provisional) == (D(2027, 1, 7), False)


def test_until_the_recount_commits_the_dates_are_marked_recomputing(
    team, notified_on_28_december, travel, api, django_capture_on_commit_callbacks
):
    case = notified_on_28_december
    travel(D(2027, 1, 4))
    with django_capture_on_commit_callbacks(execute=False) as pending, transaction.atomic():
        enter_year(year=2027, days=YUANDAN_2027, source="测试")

    # The year is entered; the recount (queued on commit) has not run: every reader says so, no guard guesses.
    window = _window(case)
    body = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()
    assert window.recomputing and window.status_label(D(2027, 1, 4)) == "重新计算中"
    assert next(d for d in body["deadlines"] if d["kind"] == "hearing_request")["recomputing"] is True
    assert [r.code for r in _refusal(team, case, D(2027, 1, 4))] == ["deadline_recomputing"]

    for callback in pending:
        callback()
    window.refresh_from_db()
    assert (window.recomputing, window.due_on) == (False, D(2027, 1, 6))
