"""Hearing rights, completely (issue 10, A5; 行政处罚法 第四十四条、第六十三条至第六十五条)."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from cases.choices import CaseStatus
from cases.services import deciding
from cases.services.evidence import add_evidence, supersede_evidence
from cases.services.runner import reasons_for
from kernel.rules import ActionRefused

ART_44_65 = "《中华人民共和国行政处罚法》第四十四条、第六十五条"


def codes(reasons):
    return [r.code for r in reasons]


def on(day: datetime.date, hour: int = 10):
    # 10:00 UTC is 18:00 in Shanghai: the same local day.
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC), tick=False)


def upload(team, case, title: str):
    data = b"%PDF-1.4 " + title.encode()
    return add_evidence(
        case=case, actor=team.officer1.user, stream=io.BytesIO(data), original_filename=f"{title}.pdf",
        kind="scanned_record", title=title, head=data, size=len(data),
    )  # fmt: skip


def scheduled_for_20_october(team, **schedule):
    """A 50,000-yuan proposal notified on 2026-09-30, a hearing requested on 2026-10-09 and scheduled for 2026-10-20
    before the chair (``schedule``: more of the scheduling, e.g. the agents)."""
    with on(datetime.date(2026, 9, 30)):
        case = team.open_and_file(violation_date=datetime.date(2026, 9, 1), discovered_on=datetime.date(2026, 9, 20))
        team.conclude(case, fine_amount=Decimal("50000"))
        team.notify(case)
    with on(datetime.date(2026, 10, 9)):
        deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 9))
        deciding.schedule_hearing(
            case=case, actor=team.officer1.user, chair=team.chair, hearing_notice_served_on=datetime.date(2026, 10, 9),
            hearing_on=datetime.date(2026, 10, 20), place="听证室", **schedule,
        )  # fmt: skip
    return case


@pytest.fixture
def heard_on_20_october(team):
    """A 50,000-yuan proposal notified on 2026-09-30, a hearing requested, and held by the chair on 2026-10-20."""
    case = scheduled_for_20_october(team)
    with on(datetime.date(2026, 10, 20)):
        deciding.hold_hearing(
            case=case, actor=team.chair.user, outcome="held", ended_on=datetime.date(2026, 10, 20),
            transcript_signature="party", transcript="听证笔录", report="听证报告：建议维持。",
        )  # fmt: skip
    case.refresh_from_db()
    return case


# --- 第四十四条、第六十五条: evidence first filed after the hearing ---------------------------------------------


def test_evidence_filed_after_the_hearing_refuses_the_decision(team, local_storage, heard_on_20_october):
    case = heard_on_20_october
    with on(datetime.date(2026, 10, 21)):
        before = reasons_for(case, "decide", team.head.user)
        upload(team, case, "补充询问笔录")
        after = reasons_for(case, "decide", team.head.user)

    assert "evidence_after_hearing" not in codes(before)
    refusal = next(r for r in after if r.code == "evidence_after_hearing")
    assert "“补充询问笔录”" in refusal.detail and "2026-10-20" in refusal.detail
    assert refusal.article == ART_44_65


def test_evidence_uploaded_on_the_hearing_day_after_the_hearing_was_recorded_counts(
    team, local_storage, heard_on_20_october
):
    case = heard_on_20_october
    with on(datetime.date(2026, 10, 20), hour=11):  # an hour after the chair recorded the hearing
        upload(team, case, "听证后提交的发票")
        reasons = reasons_for(case, "decide", team.head.user)

    assert "evidence_after_hearing" in codes(reasons)


def test_evidence_filed_before_the_hearing_or_superseded_does_not_refuse(team, local_storage):
    case = scheduled_for_20_october(team)
    with on(datetime.date(2026, 10, 20), hour=1):
        upload(team, case, "听证中出示的检验报告")  # on the hearing day, before the hearing was recorded
    with on(datetime.date(2026, 10, 20)):
        deciding.hold_hearing(
            case=case, actor=team.chair.user, outcome="held", ended_on=datetime.date(2026, 10, 20),
            transcript_signature="party", transcript="听证笔录", report="听证报告",
        )  # fmt: skip
    with on(datetime.date(2026, 10, 22)):
        late = upload(team, case, "事后补充的照片")
        supersede_evidence(evidence=late, actor=team.officer1.user, reason="不作为定案依据")
        case.refresh_from_db()
        reasons = reasons_for(case, "decide", team.head.user)

    assert "evidence_after_hearing" not in codes(reasons)


def test_a_new_notice_after_the_late_evidence_gives_the_hearing_right_again(team, local_storage, heard_on_20_october):
    case = heard_on_20_october
    with on(datetime.date(2026, 10, 21)):
        # Without evidence filed after the hearing the notice stands: nothing to notify anew.
        with pytest.raises(ActionRefused) as unchanged:
            team.notify(case)
        upload(team, case, "补充询问笔录")
        case.refresh_from_db()
        renotified = team.notify(case)
        reasons = reasons_for(renotified, "decide", team.head.user)
    with on(datetime.date(2026, 10, 23)):
        again = deciding.request_hearing(
            case=renotified, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 23)
        )

    assert codes(unchanged.value.reasons) == ["already_notified"]
    assert renotified.status == CaseStatus.NOTIFIED
    assert case.notices.count() == 2 and case.notices.order_by("-pk").first().hearing_right
    assert "evidence_after_hearing" not in codes(reasons)
    assert "hearing_window_open" in codes(reasons)  # the party may ask for a hearing again
    assert again.status == CaseStatus.HEARING


# --- 第六十三条第一款第五项、第六项: the right granted by hand; the agency's reading of 第五项 -----------------------


def _notify(team, case, **grant):
    return deciding.notify_party(
        case=case, actor=team.officer1.user, served_on=timezone.localdate(), facts="违法事实",
        reasons="事实清楚。", basis="依据有关规定。", **grant,
    )  # fmt: skip


def test_the_handler_grants_the_hearing_right_by_hand_citing_article_63_item_5(team):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("8000"))  # below the 10,000-yuan threshold: no right computed

    with pytest.raises(ActionRefused) as unreasoned:
        _notify(team, case, hearing_granted_under="63_5")
    notified = _notify(
        team, case, hearing_granted_under="63_5", hearing_granted_reason="当事人为个体工商户，罚款将导致其停业。"
    )
    requested = deciding.request_hearing(case=notified, actor=team.officer1.user, requested_on=timezone.localdate())

    assert codes(unreasoned.value.reasons) == ["hearing_grant_without_reason"]
    assert unreasoned.value.reasons[0].article == "《中华人民共和国行政处罚法》第六十三条"
    notice = case.notices.get()
    assert notice.hearing_right and notice.hearing_granted_under == "63_5"
    assert notice.hearing_window is not None  # the five working days run from the notice (第六十四条第一项)
    event = case.events.filter(name="notify").order_by("-seq").first()  # after the refused attempt
    assert event.payload["hearing_granted_under"] == "63_5"
    assert "第六十三条第一款第五项" in event.payload["hearing_grounds"][0]
    assert requested.status == CaseStatus.HEARING


def test_a_grant_under_item_6_must_name_the_provision(team):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("8000"))

    with pytest.raises(ActionRefused) as refused:
        _notify(team, case, hearing_granted_under="63_6", hearing_granted_reason=" ")

    assert codes(refused.value.reasons) == ["hearing_grant_without_reason"]
    assert "法律、法规、规章条款" in refused.value.reasons[0].detail


@pytest.mark.parametrize("kind", ["suspend_permit", "restrict_business"])
def test_suspension_of_a_permit_or_restriction_of_business_carries_the_right_by_agency_policy(team, kind):
    from officers.models import AgencyPolicy

    team.matter.penalty_kinds = ["warning", "fine", kind]
    team.matter.save()
    by_default = team.open_and_file()
    team.conclude(by_default, penalty_kinds=["fine", kind], fine_amount=Decimal("8000"))
    team.notify(by_default)
    AgencyPolicy.objects.create(agency=team.agency, hearing_for_suspension_and_restriction=False)
    switched_off = team.open_and_file()
    team.conclude(switched_off, penalty_kinds=["fine", kind], fine_amount=Decimal("8000"))
    team.notify(switched_off)

    grounds = by_default.events.get(name="notify").payload["hearing_grounds"]
    assert by_default.notices.get().hearing_right
    assert grounds and "本机关政策" in grounds[0] and "第六十三条第一款第五项" in grounds[0]
    assert not switched_off.notices.get().hearing_right


# --- 第六十四条第八项: the transcript checked and signed, or the refusal noted ----------------------------------------


@pytest.fixture
def hearing_day(team):
    """A hearing requested and scheduled for 2026-10-20 with one agent, the clock on that day."""
    case = scheduled_for_20_october(team, agents=["赵律师"])
    with on(datetime.date(2026, 10, 20)):
        yield case


def _hold(team, case, **signature):
    return deciding.hold_hearing(
        case=case, actor=team.chair.user, outcome="held", ended_on=datetime.date(2026, 10, 20),
        transcript="听证笔录", report="听证报告", **signature,
    )  # fmt: skip


def test_a_transcript_neither_signed_nor_noted_is_refused(team, hearing_day):
    with pytest.raises(ActionRefused) as unsigned:
        _hold(team, hearing_day)
    with pytest.raises(ActionRefused) as unnoted:
        _hold(team, hearing_day, transcript_signature="refused", signature_refusal_note=" ")

    assert codes(unsigned.value.reasons) == ["transcript_not_signed"]
    assert unsigned.value.reasons[0].article == "《中华人民共和国行政处罚法》第六十四条第八项"
    assert codes(unnoted.value.reasons) == ["signature_refusal_not_noted"]
    hearing_day.refresh_from_db()
    assert hearing_day.status == CaseStatus.HEARING and not hearing_day.notices.get().hearing.concluded


def test_a_refusal_noted_by_the_chair_is_recorded_and_printed(team, hearing_day):
    from documents.contexts.common import Source
    from documents.contexts.records import hearing_transcript

    held = _hold(
        team, hearing_day, transcript_signature="refused", signature_refusal_note="当事人对笔录无异议，但拒绝签字。"
    )
    hearing = held.notices.get().hearing
    event = held.events.filter(name="hold_hearing").get()

    assert (hearing.transcript_signature, hearing.signature_refusal_note) == (
        "refused",
        "当事人对笔录无异议，但拒绝签字。",
    )
    assert event.payload["transcript_signature"] == "refused"
    context = hearing_transcript(Source(case=held, settings=None, today=datetime.date(2026, 10, 20), issuer=None))
    assert context["signature_refusal_note"] == "当事人对笔录无异议，但拒绝签字。"


def test_an_agent_signs_only_when_one_was_named(team, hearing_day):
    from cases.models import Hearing

    Hearing.objects.filter(notice__case=hearing_day).update(agents=[])
    with pytest.raises(ActionRefused) as no_agent:
        _hold(team, hearing_day, transcript_signature="agent")
    Hearing.objects.filter(notice__case=hearing_day).update(agents=["赵律师"])
    signed = _hold(team, hearing_day, transcript_signature="agent")

    assert codes(no_agent.value.reasons) == ["no_agent_named"]
    assert signed.notices.get().hearing.transcript_signature == "agent"


def test_a_hearing_ended_for_absence_needs_no_signature(team, hearing_day):
    ended = deciding.hold_hearing(
        case=hearing_day, actor=team.chair.user, outcome="absent", ended_on=datetime.date(2026, 10, 20),
        transcript="当事人经合法通知无正当理由未到场，终止听证。",
    )  # fmt: skip

    assert ended.notices.get().hearing.outcome == "absent"


def test_the_new_notice_is_served_once_the_late_evidence_exists(team, local_storage, heard_on_20_october):
    case = heard_on_20_october
    with on(datetime.date(2026, 10, 22)):
        upload(team, case, "补充询问笔录")
        case.refresh_from_db()
        with pytest.raises(ActionRefused) as early:
            team.notify(case, served_on=datetime.date(2026, 10, 21))

    assert codes(early.value.reasons) == ["served_before_late_evidence"]
    assert "2026-10-22" in early.value.reasons[0].detail


def test_evidence_filed_after_a_hearing_ended_for_absence_also_refuses_the_decision(team, local_storage):
    case = scheduled_for_20_october(team)
    with on(datetime.date(2026, 10, 20)):
        deciding.hold_hearing(
            case=case, actor=team.chair.user, outcome="absent", ended_on=datetime.date(2026, 10, 20),
            transcript="当事人经合法通知无正当理由未到场，终止听证。",
        )  # fmt: skip
    with on(datetime.date(2026, 10, 21)):
        upload(team, case, "补充检查笔录")
        case.refresh_from_db()
        reasons = reasons_for(case, "decide", team.head.user)

    assert "evidence_after_hearing" in codes(reasons)


def test_the_hearing_rights_notice_states_the_basis_of_a_grant_by_hand(team):
    from documents.contexts.common import Source
    from documents.contexts.notices import hearing_rights_notice
    from documents.models import document_settings_for

    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("8000"))
    _notify(team, case, hearing_granted_under="63_6", hearing_granted_reason="依据《某省市场监督管理听证办法》第五条。")
    source = Source(case=case, settings=document_settings_for(team.agency), today=timezone.localdate(), issuer=None)

    context = hearing_rights_notice(source)

    assert context["granted_under"] == "法律、法规、规章规定的其他情形（第六十三条第一款第六项）"
    assert context["granted_reason"] == "依据《某省市场监督管理听证办法》第五条。"
