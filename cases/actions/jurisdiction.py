"""管辖 (行政处罚法 第二十二条、第二十五条): the place of violation, checked against the agency's area on filing
(``cases.guards.jurisdiction``), and a designation of jurisdiction by the common higher organ."""

from __future__ import annotations

from ..choices import EventType
from ..forms.jurisdiction import DesignationForm, ViolationPlaceForm
from ..guards import core as g
from ..registry import Action, register
from ..services import jurisdiction as services
from .states import OPEN_STATES

register(
    Action(
        name="record_violation_place",
        label="登记违法行为发生地",
        label_en="Record the place of violation",
        performer=g.performed_by_handler_or_head,
        form=ViolationPlaceForm,
        perform=services.record_violation_place,
        event_type=EventType.JURISDICTION,
        states=OPEN_STATES,
        section="people",
        summary="违法行为发生地的行政区划代码，立案时核对本机关的管辖区域（第二十二条）",
    ),
    Action(
        name="record_designation",
        label="登记指定管辖",
        label_en="Record a designation of jurisdiction",
        performer=g.performed_by_head,
        form=DesignationForm,
        perform=services.record_designation,
        event_type=EventType.JURISDICTION,
        states=OPEN_STATES,
        section="people",
        summary="共同的上一级行政机关指定管辖的机关、文号、日期（第二十五条第二款）",
    ),
)
