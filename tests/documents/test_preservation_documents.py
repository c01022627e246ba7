"""先行登记保存 on paper (行政处罚法 第五十六条): the registration issues the 先行登记保存证据通知书 (先保) from the
recorded items, stating the last day of the disposal from the stored clock; the disposal issues the 处理决定书 (先处).

The clock is frozen on Monday 2026-06-01 09:00 (Asia/Shanghai): the seven working days end on 2026-06-10."""

from __future__ import annotations

import re

import pytest
import time_machine

from documents.models import Document
from documents.rules import issue_reasons
from documents.services import render_html
from tests.cases.test_execution import at
from tests.cases.test_preservation import allow_24_hours, approve, dispose, preserved, register, request
from tests.documents.conftest import assert_issued_properly


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


def _text(document: Document) -> str:
    return re.sub(r"<[^>]+>|\s", "", render_html(document))


def _only(case, kind: str) -> Document:
    return Document.objects.get(case=case, kind=kind, superseded_by__isnull=True)


def test_the_registration_issues_the_notice_with_the_items_and_the_last_day(team, clock, client, tmp_path):
    case, _ = preserved(team)
    notice = _only(case, "preservation_notice")
    assert notice.number.startswith(f"{team.agency.short_name}先保〔2026〕")
    text = _text(notice)
    for snippet in (
        "过期面包，12袋",
        "进货单据，1张",
        "本局证据保管室",
        "经本机关负责人批准",
        "2026年6月10日前",
        "不得销毁或者转移",
    ):
        assert snippet in text, snippet
    assert not Document.objects.filter(case=case, kind="preservation_disposal").exists()
    assert_issued_properly(client, notice, tmp_path)


def test_a_notice_of_items_registered_before_the_approval_says_the_approval_follows(team, clock):
    allow_24_hours(team)
    case = team.open_and_file()
    register(team, case, request(team, case))
    text = _text(_only(case, "preservation_notice"))
    assert "二十四小时内报本机关负责人补办批准手续" in text and "经本机关负责人批准" not in text


def test_the_disposal_issues_its_decision_naming_the_notice(team, clock, client, tmp_path):
    case, item = preserved(team)
    clock.move_to(at(2026, 6, 5))
    dispose(team, case, item, disposal="return")
    decision = _only(case, "preservation_disposal")
    assert decision.number.startswith(f"{team.agency.short_name}先处〔2026〕")
    text = _text(decision)
    for snippet in (
        _only(case, "preservation_notice").number,
        "2026年6月5日",
        "解除先行登记保存，退还当事人",
        "过期面包",
    ):
        assert snippet in text, snippet
    assert_issued_properly(client, decision, tmp_path)


def test_no_disposal_decision_before_the_disposal(team, clock):
    case = team.open_and_file()
    item = request(team, case)
    approve(team, case, item)
    reasons = issue_reasons(
        case=case, kind="preservation_disposal", officer=team.officer1, extra={"preservation": item.pk}
    )
    assert [r.code for r in reasons] == ["preservation_not_disposed"]
