"""The registry: every figure as the statutes in shared/laws fix it, and every event it reads documented."""

from pathlib import Path

import pytest

from deadlines.choices import Bearer, Unit
from deadlines.kinds import KINDS, REFERRAL_KINDS, event_names
from deadlines.models import DeadlinePolicy
from officers.models import AgencyPolicy

ROOT = Path(__file__).resolve().parents[2]

STATUTORY = {
    # kind: (unit, count, article fragment)
    "case_time_limit": (Unit.CALENDAR_DAYS, 90, "行政处罚法》第六十条"),
    "evidence_preservation": (Unit.WORKING_DAYS, 7, "第五十六条、第八十五条"),
    "seizure": (Unit.CALENDAR_DAYS, 30, "行政强制法》第二十五条"),
    "hearing_request": (Unit.WORKING_DAYS, 5, "第六十四条第一项、第八十五条"),
    "hearing_notice": (Unit.WORKING_DAYS_BEFORE, 7, "第六十四条第二项"),
    "service": (Unit.WORKING_DAYS, 7, "第六十一条、第八十五条"),
    "payment": (Unit.CALENDAR_DAYS, 15, "第六十七条第三款"),
    "collection_handover": (Unit.WORKING_DAYS, 2, "第七十一条"),
    "collection_deposit": (Unit.WORKING_DAYS, 2, "第七十一条"),
    "reconsideration": (Unit.CALENDAR_DAYS, 60, "行政复议法》第二十条"),
    "litigation": (Unit.MONTHS, 6, "行政诉讼法》第四十六条"),
    "litigation_after_reconsideration": (Unit.CALENDAR_DAYS, 15, "行政诉讼法》第四十五条"),
    "appeal": (Unit.CALENDAR_DAYS, 15, "行政诉讼法》第八十五条"),
    "appeal_ruling": (Unit.CALENDAR_DAYS, 10, "第八十五条"),  # 行政诉讼法: 裁定书送达之日起十日内
    "court_application": (Unit.MONTHS, 3, "行政强制法》第五十三条"),
    "enforcement_reminder": (Unit.WORKING_DAYS_BEFORE, 10, "行政强制法》第五十四条、第六十九条"),
    "reminder_wait": (Unit.WORKING_DAYS, 10, "行政强制法》第五十四条、第六十九条"),
    "publication": (Unit.WORKING_DAYS, 7, "国办发〔2018〕118号"),
    "referral_decision": (Unit.CALENDAR_DAYS, 3, "移送涉嫌犯罪案件的规定》第五条"),
    "referral_handover": (Unit.HOURS, 24, "移送涉嫌犯罪案件的规定》第五条"),
    "police_filing_decision": (Unit.CALENDAR_DAYS, 3, "第八条"),
    "referral_reconsideration_request": (Unit.CALENDAR_DAYS, 3, "第九条"),
    "police_reconsideration_answer": (Unit.CALENDAR_DAYS, 3, "第九条"),
    "procuratorate_request": (Unit.CALENDAR_DAYS, 3, "第九条"),
    "items_handover": (Unit.CALENDAR_DAYS, 3, "第十二条"),
}


@pytest.mark.parametrize(("code", "figure"), STATUTORY.items())
def test_each_statutory_figure_and_its_article(code, figure):
    unit, count, article = figure
    kind = KINDS[code]

    assert (kind.unit, kind.count) == (unit, count)
    assert article in kind.article


def test_periods_of_ten_days_or_less_are_working_days_and_longer_ones_calendar_days():
    # 行政处罚法 第八十五条; 行政强制法 第六十九条 — the referral regulation says neither (calendar, configurable),
    # and 行政诉讼法's periods are calendar days whatever their length (第一百零一条 → 民事诉讼法 第八十五条).
    for kind in KINDS.values():
        stated_by_step = any(opens.count for opens in kind.opens)  # the officer's own period (行政处罚法 第二十八条)
        if kind.referral_step or callable(kind.count) or stated_by_step or kind.unit in (Unit.HOURS, Unit.MONTHS):
            continue
        if kind.article.startswith("《中华人民共和国行政诉讼法》"):
            assert kind.unit == Unit.CALENDAR_DAYS, kind.code
            continue
        if kind.unit == Unit.CALENDAR_DAYS:
            assert kind.count > 10, kind.code
        else:
            assert kind.count <= 10, kind.code


@pytest.mark.django_db
def test_figures_left_to_the_sector_or_agency_come_from_policy_with_their_defaults(team):
    case = team.open()

    assert KINDS["lead_verification"].count_for(case) == 15
    assert KINDS["statement"].count_for(case) == 5
    assert KINDS["legal_review"].count_for(case) == 10
    assert KINDS["case_time_limit"].extension.per_approval(case) == 30

    DeadlinePolicy.objects.create(
        agency=team.agency, lead_verification_working_days=10, case_time_limit_extension_days=20
    )
    AgencyPolicy.objects.create(agency=team.agency, statement_period_working_days=3, legal_review_working_days=7)
    case = type(case).objects.get(pk=case.pk)

    assert KINDS["lead_verification"].count_for(case) == 10
    assert KINDS["statement"].count_for(case) == 3
    assert KINDS["legal_review"].count_for(case) == 7
    assert KINDS["case_time_limit"].extension.per_approval(case) == 20


def test_seizure_extends_once_by_at_most_thirty_days_and_the_case_time_limit_by_head_then_discussion():
    seizure, limit = KINDS["seizure"].extension, KINDS["case_time_limit"].extension

    assert (seizure.per_approval, seizure.cap) == (30, 30)
    assert limit.further_by_discussion and limit.cap is None


def test_only_the_agencys_own_duties_and_other_organs_answers_are_chased():
    assert not KINDS["statement"].watched and KINDS["statement"].bearer == Bearer.PARTY
    assert not KINDS["payment"].watched
    assert not KINDS["referral_reconsideration_request"].watched  # a window the agency may use
    assert KINDS["police_filing_decision"].watched and KINDS["police_filing_decision"].bearer == Bearer.OTHER_ORGAN
    assert KINDS["case_time_limit"].watched
    # 行政强制法 第五十四条: the party's ten working days after the reminder — the agency waits, nobody chases.
    assert KINDS["reminder_wait"].bearer == Bearer.PARTY and not KINDS["reminder_wait"].watched


def test_every_referral_step_the_referral_service_announces_has_a_mirror():
    steps = {
        "decide_referral",
        "refer_to_police",
        "record_police_decision",
        "request_reconsideration",
        "record_reconsideration_result",
        "request_procuratorate_supervision",
        "record_items_handover",
    }
    assert set(REFERRAL_KINDS) == steps


def test_every_event_the_registry_reads_is_documented_for_the_other_services():
    doc = (ROOT / "docs" / "deadlines.md").read_text(encoding="utf-8")

    missing = [name for name in event_names() if f"`{name}`" not in doc]

    assert missing == []
