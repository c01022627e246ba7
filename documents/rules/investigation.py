"""When the documents of filing and investigation may be made: the filing approval, the inspection and inquiry
records, the recusal decision, the notices of preservation and sampling, the decision on preserved evidence and
the notice of an order to correct."""

from __future__ import annotations

from cases.models import Case
from kernel.rules import ART_56, Reason

from ..choices import DocumentKind as K
from ..contexts.correction import correction_order_for
from ..contexts.recusal import chair_application, handler_application
from ..kinds import APL
from .common import OPEN, Rule, S, _in_states, _needs


def _filing_approval(case: Case, extra: dict) -> list[Reason]:
    return _in_states(case, OPEN | {S.CLOSED}, "立案审批表", f"{APL}第五十四条")


def _investigation_record(label: str) -> Rule:
    def rule(case: Case, extra: dict) -> list[Reason]:
        return _in_states(case, {S.INVESTIGATING, S.INVESTIGATED}, label, f"{APL}第五十五条")

    return rule


def _recusal_decision(case: Case, extra: dict) -> list[Reason]:
    # 第四十三条第三款、第六十四条第四项: the decision on an application of this case the head has decided.
    found = handler_application(case, extra) is not None or chair_application(case, extra) is not None
    detail = "回避决定书须对应本案一项负责人已经决定的回避申请（由“决定回避申请”制作）。"
    return _in_states(case, OPEN, "回避决定书", f"{APL}第四十三条") or _needs(
        found, "no_recusal_decision", detail, f"{APL}第四十三条、第六十四条第四项"
    )


def _preservation(case: Case, extra: dict) -> list[Reason]:
    # 第五十六条: evidence is preserved while it is being collected, with the head's approval.
    return _in_states(case, {S.INVESTIGATING}, "先行登记保存证据通知书", ART_56)


def _sampling(case: Case, extra: dict) -> list[Reason]:
    # 第五十六条: samples are taken while evidence is collected; the notice lists a recorded sampling.
    found = case.samplings.filter(pk=extra.get("sampling") or 0).exists()
    return _in_states(case, {S.INVESTIGATING}, "抽样取证通知书", ART_56) or _needs(
        found, "no_sampling", "请先登记“抽样取证”（样品清单），再制作抽样取证通知书。", ART_56
    )


def _preservation_disposal(case: Case, extra: dict) -> list[Reason]:
    # 第五十六条: the decision on preserved evidence names a preservation of the case that was disposed of.
    item = case.preservations.filter(pk=extra.get("preservation") or 0).first()
    return _in_states(case, OPEN, "先行登记保存证据处理决定书", ART_56) or _needs(
        bool(item and item.disposed_on),
        "preservation_not_disposed",
        "尚未对先行登记保存的证据作出处理决定，请先完成“对先行登记保存的证据作出处理决定”。",
        ART_56,
    )


def _correction_notice(case: Case, extra: dict) -> list[Reason]:
    # 行政处罚法 第二十八条第一款: the notice of an order the case records.
    found = correction_order_for(case, extra) is not None
    return _needs(found, "no_correction_order", "本案尚未责令改正，不能制作责令改正通知书。", f"{APL}第二十八条第一款")


INVESTIGATION_RULES: dict[str, Rule] = {
    K.FILING_APPROVAL: _filing_approval,
    K.INSPECTION_RECORD: _investigation_record("现场检查（勘验）笔录"),
    K.INQUIRY_RECORD: _investigation_record("询问笔录"),
    K.RECUSAL_DECISION: _recusal_decision,
    K.SAMPLING_NOTICE: _sampling,
    K.PRESERVATION_NOTICE: _preservation,
    K.PRESERVATION_DISPOSAL: _preservation_disposal,
    K.CORRECTION_NOTICE: _correction_notice,
}
