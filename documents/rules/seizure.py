"""When the documents of a seizure may be made (行政强制法 第十九条、第二十四条、第二十五条、第二十七条、第二十八条):
each prints a step the case records — the measure, an extension of its period, a testing period, the release or the
disposal. ``documents.rules`` assembles them with the other families' rules; each kind is issued by its step
(``documents.steps``)."""

from __future__ import annotations

from cases.models import Case
from cases.models.seizure import SeizureEnd
from kernel.rules import ACEL_19, ACEL_24, ACEL_25, ACEL_27, ACEL_28, Reason

from ..choices import DocumentKind as K
from ..contexts.seizure import extension_for, seizure_for, testing_for
from .common import Rule, _needs


def _seizure_document(label: str) -> Rule:
    def rule(case: Case, extra: dict) -> list[Reason]:
        # 第二十四条: the decision and the list of a seizure the case records.
        found = seizure_for(case, extra) is not None
        return _needs(found, "no_seizure", f"本案尚未登记查封、扣押，不能制作{label}。", ACEL_24)

    return rule


def _extension_notice(case: Case, extra: dict) -> list[Reason]:
    # 第二十五条第二款: “延长查封、扣押的决定应当及时书面告知当事人，并说明理由” — an extension the head approved.
    found = extension_for(case, extra) is not None
    detail = "本案的查封、扣押期限尚未经负责人批准延长，不能制作延长查封、扣押期限通知书。"
    return _needs(found, "no_seizure_extension", detail, f"{ACEL_25}第二款")


def _testing_notice(case: Case, extra: dict) -> list[Reason]:
    # 第二十五条第三款: “检测、检验、检疫或者技术鉴定的期间应当明确，并书面告知当事人”.
    found = testing_for(case, extra) is not None
    detail = "本案查封、扣押的物品尚未登记检测、检验、检疫或者技术鉴定，不能制作检测检验期间告知书。"
    return _needs(found, "no_seizure_testing", detail, f"{ACEL_25}第三款")


def _ended_as(end: str, code: str, label: str, article: str) -> Rule:
    def rule(case: Case, extra: dict) -> list[Reason]:
        seizure = seizure_for(case, extra)
        found = seizure is not None and seizure.ended == end
        return _needs(found, code, f"本案的查封、扣押尚未{SeizureEnd(end).label}，不能制作{label}。", article)

    return rule


SEIZURE_RULES: dict[str, Rule] = {
    K.SEIZURE_DECISION: _seizure_document("查封、扣押决定书"),
    K.SEIZURE_LIST: _seizure_document("查封、扣押清单"),
    K.SEIZURE_EXTENSION_NOTICE: _extension_notice,
    K.SEIZURE_TESTING_NOTICE: _testing_notice,
    K.SEIZURE_RELEASE: _ended_as(
        SeizureEnd.RELEASED, "seizure_not_released", "解除查封、扣押决定书", f"{ACEL_19}、{ACEL_28}"
    ),
    K.SEIZURE_DISPOSAL: _ended_as(SeizureEnd.DISPOSED, "seizure_not_disposed", "查封、扣押物品处理决定书", ACEL_27),
}
