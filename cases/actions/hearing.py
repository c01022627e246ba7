"""The hearing beside its transitions (行政处罚法 第六十四条第四项): the party's application for the chair's recusal,
recorded by a handler, and the head's decision, in the ``hearing`` state, the status unchanged. While the application
waits, ``hold_hearing`` is refused (``guards.deciding.no_pending_chair_recusal``)."""

from __future__ import annotations

from ..choices import CaseStatus, EventType
from ..forms.transitions import ApplyChairRecusalForm, DecideChairRecusalForm
from ..guards import core as g
from ..guards import deciding as d
from ..guards import people as p
from ..models import ChairRecusal
from ..registry import Action, record_named, register
from ..services import hearing as services

register(
    Action(
        name="apply_for_chair_recusal",
        label="登记听证主持人回避申请",
        label_en="Record an application for the chair's recusal",
        performer=g.performed_by_handler,
        guards=(d.chair_recusal_may_be_applied, d.no_pending_chair_recusal),
        form=ApplyChairRecusalForm,
        perform=services.apply_for_chair_recusal,
        event_type=EventType.HEARING,
        states=frozenset({CaseStatus.HEARING}),
        section="people",
        summary="当事人认为主持人与本案有直接利害关系的，申请回避；决定作出之前不举行听证（第六十四条第四项）",
    ),
    Action(
        name="decide_chair_recusal",
        label="决定听证主持人是否回避",
        label_en="Decide on the chair's recusal",
        performer=g.performed_by_head,
        guards=(d.chair_recusal_may_be_decided, p.recusal_decided_by_another_head),
        form=DecideChairRecusalForm,
        perform=services.decide_chair_recusal,
        event_type=EventType.HEARING,
        states=frozenset({CaseStatus.HEARING}),
        section="people",
        target=record_named(ChairRecusal, "application", case_field="hearing__notice__case"),
        summary="负责人决定回避（另行指定主持人）或者驳回申请并写明理由；驳回的申请留存案卷（第六十四条第四项）",
    ),
)
