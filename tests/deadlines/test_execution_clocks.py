"""One clock for execution and publication: every due date of service, payment, remedies, the reminder, the court
application and publication is the stored deadline — counted once, recounted when a holiday year is entered — and
the guards, the case page, the API's case file and the documents all read that row.

2026 is in the holiday table; 2027 is not until the test enters a hypothetical notice (元旦 1–3 January, the
Spring Festival 6–15 February 2027), so every period reaching into 2027 starts provisional.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from cases.services import execution as svc
from cases.views.execution import execution_section
from clock.choices import DayKind
from clock.services import DayEntry, enter_year
from deadlines.models import Deadline
from deadlines.selectors import deadline_of
from kernel.rules import ActionRefused
from tests.deadlines.steps import D, decided

pytestmark = pytest.mark.django_db

YEAR_2027 = [
    *(DayEntry(date=D(2027, 1, day), kind=DayKind.HOLIDAY, name="元旦") for day in (1, 2, 3)),
    *(DayEntry(date=D(2027, 2, day), kind=DayKind.HOLIDAY, name="春节") for day in range(6, 16)),
]
BANK = "中国工商银行包头分行"


def enter_2027(captured) -> None:
    with captured(execute=True):
        enter_year(year=2027, days=YEAR_2027, source="国务院办公厅关于2027年部分节假日安排的通知（测试）")


def due(case, kind, ref=None) -> Deadline:
    row = deadline_of(case.pk, kind, ref=None if ref is None else str(ref))
    assert row is not None, kind
    return row


def iso(day: datetime.date) -> str:
    return day.isoformat()


def written(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def clocks_of(case, officer) -> dict:
    section = execution_section(type(case).objects.get(pk=case.pk), officer=officer)
    assert section is not None
    return {c.key: c for c in section.clocks}


def test_payment_remedies_reminder_and_court_read_one_clock_after_the_year_is_entered(
    team, travel, api, django_capture_on_commit_callbacks
):
    travel(D(2026, 12, 17))
    case = decided(team)
    svc.serve_decision(
        case=case, actor=team.officer1.user, served_on=D(2026, 12, 17), method="direct", recipient="张三"
    )

    # 15 days end on Friday 1 January 2027, counted as a working day while 2027 is unknown.
    assert (due(case, "payment").due_on, due(case, "payment").provisional) == (D(2027, 1, 1), True)
    enter_2027(django_capture_on_commit_callbacks)

    payment, reconsideration = due(case, "payment"), due(case, "reconsideration")
    litigation, court = due(case, "litigation"), due(case, "court_application")
    assert (payment.due_on, payment.provisional) == (D(2027, 1, 4), False)  # 元旦 1–3 January: rolled to Monday
    assert (reconsideration.due_on, reconsideration.provisional) == (D(2027, 2, 16), False)  # the Spring Festival
    assert (litigation.due_on, court.starts_on, court.due_on) == (D(2027, 6, 17), D(2027, 6, 17), D(2027, 9, 17))

    # The page and the case file read the same rows.
    page = clocks_of(case, team.officer1)
    assert (page["payment"].due, page["payment"].provisional) == (D(2027, 1, 4), False)
    assert (page["remedies"].due, page["court"].due) == (D(2027, 6, 17), D(2027, 9, 17))
    record = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()["execution"]
    assert (record["payment_due_on"], record["payment_due_provisional"]) == ("2027-01-04", False)
    assert (record["court_application_window"]["starts_on"], record["court_application_window"]["due_on"]) == (
        "2027-06-17",
        "2027-09-17",
    )

    # The guards: on Monday 4 January the party is not late yet (the provisional count said 1 January) …
    travel(D(2027, 1, 4))
    reminder = {"actor": team.officer1.user, "performance_deadline": D(2027, 1, 15), "manner": f"缴入{BANK}"}
    with pytest.raises(ActionRefused) as early:
        svc.issue_reminder(case=case, issued_on=D(2027, 1, 4), **reminder)
    assert [r.code for r in early.value.reasons] == ["not_yet_overdue"]
    assert "2027-01-04" in early.value.reasons[0].detail
    # … on Wednesday 6 January two days are late: 2 × 240 yuan of surcharge, counted from the same row.
    travel(D(2027, 1, 6))
    issued = svc.issue_reminder(case=case, issued_on=D(2027, 1, 6), **reminder)
    assert issued.surcharge == Decimal("480.00")
    # The 催告书 prints the day the decision set for payment, from the same row.
    letter = case.documents.get(kind="payment_reminder")
    assert letter.snapshot["data"]["payment_due_on"] == written(D(2027, 1, 4))

    svc.serve_reminder(
        reminder=issued, actor=team.officer1.user, served_on=D(2027, 1, 6), method="direct", recipient="张三"
    )
    wait = due(case, "reminder_wait", issued.pk)
    assert (wait.due_on, wait.provisional) == (D(2027, 1, 20), False)  # ten working days
    assert clocks_of(case, team.officer1)["reminder"].due == D(2027, 1, 20)
    record = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()["execution"]
    assert record["reminders"][0]["wait"]["due_on"] == "2027-01-20"

    # The court application: the guards read the row's window; the 强制执行申请书 prints the same days.
    travel(D(2027, 6, 17))
    with pytest.raises(ActionRefused) as running:
        svc.apply_to_court(case=case, actor=team.head.user, filed_on=D(2027, 6, 17), court="包头市昆都仑区人民法院")
    assert [r.code for r in running.value.reasons] == ["remedy_periods_running"]
    travel(D(2027, 6, 18))
    svc.apply_to_court(case=case, actor=team.head.user, filed_on=D(2027, 6, 18), court="包头市昆都仑区人民法院")
    application = case.documents.get(kind="enforcement_application").snapshot["data"]
    assert application["reminder_waited_until"] == written(D(2027, 1, 20))
    assert (application["remedies_end_on"], application["window_closes_on"]) == (
        written(D(2027, 6, 17)),
        written(D(2027, 9, 17)),
    )


def test_service_and_publication_due_on_the_recounted_day_are_on_time(
    team, travel, api, django_capture_on_commit_callbacks
):
    travel(D(2026, 12, 24))
    case = decided(team)
    # Seven working days from Thursday 24 December end on Monday 4 January while 1 January counts as working.
    assert (due(case, "service").due_on, due(case, "publication").due_on) == (D(2027, 1, 4), D(2027, 1, 4))
    assert due(case, "service").provisional and due(case, "publication").provisional

    enter_2027(django_capture_on_commit_callbacks)

    service, publication = due(case, "service"), due(case, "publication")
    assert (service.due_on, service.provisional) == (D(2027, 1, 5), False)
    assert (publication.due_on, publication.provisional) == (D(2027, 1, 5), False)
    travel(D(2027, 1, 5))
    svc.serve_decision(case=case, actor=team.officer1.user, served_on=D(2027, 1, 5), method="direct", recipient="张三")
    item = svc.publish_decision(case=case, actor=team.officer1.user, published_on=D(2027, 1, 5), channel="portal")

    service, publication = due(case, "service"), due(case, "publication")
    assert (service.met_on, service.met_late) == (D(2027, 1, 5), False)
    assert (publication.met_on, publication.met_late) == (D(2027, 1, 5), False)
    section = execution_section(type(case).objects.get(pk=case.pk), officer=team.officer1)
    assert section is not None
    assert (section.services[0].due_on, section.services[0].late) == (D(2027, 1, 5), False)
    assert (section.publications[0].clock.due_on, section.publications[0].clock.late) == (D(2027, 1, 5), False)
    body = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()
    served = body["execution"]["services"][0]
    assert (served["due_on"], served["late"], served["provisional"]) == ("2027-01-05", False, False)
    published = body["publications"][0]
    assert (published["id"], published["due_on"], published["late"], published["provisional"]) == (
        item.pk,
        "2027-01-05",
        False,
        False,
    )
