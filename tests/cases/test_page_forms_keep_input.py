"""Bad input gets a clear error and loses nothing: an action form of the case page that fails validation (400) or
is refused by a guard (409) comes back on the page as the officer filled it in, with the Chinese error or reason
next to it, and nothing is written — in every record section: 先行登记保存 (a section a listener adds to the page,
``registry.add_page_section``), 责令改正 and 查封、扣押 (``views.sections``) even when the section would otherwise be
hidden. The clock is frozen on Monday 2026-06-01 09:00 (Asia/Shanghai)."""

from __future__ import annotations

from django.urls import reverse

from cases.models import EvidencePreservation
from documents.models import Document
from tests.cases.test_execution import clock, team
from tests.cases.test_preservation import allow_24_hours, register, request

__all__ = ["clock", "team"]  # fixtures shared with test_execution


def _post(client, case, action: str, fields: dict[str, object]):
    data = {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(reverse("cases:action", args=[case.pk, action]), data)


def _section(page: str, anchor: str) -> str:
    assert f'id="{anchor}"' in page, f"the section {anchor} is missing"
    return page.split(f'id="{anchor}"', 1)[1].split("</section>", 1)[0]


def _step(section: str, key: str) -> str:
    """The step's <details> element, which must be open to show the officer what came back."""
    assert f'data-step="{key}" open' in section, f"the step {key} is not open"
    return section.split(f'data-step="{key}"', 1)[1].split("</details>", 1)[0]


def test_an_invalid_preservation_request_keeps_the_input_and_shows_the_error(team, client, clock):
    case = team.open_and_file()
    client.force_login(team.officer1.user)
    answer = _post(client, case, "request_preservation", {"reason": "冷库货物可能被连夜转移", "items": "，，，"})
    assert answer.status_code == 400
    step = _step(_section(answer.content.decode(), "preservation"), "request_preservation")
    assert "冷库货物可能被连夜转移" in step and "请至少列明一项物品。" in step
    assert not case.preservations.exists()


def test_a_refused_preservation_disposal_keeps_the_input_and_shows_the_reason(team, client, clock):
    allow_24_hours(team)
    case = team.open_and_file()
    item = register(team, case, request(team, case))  # pending the head's approval: only a return
    client.force_login(team.officer1.user)
    posted = {"preservation": item.pk, "disposal": "seize", "decided_on": "2026-06-01", "note": "移交稽查支队扣押"}
    answer = _post(client, case, "dispose_preserved_evidence", posted)
    assert answer.status_code == 409
    step = _step(_section(answer.content.decode(), "preservation"), "dispose_preserved_evidence")
    assert "移交稽查支队扣押" in step and 'value="seize" selected' in step
    assert "只能解除先行登记保存、退还当事人" in step
    assert EvidencePreservation.objects.get(pk=item.pk).disposed_on is None


def test_a_refused_order_to_correct_keeps_the_input_where_the_section_would_be_hidden(team, client, clock):
    case = team.open_and_file()
    client.force_login(team.officer3.user)  # sees the case, handles none of it: nothing is offered to them
    posted = {"content": "立即停止销售过期面包", "period_count": "5", "period_unit": "working_days"}
    answer = _post(client, case, "order_correction", {**posted, "ordered_on": "2026-06-01"})
    assert answer.status_code == 409
    step = _step(_section(answer.content.decode(), "correction"), "order_correction")
    assert "立即停止销售过期面包" in step and 'value="5"' in step and "承办人" in step
    assert not case.correction_orders.exists()


def test_a_refused_seizure_keeps_the_input_where_the_section_would_be_hidden(team, client, clock):
    case = team.open_and_file()  # its matter names no law empowering a seizure (行政强制法 第二十二条)
    assert case.matter.seizure_provision_id is None
    client.force_login(team.officer1.user)
    posted = {
        "measure": "impound",
        "items": "过期面包200袋",
        "place": "本局暂扣物品仓库",
        "reason": "涉嫌销售过期食品",
        "approved_by": team.head.pk,
        "approved_at": "2026-06-01T08:00",
        "carried_out_at": "2026-06-01T08:30",
        "party_present": "on",
        "record_signature": "party_signed",
    }
    answer = _post(client, case, "seize", posted)
    assert answer.status_code == 409
    step = _step(_section(answer.content.decode(), "seizure"), "seize")
    assert "过期面包200袋" in step and "本局暂扣物品仓库" in step and "第二十二条" in step
    assert not case.seizures.exists()


def _issue(client, case, kind: str, fields: dict[str, object]):
    data = {f"doc-{kind}-{k}": v for k, v in fields.items()}
    return client.post(reverse("documents:issue", args=[case.pk, kind]), data)


def _document_step(page: str, kind: str) -> str:
    section = _section(page, "documents")
    assert f'data-document-kind="{kind}" open' in section, f"the form of {kind} is not open"
    return section.split(f'data-document-kind="{kind}"', 1)[1].split("</details>", 1)[0]


def test_a_refused_document_keeps_what_was_typed(team, client, clock):
    case = team.open(request_filing=True)  # a lead: no document before the case is filed and numbered (第五十四条)
    client.force_login(team.officer1.user)
    answer = _issue(client, case, "inquiry_record", {"interviewee": "张三", "content": "问：面包从哪里进的？"})
    assert answer.status_code == 409
    step = _document_step(answer.content.decode(), "inquiry_record")
    assert 'value="张三"' in step and "问：面包从哪里进的？" in step and "案件尚未立案编号，不能制作执法文书。" in step
    assert not Document.objects.filter(case=case, kind="inquiry_record").exists()


def test_an_invalid_document_form_keeps_what_was_typed_and_says_why(team, client, clock):
    case, other = team.open_and_file(), team.open_and_file()
    foreign = Document.objects.get(case=other, kind="filing_approval")
    client.force_login(team.officer1.user)
    posted = {"interviewee": "李四", "content": "答：批发市场。", "correction_of": foreign.pk, "reason": "笔误"}
    answer = _issue(client, case, "inquiry_record", posted)
    assert answer.status_code == 400
    step = _document_step(answer.content.decode(), "inquiry_record")
    assert 'value="李四"' in step and "答：批发市场。" in step and "所更正的文书不是本案的文书。" in step
    assert not Document.objects.filter(case=case, kind="inquiry_record").exists()
