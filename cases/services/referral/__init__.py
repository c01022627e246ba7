"""Referral of a suspected crime to the police (两法衔接; 国务院《行政执法机关移送涉嫌犯罪案件的规定》2020).

Every step is an action of the registry (``cases.actions.referral`` declares them; ``cases.registry`` is the
one table the pages and the API run them from): it runs in one transaction with the case row locked (then the
referral row), the guards of ``cases.guards.referral`` refuse with every reason at once (the attempt is
recorded), and one case event names the step, the due time of its stored deadline and whether it was late: a
late step is recorded, never refused. No service counts a period: the event's ``next`` says which step falls due
and what starts its period, and the deadline engine opens and counts that step's deadline row (three days —
calendar days rolled over holidays, or working days when the agency's policy says so — or 24 hours for the
hand-over). ``refer_to_police`` and ``resume_after_referral`` are transitions run by
:func:`~cases.services.runner.run_transition`.
"""

from __future__ import annotations

from .agency import (
    decide_referral,
    refer_to_police,
    resume_after_referral,
    submit_referral_report,
)
from .common import current_referral, refuse_without_referral
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

__all__ = [
    "current_referral",
    "decide_referral",
    "record_fines_already_imposed",
    "record_items_handover",
    "record_police_decision",
    "record_police_receipt",
    "record_procuratorate_result",
    "record_reconsideration_result",
    "refer_to_police",
    "refuse_without_referral",
    "request_procuratorate_supervision",
    "request_reconsideration",
    "resume_after_referral",
    "submit_referral_report",
]
