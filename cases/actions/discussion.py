"""The heads' collective discussion (集体讨论, 行政处罚法 第五十七条第二款) as an action of the registry: open in any
active state, the status unchanged; its purpose says what the heads decided (the decision, a further extension of
the case time limit, another matter)."""

from __future__ import annotations

from ..choices import CaseStatus, EventType
from ..forms.discussion import CollectiveDiscussionForm
from ..guards import core as g
from ..guards import discussion as dg
from ..registry import Action, register
from ..services import discussion as services
from .states import OPEN_STATES

register(
    Action(
        name="record_collective_discussion",
        label="记录集体讨论",
        label_en="Record a collective discussion",
        performer=g.performed_by_head,
        guards=(
            dg.discussion_attendance,
            dg.discussion_presided,
            dg.discussion_opinions_recorded,
            dg.discussion_purpose_fits,
            dg.discussion_dated_lawfully,
        ),
        form=CollectiveDiscussionForm,
        perform=services.record_collective_discussion,
        event_type=EventType.DISCUSSION,
        states=OPEN_STATES - {CaseStatus.LEAD},  # a filed case not yet closed (documents.rules.common: OPEN)
        section="people",  # 案件管理: beside the transitions, which alone are the "next steps"
        summary="两名以上负责人参加，记录讨论事项、主持人、各人意见和结论（第五十七条第二款）",
    ),
)
