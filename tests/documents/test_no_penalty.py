"""不予行政处罚决定书 (行政处罚法 第五十七条第一款第二项): issued by ``decide`` when the head decides not to
punish, numbered 不罚, saying why and what remedies the party has; served as the decision; required to close."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.services import deciding
from cases.services import execution as svc
from documents.models import Document
from documents.rules import closing_document_reasons
from tests.documents.conftest import body_text, pdf_bytes, pdffonts

pytestmark = pytest.mark.django_db


def not_punished(team):
    case = team.open_and_file()
    team.conclude(case, outcome="no_penalty", no_penalty_ground="minor_corrected", penalty_kinds=[], fine_amount=None)
    team.notify(case)
    team.waive(case)
    return deciding.decide_case(case=case, actor=team.head.user, outcome="no_penalty", decided_on=timezone.localdate())


def text_of(document, tmp_path) -> str:
    path = tmp_path / "no-penalty.pdf"
    path.write_bytes(pdf_bytes(document))
    assert any("WenQuanYi" in f["name"] and f["emb"] == "yes" for f in pdffonts(path))
    return body_text(path, document)


def test_deciding_not_to_punish_issues_the_no_penalty_decision(team, bank, rendered, tmp_path):
    case = not_punished(team)

    document = rendered(Document.objects.get(case=case, kind="no_penalty_decision"))
    text = text_of(document, tmp_path)

    assert document.number == f"{team.agency.short_name}不罚〔{timezone.localdate().year}〕1号"
    assert not Document.objects.filter(case=case, kind="penalty_decision").exists()
    for snippet in (
        document.number,
        "违法行为轻微并及时改正",  # the ground recorded in the investigation report
        "第五十七条第一款第二项",
        "进行教育",  # 第三十三条第三款
        "六十日",
        "包头市人民政府",
        "六个月",
    ):
        assert snippet in text, snippet
    assert "百分之三" not in text and "十五日" not in text  # nothing to pay


def test_it_is_served_as_the_decision_and_the_case_closes_with_it(team, bank):
    case = not_punished(team)
    document = Document.objects.get(case=case, kind="no_penalty_decision")

    served = svc.serve_decision(
        case=case, actor=team.officer1.user, served_on=timezone.localdate(), method="direct", recipient="张三"
    )

    service = served.services.get()
    assert (service.issued_document, service.title) == (document, "不予行政处罚决定书")
    assert closing_document_reasons(served, closing=True) == []


def test_closing_waits_for_it_when_its_issue_failed(team, bank, step_document_fails):
    failing = step_document_fails("no_penalty_decision", "模板缺失")
    case = not_punished(team)
    failing.restore()

    assert [r.detail for r in closing_document_reasons(case, closing=True)] == ["结案前应当制作不予行政处罚决定书。"]
