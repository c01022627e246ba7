"""Guards of issuing: each returns the reasons a document cannot be issued now (empty: it may be).

The same lists reach the case page (why a button is greyed), the API (409 with reasons) and the
tests. A document is issued only when the record it prints exists: a decision document once the
case is decided, a hearing notice once the hearing is scheduled, a file index once every other
document has its PDF.

The rules of each kind live with their family — ``investigation`` (filing and evidence), ``seizure``,
``deciding`` (notice, hearing, review, discussion, decisions, remedy bodies) and ``execution`` (serving,
execution, referral, transfer, closing) — on the helpers of ``common``; this module assembles them (``RULES``)
and asks them together with who acts, one per case and corrections (``issue_reasons``).
"""

from __future__ import annotations

from typing import Any

from cases.choices import Procedure
from cases.models import Case
from cases.selectors import is_active_handler
from kernel.rules import ART_42, Reason
from officers.models import Officer

from ..choices import DocumentKind as K
from ..kinds import APL, SPECS, KindSpec
from ..models import Document
from .common import ART_47, Rule, _decided_review, _hearing, current_documents
from .deciding import DECIDING_RULES, remedy_bodies_named, remedy_bodies_reasons
from .execution import EXECUTION_RULES
from .investigation import INVESTIGATION_RULES
from .seizure import SEIZURE_RULES

__all__ = [
    "ISSUED_BEFORE_FILING",
    "RULES",
    "SINGLE",
    "Rule",
    "closing_document_reasons",
    "correction_reasons",
    "current_documents",
    "documents_issued",
    "issue_reasons",
    "missing_closing_kinds",
    "performer_reasons",
    "remedy_bodies_named",
    "remedy_bodies_reasons",
    "single_reasons",
]

RULES: dict[str, Rule] = {
    **INVESTIGATION_RULES,
    **SEIZURE_RULES,
    **DECIDING_RULES,
    **EXECUTION_RULES,
}
assert set(RULES) == set(SPECS)


def performer_reasons(case: Case, officer: Officer | None) -> list[Reason]:
    """Documents are issued by the case's handlers or the agency's heads (行政处罚法 第四十二条)."""
    if officer is None:
        return [Reason("not_an_officer", "当前账号未关联执法机关工作人员。", "")]
    if officer.agency_id == case.agency_id and officer.is_head:
        return []
    if is_active_handler(case, officer):
        return []
    return [Reason("not_handler_or_head", "只有本案承办人或本机关负责人才能制作执法文书。", ART_42)]


def correction_reasons(case: Case, spec: KindSpec, correction_of: Document | None, reason: str) -> list[Reason]:
    """A correction is a new version of the latest version of a document of the same case and kind."""
    if correction_of is None:
        return []
    if correction_of.case_id != case.pk or correction_of.kind != spec.kind:
        return [Reason("wrong_document", f"所更正的文书不是本案的{spec.label}。", ART_47)]
    if not correction_of.is_current:
        return [Reason("already_corrected", f"{correction_of}已被更正，请更正其最新版本。", ART_47)]
    if not reason.strip():
        return [Reason("correction_reason_required", "更正文书应当说明理由。", ART_47)]
    return []


def issue_reasons(
    *,
    case: Case,
    kind: str,
    officer: Officer | None,
    extra: dict[str, Any] | None = None,
    correction_of: Document | None = None,
    reason: str = "",
    automatic: bool = False,
) -> list[Reason]:
    """Every reason ``officer`` may not issue a document of ``kind`` on ``case`` now; empty when they may.

    ``automatic``: the step recording the act issues it (``documents.steps``); the step's guards have
    already checked who acts, so only the document's own rules apply.
    """
    spec = SPECS[kind]
    reasons = [] if automatic else performer_reasons(case, officer)
    # A lead outside the agency's jurisdiction is transferred before any filing (第二十二条): its letter carries
    # its own 文号 and needs no case number.
    if not case.number and kind not in ISSUED_BEFORE_FILING:
        reasons.append(Reason("not_filed", "案件尚未立案编号，不能制作执法文书。", f"{APL}第五十四条"))
        return reasons
    reasons += RULES[kind](case, extra or {})
    reasons += single_reasons(case, spec, correction_of)
    reasons += correction_reasons(case, spec, correction_of, reason)
    return reasons


ISSUED_BEFORE_FILING = frozenset({K.CASE_TRANSFER})

# One per case: a second one would give the same act a second 文号. A change is a corrected version.
SINGLE = frozenset({K.FILING_APPROVAL, K.PENALTY_DECISION, K.ON_SPOT_DECISION, K.NO_PENALTY_DECISION, K.CLOSING_REPORT})


def single_reasons(case: Case, spec: KindSpec, correction_of: Document | None) -> list[Reason]:
    if spec.kind not in SINGLE or correction_of is not None:
        return []
    existing = current_documents(case, spec.kind).order_by("-pk").first()
    if existing is None:
        return []
    return [
        Reason(
            "already_issued",
            f"本案已制作{spec.label}（{existing.number}）；如需修改，请制作更正版本。",
            ART_47,
        )
    ]


def closing_document_reasons(case: Case, *, closing: bool = False) -> list[Reason]:
    """Every document the file must hold, issued (行政处罚法 第四十七条). ``closing``: asked by ``close``,
    which issues the 结案报告 itself from the approved report."""
    return [
        Reason("document_missing", f"结案前应当制作{SPECS[kind].label}。", ART_47)
        for kind in missing_closing_kinds(case, closing=closing)
    ]


def missing_closing_kinds(case: Case, *, closing: bool = False) -> list[str]:
    """The kinds the file still lacks before closing: the filing approval, notice and decision, the
    hearing, review and discussion records the case went through, the service receipt of the decision,
    the referral letter, the closing report (unless ``closing``: ``close`` issues it)."""
    required: list[str] = [] if closing else [K.CLOSING_REPORT]
    if case.procedure == Procedure.SUMMARY:
        if case.decided_penalty_kinds:
            required.append(K.ON_SPOT_DECISION)
    else:
        required.append(K.FILING_APPROVAL)
        if case.notices.exists():
            required.append(K.PENALTY_NOTICE)
        if case.decided_penalty_kinds:
            required.append(K.PENALTY_DECISION)
        elif case.decided_on:
            required.append(K.NO_PENALTY_DECISION)  # 第五十七条第一款第二项
        hearing = _hearing(case)
        if hearing is not None and hearing.hearing_on:
            required.append(K.HEARING_NOTICE)
        if hearing is not None and hearing.concluded:
            required.append(K.HEARING_TRANSCRIPT)
        if _decided_review(case) is not None:
            required.append(K.LEGAL_REVIEW_OPINION)
        if case.discussions.exists():
            required.append(K.COLLECTIVE_DISCUSSION)
    if case.services.filter(document__in=["decision", "on_spot_decision"]).exists():
        required.append(K.SERVICE_RECEIPT)  # 第六十一条: the decision's 送达回证
    if case.events.filter(name="refer_to_police").exists():
        required.append(K.CRIME_REFERRAL)
    issued = set(
        Document.objects.filter(case=case, superseded_by__isnull=True).values_list("kind", flat=True).distinct()
    )
    return [kind for kind in required if kind not in issued]


def documents_issued(ctx) -> list[Reason]:
    """Guard on ``close`` (registered by this app): every document the file must hold is issued (行政处罚法
    第四十七条) — the filing approval, the notice and the decision, the hearing, review and discussion records the
    case went through, the service receipt, the referral letter. The 结案报告 is issued by ``close`` itself from
    the report the head approves."""
    return closing_document_reasons(ctx.case, closing=True)
