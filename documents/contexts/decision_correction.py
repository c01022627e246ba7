"""变更行政处罚决定书 and 撤销行政处罚决定书 (行政处罚法 第七十五条第二款: 行政机关应当认真审查，发现有错误的，应当
主动改正): the agency's own correction of its decision, issued by ``correct_decision`` (``documents.steps``).

Each names the original decision by its 文号, the error found (the head's reasons) and what changes or that the
decision is revoked. A change is a new administrative act for the party: like the decision (第五十九条第一款第五项)
it states the route and periods of reconsideration and suit, which run from its service (the stored deadlines
``reconsideration`` and ``litigation`` its service opens; ``deadlines.kinds.execution``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cases.guards.execution import decision_document
from cases.models import Case, DecisionCorrection
from cases.models.remedies import NOTHING_TO_EXECUTE, RemedyOutcome
from kernel.money import in_words

from . import common as c


def decision_correction_for(case: Case, extra: dict[str, Any], outcome: str) -> DecisionCorrection | None:
    """The correction named in the issuing inputs (``correct_decision`` names it), else the case's latest of
    ``outcome``."""
    rows = DecisionCorrection.objects.filter(case=case, outcome=outcome)
    pk = extra.get("decision_correction")
    if pk is not None and pk != "":
        return rows.filter(pk=int(pk)).first()
    return rows.order_by("-decided_on", "-pk").first()


def fine_before(case: Case, correction: DecisionCorrection) -> Decimal | None:
    """The fine as it stood when the agency corrected it: the decision's, as changed by the remedies and corrections
    decided before (in the order the ledger reads them, ``cases.guards.execution.ledger.outcomes_on_decision``)."""
    from cases.guards.execution.ledger import outcomes_on_decision

    fine = case.decided_fine_amount
    for outcome in outcomes_on_decision(case, tuple(case.remedies.order_by("filed_on", "pk"))):
        if isinstance(outcome, DecisionCorrection) and outcome.pk == correction.pk:
            break
        if outcome.outcome in NOTHING_TO_EXECUTE:
            return None
        if outcome.outcome == RemedyOutcome.CHANGED and outcome.changed_fine_amount is not None:
            fine = outcome.changed_fine_amount
    return fine


def _base(src: c.Source, correction: DecisionCorrection) -> dict[str, Any]:
    case = src.case
    original = decision_document(case)
    return {
        "decision_correction": correction.pk,  # serve_document reads it (cases.services.execution.remedies)
        "parties": c.party_blocks(case),
        "title": case.title,
        # the original decision, by its 文号 and date
        "original_number": original.number if original is not None else "",
        "original_kind": original.get_kind_display() if original is not None else "行政处罚决定书",
        "original_decided_on": c.fmt_date(case.decided_on),
        # the error found (第七十五条第二款)
        "reasons": correction.reasons,
        "decided_on": c.fmt_date(correction.decided_on),
        "officers": c.officer_blocks(case, src.today),
    }


def decision_change(src: c.Source) -> dict[str, Any]:
    """The original decision, the reasons, the fine before and after the change, payment, and the remedies."""
    correction = decision_correction_for(src.case, src.extra, RemedyOutcome.CHANGED)
    assert correction is not None, "documents.rules issues it only for a change the case records"
    before = fine_before(src.case, correction)
    after = correction.changed_fine_amount
    return {
        **_base(src, correction),
        "fine_before": in_words(before) if before else "",
        "fine_after": in_words(after) if after is not None else "",
        "fine_changed": after is not None and after != before,
        "has_fine": after is not None and after > 0,
        "payment": c.payment(src.settings),
        # 第五十九条第一款第五项: the route and periods of reconsideration and suit, from this document's service
        "remedies": c.remedies(src.settings),
    }


def decision_revocation(src: c.Source) -> dict[str, Any]:
    """The original decision, the reasons, and that nothing of it is executed (行政强制法 第四十条第四项)."""
    correction = decision_correction_for(src.case, src.extra, RemedyOutcome.REVOKED)
    assert correction is not None, "documents.rules issues it only for a revocation the case records"
    return _base(src, correction)
