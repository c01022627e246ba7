"""The 强制执行申请书's “被申请人的意见” (行政强制法 第三十六条、第五十五条第三项): the statements recorded after the
催告 with their review, or — none recorded — what the record shows (the reminder served and the days that passed),
never a stock sentence (issue 10, B16)."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import timezone

from cases.services import execution as svc
from documents.contexts import execution as execution_context
from documents.contexts.common import Source
from documents.models import Document, document_settings_for
from documents.services import render_html
from tests.cases.test_execution import at, d, decided, remind, serve

pytestmark = pytest.mark.django_db

STOCK = "被申请人在催告期间未提出陈述、申辩意见。"


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 6, 1), tick=False) as traveller:
        yield traveller


@pytest.fixture
def team(db, clock):
    from tests.cases.factories import build_team

    return build_team()


def application_html(case, **extra) -> str:
    src = Source(
        case=case, settings=document_settings_for(case.agency), today=timezone.localdate(), issuer=None, extra=extra
    )
    data = execution_context.enforcement_application(src)
    meta = {"kind": "enforcement_application", "title": "强制执行申请书", "verify_url": "https://x.example/v/1"}
    meta |= {"number": "", "issued_on": "", "agency": {"name": case.agency.name, "seal": ""}}
    return render_html(
        Document(template="documents/kinds/enforcement_application.html", snapshot={"meta": meta, "data": data})
    )


def reminded(team, clock):
    case = serve(team, decided(team))
    remind(team, case, clock)
    clock.move_to(at(2026, 7, 20))
    return case


def test_no_statement_is_said_from_the_record_of_the_reminder(team, clock):
    case = reminded(team, clock)

    html = application_html(case)

    assert STOCK not in html
    assert "被申请人于2026年6月22日收到催告书，至2026年7月6日" in html
    assert "案卷中没有被申请人在催告后提出陈述、申辩的记录" in html


def test_a_typed_opinion_does_not_replace_the_record(team, clock):
    case = reminded(team, clock)

    html = application_html(case, content="被申请人电话表示无力缴纳。")

    assert "案卷中没有被申请人在催告后提出陈述、申辩的记录" in html
    assert "被申请人电话表示无力缴纳。" in html


def test_the_recorded_statement_and_its_review_are_printed(team, clock):
    case = reminded(team, clock)
    statement = svc.record_party_statement(
        case=case, actor=team.officer1.user, received_on=d(6, 23), content="资金周转困难，请求减免加处罚款。"
    )
    svc.review_party_statement(
        case=case, actor=team.officer1.user, statement=statement.pk, review="not_adopted", reviewed_on=d(6, 24),
        reasons="资金周转困难不是不履行的正当理由。",
    )  # fmt: skip

    html = application_html(case)

    assert "被申请人于2026年6月23日提出陈述、申辩：资金周转困难，请求减免加处罚款。" in html
    assert "资金周转困难不是不履行的正当理由。" in html
    assert "案卷中没有" not in html and STOCK not in html
