"""查封、扣押 (行政强制法 第十八条、第十九条、第二十二条至第二十八条), declared in the registry: the measure, the
testing time left out of its period, and its end — released and returned, or disposed of. Its period is the
deadline ``seizure`` the ``seize`` event opens; its extension is ``extend_deadline`` (``deadline_watch``), capped
there at 30 days in all (第二十五条)."""

from __future__ import annotations

from ..choices import CaseStatus, EventType
from ..forms import seizure as forms
from ..guards import seizure as sg
from ..guards.core import performed_by_handler, performed_by_handler_or_head, performed_by_head
from ..models.seizure import Seizure
from ..registry import Action, record_named, register
from ..services import seizure as services
from .states import OPEN_STATES

# The measure is taken while the facts are being established: on inspection, before or after filing.
SEIZABLE = frozenset({CaseStatus.LEAD, CaseStatus.INVESTIGATING})
ON_SEIZURE = record_named(Seizure, "seizure")

register(
    Action(
        name="seize",
        label="查封、扣押",
        label_en="Seize or impound",
        performer=performed_by_handler,
        guards=(
            sg.seizure_empowered,
            sg.seizure_not_sealed_elsewhere,
            sg.seizure_approved_by_head,
            sg.seizure_not_in_future,
            sg.seizure_witnessed,
            sg.seizure_party_informed_and_heard,
            sg.seizure_custody_lawful,
        ),
        form=forms.SeizeForm,
        perform=services.seize,
        event_type=EventType.SEIZURE,
        states=SEIZABLE,
        section="seizure",
        needs_handlers=True,  # 第十八条第二项: two or more officers
        summary="权责清单载明授权的法律、法规（第二十二条）；已被其他国家机关查封的不得重复查封（第二十三条）；"
        "实施前经负责人批准，情况紧急当场实施的24小时内补办（第十八条、第十九条）；当事人到场或者见证人在场，"
        "当场告知理由、依据、权利和救济途径，听取陈述申辩，笔录签名或者注明拒绝（第十八条）；"
        "妥善保管（第二十六条）；开始计算30日期限（第二十五条）",
    ),
    Action(
        name="approve_emergency_seizure",
        label="补办查封、扣押批准手续",
        label_en="Approve an emergency seizure",
        performer=sg.decided_by_agency_head,
        guards=(sg.seizure_open, sg.seizure_awaiting_approval, sg.disapproval_reasoned, sg.emergency_approval_in_time),
        form=forms.EmergencySeizureApprovalForm,
        perform=services.approve_emergency_seizure,
        event_type=EventType.SEIZURE,
        states=OPEN_STATES,
        section="seizure",
        target=ON_SEIZURE,
        summary="情况紧急当场实施的，二十四小时内报告负责人并补办批准手续；负责人认为不应当采取的，立即解除"
        "并退还财物，制作解除查封、扣押决定书（第十九条、第二十八条）",
    ),
    Action(
        name="start_seizure_testing",
        label="查封、扣押物品送检",
        label_en="Start testing seized items",
        performer=performed_by_handler_or_head,
        guards=(sg.seizure_open, sg.testing_may_start),
        form=forms.SeizureTestingStartForm,
        perform=services.start_seizure_testing,
        event_type=EventType.SEIZURE,
        states=OPEN_STATES,
        section="seizure",
        target=ON_SEIZURE,
        summary="检测、检验、检疫或者技术鉴定的期间明确并书面告知当事人（检测检验期间告知书），不计入查封、扣押期限；"
        "可以多次（第二十五条第三款）",
    ),
    Action(
        name="end_seizure_testing",
        label="查封、扣押物品检测结束",
        label_en="End testing seized items",
        performer=performed_by_handler_or_head,
        guards=(sg.seizure_open, sg.testing_may_end),
        form=forms.SeizureTestingEndForm,
        perform=services.end_seizure_testing,
        event_type=EventType.SEIZURE,
        states=OPEN_STATES,
        section="seizure",
        target=ON_SEIZURE,
        summary="检测等结束，次日起恢复计算查封、扣押期限（第二十五条第三款）",
    ),
    Action(
        name="release_seizure",
        label="解除查封、扣押",
        label_en="Release a seizure",
        performer=performed_by_head,
        guards=(sg.seizure_open, sg.release_dated),
        form=forms.SeizureReleaseForm,
        perform=services.release_seizure,
        event_type=EventType.SEIZURE,
        states=OPEN_STATES,
        section="seizure",
        target=ON_SEIZURE,
        summary="第二十八条所列情形（含期限届满）作出解除查封、扣押决定书，立即退还财物",
    ),
    Action(
        name="dispose_seizure",
        label="对查封、扣押物品作出处理决定",
        label_en="Dispose of seized items",
        performer=performed_by_head,
        guards=(sg.seizure_open, sg.seizure_approved, sg.disposal_within_period),
        form=forms.SeizureDisposalForm,
        perform=services.dispose_seizure,
        event_type=EventType.SEIZURE,
        states=OPEN_STATES,
        section="seizure",
        target=ON_SEIZURE,
        summary="经负责人批准的查封、扣押，在期限内作出没收或者依法销毁的处理决定书（第十九条、第二十七条）",
    ),
)
