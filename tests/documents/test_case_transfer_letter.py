"""案件移送函 (行政处罚法 第二十二条、第二十五条): ``transfer`` issues the letter to the competent organ — numbered
(移函), rendered with the CJK font embedded, naming the organ, the reasons, the place of violation and the agency's
area."""

from __future__ import annotations

import pytest

from cases.services import lifecycle
from documents.models import Document
from documents.rules import issue_reasons
from tests.documents.conftest import assert_issued_properly
from tests.documents.test_kinds import flat, rendered_text

pytestmark = pytest.mark.django_db

ORGAN = "通辽市科尔沁区市场监督管理局"


def test_the_transfer_issues_the_letter_to_the_competent_organ(team, rendered, tmp_path, client):
    team.agency.division_code, team.agency.division_name = "150200", "包头市"
    team.agency.save()
    case = team.open(violation_division_code="150502", location="通辽市科尔沁区建国路8号")
    lifecycle.transfer_case(
        case=case, actor=team.head.user, organ=ORGAN, reason="违法行为发生地在通辽市科尔沁区，不属本机关管辖。"
    )

    letter = rendered(Document.objects.get(case=case, kind="case_transfer"))
    text = rendered_text(letter, tmp_path)

    assert letter.number == f"{team.agency.short_name}移函〔{letter.issued_at.year}〕1号"
    assert_issued_properly(client, letter, tmp_path)
    for snippet in (ORGAN, "不属本机关管辖", "通辽市科尔沁区建国路8号", "150502", "包头市", "第二十二条", "王强"):
        assert flat(snippet) in text, snippet


def test_the_letter_is_not_issued_before_the_transfer(team):
    case = team.open_and_file()

    reasons = issue_reasons(case=case, kind="case_transfer", officer=team.head)

    assert [r.code for r in reasons] == ["wrong_state"]
