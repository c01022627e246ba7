"""执行协议 (行政强制法 第四十二条): made by a head without harm to the public interest; staged performance, or the
surcharge reduced or waived where the party took remedial measures — applied by the ledger; while it holds no
reminder and no court application; breached, enforcement resumes and the relief lapses from the breach."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from cases.guards.execution import ledger_of
from cases.services import execution as svc
from cases.services.runner import reasons_for
from tests.cases.test_execution import at, codes, d, decided, last_event, refused, serve

pytestmark = pytest.mark.django_db

CL_42 = "《中华人民共和国行政强制法》第四十二条"
REMEDIED = "当事人已清除违法生产的产品并整改到位。"


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    from tests.cases.factories import build_team

    return build_team()


def agree(team, case, *, actor=None, on=None, relief="1440", measures=REMEDIED, terms="", unharmed=True):
    return svc.conclude_execution_agreement(
        case=case,
        actor=(actor or team.head).user,
        agreed_on=on or d(6, 22),
        public_interest_unharmed=unharmed,
        terms=terms,
        remedial_measures=measures,
        surcharge_relief=Decimal(relief),
    )


def breach(team, case, *, on, note="当事人未按协议于6月30日前缴纳第一期罚款。"):
    return svc.record_agreement_breach(case=case, actor=team.officer1.user, breached_on=on, note=note)


def overdue_case(team, clock):
    """Served 1 June, the fine of 8,000 due 16 June: on 22 June the surcharge is 6 days × 240 = 1,440."""
    case = serve(team, decided(team))
    clock.move_to(at(2026, 6, 22))
    assert ledger_of(case, on=d(6, 22)).surcharge == Decimal("1440.00")
    return case


def test_the_surcharge_is_waived_only_for_remedial_measures_and_the_ledger_applies_it(team, clock):
    case = overdue_case(team, clock)

    reasons = refused(agree, team=team, case=case, measures="")
    assert codes(reasons) == ["remedial_measures_missing"]
    assert reasons[0].article == CL_42
    assert codes(refused(agree, team=team, case=case, relief="1440.01")) == ["relief_exceeds_surcharge"]
    assert codes(refused(agree, team=team, case=case, unharmed=False)) == ["public_interest_not_confirmed"]
    assert codes(refused(agree, team=team, case=case, actor=team.officer1)) == ["not_agency_head"]

    agreement = agree(team, case)

    assert agreement.approved_by == team.head
    assert last_event(case, "conclude_execution_agreement").payload["surcharge_relief"] == "1440.00"
    assert ledger_of(case, on=d(6, 22)).surcharge == Decimal("0.00")
    assert ledger_of(case, on=d(6, 21)).surcharge == Decimal("1200.00")  # before the agreement: owed as it ran


def test_a_staged_plan_needs_no_remedial_measures_but_an_agreement_says_something(team, clock):
    case = overdue_case(team, clock)
    assert codes(refused(agree, team=team, case=case, relief="0", measures="")) == ["agreement_empty"]

    agree(team, case, relief="0", measures="", terms="6月30日前缴纳4000元，7月31日前缴纳4000元。")
    assert ledger_of(case, on=d(6, 22)).surcharge == Decimal("1440.00")


def test_while_it_holds_no_reminder_and_a_breach_resumes_enforcement_and_ends_the_relief(team, clock):
    case = overdue_case(team, clock)
    agree(team, case)
    reminder = {"case": case, "actor": team.officer1.user, "performance_deadline": d(7, 10), "manner": "缴入指定银行"}

    reasons = refused(svc.issue_reminder, issued_on=d(6, 22), **reminder)
    assert codes(reasons) == ["agreement_in_force"]
    assert reasons[0].article == CL_42
    clock.move_to(at(2026, 12, 2))
    application = {"filed_on": d(12, 2), "court": "包头市昆都仑区人民法院"}
    assert "agreement_in_force" in codes(reasons_for(case, "apply_to_court", team.head.user, application))

    clock.move_to(at(2026, 6, 25))
    assert codes(refused(breach, team=team, case=case, on=d(6, 21))) == ["date_too_early"]
    assert codes(refused(breach, team=team, case=case, on=d(6, 25), note="")) == ["breach_note_missing"]
    breach(team, case, on=d(6, 25))

    assert ledger_of(case, on=d(6, 24)).surcharge == Decimal("480.00")  # 8 days × 240, less the 1,440 relieved
    assert ledger_of(case, on=d(6, 25)).surcharge == Decimal("2160.00")  # breached: the relief lapses
    assert svc.issue_reminder(issued_on=d(6, 25), **reminder).surcharge == Decimal("2160.00")
    assert codes(refused(breach, team=team, case=case, on=d(6, 25))) == ["no_agreement_in_force"]


def test_the_api_runs_both_steps_and_an_outsider_gets_404(team, clock, api):
    case = overdue_case(team, clock)
    url = f"/api/v1/cases/{case.pk}/actions/"
    body = {
        "agreed_on": "2026-06-22",
        "surcharge_relief": "1000.00",
        "remedial_measures": REMEDIED,
        "public_interest_unharmed": True,
    }

    assert api(team.outsider).post(f"{url}conclude_execution_agreement/", body, format="json").status_code == 404
    unconfirmed = api(team.head).post(
        f"{url}conclude_execution_agreement/", {**body, "public_interest_unharmed": False}, format="json"
    )
    assert (unconfirmed.status_code, unconfirmed.json()["reasons"][0]["code"]) == (
        409,
        "public_interest_not_confirmed",
    )
    assert api(team.head).post(f"{url}conclude_execution_agreement/", body, format="json").status_code == 200
    broken = api(team.officer1).post(
        f"{url}record_agreement_breach/", {"breached_on": "2026-06-22", "note": "未履行。"}, format="json"
    )
    assert broken.status_code == 200
    assert case.execution_agreements.get().breached_on == d(6, 22)
