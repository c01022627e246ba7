"""责令改正通知书 (行政处罚法 第二十八条第一款): issued by ``order_correction`` itself, numbered 责改, rendered with the
CJK font embedded, stating the provisions, what to correct and the period counted from its service."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.services import correction as svc
from documents.models import Document
from documents.rules import issue_reasons
from tests.documents.conftest import assert_issued_properly, body_text, pdf_bytes, pdffonts

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
D = datetime.date


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_order_issues_its_notice_stating_what_to_correct_and_the_period(team, bank, rendered, tmp_path, client):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 18, tzinfo=SH), tick=False):
        case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
        assert [r.code for r in issue_reasons(case=case, kind="correction_notice", officer=team.officer1)] == [
            "no_correction_order"
        ]
        svc.order_correction(
            case=case,
            actor=team.officer1.user,
            content="立即停止销售超过保质期的食品，并予以下架封存。",
            period_count=3,
            period_unit="working_days",
            ordered_on=D(2026, 9, 1),
        )
        notice = rendered(Document.objects.get(case=case, kind="correction_notice"))

    assert notice.number == f"{team.agency.short_name}责改〔2026〕1号"
    assert_issued_properly(client, notice, tmp_path)
    path = tmp_path / "correction_notice.pdf"
    path.write_bytes(pdf_bytes(notice))
    fonts = pdffonts(path)
    assert any("WenQuanYi" in f["name"] for f in fonts) and all(f["emb"] == "yes" for f in fonts), fonts
    text = flat(body_text(path, notice))
    violated = case.matter.violated_provision
    for snippet in (
        "《中华人民共和国行政处罚法》第二十八条第一款",
        f"《{violated.law}》{violated.article}",
        "立即停止销售超过保质期的食品，并予以下架封存。",
        "自收到本通知书之日起3个工作日内改正",
    ):
        assert flat(snippet) in text, snippet
