"""先行登记保存 registered ahead of the head's approval (行政处罚法 第五十六条 requires the approval; the 24-hour
window is a sector rule's, applied only where the agency set ``AgencyPolicy.preservation_approval_within_24_hours``).

While the approval is pending its 24-hour clock is a stored deadline (``preservation_approval``) that turns red on
the page once it passes; the items may only be returned, not seized or transferred; a head who refuses returns them
at once — the disposal, with its 处理决定书. The clock is frozen on Monday 2026-06-01 09:00 (Asia/Shanghai)."""

from __future__ import annotations

import re

from django.urls import reverse

from cases.models import CaseEvent, EvidencePreservation
from cases.services import preservation as svc
from deadlines.choices import Outcome
from documents.models import Document
from documents.services import render_html
from tests.cases.test_execution import at, clock, codes, d, due, refused, team
from tests.cases.test_preservation import ART_56, allow_24_hours, approve, dispose, register, request

__all__ = ["clock", "team"]  # fixtures shared with test_execution


def pending(team):
    """Registered on Monday 1 June 09:00 under the agency's 24-hour setting; no head has decided yet."""
    allow_24_hours(team)
    case = team.open_and_file()
    return case, register(team, case, request(team, case))


def refuse(team, case, item, *, opinion="不符合先行登记保存的条件。"):
    return svc.approve_preservation(case=case, actor=team.head.user, preservation=item, approved=False, opinion=opinion)


def test_the_pending_approval_is_a_stored_24_hour_deadline(team, clock):
    case, item = pending(team)
    window = due(case, "preservation_approval", ref=item.pk)
    assert (window.unit, window.count, window.outcome) == ("hours", 24, Outcome.OPEN)
    assert window.due_at == at(2026, 6, 2)
    assert ART_56 in window.legal_basis and "本机关参数" in window.legal_basis
    assert item.stage == "已登记保存，待负责人补办批准"


def test_the_page_shows_the_approval_clock_and_turns_it_red_once_24_hours_passed(team, client, clock):
    case, _ = pending(team)
    client.force_login(team.officer1.user)
    section = _section(client, case)
    assert "补办批准期限" in section and "2026-06-02 09:00" in section and "已超期" not in section

    clock.move_to(at(2026, 6, 2, 10))
    client.force_login(team.officer1.user)
    section = _section(client, case)
    assert 'class="due overdue"' in section and "已超期" in section and "badge danger" in section


def _section(client, case) -> str:
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    return page.split('id="preservation"')[1].split("</section>")[0]


def test_while_the_approval_is_pending_the_items_can_only_be_returned(team, clock):
    case, item = pending(team)
    for disposal in ("seize", "transfer", "other"):
        reasons = refused(dispose, team=team, case=case, item=item, disposal=disposal, note="另行处理")
        assert codes(reasons) == ["preservation_pending_approval"], disposal
        assert ART_56 in reasons[0].article
    assert EvidencePreservation.objects.get(pk=item.pk).disposed_on is None
    item = dispose(team, case, item, disposal="return")
    assert item.disposal == "return" and due(case, "evidence_preservation", ref=item.pk).outcome == Outcome.MET


def test_once_approved_the_items_may_be_seized(team, clock):
    case, item = pending(team)
    approve(team, case, item)
    assert dispose(team, case, item, disposal="seize").disposal == "seize"


def test_after_the_24_hours_lapse_only_the_return_remains(team, clock):
    case, item = pending(team)
    clock.move_to(at(2026, 6, 2, 10))
    assert codes(refused(approve, team=team, case=case, item=item)) == ["preservation_approval_late"]
    assert codes(refused(dispose, team=team, case=case, item=item, disposal="seize")) == [
        "preservation_pending_approval"
    ]
    assert dispose(team, case, item, disposal="return").disposed_on == d(6, 2)


def test_a_heads_refusal_returns_the_registered_items_at_once_with_the_disposal_decision(team, clock):
    case, item = pending(team)
    clock.move_to(at(2026, 6, 1, 15))
    item = refuse(team, case, item)
    assert item.refused_at and not item.approved_at
    assert (item.disposal, item.disposed_on, item.disposed_by) == ("return", d(6, 1), team.head)
    assert "不符合先行登记保存的条件" in item.disposal_note
    assert item.stage == "负责人不予批准，已解除先行登记保存并退还"
    assert due(case, "preservation_approval", ref=item.pk).outcome == Outcome.MET
    disposal = due(case, "evidence_preservation", ref=item.pk)
    assert disposal.outcome == Outcome.MET and disposal.met_on == d(6, 1)
    assert CaseEvent.objects.get(case=case, name="approve_preservation").data.returned_on == d(6, 1)

    decision = Document.objects.get(case=case, kind="preservation_disposal")
    text = re.sub(r"<[^>]+>|\s", "", render_html(decision))
    for snippet in ("解除先行登记保存，退还当事人", "不符合先行登记保存的条件", "过期面包", "凭本决定书"):
        assert snippet in text, snippet
    # Nothing is left to decide on: the refusal was the disposal.
    assert codes(refused(dispose, team=team, case=case, item=item)) == ["preservation_already_disposed"]


def test_a_refusal_after_the_24_hours_still_returns_the_items(team, clock):
    case, item = pending(team)
    clock.move_to(at(2026, 6, 3, 10))
    item = refuse(team, case, item)
    assert (item.disposal, item.disposed_on) == ("return", d(6, 3))


def test_a_refusal_before_any_registration_returns_nothing(team, clock):
    case = team.open_and_file()
    item = refuse(team, case, request(team, case))
    assert not item.disposal and item.disposed_on is None
    assert not Document.objects.filter(case=case, kind="preservation_disposal").exists()
    assert CaseEvent.objects.get(case=case, name="approve_preservation").data.returned_on is None
