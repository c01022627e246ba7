"""查封、扣押决定书 and 清单 (行政强制法 第二十四条): issued by ``seize`` itself, numbered, rendered with the CJK font
embedded, stating the reason, basis, period, items and the remedies."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.services import seizure as svc
from documents.models import Document
from documents.rules import issue_reasons
from tests.documents.conftest import body_text, pdf_bytes, pdffonts
from tests.matters.factories import LegalProvisionFactory

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
D = datetime.date


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_of(document, tmp_path) -> str:
    path = tmp_path / f"{document.kind}.pdf"
    path.write_bytes(pdf_bytes(document))
    fonts = pdffonts(path)
    assert any("WenQuanYi" in f["name"] for f in fonts) and all(f["emb"] == "yes" for f in fonts), fonts
    return flat(body_text(path, document))


def test_the_seizure_issues_its_decision_stating_remedies_and_its_list(team, bank, rendered, tmp_path):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 18, tzinfo=SH), tick=False):
        team.matter.seizure_provision = LegalProvisionFactory(
            law="中华人民共和国食品安全法", article="第一百一十条第（四）项", text="……（四）查封、扣押……的食品；"
        )
        team.matter.save()
        case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
        assert [r.code for r in issue_reasons(case=case, kind="seizure_decision", officer=team.officer1)] == [
            "no_seizure"
        ]
        svc.seize(
            case=case, actor=team.officer1.user, measure="impound", items="过期面包 12袋\n过期牛奶 3箱",
            place="本局涉案物品保管室", reason="涉嫌经营超过保质期的食品", approved_by=team.head,
            approved_at=datetime.datetime(2026, 9, 1, 9, tzinfo=SH),
            carried_out_at=datetime.datetime(2026, 9, 1, 10, tzinfo=SH), record_signature="party_refused",
        )  # fmt: skip

        decision = rendered(Document.objects.get(case=case, kind="seizure_decision"))
        listing = rendered(Document.objects.get(case=case, kind="seizure_list"))

    assert decision.number == f"{team.agency.short_name}查扣〔2026〕1号"
    assert listing.number == case.number
    text = text_of(decision, tmp_path)
    for snippet in ("涉嫌经营超过保质期的食品", "《中华人民共和国食品安全法》第一百一十条第（四）项", "扣押",
                    "过期面包12袋", "过期牛奶3箱", "本局涉案物品保管室", "三十日，至2026年10月8日止",
                    "延长期限不得超过三十日", "六十日内", "申请行政复议", "六个月内", "提起行政诉讼"):  # fmt: skip
        assert flat(snippet) in text, snippet
    listed = text_of(listing, tmp_path)
    for snippet in ("过期面包12袋", "过期牛奶3箱", "当事人拒绝签名，已在笔录中注明"):
        assert flat(snippet) in listed, snippet
