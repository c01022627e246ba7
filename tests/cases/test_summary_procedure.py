"""简易程序 (行政处罚法 第五十一条、第五十二条): warning or a small fine decided on the spot."""

from decimal import Decimal

import pytest

from cases.choices import CaseStatus, Procedure
from cases.services import lifecycle
from cases.services.runner import TransitionBlocked
from tests.cases.factories import ORGANIZATION
from tests.matters.factories import MatterFactory

ART_32 = "《中华人民共和国行政处罚法》第三十二条"
ART_38 = "《中华人民共和国行政处罚法》第三十八条"
ART_51 = "《中华人民共和国行政处罚法》第五十一条"


def decide(team, case, amount, kinds=("fine",), basis="《食品安全法》第一百二十六条"):
    return lifecycle.decide_on_spot(
        case=case,
        actor=team.officer1.user,
        penalty_kinds=list(kinds),
        fine_amount=Decimal(amount) if amount is not None else None,
        legal_basis=basis,
        place="包头市昆都仑区阿尔丁大街8号",
        correction="立即改正违法行为。",  # 第二十八条第一款
    )


def test_a_200_yuan_fine_on_an_individual_is_decided_on_the_spot(team):
    case = team.open_on_the_spot()

    decided = decide(team, case, "200")

    assert decided.status == CaseStatus.DECIDED
    assert decided.decided_fine_amount == Decimal("200")
    assert decided.number.startswith(team.agency.short_name)


def test_201_yuan_on_an_individual_is_refused_with_the_article(team):
    case = team.open_on_the_spot()

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "201")

    reason = excinfo.value.reasons[0]
    assert (reason.code, reason.article) == ("summary_fine_over_limit", ART_51)
    assert "200元" in reason.detail
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD


@pytest.mark.parametrize(("amount", "allowed"), [("3000", True), ("3000.01", False)])
def test_an_organization_may_be_fined_up_to_3000_yuan_on_the_spot(team, amount, allowed):
    case = team.open_on_the_spot(parties=[dict(ORGANIZATION)])

    if allowed:
        assert decide(team, case, amount).status == CaseStatus.DECIDED
    else:
        with pytest.raises(TransitionBlocked):
            decide(team, case, amount)


def test_only_a_warning_or_a_fine_may_be_given_on_the_spot(team):
    case = team.open_on_the_spot()

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "100", kinds=("fine", "confiscate_gains"))

    assert [r.code for r in excinfo.value.reasons] == ["summary_kind_not_allowed"]


def test_a_warning_alone_needs_no_amount_but_a_legal_basis(team):
    case = team.open_on_the_spot()

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, None, kinds=("warning",), basis="")

    assert [r.code for r in excinfo.value.reasons] == ["legal_basis_missing"]
    assert decide(team, case, None, kinds=("warning",)).status == CaseStatus.DECIDED


def test_a_general_procedure_case_cannot_be_decided_on_the_spot(team):
    case = team.open()

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "50")

    assert "not_summary_procedure" in [r.code for r in excinfo.value.reasons]


def test_two_eligible_officers_must_be_present(team):
    case = team.open_on_the_spot()
    cert = team.officer2.certificates.get()
    cert.valid_to = cert.valid_from
    cert.save()

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "50")

    assert [r.code for r in excinfo.value.reasons] == ["certificate_expired", "fewer_than_two_officers"]


# --- within the matter's law (第三十八条): the general procedure's kind and range checks (cases.analysis) ------------


def matter(team, **fields):
    return MatterFactory(domain=team.domain, agencies=[team.agency], **fields)


def codes(excinfo):
    return [(r.code, r.article) for r in excinfo.value.reasons]


def test_a_200_yuan_fine_on_a_matter_whose_minimum_is_5000_is_refused_citing_article_51(team):
    case = team.open(procedure=Procedure.SUMMARY)  # the team's matter: 5,000–50,000 yuan, or a warning

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "200")

    assert codes(excinfo) == [("summary_minimum_over_limit", ART_51)]
    detail = excinfo.value.reasons[0].detail
    assert "5,000.00元" in detail and "200元" in detail and "可以当场给予警告" in detail
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD


def test_a_warning_stays_possible_on_a_matter_whose_minimum_exceeds_the_limit(team):
    case = team.open(procedure=Procedure.SUMMARY)

    assert decide(team, case, None, kinds=("warning",)).status == CaseStatus.DECIDED


def test_the_minimum_is_measured_against_the_limit_for_each_party_kind(team):
    two_thousand = matter(team, fine_min=Decimal("2000"), fine_max=Decimal("20000"))
    organization = team.open_on_the_spot(matter=two_thousand, parties=[dict(ORGANIZATION)])
    individual = team.open_on_the_spot(matter=two_thousand)

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, individual, "200")

    assert codes(excinfo) == [("summary_minimum_over_limit", ART_51)]
    assert decide(team, organization, "2500").status == CaseStatus.DECIDED


def test_a_fine_below_the_matters_minimum_is_refused_on_the_spot_too(team):
    hundred = matter(team, fine_min=Decimal("100"), fine_max=Decimal("1000"))
    case = team.open_on_the_spot(matter=hundred)

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "50")

    assert codes(excinfo) == [("below_statutory_minimum", ART_32)]
    assert decide(team, case, "100").status == CaseStatus.DECIDED


def test_a_fine_above_the_matters_maximum_is_refused_on_the_spot_too(team):
    small = matter(team, fine_min=None, fine_max=Decimal("100"))
    case = team.open_on_the_spot(matter=small)

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "150")

    assert [r.code for r in excinfo.value.reasons] == ["above_statutory_maximum"]


def test_a_warning_the_matter_does_not_provide_is_refused(team):
    fine_only = matter(team, fine_min=None, fine_max=Decimal("5000"), penalty_kinds=["fine"])
    case = team.open_on_the_spot(matter=fine_only)

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, None, kinds=("warning",))

    assert codes(excinfo) == [("kind_not_provided", ART_38)]
    assert "警告" in excinfo.value.reasons[0].detail


def test_a_fine_counted_from_a_base_amount_cannot_be_set_on_the_spot_without_it(team):
    multiple = matter(
        team, fine_min=None, fine_max=None, multiple_base="goods_value", multiple_min=None, multiple_max=Decimal("1")
    )
    case = team.open_on_the_spot(matter=multiple)

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "100")

    assert [r.code for r in excinfo.value.reasons] == ["base_amount_missing"]


def test_the_api_refuses_a_200_yuan_fine_on_a_5000_yuan_minimum_with_409_and_article_51(team, api):
    case = team.open(procedure=Procedure.SUMMARY)
    url = f"/api/v1/cases/{case.pk}/transitions/decide_on_spot/"
    payload = {"penalty_kinds": ["fine"], "fine_amount": "200", "legal_basis": "《食品安全法》第一百二十六条"}

    response = api(team.officer1).post(url, {**payload, "place": "现场", "correction": "立即改正"}, format="json")

    assert response.status_code == 409
    assert [(r["code"], r["article"]) for r in response.json()["reasons"]] == [("summary_minimum_over_limit", ART_51)]
