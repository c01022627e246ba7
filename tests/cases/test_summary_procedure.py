"""简易程序 (行政处罚法 第五十一条、第五十二条): warning or a small fine decided on the spot."""

from decimal import Decimal

import pytest

from cases.choices import CaseStatus, Procedure
from cases.services import lifecycle
from cases.services.runner import TransitionBlocked
from tests.cases.factories import ORGANIZATION

ART_51 = "《中华人民共和国行政处罚法》第五十一条"


def decide(team, case, amount, kinds=("fine",), basis="《食品安全法》第一百二十六条"):
    return lifecycle.decide_on_spot(
        case=case,
        actor=team.officer1.user,
        penalty_kinds=list(kinds),
        fine_amount=Decimal(amount) if amount is not None else None,
        legal_basis=basis,
        place="包头市昆都仑区阿尔丁大街8号",
    )


def test_a_200_yuan_fine_on_an_individual_is_decided_on_the_spot(team):
    case = team.open(procedure=Procedure.SUMMARY)

    decided = decide(team, case, "200")

    assert decided.status == CaseStatus.DECIDED
    assert decided.decided_fine_amount == Decimal("200")
    assert decided.number.startswith(team.agency.short_name)


def test_201_yuan_on_an_individual_is_refused_with_the_article(team):
    case = team.open(procedure=Procedure.SUMMARY)

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "201")

    reason = excinfo.value.reasons[0]
    assert (reason.code, reason.article) == ("summary_fine_over_limit", ART_51)
    assert "200元" in reason.detail
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD


@pytest.mark.parametrize(("amount", "allowed"), [("3000", True), ("3000.01", False)])
def test_an_organization_may_be_fined_up_to_3000_yuan_on_the_spot(team, amount, allowed):
    case = team.open(procedure=Procedure.SUMMARY, parties=[dict(ORGANIZATION)])

    if allowed:
        assert decide(team, case, amount).status == CaseStatus.DECIDED
    else:
        with pytest.raises(TransitionBlocked):
            decide(team, case, amount)


def test_only_a_warning_or_a_fine_may_be_given_on_the_spot(team):
    case = team.open(procedure=Procedure.SUMMARY)

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "100", kinds=("fine", "confiscate_gains"))

    assert [r.code for r in excinfo.value.reasons] == ["summary_kind_not_allowed"]


def test_a_warning_alone_needs_no_amount_but_a_legal_basis(team):
    case = team.open(procedure=Procedure.SUMMARY)

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
    case = team.open(procedure=Procedure.SUMMARY)
    cert = team.officer2.certificates.get()
    cert.valid_to = cert.valid_from
    cert.save()

    with pytest.raises(TransitionBlocked) as excinfo:
        decide(team, case, "50")

    assert [r.code for r in excinfo.value.reasons] == ["certificate_expired", "fewer_than_two_officers"]
