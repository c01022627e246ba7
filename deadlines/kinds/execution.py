"""The kinds from the decision on: service, publication, payment and collection, the remedies, the court
application and the reminder, the suspension of execution."""

from __future__ import annotations

from ..choices import Bearer, Outcome, Unit
from .conditions import (
    JUDGED,
    NOT_ACCEPTED,
    _announced_and_orders_payment,
    _announced_general_procedure,
    _collected_on_land,
    _deposited,
    _enforceable_after_outcome,
    _general_procedure,
    _handed_to_agency,
    _is_penalty,
    _landed,
    _orders_payment,
    _received,
    _remedy,
    _remedy_decided,
    _remedy_delivered,
    _remedy_posted,
    _reminder_pending,
    _reminder_pending_after_change,
    _reminder_pending_after_outcome,
    _served_by_announcement,
    _served_otherwise,
    _served_otherwise_and_orders_payment,
    _served_otherwise_general_procedure,
    _serves_changed_decision,
    _serves_changed_decision_ordering_payment,
    _withdraws_publication,
    paid_in_full,
    remedy_periods_end,
)

# --- the kinds -------------------------------------------------------------------------------
from .groups import CLOSED, ENFORCEMENT_MOOT, NOT_TO_PUBLISH, REVOKED
from .triggers import (
    ACEL,
    ALL,
    APL,
    ARL,
    GUOBAN_118,
    Closes,
    Kind,
    Opens,
)


def _met_by_filing(remedy: str) -> tuple[Closes, Closes]:
    """The party's window for ``remedy`` is met when it is filed: on the postmark's day if posted, else on the day
    the organ received it (conditions._remedy_posted, _remedy_delivered)."""
    return (
        Closes("file_remedy", on="posted_on", when=_remedy_posted(remedy)),
        Closes("file_remedy", on="filed_on", when=_remedy_delivered(remedy)),
    )


EXECUTION_KINDS: tuple[Kind, ...] = (
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
        opens=(
            Opens("decide", start="decided_on", when=_is_penalty),
            # The decision not to publish lifted (its ground ceased): the same 7 working days, from the lifting.
            Opens("lift_non_publication", start="lifted_on", when=_general_procedure),
        ),
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
            # 行政处罚法 第七十五条第二款: a changed decision is a new act; its window runs from its service.
            Opens("serve_document", start="served_on", when=_serves_changed_decision),
        ),
        closes=(*_met_by_filing("reconsideration"),),
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
            # A change is decided by the head, not on the spot (行政复议法 第二十三条 does not reach it): a suit
            # window opens from its service whatever the procedure of the original decision.
            Opens("serve_document", start="served_on", when=_serves_changed_decision),
        ),
        closes=(
            *_met_by_filing("litigation"),
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
        closes=(*_met_by_filing("litigation"),),
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
        closes=(*_met_by_filing("appeal"),),
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
        closes=(*_met_by_filing("appeal"),),
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
            # 行政处罚法 第七十五条第二款: the changed decision served — counted again from its new remedy windows.
            Opens("serve_document", when=_serves_changed_decision_ordering_payment),
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
            Opens("serve_document", derive_from="court_application", when=_reminder_pending_after_change),
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
)
