"""Recording an intervention (干预记录). The only way a record is written: pages, API and admin call this.

No ``CaseEvent`` is written on purpose: the case timeline is read by the handlers and the
heads, and the person named as the intervener is often one of them.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.models import Case
from cases.selectors import cases_visible_to
from kernel.rules import ActionRefused, Reason
from officers.choices import AgencyKind, StaffCategory
from officers.models import Officer
from officers.selectors import officer_for_user

from .choices import InterferenceManner
from .models import InterferenceRecord
from .selectors import intervener_choices_for

# One message for a case that does not exist and one the actor may not see: never reveal which.
CASE_NOT_VISIBLE = "案件不存在或无权查看。"


def recorder_refusals(user) -> list[Reason]:
    """Why ``user`` may not record an intervention; empty when they may."""
    officer = officer_for_user(user)
    if officer is None:
        return [Reason("not_an_officer", "当前账号未关联在岗的执法机关工作人员，不能登记干预记录。")]
    if officer.agency.kind != AgencyKind.ENFORCEMENT or not officer.agency.is_active:
        return [Reason("not_an_enforcement_agency", "干预记录由执法机关工作人员登记；监督机关人员请查阅记录。")]
    return []


@transaction.atomic
def record_interference(
    *,
    actor,
    case: Case | None = None,
    intervener_name: str = "",
    intervener_position: str = "",
    intervener_unit: str = "",
    intervener_officer: Officer | None = None,
    occurred_at: datetime.datetime,
    manner: str,
    what_was_asked: str,
    how_handled: str,
    evidence_notes: str = "",
) -> InterferenceRecord:
    """记录干预: any officer of an enforcement agency records what was asked of them and how they answered."""
    refusals = recorder_refusals(actor)
    if refusals:
        raise ActionRefused(refusals)
    recorder = officer_for_user(actor)
    assert recorder is not None  # recorder_refusals said so

    errors: dict[str, list[str]] = {}
    if case is not None and not cases_visible_to(actor).filter(pk=case.pk).exists():
        errors["case"] = [CASE_NOT_VISIBLE]
    if intervener_officer is not None:
        if intervener_officer.pk == recorder.pk:
            errors["intervener_officer"] = ["不能将本人登记为干预人。"]
        elif not intervener_choices_for(recorder).filter(pk=intervener_officer.pk).exists():
            errors["intervener_officer"] = ["所选人员不存在或不可选择，请填写干预人姓名、职务和单位。"]
        else:
            # The system knows who they are: fill in what the recorder left blank.
            intervener_name = intervener_name.strip() or intervener_officer.name
            intervener_unit = intervener_unit.strip() or intervener_officer.agency.name
    if not intervener_name.strip():
        errors["intervener_name"] = ["请填写干预人姓名。"]
    if occurred_at is not None and timezone.is_naive(occurred_at):
        errors["occurred_at"] = ["干预时间须带时区。"]
    elif occurred_at is not None and occurred_at > timezone.now():
        errors["occurred_at"] = ["干预时间不能晚于当前时间。"]
    if manner not in InterferenceManner.values:
        errors["manner"] = ["请选择干预方式：" + "、".join(InterferenceManner.labels) + "。"]
    if not (what_was_asked or "").strip():
        errors["what_was_asked"] = ["请填写干预内容。"]
    if not (how_handled or "").strip():
        errors["how_handled"] = ["请填写处理情况。"]
    if errors:
        raise ValidationError(errors)

    record = InterferenceRecord(
        agency=recorder.agency,
        case=case,
        recorded_by=recorder,
        intervener_name=intervener_name.strip(),
        intervener_position=intervener_position.strip(),
        intervener_unit=intervener_unit.strip(),
        intervener_officer=intervener_officer,
        occurred_at=occurred_at,
        manner=manner,
        what_was_asked=what_was_asked.strip(),
        how_handled=how_handled.strip(),
        evidence_notes=evidence_notes.strip(),
    )
    # recorded_at is set on insert; the check constraint on it is the database's to enforce.
    record.full_clean(exclude=["recorded_at"], validate_constraints=False)
    record.save()
    return record


def offers_recording_on(*, request, case: Case, officer: Officer | None, **_) -> bool | None:
    """The case page's link to 登记干预记录 (registered with ``cases.registry``): for the officers of the case's own
    enforcement agency. Reviewers who are only reviewers and supervisors read the records elsewhere. The page
    links, and never shows records or their count: the person named may be a handler or a head of this very case."""
    shown = (
        officer is not None
        and officer.agency_id == case.agency_id
        and not officer.is_supervisor
        and (officer.is_head or officer.category in (StaffCategory.ENFORCEMENT, StaffCategory.AUXILIARY))
        and not recorder_refusals(request.user)
    )
    return True if shown else None
