"""涉嫌犯罪案件移送 as the case page shows it (两法衔接; 国务院《行政执法机关移送涉嫌犯罪案件的规定》2020;
行政处罚法 第二十七条、第三十五条、第八十二条): the latest referral with every step recorded, the steps
still due with their due times, the earlier referrals, and the forms of the steps possible now.

Which forms are offered is a plain mapping from the referral's state; the services
(``cases.services.referral``) still decide and refuse anything out of order, with the article.
The hand-over and the return to administrative handling are transitions: they stay in 下一步.
Everything is read in a fixed number of queries, whatever the number of referrals or team members.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.money import figures
from officers.models import Officer

from ..choices import TERMINAL_STATES, CaseStatus
from ..forms.referral import ACTION_FORMS
from ..models import Case, CaseHandler
from ..models.case import REFERRABLE
from ..models.referral import Deadline, PoliceReferral, ReconsiderationResult, ReferralMaterial
from .panels import Panel, Refusal, refused_for
from .stepforms import prepare

# The steps of cases.services.referral.ACTIONS as the page names them (the services' own wording).
STEP_LABELS = {
    "submit_referral_report": _("提出移送涉嫌犯罪案件报告"),
    "decide_referral": _("审批移送（正职负责人）"),
    "record_police_receipt": _("登记公安机关签收回执"),
    "record_police_decision": _("登记公安机关的决定"),
    "request_reconsideration": _("提请公安机关复议"),
    "record_reconsideration_result": _("登记复议决定"),
    "request_procuratorate_supervision": _("建议人民检察院立案监督"),
    "record_procuratorate_result": _("登记立案监督结果"),
    "record_items_handover": _("登记涉案物品移交"),
    "record_fines_already_imposed": _("登记移送前已给予的罚款"),
}
# The transitions of 下一步 that carry a referral on: the hand-over and the return to administrative handling.
REFERRAL_TRANSITIONS = ("refer_to_police", "resume_after_referral")


@dataclass(frozen=True)
class DueRow:
    """A step still due (``PoliceReferral.open_deadlines``) with its due time as the page writes it."""

    deadline: Deadline
    when: str
    iso: str


@dataclass
class ReferralRecord:
    referral: PoliceReferral
    team: list[str]
    materials: list[str]
    fines: str
    dues: list[DueRow] = field(default_factory=list)


@dataclass
class ReferralSection:
    current: ReferralRecord | None
    earlier: list[ReferralRecord]  # newest first
    panels: list[Panel]
    transition: Panel | None  # the transition of 下一步 this user may perform now to carry the referral on


def _due_row(deadline: Deadline) -> DueRow:
    due = deadline.due
    if isinstance(due, datetime.datetime):
        local = timezone.localtime(due)
        return DueRow(deadline, f"{local:%Y-%m-%d %H:%M}", local.isoformat())
    return DueRow(deadline, f"{due:%Y-%m-%d}", due.isoformat())


def _record(referral: PoliceReferral, *, current: bool) -> ReferralRecord:
    return ReferralRecord(
        referral=referral,
        team=[o.name for o in referral.team.all()],
        materials=[m.label for m in ReferralMaterial if m.value in referral.materials]
        + [m for m in referral.materials if m not in ReferralMaterial.values],
        fines=figures(referral.fines_already_imposed),
        dues=[_due_row(d) for d in referral.open_deadlines()] if current else [],
    )


def steps_now(case: Case, referral: PoliceReferral | None) -> list[str]:
    """The referral steps that can follow from the case's and the referral's state, in order."""
    if case.status in TERMINAL_STATES:
        return []
    r = referral
    steps = []
    if case.status in REFERRABLE and (r is None or not r.is_open):
        steps.append("submit_referral_report")
    if r is None:
        return steps
    if r.approved is None:
        steps.append("decide_referral")
    elif case.status == CaseStatus.REFERRED and r.handed_over_at and not r.finally_declined_at:
        if r.closed_by_police_acceptance:
            steps += [] if r.items_handed_over_on else ["record_items_handover"]
        elif not r.received_on:
            steps.append("record_police_receipt")
        elif not r.police_decision:
            steps.append("record_police_decision")
        elif r.procuratorate_requested_on:
            steps += [] if r.procuratorate_result else ["record_procuratorate_result"]
        elif r.reconsideration_requested_on and not r.reconsideration_result:
            steps.append("record_reconsideration_result")
        elif r.reconsideration_result == ReconsiderationResult.UPHELD:
            steps.append("request_procuratorate_supervision")
        elif not r.reconsideration_requested_on:
            # 第九条: the agency may ask the police to reconsider, or the procuratorate to supervise directly.
            steps += ["request_reconsideration", "request_procuratorate_supervision"]
    if r.approved is not False and not r.finally_declined_at:
        steps.append("record_fines_already_imposed")  # 行政处罚法 第三十五条: credited against a criminal fine
    return steps


def _audience(step: str, officer: Officer | None, case: Case, handler: bool, team: set[int]) -> bool:
    """Who is offered the form (the service checks again): the report to the handlers, the decision to
    the principal head, the police's answers to the handlers, the team and the heads (第五条)."""
    if officer is None or officer.agency_id != case.agency_id:
        return False
    if step == "submit_referral_report":
        return handler
    if step == "decide_referral":
        return officer.is_principal_head
    return officer.is_head or handler or officer.pk in team


def _initial(step: str, form: forms.Form, case: Case, referral: PoliceReferral | None, handlers: list[int]) -> None:
    """What the officer would otherwise retype: today for the dates, the handlers as the team, the fine decided."""
    today = timezone.localdate()
    initial: dict[str, Any] = {name: today for name, f in form.fields.items() if isinstance(f, forms.DateField)}
    if step == "submit_referral_report":
        initial["team"] = handlers
    elif step == "record_fines_already_imposed":
        recorded = referral.fines_already_imposed if referral else None
        initial["amount"] = recorded if recorded is not None else case.decided_fine_amount
    form.initial = {**initial, **form.initial}


def _panels(
    case: Case,
    referral: PoliceReferral | None,
    officer: Officer | None,
    assignments: list[CaseHandler],
    bound: dict[str, forms.Form],
    refusal: Refusal | None,
) -> list[Panel]:
    handlers = [a.officer_id for a in assignments if a.is_active]
    handler = officer is not None and officer.pk in handlers
    team = {o.pk for o in referral.team.all()} if referral else set()
    offered = [s for s in steps_now(case, referral) if _audience(s, officer, case, handler, team)]
    # A step just posted comes back with its input and its refusal, even when not offered (第五条: a deputy head).
    keys = [k for k in STEP_LABELS if k in offered or k in bound]
    panels = []
    for key in keys:
        form = bound.get(key)
        if form is None:
            form = ACTION_FORMS[key](case=case, prefix=key)
            _initial(key, form, case, referral, handlers)
        panels.append(
            Panel(
                key=key,
                label=str(STEP_LABELS[key]),
                url=reverse("cases:referral_step", args=[case.pk, key]),
                form=prepare(key, form, report=None, notice=None),
                refused=refused_for(key, refusal),
            )
        )
    return panels


def referral_section(
    case: Case,
    *,
    officer: Officer | None,
    assignments: list[CaseHandler],
    next_steps: list[Panel],
    bound: dict[str, forms.Form],
    refusal: Refusal | None,
) -> ReferralSection | None:
    """The section, or None when the case never had a referral and cannot have one in its state.
    ``next_steps`` are the panels of 下一步, whose guards already said whether the hand-over or the
    return may be performed now by this user."""
    referrals = list(
        case.referrals.select_related("decided_by", "submitted_by__officer", "handed_over_by__officer")
        .prefetch_related("team")
        .order_by("-pk")
    )
    if not referrals and case.status not in REFERRABLE:
        return None
    latest = referrals[0] if referrals else None
    return ReferralSection(
        current=_record(latest, current=True) if latest else None,
        earlier=[_record(r, current=False) for r in referrals[1:]],
        panels=_panels(case, latest, officer, assignments, bound, refusal),
        transition=next((p for p in next_steps if p.key in REFERRAL_TRANSITIONS and not p.blocked), None),
    )
