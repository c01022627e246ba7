"""A decision names its remedy bodies (行政处罚法 第五十九条第一款第五项, 第五十二条第二款): while the agency has not
configured its reconsideration organ or its court, no decision is made — not by ``decide`` nor ``decide_on_spot`` —
and no decision document is issued; the documents never print a placeholder instead (an unnamed organ stretches the
party's window to a year, 行政复议法 第二十条第三款)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from cases.choices import CaseStatus
from cases.models import Case
from cases.services import lifecycle
from cases.services.runner import TransitionBlocked, reasons_for
from documents.choices import DocumentKind as K
from documents.models import AgencyDocumentSettings
from documents.rules import issue_reasons
from tests.documents.conftest import decide, ready_to_decide
from tests.officers.factories import UserFactory

ART_59_5 = "《中华人民共和国行政处罚法》第五十九条第一款第五项"
ART_52_2 = "《中华人民共和国行政处罚法》第五十二条第二款"


def unname(team, **fields):
    AgencyDocumentSettings.objects.filter(agency=team.agency).update(**fields)


def codes(reasons):
    return [r.code for r in reasons]


def test_a_decision_is_refused_before_it_is_recorded_while_the_reconsideration_organ_is_not_configured(team):
    case = ready_to_decide(team)
    unname(team, reconsideration_organ="")

    with pytest.raises(TransitionBlocked) as excinfo:
        team.decide(case)

    (reason,) = excinfo.value.reasons
    assert (reason.code, reason.article) == ("reconsideration_organ_not_configured", ART_59_5)
    assert "行政复议机关" in reason.detail
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED
    assert not case.documents.filter(kind=K.PENALTY_DECISION).exists()


def test_a_decision_not_to_punish_is_refused_too_while_the_court_is_not_configured(team):
    # The 不予行政处罚决定书 (第五十七条第一款第二项) states the remedies as well.
    case = ready_to_decide(team)
    unname(team, court="")

    reasons = reasons_for(
        case, "decide", team.head.user, data={"outcome": "no_penalty", "no_penalty_ground": "minor_corrected"}
    )

    assert codes(reasons) == ["court_not_configured"]
    assert reasons[0].article == ART_59_5


def test_an_agency_that_never_saved_its_document_settings_cannot_decide(team):
    case = ready_to_decide(team)
    AgencyDocumentSettings.objects.filter(agency=team.agency).delete()

    assert codes(reasons_for(case, "decide", team.head.user)) == [
        "reconsideration_organ_not_configured",
        "court_not_configured",
    ]


def test_an_on_the_spot_decision_is_refused_while_the_reconsideration_organ_is_not_configured(team):
    case = team.open_on_the_spot()
    unname(team, reconsideration_organ=" ")

    with pytest.raises(TransitionBlocked) as excinfo:
        lifecycle.decide_on_spot(
            case=case,
            actor=team.officer1.user,
            penalty_kinds=["fine"],
            fine_amount=Decimal("200"),
            legal_basis="《食品安全法》第一百二十六条",
            place="包头市昆都仑区阿尔丁大街8号",
            correction="立即为从业人员办理健康证明。",
        )

    assert [(r.code, r.article) for r in excinfo.value.reasons] == [("reconsideration_organ_not_configured", ART_52_2)]
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD


def test_the_api_answers_409_with_the_reason(team, api):
    case = ready_to_decide(team)
    unname(team, reconsideration_organ="")

    response = api(team.head).post(
        f"/api/v1/cases/{case.pk}/transitions/decide/",
        {
            "outcome": "penalty",
            "decided_on": timezone.localdate().isoformat(),
            "decided_penalty_kinds": ["fine"],
            "decided_fine_amount": "8000",
        },
        format="json",
    )

    assert response.status_code == 409
    assert [r["code"] for r in response.json()["reasons"]] == ["reconsideration_organ_not_configured"]


def test_the_decision_document_is_not_issued_once_the_organ_is_removed(team):
    case = decide(team)
    unname(team, reconsideration_organ="")
    case = Case.objects.get(pk=case.pk)  # as a request loads it

    reasons = issue_reasons(case=case, kind=K.PENALTY_DECISION, officer=team.head, automatic=True)

    assert "reconsideration_organ_not_configured" in codes(reasons)


def test_the_agency_admin_page_sets_the_reconsideration_organ_and_the_court(client, team):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    body = client.get(f"/admin/officers/agency/{team.agency.pk}/change/").content.decode()

    assert 'name="document_settings-0-reconsideration_organ"' in body
    assert 'name="document_settings-0-court"' in body
