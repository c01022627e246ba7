"""The hearing beside its transitions (行政处罚法 第六十四条): the party's application for the chair's recusal and the
head's decision, in the ``hearing`` state, the status unchanged."""

from __future__ import annotations

from ..choices import CaseStatus, EventType
from ..forms.transitions import ChairRecusalForm
from ..guards import core as g
from ..guards import deciding as d
from ..registry import Action, register
from ..services import deciding as services

register(
    Action(
        name="decide_chair_recusal",
        label="决定听证主持人是否回避",
        label_en="Decide on the chair's recusal",
        performer=g.performed_by_head,
        guards=(d.chair_recusal_may_be_decided,),
        form=ChairRecusalForm,
        perform=services.decide_chair_recusal,
        event_type=EventType.HEARING,
        states=frozenset({CaseStatus.HEARING}),
        section="people",
        summary="当事人认为主持人与本案有直接利害关系的，申请回避；负责人决定（第六十四条第四项）",
    ),
)
