"""The registry of statutory deadlines: for each kind its period, its article, whose duty it is,
and the case events that open, meet, end, suspend and resume it.

Figures checked against the texts in ``shared/laws`` (and 国办发〔2018〕118号 for publication).
Periods of 10 days or less are working days (行政处罚法 第八十五条; 行政强制法 第六十九条;
行政复议法 第八十八条); longer ones are calendar days counted from the day after the event,
their last day rolled to the next working day (民事诉讼法 第八十五条, applied through
行政复议法 第八十八条 and DOMAIN.md "Working days"). Figures that vary by sector or agency
are read from ``officers.AgencyPolicy`` or ``deadlines.DeadlinePolicy`` when a deadline opens
and stored on it, so a later policy change never moves a running deadline.

Events are matched by ``CaseEvent.name`` (or ``event_type`` when the name is empty, e.g.
``created``); dates are read from the payload key named in the trigger, or the event's own
local date. docs/deadlines.md lists every event and payload key for the other services.
"""

from __future__ import annotations

from ..choices import Bearer, Outcome, Unit
from .conditions import (
    JUDGED,
    NOT_ACCEPTED,
    REMEDY_KINDS,
    SUPERSEDED,
    _announced_and_orders_payment,
    _announced_general_procedure,
    _collected_on_land,
    _corrected,
    _deposited,
    _discovered_on,
    _enforceable_after_outcome,
    _extension_days,
    _general_procedure,
    _handed_to_agency,
    _hearing_right,
    _is_penalty,
    _landed,
    _lead_days,
    _limitation_months,
    _limitation_start,
    _not_corrected,
    _not_publishable,
    _nothing_to_execute,
    _orders_payment,
    _received,
    _registered_before_approval,
    _remedy,
    _remedy_decided,
    _remedy_delivered,
    _remedy_posted,
    _reminder_pending,
    _reminder_pending_after_outcome,
    _review_days,
    _served_by_announcement,
    _served_otherwise,
    _served_otherwise_and_orders_payment,
    _served_otherwise_general_procedure,
    _serves_correction_notice,
    _statement_days,
    _withdraws_publication,
    money_due,
    paid_in_full,
    remedy_periods_end,
)
from .referral import REFERRAL_STEP_KINDS
from .triggers import (
    ACEL,
    ALL,
    APL,
    ARL,
    GUOBAN_118,
    REFERRAL_REG,
    Closes,
    Extension,
    Kind,
    Opens,
    Resumes,
    Suspends,
)

# --- the kinds -------------------------------------------------------------------------------

WITHDRAWN = (Closes("withdraw", Outcome.ENDED, note="撤销立案"), Closes("transfer", Outcome.ENDED, note="移送有关机关"))
CLOSED = Closes("close", Outcome.ENDED, note="案件已结案")
# Revoked or void on a remedy, or revoked by the agency itself (行政处罚法 第七十五条第二款).
REVOKED = (
    Closes("record_remedy_outcome", Outcome.ENDED, when=_nothing_to_execute, note="决定已被撤销或者确认无效"),
    Closes("correct_decision", Outcome.ENDED, when=_nothing_to_execute, note="本机关已自行撤销决定"),
)
# 行政处罚法 第四十八条第二款: a decision revoked, confirmed unlawful or void is not published; 第五十条 and the
# 政府信息公开条例: a decision lawfully withheld is not due — neither shows as overdue.
NOT_TO_PUBLISH = (
    Closes("record_remedy_outcome", Outcome.ENDED, when=_not_publishable, note="决定已被撤销、确认违法或者确认无效"),
    Closes("correct_decision", Outcome.ENDED, when=_not_publishable, note="本机关已自行撤销决定"),
    Closes("decide_not_to_publish", Outcome.ENDED, note="本机关依法决定不予公开"),
)
# Court enforcement is moot once the party pays, or while a remedy they sought is pending.
ENFORCEMENT_MOOT = (
    Closes("record_payment", Outcome.ENDED, when=paid_in_full, note="已全部缴纳"),
    Closes("file_remedy", Outcome.ENDED, note="当事人申请行政复议或者提起行政诉讼，期间届满后重新计算"),
    *REVOKED,
    CLOSED,
)
# Opened when the decision is served, and again once a remedy is decided or withdrawn.
ENFORCEMENT_OPENS = ("serve", "record_remedy_outcome")

_KINDS: tuple[Kind, ...] = (
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
        closes=(Closes("dispose_preserved_evidence", on="disposed_on"), *WITHDRAWN),
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
        # Opened only when the items were registered before the head approved (AgencyPolicy allows it).
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
        closes=(Closes("release_seizure", on="decided_on"), Closes("dispose_seizure", on="decided_on"), *WITHDRAWN),
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
        ),
    ),
    Kind(
        code="seizure_emergency_approval",
        label="当场查封、扣押后报告负责人并补办批准手续",
        article=f"{ACEL}第十九条",
        unit=Unit.HOURS,
        count=24,  # 行政强制法 第十九条: 二十四小时内向行政机关负责人报告，并补办批准手续
        bearer=Bearer.AGENCY,
        # Checked when the seizure is recorded with its approval (``cases.guards.seizure``): nothing runs after.
        optional=True,
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
    Kind(
        code="service",
        label="送达行政处罚决定书",
        article=f"{APL}第六十一条、第八十五条",
        unit=Unit.WORKING_DAYS,
        count=7,  # 第六十一条: 当事人不在场的，七日内送达
        bearer=Bearer.AGENCY,
        opens=(Opens("decide", start="decided_on"),),
        # By announcement the agency's duty is met on the day it announced (the decision counts as served later).
        closes=(
            Closes("serve", on="announced_on", when=_served_by_announcement),
            Closes("serve", on="served_on", when=_served_otherwise),
        ),
    ),
    # 行政处罚法 第六十一条 → 民事诉讼法 第九十五条: 自发出公告之日起，经过三十日，即视为送达 — counted and rolled
    # as any calendar period (the project's reading, docs/policy.md). Its last day is the day the decision counts as
    # served: the party's windows below run from it (derive_from) and follow it when it is counted again.
    Kind(
        code="announcement_service",
        label="公告送达期间（经过三十日视为送达）",
        article=f"{APL}第六十一条；《中华人民共和国民事诉讼法》第九十五条",
        unit=Unit.CALENDAR_DAYS,
        count=30,
        bearer=Bearer.AGENCY,
        optional=True,  # nobody's duty: it only runs
        opens=(Opens("serve", start="announced_on", when=_served_by_announcement),),
        closes=(CLOSED,),
    ),
    Kind(
        code="publication",
        label="公示行政处罚决定",
        article=f"{GUOBAN_118}：执法决定作出之日起7个工作日内公开",
        unit=Unit.WORKING_DAYS,
        count=7,
        bearer=Bearer.AGENCY,
        opens=(Opens("decide", start="decided_on", when=_is_penalty),),
        closes=(Closes("publish_decision", on="published_on"), *NOT_TO_PUBLISH),
    ),
    Kind(
        code="publication_withdrawal",
        label="撤回已公开的行政处罚决定信息",
        article=f"{APL}第四十八条第二款、第八十五条",
        unit=Unit.WORKING_DAYS,
        count=3,  # 第四十八条第二款: 三日内撤回
        bearer=Bearer.AGENCY,
        ref_key="remedy",  # the remedy whose outcome obliges the withdrawal (empty: the agency's own correction)
        opens=(
            Opens("record_remedy_outcome", start=_received, when=_withdraws_publication),
            # 第七十五条第二款: the agency's own change or revocation, from its date.
            Opens("correct_decision", start=_received, when=_withdraws_publication),
        ),
        closes=(Closes("withdraw_publication", on="withdrawn_on"),),
    ),
    Kind(
        code="payment",
        label="缴纳罚款",
        article=f"{APL}第六十七条第三款",
        unit=Unit.CALENDAR_DAYS,
        count=15,  # 第六十七条第三款: 自收到行政处罚决定书之日起十五日内
        bearer=Bearer.PARTY,
        opens=(
            Opens("serve", start="served_on", when=_served_otherwise_and_orders_payment),
            Opens("serve", derive_from="announcement_service", when=_announced_and_orders_payment),
        ),
        closes=(Closes("record_payment", on="paid_on", when=paid_in_full), *REVOKED),
    ),
    Kind(
        code="collection_handover",
        label="当场收缴的罚款交至行政机关",
        article=f"{APL}第七十一条、第八十五条",
        unit=Unit.WORKING_DAYS,
        count=2,  # 第七十一条: 自收缴罚款之日起二日内交至行政机关
        bearer=Bearer.AGENCY,
        single=False,
        ref_key="payment",
        # 第七十一条: from the collection, or — collected on water — from landing (met by the same step when it
        # records the hand-over too).
        opens=(
            Opens("record_payment", start="paid_on", when=_collected_on_land),
            Opens("record_handover", start="landed_on", when=_landed, met="handed_to_agency_on"),
        ),
        closes=(Closes("record_handover", on="handed_to_agency_on", when=_handed_to_agency),),
    ),
    Kind(
        code="collection_deposit",
        label="当场收缴的罚款缴付指定银行",
        article=f"{APL}第七十一条、第八十五条",
        unit=Unit.WORKING_DAYS,
        count=2,  # 第七十一条: 行政机关应当在二日内将罚款缴付指定的银行
        bearer=Bearer.AGENCY,
        single=False,
        ref_key="payment",
        opens=(Opens("record_handover", start="handed_to_agency_on", when=_handed_to_agency, met="deposited_on"),),
        closes=(Closes("record_handover", on="deposited_on", when=_deposited),),
    ),
    Kind(
        code="reconsideration",
        label="申请行政复议期限",
        article=f"{ARL}第二十条",
        unit=Unit.CALENDAR_DAYS,
        count=60,  # 行政复议法 第二十条: 自知道或者应当知道该行政行为之日起六十日内
        bearer=Bearer.PARTY,
        opens=(
            Opens("serve", start="served_on", when=_served_otherwise),
            Opens("serve", derive_from="announcement_service", when=_served_by_announcement),
        ),
        closes=(
            Closes("file_remedy", on="posted_on", when=_remedy_posted("reconsideration")),
            Closes("file_remedy", on="filed_on", when=_remedy_delivered("reconsideration")),
        ),
    ),
    Kind(
        code="litigation",
        label="提起行政诉讼期限",
        article=f"{ALL}第四十六条",
        unit=Unit.MONTHS,
        count=6,  # 行政诉讼法 第四十六条: 自知道或者应当知道作出行政行为之日起六个月内
        bearer=Bearer.PARTY,
        # On-the-spot decisions go to reconsideration first (行政复议法 第二十三条): no direct suit window.
        opens=(
            Opens("serve", start="served_on", when=_served_otherwise_general_procedure),
            Opens("serve", derive_from="announcement_service", when=_announced_general_procedure),
        ),
        closes=(
            Closes("file_remedy", on="posted_on", when=_remedy_posted("litigation")),
            Closes("file_remedy", on="filed_on", when=_remedy_delivered("litigation")),
            Closes("file_remedy", Outcome.ENDED, when=_remedy("reconsideration"), note="当事人已申请行政复议"),
        ),
    ),
    Kind(
        code="litigation_after_reconsideration",
        label="不服复议决定提起行政诉讼期限",
        article=f"{ALL}第四十五条",
        unit=Unit.CALENDAR_DAYS,
        count=15,  # 行政诉讼法 第四十五条: 收到复议决定书之日起十五日内
        bearer=Bearer.PARTY,
        opens=(
            Opens(
                "record_remedy_outcome",
                start=_received,
                when=_remedy_decided("reconsideration"),
            ),
        ),
        closes=(
            Closes("file_remedy", on="posted_on", when=_remedy_posted("litigation")),
            Closes("file_remedy", on="filed_on", when=_remedy_delivered("litigation")),
        ),
    ),
    # 行政诉讼法 第八十五条: the appeal periods; a first-instance judgment or ruling binds once they ran unappealed,
    # so their last day also ends the surcharge pause (行政处罚法 第七十三条第三款; cases.guards.execution.ledger).
    Kind(
        code="appeal",
        label="不服第一审判决提起上诉期限",
        article=f"{ALL}第八十五条",
        unit=Unit.CALENDAR_DAYS,
        count=15,  # 行政诉讼法 第八十五条: 判决书送达之日起十五日内
        bearer=Bearer.PARTY,
        opens=(Opens("record_remedy_outcome", start=_received, when=_remedy_decided("litigation", JUDGED)),),
        closes=(
            Closes("file_remedy", on="posted_on", when=_remedy_posted("appeal")),
            Closes("file_remedy", on="filed_on", when=_remedy_delivered("appeal")),
        ),
    ),
    Kind(
        code="appeal_ruling",
        label="不服第一审裁定提起上诉期限",
        article=f"{ALL}第八十五条",
        unit=Unit.CALENDAR_DAYS,
        count=10,  # 行政诉讼法 第八十五条: 裁定书送达之日起十日内
        bearer=Bearer.PARTY,
        opens=(
            Opens(
                "record_remedy_outcome", start=_received, when=_remedy_decided("litigation", frozenset({NOT_ACCEPTED}))
            ),
        ),
        closes=(
            Closes("file_remedy", on="posted_on", when=_remedy_posted("appeal")),
            Closes("file_remedy", on="filed_on", when=_remedy_delivered("appeal")),
        ),
    ),
    Kind(
        code="court_application",
        label="申请人民法院强制执行",
        article=f"{ACEL}第五十三条；{APL}第七十二条第二款",
        unit=Unit.MONTHS,
        count=3,  # 行政强制法 第五十三条: 自期限届满之日起三个月内
        bearer=Bearer.AGENCY,
        start_rule=remedy_periods_end,
        opens=(
            Opens("serve", when=_orders_payment),
            Opens("record_remedy_outcome", when=_enforceable_after_outcome),
        ),
        closes=(Closes("apply_to_court", on="filed_on"), *ENFORCEMENT_MOOT),
    ),
    Kind(
        code="enforcement_reminder",
        label="送达催告书（申请强制执行十个工作日前）",
        article=f"{ACEL}第五十四条、第六十九条",
        unit=Unit.WORKING_DAYS_BEFORE,
        count=10,  # 第五十四条: 催告书送达十日后 (working days, 第六十九条)
        bearer=Bearer.AGENCY,
        before_exclusive=True,
        opens=(
            Opens("serve", derive_from="court_application", when=_reminder_pending),
            Opens("record_remedy_outcome", derive_from="court_application", when=_reminder_pending_after_outcome),
        ),
        closes=(Closes("serve_reminder", on="served_on"), *ENFORCEMENT_MOOT),
    ),
    Kind(
        code="reminder_wait",
        label="催告书送达后的履行期间（届满后才能申请强制执行）",
        article=f"{ACEL}第五十四条、第六十九条",
        unit=Unit.WORKING_DAYS,
        count=10,  # 第五十四条: 催告书送达十日后当事人仍未履行 (working days, 第六十九条)
        bearer=Bearer.PARTY,
        optional=True,  # the party's time to perform; the agency may apply only after it, never chased
        single=False,
        ref_key="reminder",
        opens=(Opens("serve_reminder", start="served_on"),),
        closes=(Closes("record_payment", Outcome.ENDED, when=paid_in_full, note="已全部缴纳"), *REVOKED, CLOSED),
    ),
    # 行政强制法 第三十九条第二款: no obvious social harm, the party truly unable to perform, three years suspended and
    # not resumed — the agency no longer executes (``terminate_execution`` reads this stored deadline). Not a duty to
    # chase and no last day to act: counted whole, never rolled.
    Kind(
        code="execution_suspension",
        label="中止执行满三年（未恢复执行的，不再执行）",
        article=f"{ACEL}第三十九条第二款",
        unit=Unit.MONTHS,
        count=36,  # 第三十九条第二款: 中止执行满三年
        bearer=Bearer.AGENCY,
        roll=False,
        optional=True,
        single=False,
        ref_key="suspension",
        opens=(Opens("suspend_execution", start="suspended_on"),),
        closes=(
            Closes("resume_execution", Outcome.ENDED, note="恢复执行"),
            Closes("terminate_execution", Outcome.ENDED, note="终结执行"),
            *REVOKED,
            CLOSED,
        ),
    ),
    *REFERRAL_STEP_KINDS,
)

KINDS: dict[str, Kind] = {k.code: k for k in _KINDS}
KIND_CHOICES = [(k.code, k.label) for k in _KINDS]
REFERRAL_KINDS: dict[str, Kind] = {k.referral_step: k for k in _KINDS if k.referral_step}
ORDER = {code: i for i, code in enumerate(KINDS)}


def _triggers(kind: Kind) -> tuple[Opens | Closes | Suspends | Resumes, ...]:
    return (*kind.opens, *kind.closes, *kind.suspends, *kind.resumes)


def kinds_for_event(name: str) -> list[Kind]:
    """The kinds an event touches in any way, in registry order (parents before derived kinds)."""
    return [k for k in _KINDS if any(t.event == name for t in _triggers(k))]


def event_names() -> list[str]:
    """Every event name the registry reads, for the documentation and its test."""
    names = {t.event for k in _KINDS for t in _triggers(k)}
    return sorted(names)


__all__ = [
    "KINDS",
    "KIND_CHOICES",
    "ORDER",
    "REFERRAL_KINDS",
    "REMEDY_KINDS",
    "SUPERSEDED",
    "Closes",
    "Kind",
    "Opens",
    "Resumes",
    "Suspends",
    "event_names",
    "kinds_for_event",
    "money_due",
    "paid_in_full",
    "remedy_periods_end",
]
