"""The rules of publishing a penalty decision and of withdrawing it (行政处罚法 第四十八条、第五十条、第八十五条;
国办发〔2018〕118号). ``cases.services.execution.publication`` checks the locked rows with them.

Publication follows the decision and may come after the case is closed; lateness is recorded on the
publication (``late``), never a reason to refuse.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from clock.periods import Due, add_working_days
from kernel.rules import Reason, day_text

from ..choices import CaseStatus
from ..models.remedies import NOTHING_TO_EXECUTE
from .execution import ART_48, dated_reasons, handler_or_head_reasons

if TYPE_CHECKING:
    from officers.models import Officer

    from ..models import Case, Publication

PUBLICATION_WORKING_DAYS = 7  # 国办发〔2018〕118号: 执法决定作出之日起7个工作日内公开 (行政处罚法 第八十五条)
# A decision exists in these states; publishing may follow it at any time, the closing of the case included.
PUBLISHABLE_STATES = frozenset({CaseStatus.DECIDED, CaseStatus.EXECUTING, CaseStatus.CLOSED, CaseStatus.REFERRED})


def publication_due(decided_on: datetime.date) -> Due:
    """国办发〔2018〕118号: published within 7 working days of the decision."""
    return add_working_days(decided_on, PUBLICATION_WORKING_DAYS)


def decision_revoked(case: Case) -> bool:
    """Revoked or confirmed void on reconsideration or litigation: no decision left to publish."""
    return case.remedies.filter(outcome__in=NOTHING_TO_EXECUTE).exists()


def live_publication(case: Case) -> Publication | None:
    return case.publications.filter(withdrawn_on__isnull=True).first()


def decision_publishable_reasons(case: Case) -> list[Reason]:
    """A penalty decision that still stands (行政处罚法 第四十八条第一款)."""
    if case.decided_on is None or case.status not in PUBLISHABLE_STATES:
        return [Reason("not_decided", "尚未作出行政处罚决定，没有可以公开的决定。", ART_48)]
    if not case.decided_penalty_kinds:
        return [Reason("no_penalty_decided", "本案决定不予行政处罚，没有需要公开的行政处罚决定。", ART_48)]
    if decision_revoked(case):
        return [Reason("decision_revoked", "行政处罚决定已被撤销或者确认无效，不能公开。", ART_48)]
    return []


def publication_reasons(
    case: Case, officer: Officer | None, *, published_on: datetime.date, today: datetime.date
) -> list[Reason]:
    reasons = handler_or_head_reasons(case, officer, "登记行政处罚决定的公开")
    decision = decision_publishable_reasons(case)
    if decision:
        return reasons + decision
    live = live_publication(case)
    if live is not None:
        reasons.append(
            Reason(
                "already_published",
                f"本案决定已于{day_text(live.published_on)}公开，尚未撤回；不能重复公开。",
                ART_48,
            )
        )
    return reasons + dated_reasons(published_on, what="公开日期", today=today, after=case.decided_on, since="决定日期")


def withdrawal_reasons(
    case: Case,
    publication: Publication,
    officer: Officer | None,
    *,
    withdrawn_on: datetime.date,
    reason: str,
    today: datetime.date,
) -> list[Reason]:
    """行政处罚法 第四十八条第二款: withdraw the published decision and state the reason publicly."""
    reasons = handler_or_head_reasons(case, officer, "撤回已公开的行政处罚决定")
    if publication.withdrawn_on is not None:
        reasons.append(
            Reason(
                "publication_not_live",
                f"该公开信息已于{day_text(publication.withdrawn_on)}撤回。",
                ART_48,
            )
        )
        return reasons
    if not reason.strip():
        reasons.append(Reason("withdrawal_reason_missing", "撤回行政处罚决定信息应当公开说明理由。", ART_48))
    return reasons + dated_reasons(
        withdrawn_on, what="撤回日期", today=today, after=publication.published_on, since="公开日期"
    )
