"""Circumstance texts shared by many benchmarks, each citing the article it applies."""

from __future__ import annotations

import datetime

# The seeded benchmarks are demonstration data, not a published benchmark document.
DEMO_ISSUERS = {
    "market_regulation": "示例：包头市市场监督管理局",
    "urban_management": "示例：包头市城市管理综合执法局",
}
DEMO_DOCUMENT_NUMBER = "示例文件"
DEMO_EFFECTIVE_FROM = datetime.date(2025, 1, 1)

NO_PENALTY_FIRST_MINOR = (
    "初次违法且危害后果轻微并及时改正的，可以不予行政处罚；违法行为轻微并及时改正，没有造成危害后果的，"
    "不予行政处罚（《行政处罚法》第三十三条第一款）。不予处罚的，应当对当事人进行教育（同条第三款）。"
)
NO_PENALTY_NO_FAULT = (
    "当事人有证据足以证明没有主观过错的，不予行政处罚（《行政处罚法》第三十三条第二款）；"
    "不予处罚的，应当对当事人进行教育。"
)
MITIGATED_ART_32 = (
    "具有《行政处罚法》第三十二条规定的应当从轻或者减轻处罚情形（主动消除或者减轻违法行为危害后果，"
    "受他人胁迫或者诱骗实施违法行为，主动供述行政机关尚未掌握的违法行为，配合查处有立功表现）两项以上的，"
    "或者具有其中一项且危害后果轻微的；已满十四周岁不满十八周岁的未成年人违法的（第三十条）。"
    "减轻处罚的理由应当在处理意见中载明。"
)
LIGHTER_ART_32 = "具有《行政处罚法》第三十二条规定情形之一，依法从轻处罚的；"
GENERAL = "不具有从轻、减轻或者从重处罚情节的。"
HEAVIER_REPEAT = "两年内因同类违法行为受过行政处罚的；"
HEAVIER_OBSTRUCT = "拒绝、阻碍执法检查，或者隐匿、转移、销毁证据的；"
HEAVIER_EMERGENCY = "在发生自然灾害、事故灾难、公共卫生事件等突发事件期间实施的；"
