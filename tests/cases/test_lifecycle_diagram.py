from pathlib import Path

from cases import registry
from cases.lifecycle_docs import lifecycle_markdown
from cases.management.commands.lifecycle_diagram import lifecycle_dot
from cases.transitions import TRANSITIONS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_committed_lifecycle_diagram_matches_the_code():
    # Regenerate with: .venv/bin/python manage.py lifecycle_diagram
    assert (DOCS / "lifecycle.dot").read_text(encoding="utf-8") == lifecycle_dot()


def test_every_transition_of_the_contract_is_in_the_diagram():
    dot = lifecycle_dot()
    contract = [
        "file", "decline", "decide_on_spot", "conclude_investigation", "notify", "record_statement",
        "waive_hearing", "request_hearing", "schedule_hearing", "hold_hearing", "submit_legal_review",
        "pass_legal_review", "return_legal_review", "decide", "serve",
        "record_payment", "close", "withdraw", "transfer", "refer_to_police", "resume_after_referral",
    ]  # fmt: skip
    # 变更处理意见 after a return, before a new notice (API.md: "add more where the law needs them").
    added = {"revise_proposal"}
    assert sorted(TRANSITIONS) == sorted([*contract, *added])
    for name in contract:
        assert f'\\n{name}"]' in dot
    # DOMAIN.md: record_collective_discussion is an action in any active state ("the status does not change").
    discussion = registry.action_named("record_collective_discussion")
    assert not discussion.transition and {"investigating", "notified", "deliberation", "executing"} <= set(
        discussion.sources
    )


def test_the_committed_list_of_actions_is_generated_from_the_registry():
    # Regenerate with: .venv/bin/python manage.py lifecycle_diagram
    assert (DOCS / "lifecycle.md").read_text(encoding="utf-8") == lifecycle_markdown()


def test_the_list_names_every_action_with_its_endpoint():
    text = lifecycle_markdown()
    for action in registry.all_actions():
        kind = "transitions" if action.transition else "actions"
        assert f"`POST …/{kind}/{action.name}/`" in text, action.name
