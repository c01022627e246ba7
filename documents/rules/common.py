"""What the rules of every family share: the articles they cite, the states a case moves through, and the
helpers that build a refusal (``_in_states``, ``_needs``) or find the record a document prints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cases.choices import CaseStatus, ReviewOutcome
from cases.models import Case
from cases.models.referral import PoliceReferral
from cases.selectors import current_notice
from kernel.rules import Reason

from ..kinds import ACEL, APL
from ..models import Document

S = CaseStatus
ART_59 = f"{APL}第五十九条"
ART_59_5 = f"{APL}第五十九条第一款第五项"
ART_52_2 = f"{APL}第五十二条第二款"
ART_57_1 = f"{APL}第五十七条第一款"
ART_61 = f"{APL}第六十一条"
ART_47 = f"{APL}第四十七条"
ART_75_2 = f"{APL}第七十五条第二款"
ACEL_35 = f"{ACEL}第三十五条"
ACEL_54 = f"{ACEL}第五十四条"
REFERRAL_ART_6 = "《行政执法机关移送涉嫌犯罪案件的规定》第六条"

# Filed and not yet finished: the states in which the file still grows.
OPEN = frozenset(
    {
        S.INVESTIGATING,
        S.INVESTIGATED,
        S.NOTIFIED,
        S.HEARING,
        S.LEGAL_REVIEW,
        S.DELIBERATION,
        S.DECIDED,
        S.EXECUTING,
        S.REFERRED,
    }
)
AFTER_NOTICE = frozenset({S.NOTIFIED, S.HEARING, S.LEGAL_REVIEW, S.DELIBERATION, S.DECIDED, S.EXECUTING})

Rule = Callable[[Case, dict[str, Any]], list[Reason]]


def _in_states(case: Case, states, label: str, article: str = "") -> list[Reason]:
    if case.status in states:
        return []
    current = CaseStatus(case.status).label
    return [Reason("wrong_state", f"案件当前处于“{current}”阶段，不能制作{label}。", article)]


def _hearing(case: Case):
    notice = current_notice(case)
    return getattr(notice, "hearing", None) if notice else None


def _decided_review(case: Case):
    return case.reviews.exclude(outcome=ReviewOutcome.PENDING).order_by("-decided_at", "-pk").first()


def _approved_referral(case: Case) -> PoliceReferral | None:
    return case.referrals.filter(approved=True).order_by("-submitted_at", "-pk").first()


def current_documents(case: Case, kind: str):
    """The documents of ``kind`` on the case that no later version corrects."""
    return Document.objects.filter(case=case, kind=kind, superseded_by__isnull=True)


def _needs(found: bool, code: str, detail: str, article: str) -> list[Reason]:
    return [] if found else [Reason(code, detail, article)]
