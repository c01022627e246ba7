"""The kinds from the lead to the notice's windows and the legal review: the limitation, lead
verification, the case time limit, preservation, seizure, the order to correct, the party's windows."""

from __future__ import annotations

from ..choices import Bearer, Outcome, Unit
from .conditions import (
    _corrected,
    _discovered_on,
    _emergency_disapproved,
    _extension_days,
    _general_procedure,
    _hearing_right,
    _lead_days,
    _limitation_months,
    _limitation_start,
    _not_corrected,
    _registered_before_approval,
    _returned_on_refusal,
    _review_days,
    _seized_in_emergency,
    _serves_correction_notice,
    _statement_days,
)

# --- the kinds -------------------------------------------------------------------------------
from .groups import CLOSED, WITHDRAWN
from .triggers import (
    ACEL,
    APL,
    REFERRAL_REG,
    Closes,
    Extension,
    Kind,
    Opens,
    Resumes,
    Suspends,
)

INVESTIGATION_KINDS: tuple[Kind, ...] = (
    Kind(
        code="limitation",
        label="追责期限（发现违法行为）",
        article=f"{APL}第三十六条",
        unit=Unit.MONTHS,
        count=_limitation_months,  # 第三十六条: 二年；涉及生命健康安全、金融安全且有危害后果的，五年
        bearer=Bearer.AGENCY,
        # No holiday moves it: once run, no penalty is given (第三十六条), and nothing in the law extends it.
        roll=False,
        optional=True,  # not a duty to chase: met (or not) when the act was discovered
        met_labels=("已在期限内发现", "已超过追责期限"),
        late_is_overdue=True,  # discovered after it ran: no penalty may be given (第三十六条)
        opens=(Opens("created", start=_limitation_start, met="discovered_on"),),
    ),
    Kind(
        code="lead_verification",
        label="线索核查并决定是否立案",
        article=f"{APL}第五十四条；部门规章示例：自发现线索或者收到材料之日起十五个工作日内核查（本机关参数）",
        unit=Unit.WORKING_DAYS,
        count=_lead_days,
        bearer=Bearer.AGENCY,
        opens=(Opens("created", start=_discovered_on, when=_general_procedure),),
        closes=(Closes("file"), Closes("decline"), Closes("transfer")),
        extension=Extension(
            per_approval=_lead_days, cap=_lead_days, basis="部门规章示例：特殊情况下经负责人批准可以延长"
        ),
        suspension="部门规章示例：检测、检验、检疫、鉴定以及权利人辨认或者鉴别等所需时间，不计入核查期限",
    ),
    Kind(
        code="case_time_limit",
        label="办案期限（立案至作出决定）",
        article=f"{APL}第六十条",
        unit=Unit.CALENDAR_DAYS,
        count=90,  # 第六十条: 自立案之日起九十日内
        bearer=Bearer.AGENCY,
        opens=(Opens("file", start="filed_on"),),
        closes=(Closes("decide", on="decided_on"), *WITHDRAWN, CLOSED),
        # Hearing time is not counted (sector rules under 第六十条), nor the time the case stands referred.
        suspends=(
            Suspends("request_hearing", "听证期间不计入办案期限", start="requested_on", basis=f"{APL}第六十条"),
            Suspends("refer_to_police", "移送公安机关期间案件中止", basis=f"{REFERRAL_REG}第十条"),
        ),
        resumes=(Resumes("hold_hearing", on="ended_on"), Resumes("resume_after_referral")),
        extension=Extension(
            per_approval=_extension_days,
            further_by_discussion=True,
            basis=f"{APL}第六十条（法律、法规、规章另有规定的，从其规定）；部门规章示例：经负责人批准可延长三十日，"
            "仍需延长的经负责人集体讨论决定",
        ),
        suspension=f"{APL}第六十条（法律、法规、规章另有规定的，从其规定）；部门规章示例：检测、检验、检疫、鉴定、"
        "公告等期间不计入办案期限",
    ),
    Kind(
        code="evidence_preservation",
        label="先行登记保存证据的处理决定",
        article=f"{APL}第五十六条、第八十五条",
        unit=Unit.WORKING_DAYS,
        count=7,  # 第五十六条: 七日内及时作出处理决定 (working days, 第八十五条)
        bearer=Bearer.AGENCY,
        single=False,
        ref_key="preservation",
        opens=(Opens("preserve_evidence", start="preserved_on"),),
        closes=(
            Closes("dispose_preserved_evidence", on="disposed_on"),
            # A head's refusal of items registered first returns them at once: that is the disposal.
            Closes("approve_preservation", on="returned_on", when=_returned_on_refusal),
            *WITHDRAWN,
        ),
        # No suspension: deciding on preserved evidence is the agency's own duty, which no approval stops.
    ),
    Kind(
        code="preservation_approval",
        label="先行登记保存补办负责人批准（登记后二十四小时内）",
        article=f"{APL}第五十六条；部门规章示例：情况紧急的，二十四小时内补办批准手续（本机关参数）",
        unit=Unit.HOURS,
        count=24,
        bearer=Bearer.AGENCY,
        single=False,
        ref_key="preservation",
        # Opened only when the items were registered before the head approved. The 24 hours are not in
        # 行政处罚法 (nor in laws/): a sector rule's (e.g. 《市场监督管理行政处罚程序规定》), applied only where the
        # agency turned on AgencyPolicy.preservation_approval_within_24_hours (off by default).
        opens=(Opens("preserve_evidence", start_at="registered_at", when=_registered_before_approval),),
        closes=(Closes("approve_preservation"), *WITHDRAWN),
    ),
    Kind(
        code="seizure",
        label="查封、扣押期限（作出处理决定）",
        article=f"{ACEL}第二十五条、第二十七条",
        unit=Unit.CALENDAR_DAYS,
        count=30,  # 行政强制法 第二十五条: 不得超过三十日
        bearer=Bearer.AGENCY,
        single=False,
        ref_key="seizure",
        opens=(Opens("seize", start="seized_on"),),
        closes=(
            Closes("release_seizure", on="decided_on"),
            Closes("dispose_seizure", on="decided_on"),
            # 第十九条: the head disapproves the emergency seizure — released at once.
            Closes("approve_emergency_seizure", on="decided_on", when=_emergency_disapproved),
            *WITHDRAWN,
        ),
        # 第二十五条第三款: testing, inspection, quarantine or appraisal time is not counted.
        suspends=(
            Suspends(
                "start_seizure_testing",
                "检测、检验、检疫或者技术鉴定期间",
                start="started_on",
                basis=f"{ACEL}第二十五条第三款",
            ),
        ),
        resumes=(Resumes("end_seizure_testing", on="ended_on"),),
        extension=Extension(
            per_approval=30,
            cap=30,
            basis=f"{ACEL}第二十五条：情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日；"
            "延长的决定应当及时书面告知当事人，并说明理由",
            notify_party=True,
            not_while_open=("seizure_emergency_approval",),
        ),
    ),
    Kind(
        code="seizure_emergency_approval",
        label="当场查封、扣押后报告负责人并补办批准手续",
        article=f"{ACEL}第十九条",
        unit=Unit.HOURS,
        count=24,  # 行政强制法 第十九条: 二十四小时内向行政机关负责人报告，并补办批准手续
        bearer=Bearer.AGENCY,
        single=False,
        ref_key="seizure",
        # Runs from the moment the officers carried the seizure out on the spot; met by the head's decision
        # (approval, or disapproval and release: “应当立即解除”), or a release the head decided first.
        opens=(Opens("seize", start_at="carried_out_at", when=_seized_in_emergency),),
        closes=(Closes("approve_emergency_seizure"), Closes("release_seizure"), *WITHDRAWN),
    ),
    Kind(
        code="correction",
        label="责令限期改正的期限",
        article=f"{APL}第二十八条第一款；期限由执法人员在责令改正通知书中确定（工作日或者日）",
        unit=Unit.CALENDAR_DAYS,  # replaced by the unit the order states (Opens.unit)
        count=0,  # replaced by the number of days the order states (Opens.count)
        bearer=Bearer.PARTY,
        single=False,
        ref_key="correction_order",
        # Counted from the day the 责令改正通知书 is served (the party learns the period then).
        opens=(
            Opens(
                "serve_document",
                start="served_on",
                when=_serves_correction_notice,
                count="correction_count",
                unit="correction_unit",
            ),
        ),
        closes=(
            Closes("record_reinspection", on="inspected_on", when=_corrected),
            Closes("record_reinspection", Outcome.ENDED, when=_not_corrected, note="复查发现未改正"),
            Closes("record_refusal_to_correct", Outcome.ENDED, note="当事人拒不改正"),
            *WITHDRAWN,
            CLOSED,
        ),
        met_labels=("已按期改正", "逾期改正"),
    ),
    Kind(
        code="statement",
        label="陈述、申辩期限",
        article=f"{APL}第四十四条、第四十五条；期间为本机关参数（默认五个工作日）",
        unit=Unit.WORKING_DAYS,
        count=_statement_days,
        bearer=Bearer.PARTY,
        opens=(Opens("notify", start="served_on", stated=True),),
        closes=(Closes("waive_hearing", Outcome.WAIVED, on="waived_on"), *WITHDRAWN),
    ),
    Kind(
        code="hearing_request",
        label="要求听证期限",
        article=f"{APL}第六十四条第一项、第八十五条",
        unit=Unit.WORKING_DAYS,
        count=5,  # 第六十四条第一项: 告知后五日内提出
        bearer=Bearer.PARTY,
        opens=(Opens("notify", start="served_on", when=_hearing_right, stated=True),),
        closes=(
            Closes("request_hearing", on="requested_on"),
            Closes("waive_hearing", Outcome.WAIVED, on="waived_on"),
            *WITHDRAWN,
        ),
    ),
    Kind(
        code="hearing_notice",
        label="送达听证通知（举行听证七个工作日前）",
        article=f"{APL}第六十四条第二项、第八十五条",
        unit=Unit.WORKING_DAYS_BEFORE,
        count=7,  # 第六十四条第二项: 举行听证的七日前通知
        bearer=Bearer.AGENCY,
        opens=(Opens("schedule_hearing", anchor="hearing_on", met="hearing_notice_served_on"),),
    ),
    Kind(
        code="legal_review",
        label="法制审核",
        article=f"{APL}第五十八条；期间为本机关参数（部门规章示例：十个工作日）",
        unit=Unit.WORKING_DAYS,
        count=_review_days,
        bearer=Bearer.AGENCY,
        opens=(Opens("submit_legal_review"),),
        closes=(Closes("pass_legal_review"), Closes("return_legal_review"), *WITHDRAWN),
    ),
)
