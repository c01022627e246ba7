"""涉嫌犯罪案件移送 on the case page (两法衔接; 国务院《行政执法机关移送涉嫌犯罪案件的规定》2020).

The steps post to ``/cases/<pk>/referral/<step>/``; the hand-over and the return to administrative
handling stay transitions in 下一步. Every test runs on a frozen clock from Tuesday 2026-09-29 09:00,
the day before the National Day break (1–7 October 2026 off), as ``test_referral.py`` does.
"""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import registry
from cases.choices import CaseStatus
from cases.models import PoliceReferral
from cases.services import deciding
from cases.services import referral as svc
from tests.cases.factories import build_team
from tests.supervision.factories import record as interference_record

SH = ZoneInfo("Asia/Shanghai")
REG = "《行政执法机关移送涉嫌犯罪案件的规定》"
ART_5, ART_8, ART_9, ART_12 = (f"{REG}第{n}条" for n in ("五", "八", "九", "十二"))
MATERIALS = ["referral_letter", "investigation_report", "items_list"]
REPORT = "经核实，当事人销售伪劣食品货值逾五万元，涉嫌生产、销售伪劣产品罪。"
# The steps the registry declares in the section (cases.actions.referral).
REFERRAL_STEPS = [a.name for a in registry.all_actions() if a.section == "referral" and not a.transition]


def at(month: int, day: int, hour: int = 9, year: int = 2026) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=SH)


@pytest.fixture
def clock():
    with time_machine.travel(at(9, 29), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    return build_team()


def login(client, officer):
    client.force_login(officer.user)
    return client


def detail_url(case):
    return reverse("cases:detail", args=[case.pk])


def step_url(case, step):
    return reverse("cases:referral_step", args=[case.pk, step])


def post_step(client, case, step, **fields):
    return client.post(step_url(case, step), {f"{step}-{k}": v for k, v in fields.items()})


def post_transition(client, case, name, **fields):
    url = reverse("cases:transition", args=[case.pk, name])
    return client.post(url, {f"{name}-{k}": v for k, v in fields.items()})


def done(response, case) -> bool:
    """The step went through: back to the case page (not to the login page)."""
    return response.status_code == 302 and response["Location"] == detail_url(case)


def text_of(response, section: str = "referral") -> str:
    """The section with that id as a reader sees it: tags as spaces, whitespace collapsed."""
    html = response.content.decode()
    assert f'id="{section}"' in html, f"no section {section}"
    html = html.split(f'id="{section}"')[1].split("</section>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def panels(response):
    section = response.context["referral_section"]
    return [p.key for p in section.panels] if section else None


def submitted(team, case, members=None):
    return svc.submit_referral_report(
        case=case, actor=team.officer1.user, team=members or [team.officer1, team.officer2], report=REPORT
    )


def referred(team):
    """A filed case whose referral was approved and handed over on 2026-09-29."""
    case = team.open_and_file()
    referral = submitted(team, case)
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    svc.refer_to_police(case=case, actor=team.officer1.user, police_organ="包头市公安局", materials=MATERIALS)
    return case, referral


# --- the whole path through the pages --------------------------------------------------------------


def test_a_referral_runs_from_report_to_closure_through_the_page(client, team, clock):
    case = team.open_and_file()
    handler = login(client, team.officer1)

    page = handler.get(detail_url(case))
    assert panels(page) == ["submit_referral_report"]
    assert "本案尚未提出涉嫌犯罪案件移送报告" in text_of(page)
    assert f'action="{step_url(case, "submit_referral_report")}"' in page.content.decode()

    response = post_step(
        handler, case, "submit_referral_report", team=[team.officer1.pk, team.officer2.pk], report=REPORT
    )
    assert done(response, case)
    page = handler.get(detail_url(case))
    text = text_of(page)
    assert "待正职负责人审批" in text and "专案组成员 王强、李娜" in text.replace("李娜、王强", "王强、李娜")
    assert f"正职负责人作出是否批准移送的决定 期限 2026-10-08 依据：{ART_5}" in text
    assert panels(page) == ["record_fines_already_imposed"]  # the decision is the principal head's
    assert "已完成：提出移送涉嫌犯罪案件报告。" in page.content.decode()

    head = login(client, team.head)
    assert panels(head.get(detail_url(case))) == ["decide_referral", "record_fines_already_imposed"]
    assert done(post_step(head, case, "decide_referral", approved="yes", reason="同意移送"), case)

    handler = login(client, team.officer1)
    page = handler.get(detail_url(case))
    text = text_of(page)
    assert "已批准，待移送公安机关" in text and "批准移送" in text and "吴局长" in text
    assert f"向公安机关移送 期限 2026-09-30 09:00 依据：{ART_5}" in text  # 第五条: 24 hours
    assert 'href="#step-refer_to_police"' in page.content.decode()
    hand_over = next(p for p in page.context["next_steps"] if p.key == "refer_to_police")
    assert hand_over.blocked == []

    clock.move_to(at(9, 29, 15))
    handler = login(client, team.officer1)  # hours later: the idle session has ended (SESSION_IDLE_TIMEOUT)
    response = post_transition(handler, case, "refer_to_police", police_organ="包头市公安局", materials=MATERIALS)
    assert done(response, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRED
    page = handler.get(detail_url(case))
    assert panels(page) == ["record_police_receipt", "record_fines_already_imposed"]
    assert "包头市公安局" in text_of(page) and "涉案物品清单" in text_of(page)

    clock.move_to(at(9, 30))
    handler = login(client, team.officer1)  # a new working day, a new session (SESSION_COOKIE_AGE)
    response = post_step(
        handler, case, "record_police_receipt", received_on="2026-09-30", receipt_number="昆公回〔2026〕18号"
    )
    assert done(response, case)
    page = handler.get(detail_url(case))
    assert f"公安机关作出立案或者不予立案决定 期限 2026-10-08 依据：{ART_8}" in text_of(page)
    assert panels(page) == ["record_police_decision", "record_fines_already_imposed"]

    clock.move_to(at(10, 8))
    handler = login(client, team.officer1)
    assert done(post_step(handler, case, "record_police_decision", accepted="yes", decided_on="2026-10-08"), case)
    page = handler.get(detail_url(case))
    text = text_of(page)
    assert "公安机关已立案，待移交涉案物品" in text
    assert "移交期限 2026-10-12" in text  # 第十二条: 3 days, 10-11 is a Sunday
    assert panels(page) == ["record_items_handover", "record_fines_already_imposed"]

    clock.move_to(at(10, 9))
    handler = login(client, team.officer1)
    response = post_step(handler, case, "record_items_handover", handed_over_on="2026-10-09", note="涉案食品120箱")
    assert done(response, case)

    head = login(client, team.head)
    response = post_transition(head, case, "close", report="公安机关已立案侦查，涉案物品已移交。")
    assert done(response, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    page = head.get(detail_url(case))
    text = text_of(page)
    assert "公安机关已立案，涉案物品已移交" in text and "昆公回〔2026〕18号" in text and "涉案食品120箱" in text
    assert panels(page) == [] and "尚待办理的步骤及期限" not in text


# --- refusals: the reason with its article, the input kept, 409 --------------------------------------


def test_a_deputy_heads_approval_is_refused_with_the_reason_and_the_article(client, team):
    case = team.open_and_file()
    referral = submitted(team, case)
    deputy = login(client, team.deputy)
    assert "decide_referral" not in panels(deputy.get(detail_url(case)))

    response = post_step(deputy, case, "decide_referral", approved="yes", reason="副局长同意移送")

    body = response.content.decode()
    assert response.status_code == 409
    assert "未能审批移送（正职负责人）" in body
    assert "是否批准移送涉嫌犯罪案件，由本机关正职负责人或者主持工作的负责人决定。" in body and ART_5 in body
    assert "副局长同意移送</textarea>" in body  # the input is kept
    assert re.search(r'value="yes"[^>]*checked', body)
    assert panels(response) == ["decide_referral", "record_fines_already_imposed"]
    assert response.context["referral_section"].panels[0].refused[0].code == "not_principal_head"
    assert PoliceReferral.objects.get(pk=referral.pk).approved is None


def test_a_step_out_of_order_is_refused_with_its_article(client, team):
    case = team.open_and_file()
    submitted(team, case)

    response = post_step(login(client, team.officer1), case, "record_police_receipt", received_on="2026-09-29")

    assert response.status_code == 409
    assert (
        "本案尚未移送公安机关，或者该移送已经办结。" in response.content.decode() and ART_8 in response.content.decode()
    )
    assert 'value="2026-09-29"' in response.content.decode()


def test_a_step_without_a_referral_is_refused_and_an_invalid_payload_is_a_form_error(client, team):
    case = team.open_and_file()
    handler = login(client, team.officer1)

    refused = post_step(handler, case, "record_police_receipt", received_on="2026-09-29")
    invalid = post_step(handler, case, "submit_referral_report", report=REPORT)

    assert refused.status_code == 409 and "本案尚未提出涉嫌犯罪案件移送报告。" in refused.content.decode()
    assert invalid.status_code == 400
    assert (
        "team"
        in next(p for p in invalid.context["referral_section"].panels if p.key == "submit_referral_report").form.errors
    )
    assert not PoliceReferral.objects.filter(case=case).exists()


def test_a_refusal_on_the_page_gives_every_reason_at_once_and_is_recorded(client, team):
    case, referral = referred(team)
    svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=datetime.date(2026, 9, 29))

    response = post_step(login(client, team.officer3), case, "record_police_receipt", received_on="2026-09-29")

    assert response.status_code == 409
    panel = next(p for p in response.context["referral_section"].panels if p.key == "record_police_receipt")
    assert [r.code for r in panel.refused] == ["not_referral_officer", "receipt_already_recorded"]
    body = response.content.decode()
    assert "只有本案承办人、专案组成员或本机关负责人才能登记公安机关签收回执。" in body
    assert "已登记公安机关签收回执。" in body
    assert case.events.filter(event_type="attempt_refused", name="record_police_receipt").exists()


def test_the_team_members_and_the_heads_are_offered_the_police_steps(client, team):
    case = team.open_and_file()
    referral = submitted(team, case, [team.officer1, team.officer3])  # 马骏: on the team, not a handler
    svc.decide_referral(referral=referral, actor=team.head.user, approved=True)
    svc.refer_to_police(case=case, actor=team.officer1.user, police_organ="包头市公安局", materials=MATERIALS)

    for officer in (team.officer3, team.officer2, team.deputy):
        page = login(client, officer).get(detail_url(case))
        assert panels(page) == ["record_police_receipt", "record_fines_already_imposed"], officer.name


# --- due times --------------------------------------------------------------------------------------


def test_an_overdue_step_is_shown_in_red(client, team, clock):
    case = team.open_and_file()
    submitted(team, case)
    clock.move_to(at(10, 9))

    page = login(client, team.head).get(detail_url(case))

    html = page.content.decode()
    assert re.search(r'<li class="due overdue" data-step="decide_referral">', html)
    assert "期限 2026-10-08 已超期" in text_of(page)


def test_a_decline_opens_the_optional_windows_of_article_9(client, team, clock):
    case, referral = referred(team)
    svc.record_fines_already_imposed(referral=referral, actor=team.officer1.user, amount=Decimal("8000"))
    svc.record_police_receipt(referral=referral, actor=team.officer1.user, received_on=datetime.date(2026, 9, 29))
    svc.record_police_decision(referral=referral, actor=team.officer1.user, accepted=False, reasons="数额未达标准")

    page = login(client, team.officer1).get(detail_url(case))

    text = text_of(page)
    assert "公安机关不予立案" in text and "数额未达标准" in text
    assert "移送前已给予的罚款 8,000.00 元" in text
    assert f"提请公安机关复议或者建议检察院立案监督 可选 期限 2026-10-08 依据：{ART_9}" in text
    assert 'class="due optional"' in page.content.decode()
    assert panels(page) == [
        "request_reconsideration",
        "request_procuratorate_supervision",
        "record_fines_already_imposed",
    ]
    # 第九条: the windows are open, so the return to administrative handling waits, with its reason.
    resume = next(p for p in page.context["next_steps"] if p.key == "resume_after_referral")
    assert "reconsideration_window_open" in [r.code for r in resume.blocked]
    assert 'href="#step-resume_after_referral"' not in page.content.decode()
    assert "涉嫌犯罪案件移送书、涉嫌犯罪案件情况的调查报告、涉案物品清单" in text

    clock.move_to(at(10, 9))  # the windows lapsed unused: the head may return the case to administrative handling
    page = login(client, team.head).get(detail_url(case))
    assert 'href="#step-resume_after_referral"' in page.content.decode()
    text = text_of(page)
    assert "期限 2026-10-08 期限已届满" in text and "已超期" not in text  # a lapsed window is not overdue work
    assert 'class="due optional lapsed"' in page.content.decode()


def test_a_due_date_in_a_year_the_calendar_does_not_know_is_marked_provisional(client, team, clock):
    clock.move_to(at(12, 30))
    case = team.open_and_file()
    referral = submitted(team, case)
    assert [(d.step, d.provisional) for d in referral.open_deadlines()] == [("decide_referral", True)]

    text = text_of(login(client, team.head).get(detail_url(case)))

    assert re.search(r"正职负责人作出是否批准移送的决定 期限 2027-01-0\d 暂定", text)


# --- who may see and do what -----------------------------------------------------------------------


@pytest.mark.parametrize("step", REFERRAL_STEPS)
def test_an_officer_of_another_agency_gets_404_on_each_step(client, team, step):
    case, _ = referred(team)

    response = login(client, team.outsider).post(step_url(case, step), {f"{step}-received_on": "2026-09-29"})

    assert response.status_code == 404
    assert PoliceReferral.objects.get(case=case).received_on is None


def test_anonymous_users_are_sent_to_login_and_an_unknown_step_is_404(client, team):
    case = team.open_and_file()

    anonymous = client.post(step_url(case, "submit_referral_report"), {})
    unknown = login(client, team.officer1).post(step_url(case, "fly"), {})

    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    assert unknown.status_code == 404


def test_the_section_is_absent_from_a_lead_and_shows_no_forms_to_a_supervisor(client, team):
    lead = team.open(request_filing=True)
    case = team.open_and_file()
    submitted(team, case)

    assert login(client, team.officer1).get(detail_url(lead)).context["referral_section"] is None
    page = login(client, team.supervisor).get(detail_url(case))
    assert panels(page) == [] and "待正职负责人审批" in text_of(page)


def test_the_interference_link_is_offered_to_the_agencys_officers_and_records_never_show(client, team):
    case = team.open_and_file()
    team.conclude(case)
    team.notify(case)
    team.waive(case)
    deciding.submit_legal_review(case=case, actor=team.officer1.user)
    interference_record(team.officer1, case=case, intervener_officer=team.head, what_was_asked="要求对当事人从轻处理")
    link = f'href="/supervision/interference/new/?case={case.pk}"'

    for officer in (team.officer1, team.head):
        response = login(client, officer).get(detail_url(case))
        body = response.content.decode()
        assert response.status_code == 200
        assert link in body and "登记干预记录" in body
        assert "要求对当事人从轻处理" not in body and "某区人民政府" not in body and "副区长" not in body
        assert "干预记录 1" not in body and "当即表示须依法办理" not in body
    for officer in (team.reviewer, team.supervisor):
        response = login(client, officer).get(detail_url(case))
        body = response.content.decode()
        assert response.status_code == 200
        assert link not in body
        assert "要求对当事人从轻处理" not in body and "当即表示须依法办理" not in body


# --- bounded queries -------------------------------------------------------------------------------


def _with_rejections(team, rejected: int, members):
    case = team.open_and_file()
    for i in range(rejected):
        referral = submitted(team, case, members)
        svc.decide_referral(referral=referral, actor=team.head.user, approved=False, reason=f"第{i + 1}次：证据不足")
    submitted(team, case, members)
    return case


def test_the_case_page_queries_do_not_grow_with_referrals_or_team_members(client, team):
    small = _with_rejections(team, 0, [team.officer1, team.officer2])
    large = _with_rejections(team, 3, [team.officer1, team.officer2, team.officer3])
    login(client, team.head)
    client.get(detail_url(small))  # warm the session and the content types

    with CaptureQueriesContext(connection) as few:
        assert client.get(detail_url(small)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        page = client.get(detail_url(large))

    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    earlier = page.context["referral_section"].earlier
    assert len(earlier) == 3 and earlier[0].referral.stage == "不予批准移送"
    assert page.content.decode().count('<details class="record earlier-referral"') == 3
    assert "第3次：证据不足" in text_of(page)
