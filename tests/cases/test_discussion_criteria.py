"""The agency's documented criteria of 情节复杂 and 重大违法行为 (行政处罚法 第五十七条第二款; 本机关政策, each off or
empty by default): a proposed penalty that meets one has the report's answer pre-set — ticked and locked on the form
with the criterion as its reason — and a report that clears it is refused."""

from decimal import Decimal

import pytest
from django.utils import timezone

from cases.forms.transitions import ReportForm
from cases.services import deciding
from cases.services.runner import reasons_for
from cases.views.stepforms import prepare
from kernel.rules import AGENCY_POLICY, ART_57_2, ActionRefused
from officers.models import AgencyPolicy
from tests.cases.factories import INDIVIDUAL, ORGANIZATION
from tests.matters.factories import MatterFactory

pytestmark = pytest.mark.django_db
BOTH = f"{ART_57_2}；{AGENCY_POLICY}"


def policy(team, **criteria):
    """Every setting that adds a discussion or makes a case major off; only ``criteria`` documented."""
    return AgencyPolicy.objects.create(
        agency=team.agency,
        discussion_for_major=False,
        discussion_for_complex=False,
        major_if_hearing_eligible=False,
        major_if_hearing_held=False,
        major_if_outside_benchmark=False,
        **criteria,
    )


def codes_of(team, case, **report):
    with pytest.raises(ActionRefused) as excinfo:
        team.conclude(case, **report)
    return [(r.code, r.article) for r in excinfo.value.reasons], excinfo.value.reasons


@pytest.mark.parametrize(
    ("criteria", "report", "flag", "said"),
    [
        ({"serious_violation_fine_individual": Decimal("8000")}, {}, "serious_violation", "8,000.00元"),
        (
            {"serious_violation_confiscation": Decimal("3000")},
            {"penalty_kinds": ["fine", "confiscate_property"], "confiscation": "过期面包", "confiscation_value": 3000},
            "serious_violation",
            "3,000.00元",
        ),
        (
            {"serious_violation_if_revocation": True},
            {"penalty_kinds": ["fine", "revoke_permit"]},
            "serious_violation",
            "吊销许可证件",
        ),
    ],
)
def test_a_proposal_meeting_a_criterion_cannot_clear_the_answer(team, criteria, report, flag, said):
    policy(team, **criteria)
    kinds = ["warning", "fine", "confiscate_property", "revoke_permit"]
    case = team.open_and_file(matter=MatterFactory(domain=team.domain, agencies=[team.agency], penalty_kinds=kinds))

    refused, reasons = codes_of(team, case, **report)

    assert refused == [(f"{flag}_criterion_met", BOTH)]
    assert said in reasons[0].detail and "不能取消" in reasons[0].detail
    team.conclude(case, **report, **{flag: True, f"{flag}_reason": "依本机关规定。"})
    assert getattr(case.reports.get(), flag)


def test_several_parties_are_complex_where_the_agency_says_so(team):
    policy(team, complex_if_several_parties=True)
    assert team.conclude(team.open_and_file()).reports.get().complex_circumstances is False  # one party

    case = team.open_and_file(parties=[dict(INDIVIDUAL), dict(ORGANIZATION)])
    refused, reasons = codes_of(team, case)
    assert refused == [("complex_circumstances_criterion_met", BOTH)]
    assert "当事人为2人" in reasons[0].detail


def test_below_the_threshold_or_without_a_penalty_the_handler_answers(team):
    policy(team, serious_violation_fine_individual=Decimal("8000.01"))
    assert team.conclude(team.open_and_file()).reports.get().serious_violation is False

    policy_row = AgencyPolicy.objects.get(agency=team.agency)
    policy_row.serious_violation_fine_individual = Decimal("100")
    policy_row.save()
    no_penalty = {"outcome": "no_penalty", "no_penalty_ground": "minor_corrected", "penalty_kinds": []}
    case = team.conclude(team.open_and_file(), **no_penalty, fine_amount=None)  # 给予行政处罚 only
    assert case.reports.get().serious_violation is False


def test_by_default_no_criterion_applies(team):
    """Every criterion is off or empty by default: a 50,000-yuan fine is the handler's answer alone."""
    assert AgencyPolicy(agency=team.agency).serious_violation_fine_individual is None
    case = team.open_and_file()
    assert team.conclude(case, fine_amount=Decimal("50000")).reports.get().serious_violation is False


def test_the_form_pre_sets_the_answer_with_the_criterion_as_its_reason_and_the_decision_needs_the_heads(team):
    policy(team, serious_violation_fine_individual=Decimal("5000"))
    case = team.open_and_file()
    team.gather_evidence(case)
    data = {
        "report": "调查终结。",
        "facts": "当事人销售过期食品。",
        "correction": "停止销售。",
        "outcome": "penalty",
        "penalty_kinds": ["fine"],
        "fine_amount": "8000",
    }

    form = ReportForm(data=data, case=case)

    assert "对个人罚款达到5,000.00元" in form.fields["serious_violation"].help_text
    assert form.is_valid(), form.errors
    assert form.cleaned_data["serious_violation"] is True
    assert form.cleaned_data["serious_violation_reason"].startswith("拟罚款8,000.00元，达到本机关认定重大违法行为")
    assert form.fields["serious_violation"].disabled  # shown locked when the page re-renders
    deciding.conclude_investigation(case=case, actor=team.officer1.user, **form.cleaned_data)
    team.notify(case)
    team.waive(case)
    decide = {"outcome": "penalty", "decided_on": timezone.localdate(), "decided_penalty_kinds": ["fine"]}
    assert [r.code for r in reasons_for(case, "decide", team.head.user, decide)] == ["collective_discussion_required"]


def test_the_revision_form_shows_the_answer_ticked_and_locked(team):
    policy(team, serious_violation_fine_individual=Decimal("5000"))
    case = team.open_and_file()
    team.conclude(case, serious_violation=True, serious_violation_reason="依本机关规定。")

    form = prepare("revise_proposal", ReportForm(case=case), report=case.reports.get(), notice=None)

    field = form["serious_violation"]
    assert field.field.disabled and field.value() is True
    assert "不能取消" in field.help_text and "拟罚款8,000.00元" in field.help_text
    assert form.initial["serious_violation_reason"].startswith("拟罚款8,000.00元")
    assert "依本机关规定。" in form.initial["serious_violation_reason"]


def test_the_api_pre_sets_the_answer_too(team, api):
    policy(team, serious_violation_fine_individual=Decimal("5000"))
    case = team.open_and_file()
    team.gather_evidence(case)
    body = {
        "report": "调查终结。",
        "facts": "当事人销售过期食品。",
        "correction": "停止销售。",
        "outcome": "penalty",
        "penalty_kinds": ["fine"],
        "fine_amount": "8000",
        "serious_violation": False,
    }

    response = api(team.officer1).post(
        f"/api/v1/cases/{case.pk}/transitions/conclude_investigation/", body, format="json"
    )

    assert response.status_code == 200, response.content
    report = case.reports.get()
    assert report.serious_violation and "5,000.00元" in report.serious_violation_reason
