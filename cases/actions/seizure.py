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
        guards=(sg.seizure_empowered, sg.seizure_approved_by_head, sg.seizure_not_in_future, sg.seizure_witnessed),
        form=forms.SeizeForm,
        perform=services.seize,
        event_type=EventType.SEIZURE,
        states=SEIZABLE,
        section="seizure",
        needs_handlers=True,  # 第十八条第二项: two or more officers
        summary="权责清单载明授权的法律、法规（第二十二条）；负责人批准，情况紧急的24小时内补办（第十八条、第十九条）；"
        "当事人到场或者见证人在场，笔录签名或者注明拒绝（第十八条）；开始计算30日期限（第二十五条）",
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
        summary="检测、检验、检疫或者技术鉴定的期间明确并书面告知当事人，不计入查封、扣押期限（第二十五条第三款）",
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
        summary="第二十八条所列情形（含期限届满）作出解除决定，立即退还财物",
    ),
    Action(
        name="dispose_seizure",
        label="对查封、扣押物品作出处理决定",
        label_en="Dispose of seized items",
        performer=performed_by_head,
        guards=(sg.seizure_open, sg.disposal_within_period),
        form=forms.SeizureDisposalForm,
        perform=services.dispose_seizure,
        event_type=EventType.SEIZURE,
        states=OPEN_STATES,
        section="seizure",
        target=ON_SEIZURE,
        summary="在查封、扣押期限内作出没收或者依法销毁的处理决定（第二十七条）",
    ),
)
