"""What every referral step shares: locking, who may act, dates, due times and the case event."""

from __future__ import annotations

import datetime
from typing import Any, NoReturn

from django.utils import timezone

from clock.periods import Due, add_calendar_days, add_working_days
from kernel.rules import REFERRAL_ART_5, ActionRefused, Reason
from officers.models import Officer
from officers.selectors import officer_for_user

from ...choices import CaseStatus, EventType
from ...guards import referral as rules
from ...models import Case
from ...models.referral import PoliceReferral
from ...selectors import is_active_handler
from ..events import append_event
from ..runner import lock_case

REFERRAL_DAYS = 3  # 第五条、第八条、第九条、第十二条: every day-period of the regulation is three days
HANDOVER_HOURS = 24  # 第五条第二款: hand-over within 24 hours of approval

current_referral = rules.referral_of  # the case's latest referral, for pages and the API


# --- helpers ---------------------------------------------------------------------------


def _refuse(code: str, detail: str, article: str = "") -> NoReturn:
    raise ActionRefused([Reason(code, detail, article)])


def _officer(actor) -> Officer:
    officer = officer_for_user(actor)
    if officer is None:
        _refuse("not_an_officer", "当前账号未关联执法机关工作人员。", "")
    return officer


def _ref(officer: Officer) -> dict[str, Any]:
    return {"id": officer.pk, "name": officer.name}


# step → the field holding its due date, and the day its three days are counted from. The deadline
# engine's mirror of each step (deadlines.services.events) and the recount (``recount``) read the same.
DUE_FIELDS: dict[str, str] = {
    "decide_referral": "decision_due",
    "record_police_decision": "police_decision_due",
    "request_reconsideration": "reconsideration_request_due",
    "record_reconsideration_result": "reconsideration_answer_due",
    "request_procuratorate_supervision": "procuratorate_due",
    "record_items_handover": "items_due",
}


def step_start(referral: PoliceReferral, step: str) -> datetime.date | None:
    """The day ``step``'s three days were counted from (None for a step not yet started)."""
    if step == "decide_referral":
        return timezone.localdate(referral.submitted_at) if referral.submitted_at else None
    if step == "record_items_handover":
        # The latest of the three answers that can open the police's case (第十二条).
        return (
            referral.procuratorate_result_on
            or referral.reconsideration_answered_on
            or referral.police_notice_received_on
        )
    return {
        "record_police_decision": referral.received_on,
        "request_reconsideration": referral.police_notice_received_on,
        "record_reconsideration_result": referral.reconsideration_requested_on,
        "request_procuratorate_supervision": referral.reconsideration_answered_on,
    }.get(step)


def count_due(referral: PoliceReferral, start: datetime.date) -> Due:
    """Three days after ``start``: working days, or calendar days rolled over holidays, as the referral counts."""
    if referral.working_days:
        return add_working_days(start, REFERRAL_DAYS)
    return add_calendar_days(start, REFERRAL_DAYS, roll=True)


def _set_due(referral: PoliceReferral, field: str, step: str, start: datetime.date) -> dict[str, Any]:
    """Three days after ``start`` into ``field``; returns the event's ``next`` entry."""
    due = count_due(referral, start)
    setattr(referral, field, due.date)
    if due.provisional and step not in referral.provisional_dues:
        referral.provisional_dues = [*referral.provisional_dues, step]
    return {"step": step, "due": due.date, "provisional": due.provisional}


def _event(case: Case, actor, step: str, referral: PoliceReferral, *, due=None, done=None, **facts: Any) -> None:
    payload = {"referral": referral.pk, "counting": "working_days" if referral.working_days else "calendar_days"}
    if due is not None:
        payload |= {"due": due, "overdue": done > due}
    append_event(case=case, event_type=EventType.REFERRAL, actor=actor, name=step, payload=payload | facts)


def _lock(referral: PoliceReferral) -> tuple[Case, PoliceReferral]:
    # Always the case first, then the referral: the same order as the transitions.
    case = lock_case(referral.case_id)
    ref = PoliceReferral.objects.select_for_update().get(pk=referral.pk)
    ref.case = case  # the locked, prefetched row
    return case, ref


def _may_act(case: Case, officer: Officer, referral: PoliceReferral, what: str) -> None:
    if officer.agency_id == case.agency_id and (
        officer.is_head or is_active_handler(case, officer) or referral.team.filter(pk=officer.pk).exists()
    ):
        return
    _refuse("not_referral_officer", f"只有本案承办人、专案组成员或本机关负责人才能{what}。", REFERRAL_ART_5)


def _day(day: datetime.date | None, *, after: datetime.date | None, what: str, since: str) -> datetime.date:
    today = timezone.localdate()
    day = day or today
    if day > today:
        _refuse("date_in_future", f"{what}（{day:%Y-%m-%d}）不能晚于今天。")
    if after and day < after:
        _refuse("date_before_previous_step", f"{what}（{day:%Y-%m-%d}）不能早于{since}（{after:%Y-%m-%d}）。")
    return day


def _referred_step(referral: PoliceReferral, actor, what: str) -> tuple[Case, PoliceReferral]:
    """Lock, check the actor, and require the case to stand referred on this referral."""
    case, ref = _lock(referral)
    _may_act(case, _officer(actor), ref, what)
    if case.status != CaseStatus.REFERRED or not ref.handed_over_at or ref.finally_declined_at:
        _refuse("not_referred", "本案尚未移送公安机关，或者该移送已经办结。", rules.REFERRAL_ART_8)
    return case, ref


def _accept(ref: PoliceReferral, notice_on: datetime.date) -> dict[str, Any]:
    # 第十二条: items and materials within 3 days of receiving the police's filing notice.
    ref.closed_by_police_acceptance = True
    return _set_due(ref, "items_due", "record_items_handover", notice_on)


# --- the report and the principal head's decision (第五条) ------------------------------
