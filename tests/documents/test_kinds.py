"""Every kind of document, issued at the step of the case where the law puts it, rendered with the CJK
font embedded and saying what its article requires; and the guards that refuse a document too early.

The general-procedure walk runs on a travelled clock from Monday 2026-11-02: a 50,000-yuan proposal
(hearing-eligible, so major), notice, hearing, legal review, collective discussion, decision, service,
reminder, court application, closing report and file index.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import Case
from cases.models.execution import Service
from cases.models.referral import ReferralMaterial
from cases.services import deciding, execution, lifecycle
from cases.services import discussion as discussions
from cases.services import referral as referral_services
from documents.models import AgencyDocumentSettings, Document
from documents.rules import closing_document_reasons, issue_reasons
from documents.services import DocumentRefused, issue_document, render_html
from kernel.money import in_words
from tests.cases.factories import build_team
from tests.documents.conftest import BANK, body_text, pdf_bytes, pdffonts

SH = ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=SH)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def rendered_text(document, tmp_path) -> str:
    """The PDF's text, after checking that every font in it is embedded and one is the CJK font."""
    path = tmp_path / f"{document.kind}-{document.pk}.pdf"
    path.write_bytes(pdf_bytes(document))
    fonts = pdffonts(path)
    assert any("WenQuanYi" in f["name"] for f in fonts), (document.kind, fonts)
    assert all(f["emb"] == "yes" for f in fonts), (document.kind, fonts)
    return body_text(path, document)


@pytest.fixture
def clock():
    with time_machine.travel(at(11, 2), tick=False) as traveller:
        yield traveller


@pytest.mark.django_db
def test_every_document_of_a_general_procedure_case_with_a_hearing(clock, issue, rendered, tmp_path):
    team = build_team()
    AgencyDocumentSettings.objects.filter(agency=team.agency).update(
        fine_bank=BANK, reconsideration_organ="包头市人民政府", court="包头市昆都仑区人民法院"
    )
    case = team.open_and_file(violation_date=D(2026, 10, 1), discovered_on=D(2026, 10, 30))
    o1 = team.officer1
    docs: dict[str, Document] = {}

    def add(kind, **kwargs):  # issued by hand from the case page
        docs[kind] = issue(case, kind, kwargs.pop("by", o1), **kwargs)

    def take(kind, key=None):  # issued by the step itself (documents.steps), then rendered
        latest = Document.objects.filter(case=case, kind=kind, superseded_by__isnull=True).latest("pk")
        docs[key or kind] = rendered(latest)

    take("filing_approval")
    add("inspection_record", extra={"place": "昆都仑区阿尔丁大街8号", "content": "货架上摆放过期面包12袋。"})
    add("inquiry_record", extra={"interviewee": "张三", "content": "问：面包从哪里进的？\n答：批发市场。"})
    add("preservation_notice", extra={"items": "过期面包 12袋\n进货单据 1张", "place": "本局证据保管室"})
    team.conclude(case, fine_amount=Decimal("50000"), evidence=False)  # the 笔录 are the evidence (第四十条)
    team.notify(case)
    take("penalty_notice")
    add("hearing_rights_notice")

    clock.move_to(at(11, 4))
    deciding.request_hearing(case=case, actor=o1.user, requested_on=D(2026, 11, 4))
    deciding.schedule_hearing(
        case=case, actor=o1.user, chair=team.chair, hearing_notice_served_on=D(2026, 11, 4),
        hearing_on=D(2026, 11, 16), place="本局三楼听证室",
    )  # fmt: skip
    take("hearing_notice")

    clock.move_to(at(11, 16))
    deciding.hold_hearing(
        case=case, actor=team.chair.user, outcome="held", transcript_signature="party", ended_on=D(2026, 11, 16),
        transcript="调查人员陈述事实和证据；当事人申辩称系初次违法。", report="建议维持拟处罚意见。",
    )  # fmt: skip
    take("hearing_transcript")
    deciding.submit_legal_review(case=case, actor=o1.user, note="经听证，请审核。")
    deciding.pass_legal_review(case=case, actor=team.reviewer.user, opinions="事实清楚，证据确凿，适用依据正确。")
    take("legal_review_opinion")
    discussions.record_collective_discussion(
        case=case, actor=team.head.user, held_on=D(2026, 11, 16), attendees=[team.head, team.deputy],
        conclusion="同意罚款五万元。", opinions="吴局长：同意。郑副局长：同意。",
    )  # fmt: skip
    take("collective_discussion")
    deciding.decide_case(
        case=case, actor=team.head.user, outcome="penalty", decided_on=D(2026, 11, 16),
        decided_penalty_kinds=["fine"], decided_fine_amount=Decimal("50000"),
    )  # fmt: skip
    take("penalty_decision")

    clock.move_to(at(11, 17))
    lifecycle.serve_decision(case=case, actor=o1.user, served_on=D(2026, 11, 17), method="direct", recipient="张三")
    take("service_receipt")
    scan = pdf_bytes(docs["service_receipt"])  # the signed receipt, scanned back into the file
    execution.attach_service_receipt(
        service=Service.objects.get(case=case, document="decision"), actor=o1.user, stream=io.BytesIO(scan),
        original_filename="送达回证.pdf", head=scan[:64], size=len(scan),
    )  # fmt: skip

    clock.move_to(at(12, 10))
    reminder = execution.issue_reminder(
        case=case, actor=o1.user, issued_on=D(2026, 12, 10), performance_deadline=D(2026, 12, 24), manner=f"缴入{BANK}"
    )
    take("payment_reminder")
    execution.serve_reminder(
        reminder=reminder, actor=o1.user, served_on=D(2026, 12, 10), method="direct", recipient="张三"
    )
    take("service_receipt", "reminder_receipt")
    # 行政强制法 第三十六条: the party's statement after the reminder, and its review, go into the application.
    statement = execution.record_party_statement(
        case=case, actor=o1.user, received_on=D(2026, 12, 10), content="当事人称资金周转困难，请求减免加处罚款。"
    )
    execution.review_party_statement(
        case=case, actor=o1.user, statement=statement.pk, review="not_adopted", reviewed_on=D(2026, 12, 10),
        reasons="资金周转困难不是不履行的正当理由。",
    )  # fmt: skip
    before_application = issue_reasons(case=Case.objects.get(pk=case.pk), kind="enforcement_application", officer=o1)

    # 行政强制法 第五十三条: once the remedy periods have run (6 months after service) and within 3 months.
    clock.move_to(datetime.datetime(2027, 5, 20, 10, tzinfo=SH))
    application = execution.apply_to_court(
        case=case, actor=team.head.user, filed_on=D(2027, 5, 20), court="包头市昆都仑区人民法院"
    )
    take("enforcement_application")
    execution.record_court_outcome(application=application, actor=o1.user, outcome="granted", decided_on=D(2027, 5, 20))
    missing_before_close = closing_document_reasons(Case.objects.get(pk=case.pk), closing=True)
    execution.close_case(case=case, actor=team.head.user, report="已申请人民法院强制执行，建议结案归档。")
    take("closing_report")
    add("file_index")

    assert all(d.is_rendered for d in docs.values()), {k: d.status for k, d in docs.items()}
    text = {kind: rendered_text(d, tmp_path) for kind, d in docs.items()}
    short, number = team.agency.short_name, case.number

    # Internal records carry the case number; documents to the party or the court their own 文号.
    internal = ("filing_approval", "inspection_record", "inquiry_record", "hearing_transcript",
                "legal_review_opinion", "collective_discussion", "service_receipt", "reminder_receipt",
                "closing_report", "file_index")  # fmt: skip
    for kind in internal:
        assert docs[kind].number == number, kind
    for kind, code in (("preservation_notice", "先保"), ("penalty_notice", "罚告"), ("hearing_rights_notice", "听告"),
                       ("hearing_notice", "听通"), ("penalty_decision", "罚决"), ("payment_reminder", "催"),
                       ("enforcement_application", "强申")):  # fmt: skip
        year = docs[kind].issued_at.astimezone(SH).year
        assert docs[kind].number == f"{short}{code}〔{year}〕1号", kind
        assert docs[kind].number in text[kind]
    assert docs["enforcement_application"].number_year == 2027

    expect = {
        "filing_approval": [number, "负责人审批意见", "吴局长"],
        "inspection_record": ["出示执法证件", "货架上摆放过期面包12袋", "执法证号"],
        "inquiry_record": ["如实回答", "答：批发市场", "申请回避"],
        "preservation_notice": ["过期面包12袋", "本局证据保管室", "七个工作日内", "不得销毁或者转移"],
        "penalty_notice": ["罚款人民币伍万元整", "陈述和申辩", "不会因你（单位）陈述、申辩而给予更重的处罚",
                           "要求听证的权利", "五个工作日内"],
        "hearing_rights_notice": ["要求举行听证", "五个工作日内", "不承担行政机关组织听证的费用"],
        "hearing_notice": ["2026年11月16日", "本局三楼听证室", "周主持", "一至二人", "申请回避", "视为放弃听证权利"],
        "hearing_transcript": ["当事人申辩称系初次违法", "建议维持拟处罚意见", "核对", "周主持"],
        "legal_review_opinion": ["审核通过", "孙审核", "事实清楚，证据确凿，适用依据正确"],
        "collective_discussion": ["吴局长、郑副局长", "同意罚款五万元"],
        "penalty_decision": ["举行了听证", "根据听证笔录", docs["penalty_notice"].number, "罚款人民币伍万元整",
                             BANK, "十五日", "百分之三", "六十日", "包头市人民政府", "六个月", "不停止执行"],
        "service_receipt": [docs["penalty_decision"].number, "行政处罚决定书", "直接送达", "2026年11月17日", "张三",
                            "受送达人签名"],
        "reminder_receipt": [docs["payment_reminder"].number, "催告书", "直接送达", "2026年12月10日"],
        "payment_reminder": [docs["penalty_decision"].number, "2026年12月24日前", BANK, "加处罚款",
                             in_words(reminder.surcharge), in_words(reminder.amount), "陈述和申辩",
                             "申请人民法院强制执行"],
        "enforcement_application": ["包头市昆都仑区人民法院", docs["payment_reminder"].number,
                                    "于2026年12月10日依法送达", docs["penalty_decision"].number, "第五十五条",
                                    "负责人", "吴局长", "被申请人于2026年12月10日提出陈述、申辩",
                                    "当事人称资金周转困难，请求减免加处罚款。", "不成立，不予采纳",
                                    "资金周转困难不是不履行的正当理由。"],
        "closing_report": ["已申请人民法院强制执行", "罚款人民币伍万元整", "送达"],
        "file_index": ["执法文书（16份）", "证据材料（1件）"],
    }  # fmt: skip
    for kind, snippets in expect.items():
        for snippet in snippets:
            assert flat(snippet) in text[kind], (kind, snippet)

    # The file index lists every document issued before it, each with its SHA-256.
    index = docs["file_index"]
    listed = {(row["title"], row["sha256"]) for row in index.snapshot["data"]["documents"]}
    assert len(index.snapshot["data"]["documents"]) == 16
    html = render_html(index)
    for kind, document in docs.items():
        if kind != "file_index":
            assert document.sha256 in html, kind
    assert len(listed) == 16
    assert missing_before_close == []
    assert [r.code for r in before_application] == ["no_application_recorded"]
    assert reminder.surcharge > 0


@pytest.mark.django_db
def test_the_on_the_spot_decision_says_reconsideration_comes_first(team, bank, rendered, tmp_path):
    case = team.open_on_the_spot()
    lifecycle.decide_on_spot(
        case=case, actor=team.officer1.user, penalty_kinds=["fine"], fine_amount=Decimal("100"),
        legal_basis="《中华人民共和国食品安全法》第一百二十六条", place="昆都仑区阿尔丁大街8号门前",
        correction="立即为从业人员办理健康证明",
    )  # fmt: skip

    document = rendered(Document.objects.get(case=case, kind="on_spot_decision"))  # issued by decide_on_spot
    text = rendered_text(document, tmp_path)

    assert document.number.startswith(f"{team.agency.short_name}当罚〔")
    for snippet in (
        document.number,
        "应当先",  # 行政复议法（2023）第二十三条第一款第一项
        "申请行政复议；对行政复议决定不服的，可以",
        "第二十三条第一款第一项",
        "罚款人民币壹佰元整",
        "昆都仑区阿尔丁大街8号门前",
        "出示执法证件",
        "当场收缴",  # 第六十八条: 100 yuan or less
        "十五日",
        "百分之三",
        "执法人员签名",
        "王强",
    ):
        assert flat(snippet) in text, snippet
    assert "六个月" not in text  # no direct suit against an on-the-spot decision


@pytest.mark.django_db
def test_the_referral_letter_goes_to_the_police_with_its_materials(team, bank, issue, tmp_path):
    case = team.open_and_file()
    referral = referral_services.submit_referral_report(
        case=case, actor=team.officer1.user, team=[team.officer1, team.officer2],
        report="经核实，当事人销售伪劣食品货值逾五万元，涉嫌生产、销售伪劣产品罪。",
    )  # fmt: skip
    with pytest.raises(DocumentRefused) as before_approval:
        issue_document(case=case, kind="crime_referral", actor=team.officer1.user)
    referral_services.decide_referral(referral=referral, actor=team.head.user, approved=True)

    document = issue(case, "crime_referral", team.officer1, extra={"organ": "包头市公安局昆都仑区分局"})
    text = rendered_text(document, tmp_path)

    assert [r.code for r in before_approval.value.reasons] == ["referral_not_approved"]
    assert document.number == f"{team.agency.short_name}移〔{document.issued_at.year}〕1号"
    for snippet in ("包头市公安局昆都仑区分局", "吴局长", "涉嫌生产、销售伪劣产品罪", "第六条",
                    dict(ReferralMaterial.choices)[ReferralMaterial.INVESTIGATION_REPORT]):  # fmt: skip
        assert flat(snippet) in text, snippet


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("penalty_decision", "wrong_state"),
        ("penalty_notice", "wrong_state"),
        ("hearing_notice", "wrong_state"),
        ("payment_reminder", "wrong_state"),
        ("closing_report", "wrong_state"),
        ("crime_referral", "referral_not_approved"),
        ("legal_review_opinion", "no_review"),
    ],
)
def test_a_document_before_its_step_is_refused_with_the_reason(team, kind, code):
    case = team.open_and_file()

    reasons = issue_reasons(case=case, kind=kind, officer=team.officer1)

    assert [r.code for r in reasons] == [code]
    assert reasons[0].article


@pytest.mark.django_db
def test_nothing_is_issued_on_a_lead_without_a_case_number(team):
    case = team.open()

    reasons = issue_reasons(case=case, kind="filing_approval", officer=team.officer1)

    assert [r.code for r in reasons] == ["not_filed"]


@pytest.mark.django_db
def test_a_file_index_waits_until_every_pdf_is_rendered(team, decided):
    # The steps issued the filing approval, the notice and the decision; nothing committed, none rendered.
    reasons = issue_reasons(case=decided, kind="file_index", officer=team.officer1)

    assert [r.code for r in reasons] == ["documents_not_rendered"]
    assert "3份文书" in reasons[0].detail


@pytest.mark.django_db
def test_the_steps_issued_every_document_the_file_needs_but_the_closing_report(team, decided):
    assert [r.detail for r in closing_document_reasons(decided)] == ["结案前应当制作结案报告。"]
    assert closing_document_reasons(decided, closing=True) == []  # ``close`` issues it from its report


@pytest.mark.django_db
def test_a_step_whose_document_failed_stands_and_the_file_names_what_is_missing(
    team, bank, step_document_fails, caplog
):
    from cases.services.runner import reasons_for
    from tests.documents.conftest import decide

    failing = step_document_fails("penalty_decision", "模板缺失")  # logged, the legal act kept
    case = decide(team)

    case.refresh_from_db()
    assert case.status == "decided"
    assert "模板缺失" in caplog.text
    assert [r.detail for r in closing_document_reasons(case, closing=True)] == ["结案前应当制作行政处罚决定书。"]
    assert [r.code for r in reasons_for(case, "serve", team.officer1.user)] == ["no_decision_document"]

    failing.restore()
    document = issue_document(case=case, kind="penalty_decision", actor=team.officer1.user)  # by hand: none yet

    assert document.number.endswith("罚决〔2026〕1号") or document.number_serial == 1
    assert closing_document_reasons(case, closing=True) == []
    assert reasons_for(case, "serve", team.officer1.user) == []
