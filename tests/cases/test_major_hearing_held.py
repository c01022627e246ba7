"""A hearing held makes the decision major (法制审核): by law where the decision directly concerns major rights
(行政处罚法 第五十八条第一款第二项, flagged on the investigation report); for every other hearing only by the agency's
policy ``AgencyPolicy.major_if_hearing_held`` (default on, docs/policy.md)."""

from decimal import Decimal

from cases.major import major_reasons
from cases.models import InvestigationReport
from kernel.rules import AGENCY_POLICY
from officers.models import AgencyPolicy

ART_58_2 = "《中华人民共和国行政处罚法》第五十八条第一款第二项"


def report(**fields):
    # A fine below every threshold of the default policy: nothing else makes it major.
    return InvestigationReport(penalty_kinds=["fine"], fine_amount=Decimal("8000"), **fields)


def reasons(*, hearing_held=True, major_rights=False, **policy):
    return [
        (r.code, r.article, r.basis)
        for r in major_reasons(
            report=report(major_rights=major_rights),
            party_kinds={"individual"},
            hearing_held=hearing_held,
            outside_tier=False,
            policy=AgencyPolicy(**policy),
        )
    ]


def test_by_default_every_hearing_held_makes_the_decision_major_as_policy():
    assert reasons() == [("hearing_held", AGENCY_POLICY, "policy")]


def test_an_agency_that_turns_the_policy_off_reviews_only_what_the_law_requires():
    assert reasons(major_if_hearing_held=False) == []


def test_a_hearing_on_major_rights_is_major_by_law_whatever_the_policy():
    assert reasons(major_rights=True, major_if_hearing_held=False) == [("hearing_held", ART_58_2, "law")]


def test_major_rights_without_a_hearing_are_not_a_ground_of_their_own():
    assert reasons(hearing_held=False, major_rights=True) == []


def test_the_investigation_report_records_major_rights(team):
    case = team.open_and_file()

    team.conclude(case, major_rights=True)

    assert case.reports.get().major_rights is True
    assert case.events.get(name="conclude_investigation").data.major_rights is True
