"""抽样取证通知书 (行政处罚法 第五十六条) as a PDF: the sampling step issues it (tests/cases/test_sampling.py checks
what it says); here it is rendered with the CJK font embedded, numbered 抽样 and verified by its QR token.

The clock is frozen on Monday 2026-06-01 09:00 (Asia/Shanghai), as test_sampling."""

from __future__ import annotations

import pytest
import time_machine

from documents.models import Document
from tests.cases.test_execution import at
from tests.cases.test_sampling import sample
from tests.documents.conftest import assert_issued_properly


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


def test_the_sampling_notice_renders_is_numbered_and_verifies(team, clock, client, tmp_path):
    case = team.open_and_file()
    sample(team, case)

    notice = Document.objects.get(case=case, kind="sampling_notice")

    assert notice.number == f"{team.agency.short_name}抽样〔2026〕1号"
    assert_issued_properly(client, notice, tmp_path)
