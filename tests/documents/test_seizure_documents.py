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
from tests.documents.conftest import assert_issued_properly, body_text, pdf_bytes, pdffonts
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


def test_the_seizure_issues_its_decision_stating_remedies_and_its_list(team, bank, rendered, tmp_path, client):
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
            party_informed=True, statement_heard=True,
        )  # fmt: skip

        decision = rendered(Document.objects.get(case=case, kind="seizure_decision"))
        listing = rendered(Document.objects.get(case=case, kind="seizure_list"))

    assert decision.number == f"{team.agency.short_name}查扣〔2026〕1号"
    assert listing.number == case.number
    assert_issued_properly(client, decision, tmp_path)
    assert_issued_properly(client, listing, tmp_path)
    text = text_of(decision, tmp_path)
    for snippet in ("涉嫌经营超过保质期的食品", "《中华人民共和国食品安全法》第一百一十条第（四）项", "扣押",
                    "过期面包12袋", "过期牛奶3箱", "本局涉案物品保管室", "三十日，至2026年10月8日止",
                    "延长期限不得超过三十日", "六十日内", "申请行政复议", "六个月内", "提起行政诉讼"):  # fmt: skip
        assert flat(snippet) in text, snippet
    listed = text_of(listing, tmp_path)
    for snippet in ("过期面包12袋", "过期牛奶3箱", "当事人拒绝签名，已在笔录中注明"):
        assert flat(snippet) in listed, snippet


def _seized(team, **overrides):
    """A case of the team's empowered matter and its impounding on 2026-09-01 10:00 (approved at 09:00)."""
    team.matter.seizure_provision = LegalProvisionFactory(
        law="中华人民共和国食品安全法", article="第一百一十条第（四）项", text="……（四）查封、扣押……的食品；"
    )
    team.matter.save()
    case = team.open_and_file(violation_date=D(2026, 8, 1), discovered_on=D(2026, 8, 30))
    data = {
        "measure": "impound", "items": "过期面包 12袋", "place": "本局涉案物品保管室",
        "reason": "涉嫌经营超过保质期的食品",
        "approved_by": team.head, "approved_at": datetime.datetime(2026, 9, 1, 9, tzinfo=SH),
        "carried_out_at": datetime.datetime(2026, 9, 1, 10, tzinfo=SH), "record_signature": "party_signed",
        "party_informed": True, "statement_heard": True, **overrides,
    }  # fmt: skip
    return case, svc.seize(case=case, actor=team.officer1.user, **data)


def test_an_extension_of_the_seizure_is_notified_by_a_numbered_notice_stating_its_reason(
    team, bank, rendered, tmp_path, client
):
    from deadline_watch import approvals
    from deadlines.models import Deadline

    with time_machine.travel(datetime.datetime(2026, 9, 20, 9, tzinfo=SH), tick=False):
        case, _ = _seized(team)
        limit = Deadline.objects.get(case=case, kind="case_time_limit")
        approvals.extend_deadline(deadline=limit, actor=team.head.user, days=30, reason="案情复杂")
        assert not Document.objects.filter(case=case, kind="seizure_extension_notice").exists()
        assert [r.code for r in issue_reasons(case=case, kind="seizure_extension_notice", officer=team.officer1)] == [
            "no_seizure_extension"
        ]

        row = Deadline.objects.get(case=case, kind="seizure")
        approvals.extend_deadline(
            deadline=row, actor=team.head.user, days=20, reason="需查明进货来源", party_notified_on=D(2026, 9, 20)
        )
        notice = rendered(Document.objects.get(case=case, kind="seizure_extension_notice"))

    assert notice.number == f"{team.agency.short_name}查延〔2026〕1号"
    assert_issued_properly(client, notice, tmp_path)
    text = text_of(notice, tmp_path)
    for snippet in ("需查明进货来源", "延长20日", "由原定的2026年10月8日延长至", "第二十五条第二款", "过期面包12袋",
                    f"{team.agency.short_name}查扣〔2026〕1号"):  # fmt: skip
        assert flat(snippet) in text, snippet


def test_each_testing_period_is_notified_in_writing(team, bank, rendered, tmp_path, client):
    with time_machine.travel(datetime.datetime(2026, 9, 30, 9, tzinfo=SH), tick=False):
        case, seizure = _seized(team)
        on = {"case": case, "actor": team.officer1.user, "seizure": seizure}
        svc.start_seizure_testing(
            **on, started_on=D(2026, 9, 2), until=D(2026, 9, 12), notified_on=D(2026, 9, 2), purpose="微生物检验"
        )
        svc.end_seizure_testing(**on, ended_on=D(2026, 9, 10))
        svc.start_seizure_testing(**on, started_on=D(2026, 9, 15), until=D(2026, 9, 25), notified_on=D(2026, 9, 15))
        first, second = (
            rendered(d) for d in Document.objects.filter(case=case, kind="seizure_testing_notice").order_by("pk")
        )

    assert (first.number, second.number) == (
        f"{team.agency.short_name}查检〔2026〕1号",
        f"{team.agency.short_name}查检〔2026〕2号",
    )
    assert_issued_properly(client, first, tmp_path)
    assert_issued_properly(client, second, tmp_path)
    text = text_of(first, tmp_path)
    for snippet in ("微生物检验", "自2026年9月2日起至2026年9月12日止", "不计入扣押期限", "费用由本机关承担"):
        assert flat(snippet) in text, snippet
    assert flat("自2026年9月15日起至2026年9月25日止") in text_of(second, tmp_path)


def test_a_release_issues_the_release_decision_and_a_disposal_its_decision(team, bank, rendered, tmp_path, client):
    with time_machine.travel(datetime.datetime(2026, 9, 20, 9, tzinfo=SH), tick=False):
        case, released = _seized(team)
        assert [r.code for r in issue_reasons(case=case, kind="seizure_release", officer=team.officer1)] == [
            "seizure_not_released"
        ]
        svc.release_seizure(case=case, actor=team.head.user, seizure=released, decided_on=D(2026, 9, 20),
                            ground="no_violation", returned_on=D(2026, 9, 20))  # fmt: skip
        release = rendered(Document.objects.get(case=case, kind="seizure_release"))
        disposed = svc.seize(case=case, actor=team.officer1.user, measure="impound", items="过期牛奶 3箱",
                             place="本局涉案物品保管室", reason="涉嫌经营超过保质期的食品", approved_by=team.head,
                             approved_at=datetime.datetime(2026, 9, 1, 9, tzinfo=SH),
                             carried_out_at=datetime.datetime(2026, 9, 1, 10, tzinfo=SH),
                             record_signature="party_signed", party_informed=True, statement_heard=True)  # fmt: skip
        svc.dispose_seizure(case=case, actor=team.head.user, seizure=disposed, decided_on=D(2026, 9, 20),
                            disposal="destroy", note="上述牛奶已超过保质期")  # fmt: skip
        disposal = rendered(Document.objects.get(case=case, kind="seizure_disposal"))

    assert release.number == f"{team.agency.short_name}查解〔2026〕1号"
    assert_issued_properly(client, release, tmp_path)
    text = text_of(release, tmp_path)
    for snippet in ("当事人没有违法行为", "第二十八条", "解除上述扣押", "于2026年9月20日退还", "过期面包12袋"):
        assert flat(snippet) in text, snippet
    assert disposal.number == f"{team.agency.short_name}查处〔2026〕1号"
    assert_issued_properly(client, disposal, tmp_path)
    text = text_of(disposal, tmp_path)
    for snippet in ("上述牛奶已超过保质期", "第二十七条", "销毁", "过期牛奶3箱", "申请行政复议", "提起行政诉讼"):
        assert flat(snippet) in text, snippet


def test_the_heads_disapproval_of_an_emergency_seizure_issues_the_release_citing_article_19(
    team, bank, rendered, tmp_path
):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 18, tzinfo=SH), tick=False):
        case, seizure = _seized(team, emergency=True, approved_by=None, approved_at=None)
        decision = rendered(Document.objects.get(case=case, kind="seizure_decision"))
        svc.approve_emergency_seizure(
            case=case, actor=team.head.user, seizure=seizure, approved=False, opinion="不应当扣押"
        )
        release = rendered(Document.objects.get(case=case, kind="seizure_release"))

    assert flat("二十四小时内向本机关负责人报告") in text_of(decision, tmp_path)
    text = text_of(release, tmp_path)
    for snippet in (
        "情况紧急时由执法人员当场实施",
        "负责人认为不应当采取",
        "不应当扣押",
        "第十九条",
        "于2026年9月1日退还",
    ):
        assert flat(snippet) in text, snippet
