"""责令改正 / 责令限期改正 (行政处罚法 第二十八条第一款), declared in the registry: the order (it issues the
责令改正通知书; its service by ``serve_document`` opens the deadline ``correction``), the re-inspection and the
party's refusal."""

from __future__ import annotations

from ..choices import CaseStatus, EventType
from ..forms import correction as forms
from ..guards import correction as cg
from ..guards.core import performed_by_handler, performed_by_handler_or_head
from ..models.correction import CorrectionOrder
from ..registry import Action, record_named, register
from ..services import correction as services
from .states import OPEN_STATES

# The 责令改正通知书 is numbered like every document of the case, once it is filed (行政处罚法 第五十四条); an order
# given orally at an earlier inspection is recorded then, with its own date.
ORDERABLE = OPEN_STATES - {CaseStatus.LEAD}
ON_ORDER = record_named(CorrectionOrder, "correction_order")

register(
    Action(
        name="order_correction",
        label="责令改正",
        label_en="Order correction",
        performer=performed_by_handler,
        guards=(cg.correction_ordered_in_time,),
        form=forms.OrderCorrectionForm,
        perform=services.order_correction,
        event_type=EventType.CORRECTION,
        states=ORDERABLE,
        section="correction",
        needs_handlers=True,  # 行政处罚法 第四十二条: two officers
        summary="责令当事人改正或者限期改正违法行为（第二十八条第一款），期限由执法人员确定（工作日或者日），"
        "制作责令改正通知书；通知书送达之日起计算改正期限",
    ),
    Action(
        name="record_reinspection",
        label="登记复查结果",
        label_en="Record the re-inspection",
        performer=performed_by_handler,
        guards=(
            cg.correction_order_named,
            cg.correction_notice_served,
            cg.correction_not_settled,
            cg.correction_step_dated,
            cg.reinspection_has_evidence,
        ),
        form=forms.ReinspectionForm,
        perform=services.record_reinspection,
        event_type=EventType.CORRECTION,
        states=OPEN_STATES,
        section="correction",
        target=ON_ORDER,
        summary="责令改正通知书送达后复查：已改正或者未改正，附证据或者复查情况（第二十八条第一款）",
    ),
    Action(
        name="record_refusal_to_correct",
        label="登记当事人拒不改正",
        label_en="Record a refusal to correct",
        performer=performed_by_handler_or_head,
        guards=(
            cg.correction_order_named,
            cg.correction_notice_served,
            cg.correction_not_settled,
            cg.correction_step_dated,
        ),
        form=forms.RefusalToCorrectForm,
        perform=services.record_refusal_to_correct,
        event_type=EventType.CORRECTION,
        states=OPEN_STATES,
        section="correction",
        target=ON_ORDER,
        summary="责令改正通知书送达后当事人明确拒绝改正的，记录在案（第二十八条第一款）",
    ),
)
