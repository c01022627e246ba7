"""Records first filed after the hearing (行政处罚法 第四十四条、第六十五条): not only uploaded evidence but every
record that can ground the decision — the inquiry and inspection 笔录, samples (抽样取证), evidence registered for
preservation (先行登记保存), seizures (查封、扣押) — refuses the decision until a new notice is served."""

import datetime

import pytest

from cases.guards.deciding import decision_rests_on_heard_evidence
from cases.models import EvidencePreservation, EvidenceSampling, Seizure
from cases.services import deciding
from cases.services.runner import context_for, reasons_for
from kernel.rules import ActionRefused
from tests.cases.test_hearing_rights import heard_on_20_october, on  # noqa: F401 (the fixture)

ART_44_65 = "《中华人民共和国行政处罚法》第四十四条、第六十五条"


def codes(reasons):
    return [r.code for r in reasons]


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def late_refusal(team, case):
    case.refresh_from_db()
    return next((r for r in reasons_for(case, "decide", team.head.user) if r.code == "evidence_after_hearing"), None)


# Through the actions these records are taken while the case is investigated; the rows below stand for a record
# entered after the hearing by any other route (an import, a later widening of the actions): the rule reads the file.


def test_a_sample_taken_after_the_hearing_refuses_the_decision(team, heard_on_20_october):  # noqa: F811
    case = heard_on_20_october
    before = late_refusal(team, case)
    with on(datetime.date(2026, 10, 22)):
        EvidenceSampling.objects.create(
            case=case, sampled_at=at(datetime.date(2026, 10, 22)), place="仓库",
            samples=[{"name": "某品牌酸奶", "specification": "200克/杯", "quantity": "4杯"}], recorded_by=team.officer1,
        )  # fmt: skip
        refusal = late_refusal(team, case)

    assert before is None
    assert "抽样取证“抽样取证第" in refusal.detail and "某品牌酸奶" in refusal.detail
    assert refusal.article == ART_44_65


def test_a_sample_taken_before_the_hearing_does_not_refuse(team, heard_on_20_october):  # noqa: F811
    case = heard_on_20_october
    with on(datetime.date(2026, 10, 15)):
        EvidenceSampling.objects.create(
            case=case, sampled_at=at(datetime.date(2026, 10, 15)), place="仓库",
            samples=[{"name": "酸奶", "specification": "", "quantity": "1杯"}], recorded_by=team.officer1,
        )  # fmt: skip

    assert late_refusal(team, case) is None


def test_evidence_registered_for_preservation_after_the_hearing_refuses_the_decision(team, heard_on_20_october):  # noqa: F811
    case = heard_on_20_october
    registered = at(datetime.date(2026, 10, 23))
    EvidencePreservation.objects.create(
        case=case, items=[{"name": "账本", "quantity": "3本", "location": "办公室"}], reason="可能灭失",
        requested_by=team.officer1, requested_at=registered, approved_by=team.head, approved_at=registered,
        registered_at=registered, registered_on=datetime.date(2026, 10, 23), place="办公室",
        registered_by=team.officer1,
    )  # fmt: skip
    # A preservation only requested (nothing registered) holds no evidence yet.
    EvidencePreservation.objects.create(
        case=case, items=[{"name": "发票", "quantity": "1张", "location": ""}], reason="可能灭失",
        requested_by=team.officer1, requested_at=registered,
    )  # fmt: skip

    refusal = late_refusal(team, case)

    assert "先行登记保存“先行登记保存第" in refusal.detail and "账本" in refusal.detail
    assert "发票" not in refusal.detail


def test_a_seizure_after_the_hearing_refuses_the_decision_and_dates_the_new_notice(team, heard_on_20_october):  # noqa: F811
    case = heard_on_20_october
    with on(datetime.date(2026, 10, 24)):
        day = at(datetime.date(2026, 10, 24))
        Seizure.objects.create(
            case=case, measure="impound", items="冷柜1台", place="仓库", reason="防止转移", basis="第某条",
            approved_by=team.head, approved_at=day, carried_out_at=day, seized_on=datetime.date(2026, 10, 24),
            record_signature="party_signed", recorded_by=team.officer1.user,
        )  # fmt: skip
        refusal = late_refusal(team, case)
        with pytest.raises(ActionRefused) as early:
            team.notify(case, served_on=datetime.date(2026, 10, 23))

    assert "查封、扣押“" in refusal.detail
    assert codes(early.value.reasons) == ["served_before_late_evidence"]
    assert "2026-10-24" in early.value.reasons[0].detail


def test_an_inquiry_record_made_after_the_hearing_is_notified_anew_before_the_decision(team, heard_on_20_october):  # noqa: F811
    from documents.services import issue_document

    case = heard_on_20_october
    with on(datetime.date(2026, 10, 21)):
        deciding.submit_legal_review(case=case, actor=team.officer1.user)
        deciding.return_legal_review(
            case=case, actor=team.reviewer.user, back_to="investigated", opinions="请补充询问当事人。"
        )
        case.refresh_from_db()
        before = reasons_for(case, "notify", team.officer1.user)
        record = issue_document(
            case=case, kind="inquiry_record", actor=team.officer1.user,
            extra={"interviewee": "张三", "content": "问：冷柜从哪里来？\n答：租的。"},
        )  # fmt: skip
        case.refresh_from_db()
        after = reasons_for(case, "notify", team.officer1.user)
        late = decision_rests_on_heard_evidence(context_for(case, team.head.user))

    assert "already_notified" in codes(before)  # nothing new: the notice stands
    assert "already_notified" not in codes(after)
    assert codes(late) == ["evidence_after_hearing"]
    assert f"询问笔录（{record.number}）" in late[0].detail


def test_the_hearing_transcript_itself_is_not_a_late_record(team, heard_on_20_october):  # noqa: F811
    from documents.services import issue_document

    case = heard_on_20_october
    with on(datetime.date(2026, 10, 21)):
        issue_document(case=case, kind="hearing_transcript", actor=team.officer1.user)

    assert late_refusal(team, case) is None
