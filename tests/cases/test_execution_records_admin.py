"""The records of the agency's own execution (行政强制法 第三十六条、第三十九条至第四十二条) are viewable in the admin
and never added, changed or deleted there: every write goes through the services and their guards."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from cases.models import ExecutionAgreement, ExecutionSuspension, ExecutionTermination, PartyStatement
from cases.services import execution as svc
from tests.cases.test_execution import at, d, decided, remind, serve
from tests.officers.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    from tests.cases.factories import build_team

    return build_team()


def execution_history(team, clock):
    """Served 1 June (8,000 due 16 June); reminded 22 June; the party states on 23 June and the agency reviews it;
    suspended 25 June for hardship, resumed 26 June; an agreement waiving 1,440 of the surcharge on 26 June,
    breached on 29 June."""
    case = serve(team, decided(team))
    reminder = remind(team, case, clock)
    clock.move_to(at(2026, 6, 25))
    statement = svc.record_party_statement(
        case=case, actor=team.officer1.user, received_on=d(6, 23), content="本人近期资金周转困难。"
    )
    svc.review_party_statement(
        case=case, actor=team.officer1.user, statement=statement.pk, review="not_adopted", reviewed_on=d(6, 24),
        reasons="资金周转困难不是不履行的正当理由。",
    )  # fmt: skip
    svc.suspend_execution(
        case=case, actor=team.officer1.user, ground="hardship", facts="当事人经营停止，暂无履行能力。",
        suspended_on=d(6, 25),
    )  # fmt: skip
    clock.move_to(at(2026, 6, 26))
    svc.resume_execution(case=case, actor=team.officer1.user, resumed_on=d(6, 26), reason="当事人已恢复经营。")
    svc.conclude_execution_agreement(
        case=case, actor=team.head.user, agreed_on=d(6, 26), public_interest_unharmed=True,
        terms="6月30日前缴纳全部罚款。", remedial_measures="当事人已清除违法生产的产品并整改到位。",
        surcharge_relief=Decimal("1440"),
    )  # fmt: skip
    clock.move_to(at(2026, 6, 29))
    svc.record_agreement_breach(
        case=case, actor=team.officer1.user, breached_on=d(6, 29), note="当事人未按协议于6月30日前缴纳罚款。"
    )
    assert reminder.party_statements.count() == 1
    return case


@pytest.fixture
def admin_client_(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_the_execution_records_are_readable_in_the_admin_but_never_writable(admin_client_, team, clock):
    case = execution_history(team, clock)
    clock.move_to(at(2026, 7, 1))
    svc.terminate_execution(
        case=case, actor=team.officer1.user, ground="deceased", facts="当事人已死亡，无遗产可供执行，又无义务承受人。",
        terminated_on=d(7, 1),
    )  # fmt: skip

    for model in (PartyStatement, ExecutionSuspension, ExecutionTermination, ExecutionAgreement):
        url = f"/admin/cases/{model._meta.model_name}/"
        obj = model.objects.get(case=case)
        assert admin_client_.get(url).status_code == 200, url
        assert admin_client_.get(f"{url}add/").status_code == 403, url
        change = admin_client_.get(f"{url}{obj.pk}/change/")
        assert change.status_code == 200 and "保存" not in change.content.decode(), url
        assert admin_client_.post(f"{url}{obj.pk}/change/", {}).status_code == 403, url
        assert admin_client_.post(f"{url}{obj.pk}/delete/", {"post": "yes"}).status_code == 403, url
        assert model.objects.filter(pk=obj.pk).exists()
