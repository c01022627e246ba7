"""A decision made and served before the case was referred to the police keeps being executed (《行政执法机关移送
涉嫌犯罪案件的规定》第十一条第二款、第三款): the party's payments under it are recorded while the case stands
referred, and the case stays referred; no new penalty decision is made meanwhile (第十一条第一款; 行政处罚法
第八十二条)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cases.choices import CaseStatus
from cases.guards import execution as rules
from cases.models.referral import ReferralMaterial
from cases.services import referral
from cases.services.runner import reasons_for
from kernel.rules import ActionRefused
from tests.cases.test_execution import clock, d, decided, pay, serve, team  # noqa: F401 (fixtures)

MATERIALS = [ReferralMaterial.REFERRAL_LETTER, ReferralMaterial.INVESTIGATION_REPORT, ReferralMaterial.ITEMS_LIST]


def refer(team, case):  # noqa: F811
    report = referral.submit_referral_report(
        case=case, actor=team.officer1.user, team=[team.officer1, team.officer2], report="涉嫌生产、销售伪劣产品罪。"
    )
    referral.decide_referral(referral=report, actor=team.head.user, approved=True)
    return referral.refer_to_police(
        case=case, actor=team.officer1.user, police_organ="包头市公安局", materials=MATERIALS
    )


def test_a_payment_under_a_decision_served_before_the_referral_is_recorded_and_the_case_stays_referred(team):  # noqa: F811
    case = refer(team, serve(team, decided(team)))
    assert case.status == CaseStatus.REFERRED
    assert reasons_for(case, "record_payment", team.officer1.user) == []

    paid = pay(team, case, "3000", on=d(6, 1))

    assert paid.status == CaseStatus.REFERRED
    assert rules.ledger_of(paid, on=d(6, 1)).paid == Decimal("3000")


def test_nothing_is_paid_on_a_referred_case_whose_decision_was_never_served(team):  # noqa: F811
    case = refer(team, decided(team))

    with pytest.raises(ActionRefused) as refused:
        pay(team, case, "3000", on=d(6, 1))
    assert [r.code for r in refused.value.reasons] == ["decision_not_served"]


# --- 第十一条第二款: a decision made before the referral and not yet served is served while referred ------------


def test_a_decision_made_before_the_referral_is_served_while_the_case_stands_referred(team):  # noqa: F811
    case = refer(team, decided(team))
    assert reasons_for(case, "serve", team.officer1.user) == []

    served = serve(team, case)

    assert served.status == CaseStatus.REFERRED
    assert served.status_before_referral == CaseStatus.EXECUTING  # resuming returns to execution, not to serving
    assert served.services.count() == 1
    assert pay(team, served, "3000", on=d(6, 1)).status == CaseStatus.REFERRED


def test_a_decision_served_before_the_referral_is_not_served_again(team):  # noqa: F811
    case = refer(team, serve(team, decided(team)))

    assert [r.code for r in reasons_for(case, "serve", team.officer1.user)] == ["no_decision_before_referral"]


def test_nothing_is_served_or_decided_on_a_case_referred_before_its_decision(team):  # noqa: F811
    case = team.open_and_file()
    team.conclude(case)
    case = refer(team, case)

    assert "no_decision_before_referral" in [r.code for r in reasons_for(case, "serve", team.officer1.user)]
    assert [r.code for r in reasons_for(case, "decide", team.head.user)] == ["wrong_state"]
