"""Opening a case and filing it (行政处罚法 第三十六条、第四十二条、第五十四条)."""

import datetime

import pytest
from django.utils import timezone

from cases.choices import CaseStatus, EventType
from cases.deadlines import case_deadlines
from cases.services import cases as case_services
from cases.services import lifecycle
from cases.services.runner import TransitionBlocked, reasons_for
from kernel.rules import ActionRefused

ART_36 = "《中华人民共和国行政处罚法》第三十六条"
ART_42 = "《中华人民共和国行政处罚法》第四十二条"


def codes(reasons):
    return [r.code for r in reasons]


def test_an_officer_opens_a_case_with_a_second_certified_officer(team):
    case = team.open()

    assert case.status == CaseStatus.LEAD
    assert [a.officer for a in case.assignments.all()] == [team.officer1, team.officer2]
    assert [e.event_type for e in case.events.all()] == [EventType.CREATED, EventType.PARTY_ADDED]
    assert case.number == ""


def test_naming_auxiliary_staff_as_the_second_handler_is_refused_with_the_article(team):
    with pytest.raises(ActionRefused) as excinfo:
        team.open(co=[team.aux])

    assert codes(excinfo.value.reasons) == ["auxiliary_staff"]
    assert excinfo.value.reasons[0].article == ART_42
    assert "赵辅" in excinfo.value.reasons[0].detail


def test_an_officer_with_an_expired_certificate_cannot_handle_a_case(team):
    with pytest.raises(ActionRefused) as as_second:
        team.open(co=[team.expired])
    with pytest.raises(ActionRefused) as as_opener:
        team.open(by=team.expired, co=[team.officer1])

    assert codes(as_second.value.reasons) == ["certificate_expired"]
    assert codes(as_opener.value.reasons) == ["certificate_expired"]


def test_a_case_needs_two_officers_from_the_start(team):
    with pytest.raises(ActionRefused) as excinfo:
        team.open(co=[])

    assert codes(excinfo.value.reasons) == ["fewer_than_two_officers"]


def test_the_head_files_a_requested_case_and_it_gets_a_case_number(team):
    case = team.open(request_filing=True)

    filed = lifecycle.file_case(case=case, actor=team.head.user, opinion="同意立案")

    year = timezone.localdate().year
    assert filed.status == CaseStatus.INVESTIGATING
    assert filed.number == f"{team.agency.short_name}立〔{year}〕1号"
    assert filed.filed_on == timezone.localdate()
    last = filed.events.filter(event_type="transition").order_by("-seq").first()
    assert (last.name, last.from_state, last.to_state) == ("file", "lead", "investigating")
    issued = filed.events.order_by("-seq").first()  # the 立案审批表, issued by the step in its transaction
    assert (issued.event_type, issued.payload["kind"], issued.actor) == (
        "document_issued",
        "filing_approval",
        team.head.user,
    )


def test_case_numbers_run_per_agency_and_year_without_gaps(team):
    numbers = [team.open_and_file().number_serial for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_a_handler_cannot_file_the_case_themselves(team):
    case = team.open(request_filing=True)

    with pytest.raises(TransitionBlocked) as excinfo:
        lifecycle.file_case(case=case, actor=team.officer1.user)

    assert codes(excinfo.value.reasons) == ["not_agency_head"]
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD
    refused = case.events.order_by("-seq").first()
    assert refused.event_type == EventType.ATTEMPT_REFUSED
    assert refused.payload["reasons"][0]["code"] == "not_agency_head"


def test_filing_needs_the_handlers_request(team):
    case = team.open()

    assert codes(reasons_for(case, "file", team.head.user)) == ["filing_not_requested"]


def test_a_case_discovered_more_than_two_years_after_the_act_cannot_be_filed(team):
    today = timezone.localdate()
    case = team.open(
        request_filing=True,
        violation_date=today - datetime.timedelta(days=3 * 365),
        discovered_on=today - datetime.timedelta(days=10),
    )

    with pytest.raises(TransitionBlocked) as excinfo:
        lifecycle.file_case(case=case, actor=team.head.user)

    assert codes(excinfo.value.reasons) == ["limitation_expired"]
    assert excinfo.value.reasons[0].article == ART_36


def test_the_case_file_says_when_the_act_was_discovered_after_the_limitation_ran(team):
    """第三十六条: the limitation is met when the act is discovered; discovered after it ran, it reads so — not as
    a duty fulfilled late — and is flagged, though nobody is chased on it."""
    today = timezone.localdate()
    late = team.open(violation_date=today - datetime.timedelta(days=3 * 365), discovered_on=today)
    in_time = team.open(violation_date=today - datetime.timedelta(days=30), discovered_on=today)

    def limitation(case):
        return next(d for d in case_deadlines(case) if d.kind == "limitation")

    assert (limitation(late).status, limitation(late).overdue) == ("已超过追责期限", True)
    assert (limitation(in_time).status, limitation(in_time).overdue) == ("已在期限内发现", False)


@pytest.mark.parametrize(
    ("violation", "end", "discovered", "safety", "harm", "blocked"),
    [
        # Two years end on the same date two years later (29 February → 28 February).
        ("2024-02-29", None, "2026-02-28", False, False, False),
        ("2024-02-29", None, "2026-03-01", False, False, True),
        # A continuing act counts from its end (第三十六条第二款).
        ("2020-01-01", "2025-06-30", "2026-11-01", False, False, False),
        # Life, health or financial safety with harm: five years.
        ("2022-01-10", None, "2026-11-01", True, True, False),
        ("2022-01-10", None, "2026-11-01", True, False, True),
        ("2021-06-01", None, "2026-11-01", True, True, True),
    ],
)
def test_limitation_table(team, violation, end, discovered, safety, harm, blocked):
    team.matter.touches_safety = safety
    team.matter.save()
    case = team.open(
        request_filing=True,
        violation_date=datetime.date.fromisoformat(violation),
        violation_end_date=datetime.date.fromisoformat(end) if end else None,
        discovered_on=datetime.date.fromisoformat(discovered),
        harm_occurred=harm,
    )

    assert ("limitation_expired" in codes(reasons_for(case, "file", team.head.user))) is blocked


def test_a_matter_the_agency_does_not_hold_cannot_be_filed(team):
    team.matter.agencies.remove(team.agency)
    case = team.open(request_filing=True)

    assert codes(reasons_for(case, "file", team.head.user)) == ["matter_not_held"]


def test_recusal_leaves_the_case_unable_to_move_until_a_second_eligible_handler_is_named(team):
    case = team.open_and_file()

    application = case_services.apply_for_recusal(
        case=case, actor=team.officer2.user, officer=team.officer2, applicant="self",
        applied_on=timezone.localdate(), grounds="与当事人系近亲属",
    )  # fmt: skip
    case_services.decide_recusal(
        case=case, actor=team.head.user, application=application, decision="approved", reasons="理由成立"
    )
    blocked = reasons_for(case, "conclude_investigation", team.officer1.user)
    case_services.add_handler(case=case, actor=team.officer1.user, officer=team.officer3)
    after = reasons_for(case, "conclude_investigation", team.officer1.user)

    assert "fewer_than_two_officers" in codes(blocked)
    assert "fewer_than_two_officers" not in codes(after)
    assert case.assignments.get(officer=team.officer2).recusal_reason == "与当事人系近亲属"


def test_a_party_applied_recusal_is_decided_by_the_head_not_a_colleague(team):
    # 第四十三条: no recusal in one step — the application is recorded, then the head (not a colleague) decides.
    case = team.open_and_file()
    application = case_services.apply_for_recusal(
        case=case, actor=team.officer1.user, officer=team.officer2, applicant="party", party=case.parties.first(),
        applied_on=timezone.localdate(), grounds="当事人申请",
    )  # fmt: skip

    with pytest.raises(ActionRefused) as excinfo:
        case_services.decide_recusal(
            case=case, actor=team.officer1.user, application=application, decision="approved", reasons="同意"
        )
    case_services.decide_recusal(
        case=case, actor=team.head.user, application=application, decision="approved", reasons="当事人申请，理由成立"
    )

    assert codes(excinfo.value.reasons) == ["not_agency_head"]
    assert case.assignments.get(officer=team.officer2).recused_at is not None


def test_adding_an_auxiliary_as_handler_is_refused(team):
    case = team.open()

    with pytest.raises(ActionRefused) as excinfo:
        case_services.add_handler(case=case, actor=team.officer1.user, officer=team.aux)

    assert codes(excinfo.value.reasons) == ["auxiliary_staff"]
