"""Referral of a suspected crime to the police (两法衔接; 国务院《行政执法机关移送涉嫌犯罪案件的规定》2020).

Every service takes the acting user, runs in one transaction with the case row locked (then the
referral row), refuses with :class:`ActionRefused` reasons, and appends one case event naming the step,
its due time and whether it was late: a late step is recorded, never refused. The periods are three
days by ``clock.periods``: calendar days rolled over holidays, or working days when the agency's policy
says so. ``refer_to_police`` and ``resume_after_referral`` are transitions run by :func:`run_transition`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kernel.rules import REFERRAL_ART_5, ActionRefused, Reason

from ...models import Case
from .agency import (
    decide_referral,
    refer_to_police,
    resume_after_referral,
    submit_referral_report,
)
from .common import current_referral
from .police import (
    record_fines_already_imposed,
    record_items_handover,
    record_police_decision,
    record_police_receipt,
    record_procuratorate_result,
    record_reconsideration_result,
    request_procuratorate_supervision,
    request_reconsideration,
)

ACTIONS: dict[str, Callable[..., Any]] = {
    "submit_referral_report": submit_referral_report,
    "decide_referral": decide_referral,
    "record_police_receipt": record_police_receipt,
    "record_police_decision": record_police_decision,
    "request_reconsideration": request_reconsideration,
    "record_reconsideration_result": record_reconsideration_result,
    "request_procuratorate_supervision": request_procuratorate_supervision,
    "record_procuratorate_result": record_procuratorate_result,
    "record_items_handover": record_items_handover,
    "record_fines_already_imposed": record_fines_already_imposed,
}


def perform_step(*, case: Case, step: str, actor, **fields: Any):
    """Run referral step ``step`` for the pages and the API alike: the report on the case,
    every later step on the case's latest referral."""
    service = ACTIONS[step]
    if step == "submit_referral_report":
        return service(case=case, actor=actor, **fields)
    referral = current_referral(case)
    if referral is None:
        raise ActionRefused([Reason("no_referral", "本案尚未提出涉嫌犯罪案件移送报告。", REFERRAL_ART_5)])
    return service(referral=referral, actor=actor, **fields)


__all__ = [
    "ACTIONS",
    "current_referral",
    "decide_referral",
    "perform_step",
    "refer_to_police",
    "resume_after_referral",
    "submit_referral_report",
]
