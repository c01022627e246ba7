"""Bad input gets a clear error and loses nothing: the head's approvals on a deadline that fail validation (400) or
are refused (409) come back on the page they were posted from — 恢复计算 on the deadlines section of the case page,
延长 and 期间中止 on the deadline's own page — as the head filled them in, with the Chinese error or the reason (and
its machine code), and nothing is written."""

import pytest
from django.urls import reverse

from deadline_watch import approvals
from deadlines.models import Deadline, DeadlineExtension, DeadlineSuspension
from tests.deadlines.steps import D, decided, emit

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(team, travel):
    """The case time limit of a case filed 2026-09-01 (due 2026-11-30), suspended from 2026-10-12 for testing."""
    travel(D(2026, 9, 1))
    case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
    deadline = Deadline.objects.get(case=case, kind="case_time_limit")
    travel(D(2026, 10, 14))
    return deadline


@pytest.fixture
def paused(team, limit):
    return approvals.suspend_deadline(deadline=limit, actor=team.head.user, starts_on=D(2026, 10, 12), reason="检测")


def _deadlines_section(response) -> str:
    page = response.content.decode()
    assert 'id="deadlines"' in page, "the deadlines section is missing"
    return page.split('id="deadlines"', 1)[1].split("</section>", 1)[0]


def _ending(section: str, suspension: DeadlineSuspension) -> str:
    marker = f'data-suspension="{suspension.pk}"'
    assert marker in section, "the 恢复计算 form of the suspension is missing"
    return section.split(marker, 1)[1].split("</form>", 1)[0]


def _end(client, suspension, ends_on: str):
    return client.post(reverse("deadlines:end_suspension", args=[suspension.pk]), {"ends_on": ends_on})


def _unchanged(limit: Deadline, suspension: DeadlineSuspension, ends_on=None) -> None:
    assert DeadlineSuspension.objects.get(pk=suspension.pk).ends_on == ends_on
    assert Deadline.objects.get(pk=limit.pk).due_on == limit.due_on


# --- 恢复计算 on the case page -------------------------------------------------------------------------------


def test_an_invalid_end_of_a_suspension_keeps_the_date_typed_and_says_why(team, limit, paused, client):
    limit.refresh_from_db()
    client.force_login(team.head.user)

    response = _end(client, paused, "2026-10-41")

    assert response.status_code == 400
    form = _ending(_deadlines_section(response), paused)
    assert 'value="2026-10-41"' in form and "请填写有效的中止结束日（年-月-日）。" in form
    _unchanged(limit, paused)


def test_a_refused_end_of_a_suspension_keeps_the_date_and_shows_the_reason(team, limit, paused, client):
    limit.refresh_from_db()
    client.force_login(team.head.user)

    response = _end(client, paused, "2026-10-05")  # before the suspension began on 12 October

    assert response.status_code == 409
    form = _ending(_deadlines_section(response), paused)
    assert 'value="2026-10-05"' in form
    assert 'data-code="suspension_ends_before_start"' in form and "中止结束日不得早于起始日。" in form
    _unchanged(limit, paused)


def test_an_officer_who_is_not_the_head_is_refused_on_the_page_with_the_date_kept(team, limit, paused, client):
    limit.refresh_from_db()
    client.force_login(team.officer1.user)  # a handler: sees the case, is offered no 恢复计算

    response = _end(client, paused, "2026-10-16")

    assert response.status_code == 409
    form = _ending(_deadlines_section(response), paused)
    assert 'value="2026-10-16"' in form and "负责人" in form and 'data-code="' in form
    _unchanged(limit, paused)


def test_ending_a_suspension_twice_says_it_has_ended_next_to_the_date_typed(team, limit, paused, client):
    approvals.end_suspension(suspension=paused, actor=team.head.user, ends_on=D(2026, 10, 16))
    limit.refresh_from_db()
    client.force_login(team.head.user)

    response = _end(client, paused, "2026-10-20")

    assert response.status_code == 400
    form = _ending(_deadlines_section(response), paused)  # shown although nothing is suspended any more
    assert 'value="2026-10-20"' in form and "该期间中止不属于本案，或者已经结束。" in form
    _unchanged(limit, paused, ends_on=D(2026, 10, 16))


# --- 延长 and 期间中止 on the deadline's page ----------------------------------------------------------------


def _closed(limit: Deadline) -> Deadline:
    """The case's deadline of verifying the lead: met when the case was filed."""
    closed = Deadline.objects.filter(case=limit.case).exclude(pk=limit.pk).exclude(outcome="open").first()
    assert closed is not None, [(d.kind, d.outcome) for d in Deadline.objects.filter(case=limit.case)]
    return closed


def test_an_extension_of_a_deadline_that_has_ended_says_so_and_keeps_the_reason(team, limit, client):
    closed = _closed(limit)
    client.force_login(team.head.user)

    response = client.post(reverse("deadlines:extend", args=[closed.pk]), {"days": "15", "reason": "需补充鉴定"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "需补充鉴定" in page and 'value="15"' in page and "该期限不属于本案，或者已经结束。" in page
    assert not DeadlineExtension.objects.exists()
    assert Deadline.objects.get(pk=closed.pk).due_on == closed.due_on


def test_a_suspension_of_a_deadline_that_has_ended_says_so_and_keeps_the_input(team, limit, client):
    closed = _closed(limit)
    client.force_login(team.head.user)

    posted = {"starts_on": "2026-10-12", "ends_on": "2026-10-16", "reason": "抽样检验"}
    response = client.post(reverse("deadlines:suspend", args=[closed.pk]), posted)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="2026-10-12"' in page and 'value="2026-10-16"' in page and "抽样检验" in page
    assert "该期限不属于本案，或者已经结束。" in page
    assert not DeadlineSuspension.objects.exists()


def test_a_refused_suspension_keeps_the_input_and_names_the_reason_with_its_code(team, limit, client):
    client.force_login(team.head.user)

    posted = {"starts_on": "2026-08-20", "reason": "公告期间", "basis": "部门规章"}  # before the limit began
    response = client.post(reverse("deadlines:suspend", args=[limit.pk]), posted)

    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="2026-08-20"' in page and "公告期间" in page and "部门规章" in page
    assert 'data-code="suspension_before_start"' in page and "中止起始日不得早于期限起算日。" in page
    assert not DeadlineSuspension.objects.exists()
    assert Deadline.objects.get(pk=limit.pk).due_on == limit.due_on


def test_the_seizure_extension_page_asks_the_date_the_party_was_told_and_keeps_it(team, client):
    case = decided(team)
    emit(case, "seize", seized_on=case.decided_on.isoformat(), seizure=3)
    seizure = Deadline.objects.get(case=case, kind="seizure")
    client.force_login(team.head.user)
    url = reverse("deadlines:extend", args=[seizure.pk])

    assert 'name="party_notified_on"' in client.get(url).content.decode()  # 行政强制法 第二十五条第二款
    posted = {"days": "45", "reason": "情况复杂", "party_notified_on": "2026-10-08"}
    response = client.post(url, posted)

    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="2026-10-08"' in page and "情况复杂" in page and 'data-code="extension_too_long"' in page
    assert not DeadlineExtension.objects.exists()
    assert Deadline.objects.get(pk=seizure.pk).due_on == seizure.due_on
