"""Every kind of document, issued at the step of the case where the law puts it, rendered with the CJK
font embedded and saying what its article requires; and the guards that refuse a document too early.

The general-procedure walk runs on a travelled clock from Monday 2026-11-02: a 50,000-yuan proposal
(hearing-eligible, so major), notice, hearing, legal review, collective discussion, decision, service,
reminder, court application, closing report and file index.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.choices import Procedure
from cases.models import Case
from cases.models.referral import ReferralMaterial
from cases.services import deciding, lifecycle
from cases.services import referral as referral_services
from documents.models import AgencyDocumentSettings, Document
from documents.rules import closing_document_reasons, issue_reasons
from documents.services import DocumentRefused, issue_document, render_html
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
def test_every_document_of_a_general_procedure_case_with_a_hearing(clock, issue, tmp_path):
    team = build_team()
    AgencyDocumentSettings.objects.create(
        agency=team.agency, fine_bank=BANK, reconsideration_organ="包头市人民政府", court="包头市昆都仑区人民法院"
    )
    case = team.open_and_file(violation_date=D(2026, 10, 1), discovered_on=D(2026, 10, 30))
    o1 = team.officer1
    docs: dict[str, Document] = {}

    def add(kind, **kwargs):
        docs[kind] = issue(case, kind, kwargs.pop("by", o1), **kwargs)

    add("filing_approval", by=team.head)
    add("inspection_record", extra={"place": "昆都仑区阿尔丁大街8号", "content": "货架上摆放过期面包12袋。"})
    add("inquiry_record", extra={"interviewee": "张三", "content": "问：面包从哪里进的？\n答：批发市场。"})
    add("preservation_notice", extra={"items": "过期面包 12袋\n进货单据 1张", "place": "本局证据保管室"})
    team.conclude(case, fine_amount=Decimal("50000"))
    team.notify(case)
    add("penalty_notice")
    add("hearing_rights_notice")

    clock.move_to(at(11, 4))
    deciding.request_hearing(case=case, actor=o1.user, requested_on=D(2026, 11, 4))
    deciding.schedule_hearing(
        case=case, actor=o1.user, chair=team.chair, hearing_notice_served_on=D(2026, 11, 4),
        hearing_on=D(2026, 11, 16), place="本局三楼听证室",
    )  # fmt: skip
    add("hearing_notice")

    clock.move_to(at(11, 16))
    deciding.hold_hearing(
        case=case, actor=team.chair.user, outcome="held", ended_on=D(2026, 11, 16),
        transcript="调查人员陈述事实和证据；当事人申辩称系初次违法。", report="建议维持拟处罚意见。",
    )  # fmt: skip
    add("hearing_transcript")
    deciding.submit_legal_review(case=case, actor=o1.user, note="经听证，请审核。")
    deciding.pass_legal_review(case=case, actor=team.reviewer.user, opinions="事实清楚，证据确凿，适用依据正确。")
    add("legal_review_opinion")
    deciding.record_collective_discussion(
        case=case, actor=team.head.user, held_on=D(2026, 11, 16), attendees=[team.head, team.deputy],
        conclusion="同意罚款五万元。",
    )  # fmt: skip
    add("collective_discussion", by=team.head)
    deciding.decide_case(
        case=case, actor=team.head.user, outcome="penalty", decided_on=D(2026, 11, 16),
        decided_penalty_kinds=["fine"], decided_fine_amount=Decimal("50000"),
    )  # fmt: skip
    add("penalty_decision")
    add("service_receipt", extra={"document": docs["penalty_decision"].pk})

    clock.move_to(at(11, 17))
    lifecycle.SERVICES["serve"](case=case, actor=o1.user, served_on=D(2026, 11, 17), method="direct", recipient="张三")
    clock.move_to(at(12, 10))
    add("payment_reminder", extra={"surcharge": "30000"})
    # 行政强制法 第五十四条: ten working days after the reminder; 12-10 + 10 working days = 12-24.
    clock.move_to(at(12, 24))
    too_early = issue_reasons(case=Case.objects.get(pk=case.pk), kind="enforcement_application", officer=o1)
    clock.move_to(at(12, 25))
    add("enforcement_application", extra={"content": "被申请人未提出意见。"})
    add("closing_report", extra={"content": "已申请人民法院强制执行，建议结案归档。"})
    add("file_index")

    assert all(d.is_rendered for d in docs.values()), {k: d.status for k, d in docs.items()}
    text = {kind: rendered_text(d, tmp_path) for kind, d in docs.items()}
    short, number = team.agency.short_name, case.number

    # Internal records carry the case number; documents to the party or the court their own 文号.
    internal = ("filing_approval", "inspection_record", "inquiry_record", "hearing_transcript", "legal_review_opinion",
                "collective_discussion", "service_receipt", "closing_report", "file_index")  # fmt: skip
    for kind in internal:
        assert docs[kind].number == number, kind
    for kind, code in (("preservation_notice", "先保"), ("penalty_notice", "罚告"), ("hearing_rights_notice", "听告"),
                       ("hearing_notice", "听通"), ("penalty_decision", "罚决"), ("payment_reminder", "催"),
                       ("enforcement_application", "强申")):  # fmt: skip
        assert docs[kind].number == f"{short}{code}〔2026〕1号", kind
        assert docs[kind].number in text[kind]

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
        "service_receipt": [docs["penalty_decision"].number, "行政处罚决定书", "直接送达", "留置送达", "受送达人签名"],
        "payment_reminder": [docs["penalty_decision"].number, "十个工作日内", BANK, "加处罚款", "人民币叁万元整",
                             "陈述和申辩", "申请人民法院强制执行"],
        "enforcement_application": ["包头市昆都仑区人民法院", docs["payment_reminder"].number,
                                    docs["penalty_decision"].number, "第五十五条", "负责人", "吴局长"],
        "closing_report": ["已申请人民法院强制执行", "罚款人民币伍万元整", "送达"],
        "file_index": ["执法文书（15份）", "证据材料（0件）"],
    }  # fmt: skip
    for kind, snippets in expect.items():
        for snippet in snippets:
            assert flat(snippet) in text[kind], (kind, snippet)

    # The file index lists every document issued before it, each with its SHA-256.
    index = docs["file_index"]
    listed = {row["number"]: row["sha256"] for row in index.snapshot["data"]["documents"]}
    assert len(index.snapshot["data"]["documents"]) == 15
    html = render_html(index)
    for kind, document in docs.items():
        if kind != "file_index":
            assert document.sha256 in html
            assert listed[document.number]
    assert closing_document_reasons(Case.objects.get(pk=case.pk)) == []
    assert [r.code for r in too_early] == ["reminder_too_recent"]


@pytest.mark.django_db
def test_the_on_the_spot_decision_says_reconsideration_comes_first(team, bank, issue, tmp_path):
    case = team.open(procedure=Procedure.SUMMARY)
    lifecycle.decide_on_spot(
        case=case, actor=team.officer1.user, penalty_kinds=["fine"], fine_amount=Decimal("100"),
        legal_basis="《中华人民共和国食品安全法》第一百二十六条", place="昆都仑区阿尔丁大街8号门前",
    )  # fmt: skip

    document = issue(case, "on_spot_decision", team.officer1)
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
    issue_document(case=decided, kind="penalty_decision", actor=team.officer1.user)  # not rendered: no commit

    reasons = issue_reasons(case=decided, kind="file_index", officer=team.officer1)

    assert [r.code for r in reasons] == ["documents_not_rendered"]


@pytest.mark.django_db
def test_closing_lists_the_documents_still_missing(team, decided, issue):
    missing = {r.detail for r in closing_document_reasons(decided)}
    assert missing == {
        "结案前应当制作结案报告。",
        "结案前应当制作立案审批表。",
        "结案前应当制作行政处罚事先告知书。",
        "结案前应当制作行政处罚决定书。",
        "结案前应当制作送达回证。",
    }
    decision = issue(decided, "penalty_decision", team.officer1)
    issue(decided, "service_receipt", team.officer1, extra={"document": decision.pk})

    assert len(closing_document_reasons(decided)) == 3
