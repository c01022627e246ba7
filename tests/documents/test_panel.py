"""The documents section of the case page (templates/documents/case_panel.html, documents.selectors.case_panel)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from documents.selectors import case_panel
from tests.documents.conftest import decide, step_document


def render(rf, officer, case):
    request = rf.get(f"/cases/{case.pk}/")
    request.user = officer.user
    panel = case_panel(user=officer.user, case=case)
    return panel, render_to_string("documents/case_panel.html", {"panel": panel}, request=request)


def test_a_handler_sees_documents_and_the_kinds_allowed_now(rf, team, decided, decision):
    panel, html = render(rf, team.officer1, decided)

    buttons = {b.spec.kind: b for b in panel.buttons}
    blocked = {kind: [r.code for r in b.blocked] for kind, b in buttons.items()}
    assert blocked["penalty_decision"] == []
    assert blocked["closing_report"] == []
    assert blocked["service_receipt"] == []
    assert blocked["hearing_notice"] == ["wrong_state"]
    # Issued by ``decide`` (and the filing approval by ``file``): offered for correction only.
    assert buttons["penalty_decision"].correction_only and buttons["penalty_decision"].correct == decision
    assert buttons["filing_approval"].correction_only
    assert not buttons["closing_report"].correction_only
    assert f'<input type="hidden" name="doc-penalty_decision-correction_of" value="{decision.pk}">' in html
    assert f'action="/documents/cases/{decided.pk}/issue/penalty_decision/"' in html
    assert f'href="/documents/{decision.pk}/download/"' in html
    assert f"/verify/{decision.token}/" in html
    assert decision.number in html
    assert "已生成" in html
    assert f'value="{decision.pk}"' in html  # offered for correction and for the service receipt


def test_a_supervisor_sees_the_documents_but_no_issue_buttons(rf, team, decided, decision):
    panel, html = render(rf, team.supervisor, decided)

    assert not panel.can_issue and panel.buttons == []
    assert "制作文书" not in html
    assert "/download/" in html


@pytest.mark.django_db
def test_the_panel_warns_when_the_paying_bank_is_not_set(rf, team):
    case = decide(team)

    panel, html = render(rf, team.officer1, case)

    assert not panel.bank_configured
    assert "尚未设置代收罚款银行" in html


def test_the_panels_queries_do_not_grow_with_the_documents(team, decided):
    from documents.services import issue_document

    decision = step_document(decided, "penalty_decision")
    with CaptureQueriesContext(connection) as few:
        case_panel(user=team.officer1.user, case=decided)
    for _ in range(5):
        issue_document(case=decided, kind="service_receipt", actor=team.officer1.user, extra={"document": decision.pk})
    with CaptureQueriesContext(connection) as many:
        case_panel(user=team.officer1.user, case=decided)

    assert len(many) <= len(few) <= 30


def test_kinds_that_may_not_be_issued_now_are_grouped_apart_with_their_reasons(client, team):
    from documents.selectors import case_panel

    case = team.open_and_file()
    panel = case_panel(user=team.officer1.user, case=case)
    client.force_login(team.officer1.user)

    body = client.get(f"/cases/{case.pk}/").content.decode()

    allowed = [b for b in panel.buttons if not b.blocked]
    assert allowed, "the filing approval may be issued on a filed case"
    assert panel.blocked_count == len(panel.buttons) - len(allowed)
    before, group = body.split("暂不能制作的文书", 1)
    for button in allowed:
        verb = "更正" if button.correction_only else "制作"  # the filing approval, issued by ``file``
        assert f"{verb}{button.spec.label}" in before
    for button in panel.buttons:
        if button.blocked:
            assert f"<summary>{button.spec.label}</summary>" in group
            assert f"制作{button.spec.label}</button>" not in body
