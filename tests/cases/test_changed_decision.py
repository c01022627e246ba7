"""A changed decision is a new act for the party (行政处罚法 第七十五条第二款): its 变更行政处罚决定书 served opens new
reconsideration (60 days, 行政复议法 第二十条) and suit (6 months, 行政诉讼法 第四十六条) windows from that service,
as stored deadlines; the court application (行政强制法 第五十三条、第五十四条) is counted again from their end, after a
reminder of the changed sums.

Frozen clock from Monday 2026-06-01 (``tests.cases.test_execution``): decided and served that day, fined 8,000 yuan.
"""

from decimal import Decimal

from cases.services import execution as svc
from cases.services.runner import reasons_for
from deadlines.choices import Outcome
from deadlines.models import Deadline
from documents.actions import serve_document
from documents.models import Document
from tests.cases.test_execution import at, clock, codes, d, decided, due, remind, serve, team

__all__ = ["clock", "team"]  # fixtures shared with test_execution
COURT = "包头市昆都仑区人民法院"


def change(team, case, *, on, amount="5000"):
    return svc.correct_decision(
        case=case,
        actor=team.head.user,
        outcome="changed",
        decided_on=on,
        reasons="原决定未考虑当事人主动消除违法行为危害后果的情节。",
        changed_fine_amount=Decimal(amount),
    )


def serve_change(team, case, *, on, clock):
    clock.move_to(at(on.year, on.month, on.day))
    document = Document.objects.get(case=case, kind="decision_change", superseded_by__isnull=True)
    return serve_document(
        case=case, actor=team.officer1.user, document=document, served_on=on, method="direct", recipient="张三"
    )


def application(team, case, on):
    return {"filed_on": on, "court": COURT}


def test_serving_the_change_opens_new_remedy_windows_from_its_service(team, clock):
    case = serve(team, decided(team))
    assert (due(case, "reconsideration").due_on, due(case, "litigation").due_on) == (d(7, 31), d(12, 1))
    clock.move_to(at(2026, 7, 1))
    correction = change(team, case, on=d(7, 1))
    assert due(case, "reconsideration").due_on == d(7, 31)  # nothing new before the change is served

    serve_change(team, case, on=d(7, 2), clock=clock)

    correction.refresh_from_db()
    assert correction.served_on == d(7, 2)
    reconsideration, litigation = due(case, "reconsideration"), due(case, "litigation")
    assert (reconsideration.starts_on, reconsideration.due_on, reconsideration.outcome) == (
        d(7, 2),
        d(8, 31),  # 60 days after 2 July
        Outcome.OPEN,
    )
    assert (litigation.starts_on, litigation.due_on) == (d(7, 2), d(1, 4, 2027))  # 2 January 2027 is a Saturday
    # the windows of the original decision are superseded, not left open beside the new ones
    old = Deadline.objects.filter(case=case, kind="reconsideration", due_on=d(7, 31))
    assert not old.filter(outcome=Outcome.OPEN).exists()
    window = due(case, "court_application")
    assert window.starts_on == d(1, 4, 2027)  # 行政强制法 第五十三条: from the end of the new windows


def test_no_court_application_before_the_change_is_served(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 12, 2))
    assert "changed_decision_not_served" not in codes(
        reasons_for(case, "apply_to_court", team.head.user, application(team, case, d(12, 2)))
    )
    change(team, case, on=d(12, 2))

    reasons = reasons_for(case, "apply_to_court", team.head.user, application(team, case, d(12, 2)))

    assert "changed_decision_not_served" in codes(reasons)
    assert "第七十五条第二款" in reasons[codes(reasons).index("changed_decision_not_served")].article


def test_the_court_application_against_the_changed_decision_after_its_new_windows_and_a_new_reminder(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)  # served 22 June, for the original 8,000 yuan
    clock.move_to(at(2026, 7, 1))
    change(team, case, on=d(7, 1))
    serve_change(team, case, on=d(7, 2), clock=clock)

    clock.move_to(at(2026, 12, 2))  # the original windows would have ended on 1 December
    reasons = reasons_for(case, "apply_to_court", team.head.user, application(team, case, d(12, 2)))
    assert codes(reasons) == ["remedy_periods_running", "reminder_before_change"]
    assert "2027-01-04" in reasons[0].detail

    reminder = svc.issue_reminder(
        case=case, actor=team.officer1.user, issued_on=d(12, 2), performance_deadline=d(12, 15), manner="缴入指定银行"
    )
    svc.serve_reminder(
        reminder=reminder, actor=team.officer1.user, served_on=d(12, 2), method="direct", recipient="张三"
    )

    clock.move_to(at(2027, 1, 5))
    filed = svc.apply_to_court(case=case, actor=team.head.user, filed_on=d(1, 5, 2027), court=COURT)

    assert filed.amount == Decimal("10000.00")  # the changed fine of 5,000 and the surcharge capped at it
    window = due(case, "court_application")
    assert (window.starts_on, window.met_on) == (d(1, 4, 2027), d(1, 5, 2027))
