"""行政处罚法 第四十五条第二款: the decision is never heavier than the notice — for confiscated property too, whose
value the investigation report proposes, the notice carries and the decision form now supplies."""

from decimal import Decimal

import pytest
from django.utils import timezone

from cases.choices import CaseStatus
from cases.services import deciding
from cases.services.runner import TransitionBlocked
from matters.choices import PenaltyKind

ART_45 = "《中华人民共和国行政处罚法》第四十五条"
KINDS = [PenaltyKind.CONFISCATE_PROPERTY.value, PenaltyKind.FINE.value]


@pytest.fixture
def notified(team):
    """Notified of a fine of 8,000 yuan and the confiscation of goods worth 3,000 yuan; the hearing waived."""
    team.matter.penalty_kinds = [*team.matter.penalty_kinds, PenaltyKind.CONFISCATE_PROPERTY.value]
    team.matter.save()
    case = team.open_and_file()
    team.conclude(case, penalty_kinds=KINDS, confiscation="过期食品20箱", confiscation_value=Decimal("3000"))
    team.notify(case)
    team.waive(case)
    return case


def decide(team, case, **fields):
    return deciding.decide_case(
        case=case,
        actor=team.head.user,
        outcome="penalty",
        decided_on=timezone.localdate(),
        decided_penalty_kinds=KINDS,
        decided_fine_amount=Decimal("8000"),
        decided_confiscation="过期食品20箱",
        **fields,
    )


def test_the_notice_carries_the_value_the_report_proposed(notified):
    assert notified.notices.get().confiscation_value == Decimal("3000")


def test_confiscating_property_of_higher_value_than_notified_is_refused(team, notified):
    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, notified, decided_confiscation_value=Decimal("3000.01"))

    (reason,) = excinfo.value.reasons
    assert (reason.code, reason.article) == ("heavier_than_notified", ART_45)
    assert "3,000.01元" in reason.detail and "3,000.00元" in reason.detail
    notified.refresh_from_db()
    assert notified.status == CaseStatus.NOTIFIED


def test_confiscating_property_without_its_value_is_refused_when_the_notice_stated_one(team, notified):
    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, notified)

    assert [(r.code, r.article) for r in excinfo.value.reasons] == [("confiscation_value_missing", ART_45)]


def test_confiscating_property_of_the_notified_value_or_less_is_decided_and_recorded(team, notified):
    decided = decide(team, notified, decided_confiscation_value=Decimal("2500"))

    assert decided.status == CaseStatus.DECIDED
    assert decided.decided_confiscation_value == Decimal("2500")
    assert decided.events.get(name="decide").data.decided_confiscation_value == Decimal("2500")


def test_the_decide_form_supplies_the_value_to_the_check(team, notified, api):
    response = api(team.head).post(
        f"/api/v1/cases/{notified.pk}/transitions/decide/",
        {
            "outcome": "penalty",
            "decided_on": timezone.localdate().isoformat(),
            "decided_penalty_kinds": KINDS,
            "decided_fine_amount": "8000",
            "decided_confiscation": "过期食品20箱",
            "decided_confiscation_value": "5000",
        },
        format="json",
    )

    assert response.status_code == 409
    assert [r["code"] for r in response.json()["reasons"]] == ["heavier_than_notified"]


def test_the_decision_document_prints_the_value_decided(team, notified):
    from documents.contexts import BUILDERS, Source
    from documents.models import document_settings_for

    decided = decide(team, notified, decided_confiscation_value=Decimal("2500"))
    source = Source(case=decided, settings=document_settings_for(team.agency), today=decided.decided_on, issuer=None)

    assert (
        "没收非法财物：过期食品20箱（价值人民币贰仟伍佰元整（¥2,500.00））"
        in BUILDERS["penalty_decision"](source)["penalty"]
    )
