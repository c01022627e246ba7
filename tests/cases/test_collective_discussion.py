"""集体讨论 (行政处罚法 第五十七条第二款): "对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定" is
law, not a setting; the discussion is an action open in any active state, with its purpose, the heads present,
who presided, each opinion, the conclusion and its record (集体讨论笔录)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from cases.choices import CaseStatus, DiscussionPurpose
from cases.models import CaseEvent
from cases.services import deciding
from cases.services import discussion as discussions
from cases.services.runner import reasons_for
from documents.models import Document
from kernel.rules import ART_57_2, ART_58, ActionRefused
from officers.models import AgencyPolicy

OPINIONS = "吴局长：同意。郑副局长：同意。"


def refused(callable_, **kwargs):
    with pytest.raises(ActionRefused) as excinfo:
        callable_(**kwargs)
    return excinfo.value.reasons


@pytest.fixture
def settings_off(team):
    """Every agency setting that adds a discussion, or makes a case major, switched off."""
    return AgencyPolicy.objects.create(
        agency=team.agency,
        discussion_for_major=False,
        discussion_for_complex=False,
        major_if_hearing_eligible=False,
        major_if_hearing_held=False,
        major_if_outside_benchmark=False,
    )


def heard(team, **answers):
    """An 8,000-yuan fine (no hearing right, not major), notified today and waived: ready for the decision."""
    case = team.open_and_file()
    team.conclude(case, **answers)
    team.notify(case)
    return team.waive(case)


def decide(team, case, *, outcome="penalty"):
    penalty = {"decided_penalty_kinds": ["fine"], "decided_fine_amount": Decimal("8000")}
    return deciding.decide_case(
        case=case,
        actor=team.head.user,
        outcome=outcome,
        decided_on=timezone.localdate(),
        # 行政处罚法 第三十三条: not punishing rests on a ground the law names (no_penalty_ground_stated).
        **(penalty if outcome == "penalty" else {"no_penalty_ground": "minor_corrected"}),
    )


def discuss(team, case, **overrides):
    fields = {
        "held_on": timezone.localdate(),
        "attendees": [team.head, team.deputy],
        "opinions": OPINIONS,
        "conclusion": "同意罚款八千元。",
    }
    fields.update(overrides)
    return discussions.record_collective_discussion(case=case, actor=team.head.user, **fields)


# --- the law on ``decide`` -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ({"complex_circumstances": True, "complex_circumstances_reason": "涉及多个经营主体"}, "情节复杂"),
        ({"serious_violation": True, "serious_violation_reason": "违法所得数额巨大"}, "重大违法行为"),
    ],
)
def test_with_every_setting_off_a_flagged_penalty_needs_a_recorded_discussion(team, settings_off, answers, said):
    case = heard(team, **answers)
    assert not case.is_major

    reasons = refused(decide, team=team, case=case)

    assert [(r.code, r.article) for r in reasons] == [("collective_discussion_required", ART_57_2)]
    assert said in reasons[0].detail and "集体讨论决定" in reasons[0].detail
    assert answers[f"{next(iter(answers))}_reason"] in reasons[0].detail
    discuss(team, case)  # in ``notified``: the case needs no legal review
    assert decide(team, case).status == CaseStatus.DECIDED


def test_the_next_steps_name_the_missing_discussion(team, settings_off):
    case = heard(team, complex_circumstances=True, complex_circumstances_reason="多个法律关系")

    assert [r.code for r in reasons_for(case, "decide", team.head.user)] == ["collective_discussion_required"]


def test_an_unflagged_case_is_decided_without_a_discussion(team, settings_off):
    assert decide(team, heard(team)).status == CaseStatus.DECIDED


def test_not_punishing_a_complex_case_needs_no_discussion(team, settings_off):
    """第五十七条第二款 speaks of 给予行政处罚: a decision not to punish is not one."""
    case = heard(team, complex_circumstances=True, complex_circumstances_reason="多个法律关系")

    assert decide(team, case, outcome="no_penalty").status == CaseStatus.DECIDED


def test_a_discussion_on_another_matter_does_not_stand_for_the_decision(team, settings_off):
    case = heard(team, serious_violation=True, serious_violation_reason="货值金额巨大")
    discuss(team, case, purpose=DiscussionPurpose.OTHER)

    assert [r.code for r in refused(decide, team=team, case=case)] == ["collective_discussion_required"]


def test_the_agency_setting_adds_major_cases_and_only_adds(team):
    """Default settings: a major case needs a discussion though its report flags nothing (本机关政策)."""
    case = heard(team, fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user)
    deciding.pass_legal_review(case=case, actor=team.reviewer.user)

    reasons = refused(decide, team=team, case=case)

    assert [r.code for r in reasons] == ["collective_discussion_required"]
    assert "本机关政策" in reasons[0].article


# --- the record of the discussion --------------------------------------------------------------------------------


def test_a_discussion_records_each_opinion_by_name(team, settings_off):
    case = heard(team)

    reasons = refused(discuss, team=team, case=case, opinions="吴局长：同意。")

    assert [(r.code, r.article) for r in reasons] == [("opinion_missing", ART_57_2)]
    assert "郑副局长" in reasons[0].detail


def test_who_presided_is_one_of_the_heads_present(team, settings_off):
    case = heard(team)
    team.officer2.is_head = True
    team.officer2.save()

    reasons = refused(discuss, team=team, case=case, presided_by=team.officer2)

    assert [r.code for r in reasons] == ["presider_not_attending"]


def test_the_principal_head_presides_by_default(team, settings_off):
    discussion = discuss(team, heard(team), attendees=[team.deputy, team.head])

    assert discussion.presided_by == team.head  # 正职负责人


def test_a_major_case_is_discussed_for_its_decision_only_after_the_legal_review(team):
    case = heard(team, fine_amount=Decimal("50000"))
    assert case.is_major

    reasons = refused(discuss, team=team, case=case)

    assert [(r.code, r.article) for r in reasons] == [("legal_review_required", ART_58)]


def test_the_decision_is_not_discussed_before_the_notice(team, settings_off):
    case = team.open_and_file()

    reasons = refused(discuss, team=team, case=case)

    assert [r.code for r in reasons] == ["discussion_not_for_this_stage"]


def test_a_discussion_on_another_matter_is_open_while_investigating_and_leaves_its_record(team, settings_off):
    case = team.open_and_file()

    discussion = discuss(team, case, purpose=DiscussionPurpose.EXTEND, conclusion="同意继续延长办案期限。")

    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING
    event = CaseEvent.objects.filter(case=case, name="record_collective_discussion").get()
    assert event.data.purpose == "extend" and event.data.presided_by.name == "吴局长"
    assert event.data.discussion == discussion.pk
    assert Document.objects.filter(case=case, kind="collective_discussion").count() == 1


def test_the_page_offers_the_discussion_in_notified_and_records_it_from_the_post(client, team, settings_off):
    case = heard(team, complex_circumstances=True, complex_circumstances_reason="多个法律关系")
    client.force_login(team.head.user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    post = {
        "record_collective_discussion-purpose": "decide",
        "record_collective_discussion-held_on": timezone.localdate().isoformat(),
        "record_collective_discussion-attendees": [team.head.pk, team.deputy.pk],
        "record_collective_discussion-presided_by": team.head.pk,
        "record_collective_discussion-opinions": OPINIONS,
        "record_collective_discussion-conclusion": "同意。",
    }

    response = client.post(f"/cases/{case.pk}/actions/record_collective_discussion/", post)

    assert 'name="record_collective_discussion-opinions"' in page
    assert response.status_code == 302
    assert case.discussions.get().presided_by == team.head
    assert decide(team, case).status == CaseStatus.DECIDED


def test_a_report_that_finds_the_circumstances_complex_says_why(team):
    case = team.open_and_file()

    reasons = refused(team.conclude, case=case, complex_circumstances=True, serious_violation=True)

    assert [(r.code, r.article) for r in reasons] == [("discussion_ground_reason_missing", ART_57_2)] * 2
    assert "情节复杂" in reasons[0].detail and "重大违法行为" in reasons[1].detail


def test_the_case_file_shows_the_purpose_the_presider_and_each_opinion(client, team, settings_off, api):
    case = heard(team, serious_violation=True, serious_violation_reason="货值金额巨大")
    discuss(team, case, presided_by=team.deputy, opinions="吴局长：同意罚款。郑副局长：同意，并责令改正。")
    client.force_login(team.head.user)

    page = client.get(f"/cases/{case.pk}/").content.decode()
    listed = api(team.head).get(f"/api/v1/cases/{case.pk}/").json()["discussions"]

    assert "郑副局长：同意，并责令改正。" in page and "重大违法行为" in page and "货值金额巨大" in page
    assert [(d["purpose"], d["presided_by"]) for d in listed] == [("decide", "郑副局长")]
    assert "郑副局长：同意，并责令改正。" in listed[0]["opinions"]
