"""The 强制执行申请书 tells the agency's own execution as recorded (行政强制法 第五十五条): the party's statement
after the 催告 and its review (第三十六条), each 中止执行 and its resumption (第三十九条), and each 执行协议 with the
relief it gave and its breach, after which enforcement resumed (第四十二条)."""

from __future__ import annotations

import pytest
import time_machine

from tests.cases.test_execution import at, decided, serve
from tests.cases.test_execution_records_admin import execution_history
from tests.documents.test_what_the_file_holds import application_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    from tests.cases.factories import build_team

    return build_team()


def test_the_application_tells_the_suspension_and_the_breached_agreement(team, clock):
    html = application_html(execution_history(team, clock))

    assert "申请人于2026年6月25日中止执行" in html and "当事人经营停止，暂无履行能力。" in html
    assert "于2026年6月26日恢复执行（当事人已恢复经营。）" in html and "第三十九条" in html
    assert "于2026年6月26日达成执行协议" in html and "6月30日前缴纳全部罚款。" in html
    assert "减免加处罚款人民币壹仟肆佰肆拾元整" in html
    assert "被申请人于2026年6月29日不履行执行协议" in html and "申请人依法恢复强制执行（第四十二条第二款）" in html
    assert "本人近期资金周转困难。" in html and "资金周转困难不是不履行的正当理由。" in html


def test_without_a_suspension_or_an_agreement_the_application_tells_none(team, clock):
    html = application_html(serve(team, decided(team)))

    assert "中止执行" not in html and "执行协议" not in html
