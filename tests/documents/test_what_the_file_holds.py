"""Documents say what the file holds (issue 10, B16): the decision's “经查” is the investigation report's facts,
its evidence list the file's evidence items and 笔录, the 不予行政处罚决定书 cites the ground of 第三十条、
第三十一条、第三十三条 that was recorded, and the 强制执行申请书 tells the remedies as recorded
(行政强制法 第五十三条、第五十五条)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.utils import timezone

from cases.services import deciding
from cases.services import execution as svc
from cases.services.evidence import add_evidence
from cases.services.runner import TransitionBlocked
from documents.contexts import decision as decision_context
from documents.contexts import execution as execution_context
from documents.contexts.common import Source
from documents.models import Document, document_settings_for
from documents.rules import issue_reasons
from documents.services import render_html
from tests.documents.conftest import body_text, decide_now, pdf_bytes, pdffonts

pytestmark = pytest.mark.django_db

LEAD = "群众举报：某超市可能销售过期食品。"
ESTABLISHED = "经现场检查，当事人货架上摆放超过保质期的“康师傅”面包12袋，标价每袋5元，已售出3袋。"
STOCK_EVIDENCE = "本案调查取得的询问笔录、现场检查笔录等证据材料"


def concluded(team, **report):
    """Filed on a lead whose text is only the tip-off; concluded with the facts the investigation established."""
    case = team.open_and_file(facts=LEAD)
    fields = {"facts": ESTABLISHED, **report}
    team.conclude(case, **fields)
    team.notify(case)
    team.waive(case)
    return case


def source(case) -> Source:
    return Source(case=case, settings=document_settings_for(case.agency), today=timezone.localdate(), issuer=None)


# --- 经查: the investigation report's facts (行政处罚法 第五十九条第一款第二项) -------------------------------------


def test_the_decision_states_the_facts_the_investigation_established(team, bank, rendered, tmp_path):
    case = decide_now(team, concluded(team))
    document = rendered(Document.objects.get(case=case, kind="penalty_decision", superseded_by__isnull=True))
    path = tmp_path / "decision.pdf"
    path.write_bytes(pdf_bytes(document))

    text = body_text(path, document)

    assert any("WenQuanYi" in f["name"] and f["emb"] == "yes" for f in pdffonts(path))
    assert document.snapshot["data"]["facts"] == ESTABLISHED
    assert "康师傅" in text and "已售出3袋" in text
    assert "群众举报" not in text


def test_the_report_records_its_facts_in_the_typed_event(team):
    case = concluded(team)

    event = case.events.filter(name="conclude_investigation").get()

    assert event.payload["facts"] == ESTABLISHED
    assert case.reports.get().facts == ESTABLISHED


def test_a_proposal_to_decide_without_established_facts_is_refused(team):
    case = team.open_and_file(facts=LEAD)

    with pytest.raises(TransitionBlocked) as refused:
        team.conclude(case, facts="  ")

    assert [r.code for r in refused.value.reasons] == ["established_facts_missing"]
    assert refused.value.reasons[0].article.endswith("第五十九条第一款第二项")


def test_a_transfer_needs_no_facts_for_a_decision(team):
    case = team.open_and_file(facts=LEAD)

    team.conclude(
        case, facts="", outcome="transfer", transfer_organ="某区卫生健康委员会", penalty_kinds=[], fine_amount=None
    )

    assert case.reports.get().outcome == "transfer"


def test_the_notice_form_starts_from_the_established_facts_not_the_lead(team):
    from cases.forms.transitions import NotifyForm

    case = team.open_and_file(facts=LEAD)
    team.conclude(case, facts=ESTABLISHED)

    assert NotifyForm(case=case).fields["facts"].initial == ESTABLISHED


def test_the_no_penalty_decision_states_the_established_facts_too(team, bank):
    case = concluded(
        team, outcome="no_penalty", no_penalty_ground="minor_corrected", penalty_kinds=[], fine_amount=None
    )
    case = deciding.decide_case(case=case, actor=team.head.user, outcome="no_penalty", decided_on=timezone.localdate())

    data = decision_context.no_penalty_decision(source(case))

    assert data["facts"] == ESTABLISHED


# --- 证据: the file's evidence items and 笔录, never a stock phrase ----------------------------------------------


def test_the_evidence_list_is_the_files_evidence_and_records(team, bank, issue):
    case = team.open_and_file(facts=LEAD)
    photo = b"\xff\xd8\xff\xe0" + b"0" * 200  # a JPEG's magic bytes
    add_evidence(
        case=case, actor=team.officer1.user, stream=io.BytesIO(photo), original_filename="货架.jpg",
        kind="photo", title="货架上过期面包照片", head=photo, size=len(photo),
    )  # fmt: skip
    inquiry = issue(case, "inquiry_record", team.officer1, extra={"interviewee": "张三", "content": "问：…答：…"})
    team.conclude(case, facts=ESTABLISHED, evidence=False)
    team.notify(case)
    team.waive(case)
    case = decide_now(team, case)

    document = Document.objects.get(case=case, kind="penalty_decision", superseded_by__isnull=True)
    lines = document.snapshot["data"]["evidence"]
    html = render_html(document)

    assert [line["title"] for line in lines] == ["货架上过期面包照片", "询问笔录（张三）"]
    assert lines[1]["number"] == inquiry.number
    assert "询问笔录（张三）" in html
    assert STOCK_EVIDENCE not in html


def test_a_file_without_evidence_prints_no_stock_list(team, bank):
    # 行政处罚法 第四十条 refuses a penalty on such a file (tests/documents/test_evidence_on_file.py): not to punish.
    case = team.open_and_file(facts=LEAD)
    team.conclude(
        case, facts=ESTABLISHED, evidence=False, outcome="no_penalty", no_penalty_ground="minor_corrected",
        penalty_kinds=[], fine_amount=None, correction="",
    )  # fmt: skip
    team.notify(case)
    team.waive(case)
    deciding.decide_case(case=case, actor=team.head.user, outcome="no_penalty", decided_on=timezone.localdate())

    html = render_html(Document.objects.get(case=case, kind="no_penalty_decision", superseded_by__isnull=True))

    assert STOCK_EVIDENCE not in html
    assert "上述事实有下列证据证明" not in html


# --- 不予行政处罚: the ground recorded, with its article (第三十条、第三十一条、第三十三条) -----------------


def test_the_no_penalty_decision_cites_the_ground_the_head_decided(team, bank, rendered, tmp_path):
    """A penalty was proposed and notified; the head decides not to punish a child under fourteen (第三十条)."""
    case = concluded(team)

    case = deciding.decide_case(
        case=case,
        actor=team.head.user,
        outcome="no_penalty",
        no_penalty_ground="under_fourteen",
        decided_on=timezone.localdate(),
    )
    document = rendered(Document.objects.get(case=case, kind="no_penalty_decision"))
    path = tmp_path / "no-penalty.pdf"
    path.write_bytes(pdf_bytes(document))
    text = body_text(path, document)

    assert case.events.filter(name="decide").get().payload["no_penalty_ground"] == "under_fourteen"
    assert any("WenQuanYi" in f["name"] and f["emb"] == "yes" for f in pdffonts(path))
    for snippet in ("不满十四周岁", "第三十条", "责令当事人的监护人加以管教", "第五十七条第一款第二项"):
        assert snippet in text, snippet
    assert "违法行为轻微" not in text


def test_the_ground_of_the_proposal_is_cited_with_its_article_and_words(team, bank):
    case = concluded(team, outcome="no_penalty", no_penalty_ground="no_fault", penalty_kinds=[], fine_amount=None)
    case = deciding.decide_case(case=case, actor=team.head.user, outcome="no_penalty", decided_on=timezone.localdate())

    html = render_html(Document.objects.get(case=case, kind="no_penalty_decision"))

    assert "《中华人民共和国行政处罚法》第三十三条第二款" in html
    assert "当事人有证据足以证明没有主观过错的，不予行政处罚" in html
    assert "依据《中华人民共和国行政处罚法》第三十三条第二款、第五十七条第一款第二项的规定" in html
    assert "违法行为轻微" not in html
    assert "监护人" not in html


def test_not_punishing_without_a_ground_is_refused(team, bank):
    case = concluded(team)  # a penalty proposed: no ground on the report

    with pytest.raises(TransitionBlocked) as refused:
        deciding.decide_case(case=case, actor=team.head.user, outcome="no_penalty", decided_on=timezone.localdate())

    reason = refused.value.reasons[0]
    assert reason.code == "no_penalty_ground_missing"
    assert reason.article.endswith("第三十三条")
    assert "第三十条" in reason.detail and "第三十一条" in reason.detail


def test_the_no_penalty_decision_is_refused_for_a_case_decided_without_a_ground(team, bank, monkeypatch):
    """A case decided before the ground was recorded with the decision (case events are append-only, so the
    selector is made to find none): no stock phrase is printed, the rule refuses the document."""
    case = concluded(
        team, outcome="no_penalty", no_penalty_ground="minor_corrected", penalty_kinds=[], fine_amount=None
    )
    case = deciding.decide_case(case=case, actor=team.head.user, outcome="no_penalty", decided_on=timezone.localdate())
    monkeypatch.setattr("documents.rules.deciding.no_penalty_ground", lambda case: "")

    reasons = issue_reasons(case=case, kind="no_penalty_decision", officer=team.officer1)

    assert "no_penalty_ground_missing" in [r.code for r in reasons]  # beside "already_issued": it was issued


# --- 强制执行申请书: the remedies as recorded (行政强制法 第五十三条、第五十五条) -----------------------------------


def served(team):
    case = decide_now(team, concluded(team))
    return svc.serve_decision(
        case=case, actor=team.officer1.user, served_on=timezone.localdate(), method="direct", recipient="张三"
    )


def application_html(case) -> str:
    data = execution_context.enforcement_application(source(case))
    meta = {"kind": "enforcement_application", "title": "强制执行申请书", "verify_url": "https://x.example/v/1"}
    meta |= {"number": "", "issued_on": "", "agency": {"name": case.agency.name, "seal": ""}}
    return render_html(
        Document(template="documents/kinds/enforcement_application.html", snapshot={"meta": meta, "data": data})
    )


def test_the_application_tells_the_remedies_as_recorded(team, bank):
    case = served(team)
    today = timezone.localdate()
    remedy = svc.file_remedy(
        case=case, actor=team.officer1.user, kind="reconsideration", filed_on=today, organ="包头市人民政府",
        reference="包府复〔2026〕12号",
    )  # fmt: skip
    svc.record_remedy_outcome(
        remedy=remedy, actor=team.officer1.user, outcome="changed", decided_on=today, received_on=today,
        changed_fine_amount=Decimal("6000"),
    )  # fmt: skip

    html = application_html(case)

    assert "包府复〔2026〕12号" in html
    assert "申请行政复议" in html and "变更" in html
    assert "人民币陆仟元整" in html
    assert "未申请行政复议或者提起行政诉讼" not in html


def test_the_application_says_no_remedy_was_brought_only_when_none_was(team, bank):
    html = application_html(served(team))

    assert "未申请行政复议或者提起行政诉讼" in html
