"""期间中止 and 延长: time excluded where the rules say, extensions by the head's approval with the reason."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.choices import DiscussionPurpose
from cases.services import discussion as discussions
from cases.services import execution as svc
from deadline_watch import approvals
from deadline_watch.selectors import case_panel
from deadlines.choices import ChangeReason, NotificationKind
from deadlines.models import Deadline, DeadlineExtension, DeadlineSuspension, Notification
from kernel.rules import ActionRefused
from tests.deadlines.steps import D, decided, emit

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(team, travel):
    """The case time limit of a case filed 2026-09-01: due 2026-11-30."""
    travel(D(2026, 9, 1))
    case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
    return Deadline.objects.get(case=case, kind="case_time_limit")


def codes(call):
    with pytest.raises(ActionRefused) as refused:
        call()
    return [r.code for r in refused.value.reasons]


def test_the_head_extends_the_case_time_limit_by_thirty_days_with_the_reason(team, limit):
    extension = approvals.extend_deadline(
        deadline=limit, actor=team.head.user, days=30, reason="案情复杂，需补充鉴定。"
    )

    limit.refresh_from_db()
    assert limit.due_on == D(2026, 12, 30)
    assert (extension.approved_by, extension.previous_due_on) == (team.head, D(2026, 11, 30))
    assert limit.changes.get().reason == ChangeReason.EXTENSION
    assert Notification.objects.filter(deadline=limit, level=NotificationKind.CHANGED).count() == 2


def test_only_a_head_of_the_cases_agency_extends_and_never_without_a_reason(team, limit):
    assert codes(lambda: approvals.extend_deadline(deadline=limit, actor=team.officer1.user, days=30, reason="x")) == [
        "not_agency_head"
    ]
    assert "reason_missing" in codes(
        lambda: approvals.extend_deadline(deadline=limit, actor=team.head.user, days=30, reason=" ")
    )
    assert "extension_too_long" in codes(
        lambda: approvals.extend_deadline(deadline=limit, actor=team.head.user, days=31, reason="x")
    )
    assert not DeadlineExtension.objects.exists()


def discussed(team, case, purpose=DiscussionPurpose.EXTEND):
    """The heads' recorded collective discussion (行政处罚法 第五十七条第二款) on ``purpose``."""
    return discussions.record_collective_discussion(
        case=case, actor=team.head.user, held_on=timezone.localdate(), attendees=[team.head, team.deputy],
        opinions="吴局长：同意继续延长。郑副局长：同意。", conclusion="同意继续延长三十日。", purpose=purpose,
    )  # fmt: skip


def test_a_further_extension_needs_the_heads_collective_discussion(team, limit):
    approvals.extend_deadline(deadline=limit, actor=team.head.user, days=30, reason="案情复杂")

    assert codes(
        lambda: approvals.extend_deadline(deadline=limit, actor=team.deputy.user, days=30, reason="仍需鉴定")
    ) == ["needs_collective_discussion"]
    discussion = discussed(team, limit.case)
    extension = approvals.extend_deadline(
        deadline=limit, actor=team.deputy.user, days=30, reason="仍需鉴定", discussion=discussion
    )
    limit.refresh_from_db()
    assert limit.due_on == D(2027, 1, 29)
    assert (extension.discussion, extension.by_collective_discussion) == (discussion, True)


def test_the_old_checkbox_alone_no_longer_stands_for_a_discussion(team, limit):
    approvals.extend_deadline(deadline=limit, actor=team.head.user, days=30, reason="案情复杂")

    assert codes(
        lambda: approvals.extend_deadline(
            deadline=limit, actor=team.deputy.user, days=30, reason="仍需鉴定", by_collective_discussion=True
        )
    ) == ["discussion_not_recorded"]


def test_a_further_extension_names_a_discussion_held_for_it_and_only_once(team, limit):
    approvals.extend_deadline(deadline=limit, actor=team.head.user, days=30, reason="案情复杂")
    other = discussed(team, limit.case, purpose=DiscussionPurpose.OTHER)

    assert codes(
        lambda: approvals.extend_deadline(
            deadline=limit, actor=team.deputy.user, days=30, reason="仍需鉴定", discussion=other
        )
    ) == ["discussion_not_for_extension"]
    discussion = discussed(team, limit.case)
    approvals.extend_deadline(deadline=limit, actor=team.deputy.user, days=30, reason="仍需鉴定", discussion=discussion)
    assert codes(
        lambda: approvals.extend_deadline(
            deadline=limit, actor=team.deputy.user, days=10, reason="再需鉴定", discussion=discussion
        )
    ) == ["discussion_already_used"]


def test_the_api_takes_the_discussion_by_its_id(team, limit, api):
    approvals.extend_deadline(deadline=limit, actor=team.head.user, days=30, reason="案情复杂")
    discussion = discussed(team, limit.case)
    url = f"/api/v1/cases/{limit.case.pk}/actions/extend_deadline/"

    old = api(team.head).post(
        url, {"deadline": limit.pk, "days": 30, "reason": "仍需鉴定", "by_collective_discussion": True}, format="json"
    )
    new = api(team.head).post(
        url, {"deadline": limit.pk, "days": 30, "reason": "仍需鉴定", "discussion": discussion.pk}, format="json"
    )

    assert old.status_code == 409 and old.json()["reasons"][0]["code"] == "discussion_not_recorded"
    assert new.status_code in (200, 201), new.content
    assert DeadlineExtension.objects.get(discussion=discussion).days == 30


def test_a_seizure_is_extended_once_by_at_most_thirty_days_and_testing_time_is_not_counted(team, limit):
    case = limit.case
    emit(case, "seize", seized_on="2026-09-01", seizure=7)
    seizure = Deadline.objects.get(case=case, kind="seizure")
    assert (seizure.ref, seizure.due_on) == ("7", D(2026, 10, 8))  # 30 days: 10-01 in the holiday, rolled

    emit(case, "start_seizure_testing", started_on="2026-09-10", seizure=7)
    seizure.refresh_from_db()
    assert seizure.is_suspended
    emit(case, "end_seizure_testing", ended_on="2026-09-19", seizure=7)
    seizure.refresh_from_db()
    assert seizure.due_on == D(2026, 10, 12)  # ten days not counted: Sunday 10-11, rolled to Monday

    notified = {"party_notified_on": D(2026, 10, 8)}  # 行政强制法 第二十五条第二款
    approvals.extend_deadline(deadline=seizure, actor=team.head.user, days=20, reason="情况复杂", **notified)
    assert codes(
        lambda: approvals.extend_deadline(deadline=seizure, actor=team.head.user, days=11, reason="再延", **notified)
    ) == ["extension_cap"]


def test_the_head_suspends_a_deadline_for_public_notice_and_ends_it(team, limit):
    suspension = approvals.suspend_deadline(
        deadline=limit, actor=team.head.user, starts_on=D(2026, 10, 12), reason="公告期间", basis="部门规章"
    )
    limit = Deadline.objects.get(pk=limit.pk)
    assert limit.is_suspended and limit.due_on == D(2026, 11, 30)
    assert codes(lambda: approvals.suspend_deadline(deadline=limit, actor=team.head.user, starts_on=D(2026, 10, 13),
                                                    reason="再次"))[-1] == "already_suspended"  # fmt: skip

    approvals.end_suspension(suspension=suspension, actor=team.head.user, ends_on=D(2026, 11, 10))

    limit = Deadline.objects.get(pk=limit.pk)
    assert not limit.is_suspended
    assert limit.due_on == D(2026, 12, 30)  # 12 October to 10 November (30 days) not counted


def test_suspended_deadlines_are_never_overdue(team, limit):
    approvals.suspend_deadline(deadline=limit, actor=team.head.user, starts_on=D(2026, 11, 1), reason="检测")
    limit = Deadline.objects.get(pk=limit.pk)

    assert not Deadline.objects.overdue_on(D(2026, 12, 31)).filter(pk=limit.pk).exists()
    assert limit.status_label(D(2026, 12, 31)) == "中止计算"


def test_only_a_period_whose_rules_leave_time_out_is_suspended_by_a_head(team, limit):
    # The agency's own statutory duties and the party's periods run as the law fixes them; a seizure leaves out
    # only testing time (行政强制法 第二十五条第三款), recorded by its own step.
    def refusal(deadline):
        with pytest.raises(ActionRefused) as refused:
            approvals.suspend_deadline(
                deadline=deadline, actor=team.head.user, starts_on=deadline.starts_on, reason="检测"
            )
        return refused.value.reasons

    case = decided(team)
    service = Deadline.objects.get(case=case, kind="service")  # 第六十一条: seven working days
    assert [(r.code, r.article) for r in refusal(service)] == [("not_suspendable", service.legal_basis)]
    svc.serve_decision(
        case=case, actor=team.officer1.user, served_on=case.decided_on, method="direct", recipient="张三"
    )
    payment = Deadline.objects.get(case=case, kind="payment")  # the party's fifteen days (第六十七条)
    assert [r.code for r in refusal(payment)] == ["not_suspendable"]
    emit(case, "seize", seized_on=case.decided_on.isoformat(), seizure=3)
    seizure = Deadline.objects.get(case=case, kind="seizure")
    assert "检测、检验、检疫或者技术鉴定期间" in refusal(seizure)[0].detail
    assert not DeadlineSuspension.objects.exists()

    # The case time limit leaves testing and public-notice time out (sector rules under 第六十条).
    approvals.suspend_deadline(deadline=limit, actor=team.head.user, starts_on=D(2026, 10, 12), reason="检测")
    assert DeadlineSuspension.objects.get().deadline == limit


def test_the_panel_offers_a_suspension_only_where_a_head_may_record_one(team):
    case = decided(team)
    rows = {row.deadline.kind: row for row in case_panel(case, team.head.user).rows}

    assert not rows["service"].can_suspend and not rows["publication"].can_suspend
    assert {row.deadline.kind for row in rows.values() if row.can_suspend} <= {"case_time_limit", "lead_verification"}


# --- the pages ---------------------------------------------------------------------------------


def test_the_extension_page_is_for_the_head_of_the_cases_agency_only(team, limit, client):
    url = reverse("deadlines:extend", args=[limit.pk])

    client.force_login(team.officer1.user)
    assert client.get(url).status_code == 403
    client.force_login(team.outsider.user)
    assert client.get(url).status_code == 404
    client.force_login(team.head.user)
    assert client.get(url).status_code == 200


def test_the_head_extends_from_the_page_and_returns_to_the_case(team, limit, client):
    client.force_login(team.head.user)

    missing = client.post(reverse("deadlines:extend", args=[limit.pk]), {"days": "30", "reason": ""})
    done = client.post(reverse("deadlines:extend", args=[limit.pk]), {"days": "30", "reason": "案情复杂"})

    assert missing.status_code == 400
    assert done.status_code == 302 and done["Location"].endswith(f"/cases/{limit.case_id}/#deadlines")
    assert Deadline.objects.get(pk=limit.pk).due_on == D(2026, 12, 30)


def test_a_refused_extension_comes_back_with_its_reasons(team, limit, client):
    client.force_login(team.head.user)

    response = client.post(reverse("deadlines:extend", args=[limit.pk]), {"days": "45", "reason": "案情复杂"})

    assert response.status_code == 409
    assert "每次批准延长不得超过30日" in response.content.decode()


def test_the_head_records_a_suspension_from_the_page(team, limit, client):
    client.force_login(team.head.user)

    response = client.post(
        reverse("deadlines:suspend", args=[limit.pk]),
        {"starts_on": "2026-10-12", "ends_on": "2026-10-16", "reason": "检测期间"},
    )

    assert response.status_code == 302
    assert Deadline.objects.get(pk=limit.pk).due_on == D(2026, 12, 7)


def test_the_head_resumes_the_count_from_the_case_page(team, limit, client):
    suspension = approvals.suspend_deadline(
        deadline=limit, actor=team.head.user, starts_on=D(2026, 10, 12), reason="检测"
    )
    client.force_login(team.head.user)

    assert client.get(reverse("deadlines:suspend", args=[limit.pk])).status_code == 200
    response = client.post(reverse("deadlines:end_suspension", args=[suspension.pk]), {"ends_on": "2026-10-16"})

    assert response.status_code == 302
    assert Deadline.objects.get(pk=limit.pk).due_on == D(2026, 12, 7)


def test_ending_a_suspension_twice_says_it_has_ended(team, limit, client):
    """The page names the real reason, not a missing date."""
    suspension = approvals.suspend_deadline(
        deadline=limit, actor=team.head.user, starts_on=D(2026, 10, 12), reason="检测"
    )
    approvals.end_suspension(suspension=suspension, actor=team.head.user, ends_on=D(2026, 10, 16))
    client.force_login(team.head.user)

    response = client.post(reverse("deadlines:end_suspension", args=[suspension.pk]), {"ends_on": "2026-10-20"})

    assert response.status_code == 400
    assert "该期间中止不属于本案，或者已经结束。" in response.content.decode()
    assert "请填写中止结束日" not in response.content.decode()


def test_an_officer_of_another_agency_cannot_reach_a_suspension(team, limit, client):
    suspension = approvals.suspend_deadline(
        deadline=limit, actor=team.head.user, starts_on=D(2026, 10, 12), reason="检测"
    )
    client.force_login(team.outsider.user)

    response = client.post(reverse("deadlines:end_suspension", args=[suspension.pk]), {"ends_on": "2026-10-16"})

    assert response.status_code == 404


def test_the_extension_page_offers_the_cases_extension_discussions(team, limit, client):
    approvals.extend_deadline(deadline=limit, actor=team.head.user, days=30, reason="案情复杂")
    discussion = discussed(team, limit.case)
    other = discussed(team, limit.case, purpose=DiscussionPurpose.OTHER)
    client.force_login(team.head.user)

    page = client.get(reverse("deadlines:extend", args=[limit.pk])).content.decode()
    done = client.post(
        reverse("deadlines:extend", args=[limit.pk]), {"days": "30", "reason": "仍需鉴定", "discussion": discussion.pk}
    )

    assert f'<option value="{discussion.pk}"' in page and f'<option value="{other.pk}"' not in page
    assert done.status_code == 302
    assert DeadlineExtension.objects.filter(discussion=discussion).exists()
