"""回避决定书 (行政处罚法 第四十三条第三款、第六十四条第四项): the head's decision on an application for the recusal of
a handler or of the hearing chair issues a numbered decision, rendered with the CJK font embedded, that states the
applicant, the grounds, the decision and its reasons, and verifies by its QR token."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from cases.services import cases as case_services
from cases.services import hearing as hearing_services
from documents.models import Document
from documents.rules import issue_reasons
from tests.cases.test_hearing_rights import hearing_day, on  # noqa: F401 (the fixture)
from tests.documents.conftest import assert_issued_properly, body_text, pdf_bytes, pdffonts


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_of(document, tmp_path) -> str:
    path = tmp_path / f"{document.kind}-{document.pk}.pdf"
    path.write_bytes(pdf_bytes(document))
    fonts = pdffonts(path)
    assert any("WenQuanYi" in f["name"] for f in fonts), fonts
    assert all(f["emb"] == "yes" for f in fonts), fonts
    return flat(body_text(path, document))


@pytest.mark.django_db
def test_the_heads_decision_on_a_partys_application_issues_the_recusal_decision(team, rendered, tmp_path, client):
    case = team.open_and_file()
    before = issue_reasons(case=case, kind="recusal_decision", officer=team.head)
    application = case_services.apply_for_recusal(
        case=case, actor=team.officer1.user, officer=team.officer2, applicant="party", party=case.parties.first(),
        applied_on=timezone.localdate(), grounds="李娜系当事人的表妹。",
    )  # fmt: skip
    case_services.decide_recusal(
        case=case, actor=team.head.user, application=application, decision="approved", reasons="亲属关系属实。"
    )

    document = rendered(Document.objects.get(case=case, kind="recusal_decision"))
    text = text_of(document, tmp_path)

    assert [r.code for r in before] == ["no_recusal_decision"]
    year = timezone.localdate().year
    assert document.number == f"{team.agency.short_name}回避〔{year}〕1号" and document.number in text
    party = case.parties.first().name
    for snippet in (f"申请人：{party}", "申请本案承办人李娜回避", "李娜系当事人的表妹。", "吴局长",
                    "第四十三条", "本案承办人李娜回避", "亲属关系属实。", "另行指定承办人"):  # fmt: skip
        assert flat(snippet) in text, snippet
    assert_issued_properly(client, document, tmp_path)


@pytest.mark.django_db
def test_a_rejected_own_request_is_decided_in_writing_too(team, rendered, tmp_path):
    case = team.open_and_file()
    application = case_services.apply_for_recusal(
        case=case, actor=team.officer2.user, officer=team.officer2, applicant="self",
        applied_on=timezone.localdate(), grounds="本人曾与当事人同事。",
    )  # fmt: skip
    case_services.decide_recusal(
        case=case,
        actor=team.head.user,
        application=application,
        decision="rejected",
        reasons="已无往来，不影响公正执法。",
    )

    text = text_of(rendered(Document.objects.get(case=case, kind="recusal_decision")), tmp_path)

    for snippet in ("申请人：执法人员李娜本人", "申请本人回避", "本人曾与当事人同事。", "驳回回避申请",
                    "已无往来", "留存案卷"):  # fmt: skip
        assert flat(snippet) in text, snippet


@pytest.mark.django_db
def test_the_decision_on_the_chair_issues_the_recusal_decision(team, hearing_day, rendered, tmp_path, client):  # noqa: F811
    application = hearing_services.apply_for_chair_recusal(
        case=hearing_day, actor=team.officer1.user, party=hearing_day.parties.first(),
        applied_on=datetime.date(2026, 10, 12), grounds="主持人系当事人的近亲属。",
    )  # fmt: skip
    hearing_services.decide_chair_recusal(
        case=hearing_day, actor=team.head.user, application=application, granted=True,
        decision="经查属实，决定回避。", decided_on=datetime.date(2026, 10, 13),
    )  # fmt: skip

    document = rendered(Document.objects.get(case=hearing_day, kind="recusal_decision"))
    text = text_of(document, tmp_path)

    assert document.number.startswith(team.agency.short_name + "回避〔2026〕")
    assert_issued_properly(client, document, tmp_path)
    for snippet in ("2026年10月12日", f"申请本案听证主持人{team.chair.name}回避", "主持人系当事人的近亲属。",
                    "第六十四条第四项", "经查属实，决定回避。", "2026年10月13日", "另行指定听证主持人"):  # fmt: skip
        assert flat(snippet) in text, snippet
