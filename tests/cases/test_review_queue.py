"""The legal office's queue (/cases/reviews/) and its desk on the case page (行政处罚法 第五十八条).

An officer who is not a legal reviewer gets 403 on the queue: the page exists for every agency,
so refusing it reveals nothing; cases of another agency stay 404 as everywhere else.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import strip_tags

from cases.choices import CaseStatus, ReviewOutcome
from cases.services import cases as case_services
from cases.services import deciding, lifecycle
from tests.cases.factories import INDIVIDUAL
from tests.officers.factories import certified_officer

QUEUE = reverse("cases:review_queue")


def login(client, officer):
    client.force_login(officer.user)
    return client


def at(day: datetime.date, hour: int = 2):
    """Travel to ``day`` at ``hour`` UTC (10:00 in Shanghai by default)."""
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC), tick=False)


def submitted(team, *, title="销售过期食品案", fine="50000"):
    """A case concluded, notified, waived and submitted for legal review today."""
    today = datetime.date.today()
    case = team.open_and_file(
        title=title,
        violation_date=today - datetime.timedelta(days=20),
        discovered_on=today - datetime.timedelta(days=5),
    )
    team.conclude(case, fine_amount=Decimal(fine))
    team.notify(case)
    team.waive(case)
    return deciding.submit_legal_review(case=case, actor=team.officer1.user, note="请审核")


def submitted_in_the_other_agency(team):
    """The outsider's agency has its own case pending review, with its own head and handlers."""
    other = team.outsider.agency
    colleague = certified_officer(agency=other, domain=team.domain, name="林同事")
    head = certified_officer(agency=other, domain=team.domain, name="黄局长", is_head=True)
    today = datetime.date.today()
    case = case_services.open_case(
        actor=team.outsider.user,
        co_handlers=[colleague],
        matter=team.matter,
        title="外机关的案件",
        source="inspection",
        violation_date=today - datetime.timedelta(days=20),
        discovered_on=today - datetime.timedelta(days=5),
        parties=[dict(INDIVIDUAL)],
        request_filing=True,
    )
    case = lifecycle.file_case(case=case, actor=head.user)
    team.gather_evidence(case)  # 行政处罚法 第四十条
    deciding.conclude_investigation(
        case=case, actor=team.outsider.user, report="调查终结", facts="事实", outcome="penalty",
        penalty_kinds=["fine"], fine_amount=Decimal("50000"),
    )  # fmt: skip
    deciding.notify_party(
        case=case, actor=team.outsider.user, served_on=today, facts="事实", reasons="理由", basis="依据"
    )
    deciding.waive_hearing(case=case, actor=team.outsider.user, waived_on=today, note="放弃")
    return deciding.submit_legal_review(case=case, actor=team.outsider.user)


@pytest.fixture
def queue(team):
    """Two reviews of the agency: submitted 2026-10-09 (a Friday) and 2026-10-12 (a Monday)."""
    with at(datetime.date(2026, 10, 9)):
        older = submitted(team, title="先提请的案件")
    with at(datetime.date(2026, 10, 12)):
        newer = submitted(team, title="后提请的案件")
    return older, newer


def test_the_queue_lists_my_agencys_pending_reviews_oldest_first_with_their_age_and_due_date(client, team, queue):
    older, newer = queue
    with at(datetime.date(2026, 10, 12)):
        elsewhere = submitted_in_the_other_agency(team)

    with at(datetime.date(2026, 10, 26)):
        response = login(client, team.reviewer).get(QUEUE)

    assert response.status_code == 200
    rows = response.context["pending"]
    assert [row.case for row in rows] == [older, newer]
    body = response.content.decode()
    assert elsewhere.title not in body and elsewhere.number not in body
    assert older.number in body and newer.number in body
    # 10-10 (a Saturday) is a make-up working day after National Day: ten working days after
    # 10-09 end on 10-22, so on 10-26 the older review is two working days overdue.
    first, second = rows
    assert (first.age.days, first.age.working_days, first.age.due, first.age.overdue) == (
        17,
        12,
        datetime.date(2026, 10, 22),
        True,
    )
    assert first.age.overdue_working_days == 2
    assert (second.age.days, second.age.working_days, second.age.due, second.age.overdue) == (
        14,
        10,
        datetime.date(2026, 10, 26),
        False,
    )
    assert "已超期" in body
    assert body.count('class="review-row overdue"') == 1
    assert "17 天" in body and "12 个工作日" in body


def test_the_queues_queries_do_not_grow_with_the_submission_dates(client, team, queue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, team.reviewer)
    with at(datetime.date(2026, 10, 26)), CaptureQueriesContext(connection) as two_dates:
        assert client.get(QUEUE).status_code == 200
    for day in (13, 14, 15):  # three more reviews, each submitted on a day of its own
        with at(datetime.date(2026, 10, day)):
            submitted(team, title=f"10月{day}日提请的案件")
    with at(datetime.date(2026, 10, 26)), CaptureQueriesContext(connection) as five_dates:
        assert client.get(QUEUE).status_code == 200

    assert len(five_dates) == len(two_dates)


def test_the_queue_shows_the_proposed_penalty_and_why_the_case_is_major(client, team, queue):
    body = strip_tags(login(client, team.reviewer).get(QUEUE).content.decode())

    assert "罚款 50,000.00 元" in body
    assert "重大" in body
    assert "本机关重大案件标准" in body  # the large-fine reason
    assert "本机关政策" in body  # labelled as policy, not law


def test_the_queue_links_to_the_case_page(client, team, queue):
    older, _ = queue

    body = login(client, team.reviewer).get(QUEUE).content.decode()

    assert reverse("cases:detail", args=[older.pk]) + "#review-desk" in body


def test_an_outsider_reviewer_sees_none_of_them_and_gets_404_on_the_case(client, team, queue):
    older, _ = queue
    team.outsider.is_legal_reviewer = team.outsider.has_legal_qualification = True
    team.outsider.save()
    login(client, team.outsider)

    response = client.get(QUEUE)
    page = client.get(reverse("cases:detail", args=[older.pk]))
    attempt = client.post(
        reverse("cases:transition", args=[older.pk, "pass_legal_review"]), {"pass_legal_review-opinions": "通过"}
    )

    assert response.status_code == 200
    assert response.context["pending"] == []
    assert older.number not in response.content.decode()
    assert page.status_code == 404
    assert attempt.status_code == 404
    older.refresh_from_db()
    assert older.status == CaseStatus.LEGAL_REVIEW


def test_an_officer_who_is_not_a_reviewer_gets_403_and_no_link(client, team, queue):
    response = login(client, team.officer1).get(QUEUE)
    home = client.get(reverse("cases:list")).content.decode()

    assert response.status_code == 403
    assert f'href="{QUEUE}"' not in home


def test_the_reviewer_has_the_queue_in_the_navigation(client, team):
    body = login(client, team.reviewer).get(QUEUE).content.decode()

    assert f'<a href="{QUEUE}" aria-current="page">' in body


def test_anonymous_users_are_sent_to_login_from_the_queue(client, db):
    response = client.get(QUEUE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_reviewer_sees_the_pass_and_return_forms_at_the_top_of_the_case(client, team, queue):
    older, _ = queue

    response = login(client, team.reviewer).get(reverse("cases:detail", args=[older.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert [p.key for p in response.context["review_steps"]] == ["pass_legal_review", "return_legal_review"]
    assert not {p.key for p in response.context["next_steps"]} & {"pass_legal_review", "return_legal_review"}
    desk = body.index('id="review-desk"')
    assert desk < body.index('class="case-layout"')
    assert desk < body.index(reverse("cases:transition", args=[older.pk, "pass_legal_review"]))
    assert 'type="radio" name="return_legal_review-back_to"' in body


def test_a_handler_does_not_get_the_review_desk(client, team, queue):
    older, _ = queue

    response = login(client, team.officer1).get(reverse("cases:detail", args=[older.pk]))

    assert response.context["review_steps"] == []
    assert 'id="review-desk"' not in response.content.decode()
    assert "pass_legal_review" in {p.key for p in response.context["next_steps"]}


def test_the_reviewer_passes_a_case_from_the_page_and_it_moves_to_deliberation(client, team, queue):
    older, _ = queue
    login(client, team.reviewer)

    response = client.post(
        reverse("cases:transition", args=[older.pk, "pass_legal_review"]),
        {"pass_legal_review-opinions": "事实清楚，证据确凿，适用依据正确。"},
    )

    older.refresh_from_db()
    assert response.status_code == 302
    assert older.status == CaseStatus.DELIBERATION
    review = older.reviews.get()
    assert (review.outcome, review.reviewer, review.opinions) == (
        ReviewOutcome.PASSED,
        team.reviewer,
        "事实清楚，证据确凿，适用依据正确。",
    )
    after = client.get(QUEUE)
    assert [row.case for row in after.context["pending"]] == [queue[1]]
    recent = after.content.decode().split('id="recent-reviews"')[1]
    assert older.number in recent and "审核通过" in recent


def test_the_reviewer_returns_a_case_for_a_changed_proposal_from_the_page(client, team, queue):
    older, _ = queue

    response = login(client, team.reviewer).post(
        reverse("cases:transition", args=[older.pk, "return_legal_review"]),
        {"return_legal_review-back_to": "investigated", "return_legal_review-opinions": "罚款幅度偏重，请调整。"},
    )

    older.refresh_from_db()
    assert response.status_code == 302
    assert older.status == CaseStatus.INVESTIGATED
    page = client.get(reverse("cases:detail", args=[older.pk])).content.decode()
    assert "罚款幅度偏重，请调整。" in page
    assert "变更处理意见" in page


def test_a_return_without_opinions_is_a_form_error_on_the_desk(client, team, queue):
    older, _ = queue

    response = login(client, team.reviewer).post(
        reverse("cases:transition", args=[older.pk, "return_legal_review"]),
        {"return_legal_review-back_to": "investigated", "return_legal_review-opinions": ""},
    )

    older.refresh_from_db()
    assert response.status_code == 400
    assert older.status == CaseStatus.LEGAL_REVIEW
    panel = next(p for p in response.context["review_steps"] if p.key == "return_legal_review")
    assert "opinions" in panel.form.errors


def test_a_reviewer_who_handles_the_case_sees_why_on_the_desk(client, team):
    team.officer3.is_legal_reviewer = team.officer3.has_legal_qualification = True
    team.officer3.save()
    case = team.open_and_file(co=[team.officer2, team.officer3])
    team.conclude(case, fine_amount=Decimal("50000"))
    team.notify(case)
    team.waive(case)
    deciding.submit_legal_review(case=case, actor=team.officer1.user)

    body = login(client, team.officer3).get(reverse("cases:detail", args=[case.pk])).content.decode()

    assert 'id="review-desk"' in body
    assert "本案承办人不得担任本案的法制审核人员。" in body
    assert "《中华人民共和国行政处罚法》第五十八条" in body
