"""The head's approvals on a deadline as actions of the registry (``cases.registry``), registered when this app
loads."""

from __future__ import annotations

from typing import Any

from cases.actions.states import OPEN_STATES
from cases.choices import EventType
from cases.models import Case
from cases.registry import Action, record_named, register
from deadlines.models import Deadline, DeadlineSuspension

from . import approvals
from .forms import EndSuspensionForm, ExtensionForm, SuspensionForm


def _extend(*, case: Case, actor, deadline: Deadline, **data: Any):
    return approvals.extend_deadline(deadline=deadline, actor=actor, **data)


def _suspend(*, case: Case, actor, deadline: Deadline, **data: Any):
    return approvals.suspend_deadline(deadline=deadline, actor=actor, **data)


def _end(*, case: Case, actor, suspension: DeadlineSuspension, ends_on):
    return approvals.end_suspension(suspension=suspension, actor=actor, ends_on=ends_on)


ACTIONS = (
    Action(
        name="extend_deadline",
        label="延长期限",
        label_en="Extend a deadline",
        performer=approvals.approved_by_head,
        guards=(approvals.extension_lawful,),
        form=ExtensionForm,
        perform=_extend,
        event_type=EventType.DEADLINE,
        states=OPEN_STATES,
        section="deadlines",
        target=record_named(Deadline, "deadline"),
        summary="负责人批准延长（办案期限：第六十条及部门规章；查封扣押：行政强制法第二十五条）",
    ),
    Action(
        name="suspend_deadline",
        label="期间中止",
        label_en="Suspend a deadline",
        performer=approvals.approved_by_head,
        guards=(approvals.suspension_lawful,),
        form=SuspensionForm,
        perform=_suspend,
        event_type=EventType.DEADLINE,
        states=OPEN_STATES,
        section="deadlines",
        target=record_named(Deadline, "deadline"),
        summary="依法不计入期限的期间（检测、检验、检疫、鉴定，公告等），负责人批准",
    ),
    Action(
        name="end_deadline_suspension",
        label="恢复计算",
        label_en="Resume a suspended deadline",
        performer=approvals.approved_by_head,
        guards=(approvals.suspension_may_end,),
        form=EndSuspensionForm,
        perform=_end,
        event_type=EventType.DEADLINE,
        states=OPEN_STATES,
        section="deadlines",
        target=record_named(DeadlineSuspension, "suspension", case_field="deadline__case"),
        summary="中止事由消除，自次日起恢复计算",
    ),
)


def register_actions() -> None:
    register(*ACTIONS)
