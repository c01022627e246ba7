"""The records of deciding on the case page: the proposal against its benchmark, the major reasons,
the notice with its windows, the hearing, the reviews and discussions, and the step forms that
write them (行政处罚法 第三十四条、第四十四至四十五条、第五十七至六十五条)."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.choices import CaseStatus
from cases.services import deciding
from cases.services import discussion as discussions
from matters.choices import BenchmarkTierLevel
from tests.matters.factories import BenchmarkFactory, BenchmarkTierFactory

ART_58_3 = "《中华人民共和国行政处罚法》第五十八条第一款第三项"


def login(client, officer):
    client.force_login(officer.user)
    return client


def detail_url(case):
    return reverse("cases:detail", args=[case.pk])


def text_of(response, section: str | None = None) -> str:
    """The page (or the section with that id) as a reader sees it: tags as spaces, whitespace collapsed."""
    html = response.content.decode()
    if section is not None:
        html = html.split(f'id="{section}"')[1].split("</section>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 2, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def benchmark(team):
    bench = BenchmarkFactory(matter=team.matter, effective_from=datetime.date(2025, 1, 1), title="测试裁量基准")
    return {
        level: BenchmarkTierFactory(
            benchmark=bench, level=level, fine_min=Decimal(low), fine_max=Decimal(high), circumstances=circumstances
        )
        for level, low, high, circumstances in [
            (BenchmarkTierLevel.MITIGATED, "2500", "5000", "主动消除违法行为危害后果的。"),
            (BenchmarkTierLevel.LIGHTER, "5000", "18500", "初次违法、货值较小的。"),
            (BenchmarkTierLevel.GENERAL, "18500", "32000", "不具有从轻、减轻或者从重处罚情节的。"),
            (BenchmarkTierLevel.HEAVIER, "32000", "50000", "拒不配合调查的。"),
        ]
    }


def heard(team, case, **proposal):
    team.conclude(case, **proposal)
    team.notify(case)
    return team.waive(case)


def statement(team, case, content="初次违法，已立即下架。"):
    return deciding.record_statement(
        case=case, actor=team.officer1.user, received_on=timezone.localdate(),
        content=content, answer="经复核，情节属实。", adopted=False,
    )  # fmt: skip


# --- 处理意见与裁量基准 ------------------------------------------------------------------------------


def test_the_case_page_shows_the_benchmark_ranges_and_where_the_proposal_sits(client, team, benchmark):
    case = team.open_and_file()
    team.conclude(
        case, fine_amount=Decimal("25000"), tier=benchmark[BenchmarkTierLevel.GENERAL], circumstances="货值约五千元。"
    )

    response = login(client, team.officer1).get(detail_url(case))

    text = text_of(response, "proposal")
    assert "处理意见与裁量基准" in text
    assert "测试裁量基准" in text
    assert "一般处罚" in text and "不具有从轻、减轻或者从重处罚情节的。" in text
    assert "货值约五千元。" in text
    assert "5,000.00元至50,000.00元" in text  # statutory
    assert "18,500.00元至32,000.00元" in text  # the tier
    assert "25,000.00 元" in text
    assert "在所选档次幅度内" in text
    # (25,000 − 5,000) / 45,000 = 44 %: the mark of the gauge; the tier band from 30 % to 60 %.
    body = response.content.decode()
    assert 'class="gauge-mark" x1="44" x2="44"' in body
    assert 'class="gauge-tier" x="30" y="0" width="30"' in body


def test_a_proposal_outside_its_tier_shows_its_justification(client, team, benchmark):
    case = team.open_and_file()
    team.conclude(
        case,
        fine_amount=Decimal("20000"),
        tier=benchmark[BenchmarkTierLevel.LIGHTER],
        outside_tier_justification="当事人拒不配合调查，酌情提高。",
    )

    response = login(client, team.officer1).get(detail_url(case))

    text = text_of(response, "proposal")
    assert "高于所选档次幅度" in text
    assert "超出档次幅度的书面理由 当事人拒不配合调查，酌情提高。" in text
    assert 'class="gauge-mark outside"' in response.content.decode()


def test_earlier_versions_of_the_proposal_are_kept_collapsed(client, team):
    case = team.open_and_file()
    heard(team, case, fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user)
    deciding.return_legal_review(case=case, actor=team.reviewer.user, back_to="investigated", opinions="罚款偏重。")
    deciding.revise_proposal(
        case=case, actor=team.officer1.user, report="调整处理意见", facts="事实", outcome="penalty",
        penalty_kinds=["fine"], fine_amount=Decimal("30000"),
    )  # fmt: skip

    response = login(client, team.officer1).get(detail_url(case))

    record = response.context["record"]
    assert record.proposal.report.version == 2
    assert [v.report.version for v in record.history] == [1]
    body = response.content.decode()
    history = body.split('<details class="record history">')[1].split("</details>")[0]
    assert "第1版" in history and "50,000.00 元" in history
    assert "处理意见已变更，须重新告知" in text_of(response, "notice")  # the notice announced version 1


# --- 重大执法决定 -------------------------------------------------------------------------------------


def test_the_major_reasons_show_their_articles_and_policy_is_labelled_as_such(client, team):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("50000"), complex_facts=True)
    case.refresh_from_db()
    policy_reasons = [r for r in case.major_reasons if r["basis"] == "policy"]
    assert policy_reasons and any(r["basis"] == "law" for r in case.major_reasons)

    body = login(client, team.officer1).get(detail_url(case)).content.decode()

    section = body.split('id="major"')[1].split("</section>")[0]
    assert section.count('class="basis-policy"') == len(policy_reasons)
    assert section.count('<span class="badge policy">本机关政策</span>') == len(policy_reasons)
    law = section.split('class="basis-law"')[1].split("</li>")[0]
    assert "案件情况疑难复杂" in law and ART_58_3 in law
    assert "本机关政策" not in law
    assert "本机关政策（非法定情形）" in section  # the policy reasons' own "article"


def test_a_case_that_is_not_major_says_so(client, team):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("8000"))

    text = text_of(login(client, team.officer1).get(detail_url(case)), "major")

    assert "按当前处理意见，本案不属于重大执法决定。" in text


# --- 事先告知与陈述申辩 -------------------------------------------------------------------------------


def test_the_notice_shows_its_due_dates_statements_and_waiver(client, team):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("50000"))
    team.notify(case)
    statement(team, case)
    team.waive(case)
    notice = case.notices.get()

    response = login(client, team.officer1).get(detail_url(case))

    text = text_of(response, "notice")
    assert f"陈述申辩期限 {notice.statement_due:%Y-%m-%d}" in text
    assert f"听证申请期限 {notice.hearing_request_due:%Y-%m-%d}" in text
    assert "听证权利 已告知" in text
    assert "当事人意见： 初次违法，已立即下架。" in text
    assert "复核意见： 经复核，情节属实。" in text
    assert "放弃陈述申辩和听证" in text and "当事人书面表示放弃陈述、申辩和听证。" in text
    assert "暂定" not in text


def test_due_dates_in_a_year_the_calendar_does_not_know_are_marked_provisional(client, team):
    # Served on 2026-12-28: five working days end in January 2027, a year not yet in the table.
    with at(datetime.date(2026, 12, 28)):
        case = team.open_and_file()
        team.conclude(case, fine_amount=Decimal("50000"))
        team.notify(case)
        response = login(client, team.officer1).get(detail_url(case))

    notice = case.notices.get()
    assert notice.provisional
    section = response.content.decode().split('id="notice"')[1].split("</section>")[0]
    assert section.count('class="badge warn provisional"') == 2  # the statement and the hearing-request dates


# --- 听证 ---------------------------------------------------------------------------------------------


def test_the_hearing_schedule_is_shown(client, team):
    with at(datetime.date(2026, 9, 30)):
        case = team.open_and_file(violation_date=datetime.date(2026, 9, 1), discovered_on=datetime.date(2026, 9, 20))
        team.conclude(case, fine_amount=Decimal("50000"))
        team.notify(case)
    with at(datetime.date(2026, 10, 9)):
        deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 9))
        deciding.schedule_hearing(
            case=case, actor=team.officer1.user, chair=team.chair, hearing_notice_served_on=datetime.date(2026, 10, 9),
            hearing_on=datetime.date(2026, 10, 19), place="第一听证室", agents=["刘律师", "张某某"],
        )  # fmt: skip
        response = login(client, team.officer1).get(detail_url(case))

    section = text_of(response, "hearing")
    assert "申请日期 2026-10-09" in section
    assert f"听证主持人 {team.chair.name}" in section
    assert "听证日期 2026-10-19" in section
    assert "听证地点 第一听证室" in section
    assert "委托代理人 刘律师、张某某" in section
    assert "听证结果 尚未举行" in section


def test_the_hearing_forms_use_date_pickers_a_chair_select_and_radio_outcomes(client, team):
    with at(datetime.date(2026, 9, 30)):
        case = team.open_and_file(violation_date=datetime.date(2026, 9, 1), discovered_on=datetime.date(2026, 9, 20))
        team.conclude(case, fine_amount=Decimal("50000"))
        team.notify(case)
    with at(datetime.date(2026, 10, 9)):
        deciding.request_hearing(case=case, actor=team.officer1.user, requested_on=datetime.date(2026, 10, 9))
        body = login(client, team.officer1).get(detail_url(case)).content.decode()
        deciding.schedule_hearing(
            case=case, actor=team.officer1.user, chair=team.chair, hearing_notice_served_on=datetime.date(2026, 10, 9),
            hearing_on=datetime.date(2026, 10, 19), place="第一听证室",
        )  # fmt: skip
        chairs = login(client, team.chair).get(detail_url(case)).content.decode()

    assert '<input type="date" name="schedule_hearing-hearing_on"' in body
    assert re.search(r'<select name="schedule_hearing-chair"[^>]*>.*?' + team.chair.name, body, re.S)
    assert 'type="radio" name="hold_hearing-outcome"' in chairs
    assert '<input type="date" name="hold_hearing-ended_on"' in chairs


# --- 法制审核与集体讨论 -----------------------------------------------------------------------------


def test_reviews_and_discussions_are_listed_with_voided_passes(client, team, local_storage):
    import io

    from cases.services.evidence import add_evidence

    case = team.open_and_file()
    heard(team, case, fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user, note="请审核")
    deciding.pass_legal_review(case=case, actor=team.reviewer.user, opinions="事实清楚。")
    data = b"%PDF-1.4 new record"
    add_evidence(
        case=case, actor=team.officer1.user, stream=io.BytesIO(data), original_filename="补充.pdf",
        kind="scanned_record", title="补充笔录", head=data, size=len(data),
    )  # fmt: skip
    deciding.submit_legal_review(case=case, actor=team.officer1.user, note="补充证据后重新提请")
    deciding.pass_legal_review(case=case, actor=team.reviewer.user, opinions="补充证据不影响处理意见。")
    discussions.record_collective_discussion(
        case=case, actor=team.head.user, held_on=timezone.localdate(),
        attendees=[team.head, team.deputy], conclusion="同意处罚意见。",
        opinions="吴局长：同意。郑副局长：同意。",
    )  # fmt: skip

    section = text_of(login(client, team.head).get(detail_url(case)), "reviews")

    assert section.count("审核通过") == 2
    assert "已失效" in section
    assert f"审核人 {team.reviewer.name}" in section
    assert "补充证据不影响处理意见。" in section and "提请说明： 补充证据后重新提请" in section
    assert f"参加讨论的负责人 {team.head.name}、{team.deputy.name}" in section
    assert "讨论结论： 同意处罚意见。" in section


def test_the_discussion_form_offers_the_heads_as_checkboxes_and_the_decision_starts_from_the_notice(client, team):
    case = team.open_and_file()
    heard(team, case, fine_amount=Decimal("50000"))
    deciding.submit_legal_review(case=case, actor=team.officer1.user)
    deciding.pass_legal_review(case=case, actor=team.reviewer.user)
    login(client, team.head)
    before = client.get(detail_url(case)).content.decode()
    discussions.record_collective_discussion(
        case=case,
        actor=team.head.user,
        held_on=timezone.localdate(),
        attendees=[team.head, team.deputy],
        conclusion="同意",
        opinions="吴局长：同意。郑副局长：同意。",
    )

    body = client.get(detail_url(case)).content.decode()

    assert f'type="checkbox" name="record_collective_discussion-attendees" value="{team.deputy.pk}"' in before
    assert re.search(r'name="decide-decided_fine_amount" value="50000(\.00)?"', body)
    assert re.search(r'type="radio" name="decide-outcome" value="penalty"[^>]*checked', body)
    offered = re.findall(r'name="decide-decided_penalty_kinds" value="(\w+)"', body)
    assert offered == team.matter.penalty_kinds  # the matter's kinds, not all of Art. 9


# --- the step forms through the page -------------------------------------------------------------------


def test_the_report_form_offers_the_tiers_with_their_ranges_and_circumstances(client, team, benchmark):
    case = team.open_and_file()

    body = login(client, team.officer1).get(detail_url(case)).content.decode()

    general = benchmark[BenchmarkTierLevel.GENERAL]
    assert f'type="radio" name="conclude_investigation-tier" value="{general.pk}"' in body
    assert "一般处罚：18,500.00元至32,000.00元（不具有从轻、减轻或者从重处罚情节的。）" in body
    assert 'type="checkbox" name="conclude_investigation-penalty_kinds" value="fine"' in body


def test_a_handler_concludes_with_a_tier_through_the_page(client, team, benchmark):
    case = team.open_and_file()
    team.gather_evidence(case)  # 行政处罚法 第四十条
    data = {
        "conclude_investigation-report": "调查终结，事实清楚。",
        "conclude_investigation-facts": "当事人销售过期食品。",
        "conclude_investigation-outcome": "penalty",
        "conclude_investigation-penalty_kinds": ["fine"],
        "conclude_investigation-fine_amount": "20000",
        "conclude_investigation-tier": benchmark[BenchmarkTierLevel.GENERAL].pk,
    }

    response = login(client, team.officer1).post(
        reverse("cases:transition", args=[case.pk, "conclude_investigation"]), data
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == CaseStatus.INVESTIGATED
    assert case.reports.get().tier == benchmark[BenchmarkTierLevel.GENERAL]


def test_a_proposal_outside_its_tier_without_justification_is_refused_on_the_page_with_the_article(
    client, team, benchmark
):
    case = team.open_and_file()
    data = {
        "conclude_investigation-report": "调查终结。",
        "conclude_investigation-facts": "当事人销售过期食品。",
        "conclude_investigation-outcome": "penalty",
        "conclude_investigation-penalty_kinds": ["fine"],
        "conclude_investigation-fine_amount": "20000",
        "conclude_investigation-tier": benchmark[BenchmarkTierLevel.LIGHTER].pk,
    }

    response = login(client, team.officer1).post(
        reverse("cases:transition", args=[case.pk, "conclude_investigation"]), data
    )

    text = text_of(response)
    assert response.status_code == 409
    assert "须书面说明理由" in text
    assert "《中华人民共和国行政处罚法》第三十四条" in text


def test_a_handler_notifies_the_party_through_the_page(client, team):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("50000"))
    login(client, team.officer1)
    page = client.get(detail_url(case)).content.decode()
    assert re.search(r'name="notify-facts"[^>]*>\s*' + re.escape(case.facts), page)  # prefilled
    assert "依据" in page and team.matter.penalty_provision.article in page

    response = client.post(
        reverse("cases:transition", args=[case.pk, "notify"]),
        {
            "notify-served_on": timezone.localdate().isoformat(),
            "notify-facts": case.facts,
            "notify-reasons": "事实清楚，证据确凿。",
            "notify-basis": "依据有关规定。",
        },
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == CaseStatus.NOTIFIED
    notice = case.notices.get()
    assert notice.hearing_right
    text = text_of(client.get(detail_url(case)), "notice")
    assert f"陈述申辩期限 {notice.statement_due:%Y-%m-%d}" in text


# --- bounded queries ---------------------------------------------------------------------------------------


def _deliberating(team, *, statements: int, rounds: int):
    """A case before the heads after ``rounds`` notices with ``statements`` statements each and a review per round."""
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("50000"))
    for round_ in range(rounds):
        if round_:
            deciding.revise_proposal(
                case=case, actor=team.officer1.user, report=f"第{round_ + 1}版", facts="事实", outcome="penalty",
                penalty_kinds=["fine"], fine_amount=Decimal("40000"),
            )  # fmt: skip
        team.notify(case)
        for i in range(statements):
            statement(team, case, content=f"陈述{i}")
        team.waive(case)
        deciding.submit_legal_review(case=case, actor=team.officer1.user)
        if round_ < rounds - 1:
            deciding.return_legal_review(case=case, actor=team.reviewer.user, back_to="investigated", opinions="调整")
    deciding.pass_legal_review(case=case, actor=team.reviewer.user)
    return case


def test_the_case_page_queries_do_not_grow_with_statements_and_reviews(client, team):
    small = _deliberating(team, statements=1, rounds=1)
    large = _deliberating(team, statements=4, rounds=3)
    assert large.reviews.count() == 3 and large.notices.count() == 3
    login(client, team.head)
    client.get(detail_url(small))  # warm the session and the content types

    with CaptureQueriesContext(connection) as few:
        assert client.get(detail_url(small)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(detail_url(large)).status_code == 200

    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
