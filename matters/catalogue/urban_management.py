"""城市管理 matters: illegal construction, air pollution in the street, roads, drainage.

Exercised by urban management under 相对集中行政处罚权 (行政处罚法 第十八条第一款);
the same tier arithmetic as the market matters.
"""

from __future__ import annotations

from ..choices import BenchmarkTierLevel as L
from ..choices import MultipleBase
from ..choices import PenaltyKind as K
from . import provisions as p
from .common import (
    GENERAL,
    HEAVIER_EMERGENCY,
    HEAVIER_OBSTRUCT,
    HEAVIER_REPEAT,
    LIGHTER_ART_32,
    MITIGATED_ART_32,
    NO_PENALTY_FIRST_MINOR,
)
from .types import MatterEntry, Tier, times, yuan

DOMAIN = "urban_management"

HEAVIER_COMPLAINTS = "经责令改正拒不改正的；群众多次投诉举报，或者造成恶劣社会影响的；"
HEAVIER_POLLUTION_ALERT = "在重污染天气预警期间实施的；"

MATTERS: tuple[MatterEntry, ...] = (
    MatterEntry(
        code="CG-GH-001",
        name="未取得建设工程规划许可证进行建设，尚可采取改正措施消除对规划实施的影响",
        domain=DOMAIN,
        violated=p.URPL_40_1,
        penalty=p.URPL_64,
        penalty_kinds=(K.FINE,),
        multiple=times("0.05", "0.10"),
        multiple_base=MultipleBase.CONSTRUCTION_COST,
        description="责令停止建设、限期改正，并处建设工程造价百分之五以上百分之十以下的罚款；建设工程造价以违法建设部分计。",
        tiers=(
            Tier(
                L.MITIGATED, MITIGATED_ART_32 + "在责令停止建设后主动拆除违法部分的。", multiple=times("0.025", "0.05")
            ),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "违法建设面积较小，在责令停止建设后立即停工并在限期内完成改正的。",
                multiple=times("0.05", "0.07"),
            ),
            Tier(L.GENERAL, GENERAL, multiple=times("0.07", "0.08")),
            Tier(
                L.HEAVIER,
                "经责令停止建设后继续建设的；"
                + HEAVIER_REPEAT
                + "占用消防通道、公共绿地或者影响相邻权利人采光通风的。",
                multiple=times("0.08", "0.10"),
            ),
        ),
    ),
    MatterEntry(
        code="CG-GH-002",
        name="未取得建设工程规划许可证进行建设，无法采取改正措施消除影响且不能拆除",
        domain=DOMAIN,
        violated=p.URPL_40_1,
        penalty=p.URPL_64,
        penalty_kinds=(K.CONFISCATE_PROPERTY, K.CONFISCATE_GAINS, K.FINE),
        multiple=times(None, "0.10"),
        multiple_base=MultipleBase.CONSTRUCTION_COST,
        description="限期拆除；不能拆除的，没收实物或者违法收入，可以并处建设工程造价百分之十以下的罚款。法定幅度没有下限，故不设减轻处罚阶次。",
        tiers=(
            Tier(L.LIGHTER, LIGHTER_ART_32 + "配合没收、如实申报违法收入的。", multiple=times(None, "0.04")),
            Tier(L.GENERAL, GENERAL, multiple=times("0.04", "0.06")),
            Tier(
                L.HEAVIER,
                "经责令停止建设后继续建设的；" + HEAVIER_REPEAT + HEAVIER_OBSTRUCT,
                multiple=times("0.06", "0.10"),
            ),
        ),
    ),
    MatterEntry(
        code="CG-DQ-001",
        name="在当地人民政府禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地",
        domain=DOMAIN,
        violated=p.AIR_81_3,
        penalty=p.AIR_118_3,
        penalty_kinds=(K.CONFISCATE_PROPERTY, K.CONFISCATE_GAINS, K.FINE),
        fine=yuan("500", "20000"),
        description="责令改正，没收烧烤工具和违法所得，并处五百元以上二万元以下的罚款。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR + "如初次在禁止区域露天烧烤，经劝阻立即停止的。"),
            Tier(L.MITIGATED, MITIGATED_ART_32, fine=yuan("250", "500")),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "个人流动经营、烧烤炉具一处且经营时间短的。",
                fine=yuan("500", "8300"),
            ),
            Tier(L.GENERAL, GENERAL, fine=yuan("8300", "12200")),
            Tier(
                L.HEAVIER,
                "为他人露天烧烤提供场地，或者烧烤炉具三处以上的；" + HEAVIER_REPEAT + HEAVIER_POLLUTION_ALERT,
                fine=yuan("12200", "20000"),
            ),
        ),
    ),
    MatterEntry(
        code="CG-DQ-002",
        name="在省级人民政府划定的禁止区域内露天焚烧秸秆、落叶等产生烟尘污染的物质",
        domain=DOMAIN,
        violated=p.AIR_77,
        penalty=p.AIR_119_1,
        penalty_kinds=(K.FINE,),
        fine=yuan("500", "2000"),
        description="责令改正，并可以处五百元以上二千元以下的罚款。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR + "如焚烧量小、当场自行扑灭的。"),
            Tier(L.MITIGATED, MITIGATED_ART_32, fine=yuan("250", "500")),
            Tier(L.LIGHTER, LIGHTER_ART_32 + "焚烧面积较小、及时扑灭的。", fine=yuan("500", "1100")),
            Tier(L.GENERAL, GENERAL, fine=yuan("1100", "1400")),
            Tier(
                L.HEAVIER,
                HEAVIER_REPEAT + HEAVIER_POLLUTION_ALERT + "引发火情或者影响道路通行的。",
                fine=yuan("1400", "2000"),
            ),
        ),
    ),
    MatterEntry(
        code="CG-DQ-003",
        name="运输散装、流体物料的车辆未采取密闭或者其他措施防止物料遗撒",
        domain=DOMAIN,
        violated=p.AIR_70_1,
        penalty=p.AIR_116,
        penalty_kinds=(K.FINE,),
        fine=yuan("2000", "20000"),
        description="责令改正，处二千元以上二万元以下的罚款；拒不改正的，车辆不得上道路行驶。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR + "如遗撒量少、当场清理完毕的。"),
            Tier(L.MITIGATED, MITIGATED_ART_32, fine=yuan("1000", "2000")),
            Tier(L.LIGHTER, LIGHTER_ART_32 + "遗撒路段短、及时清理的。", fine=yuan("2000", "9200")),
            Tier(L.GENERAL, GENERAL, fine=yuan("9200", "12800")),
            Tier(
                L.HEAVIER,
                HEAVIER_REPEAT + "遗撒路段长或者造成交通事故隐患的；" + HEAVIER_POLLUTION_ALERT,
                fine=yuan("12800", "20000"),
            ),
        ),
    ),
    MatterEntry(
        code="CG-DQ-004",
        name="餐饮服务业经营者未安装或者不正常使用油烟净化设施，超过排放标准排放油烟",
        domain=DOMAIN,
        violated=p.AIR_81_1,
        penalty=p.AIR_118_1,
        penalty_kinds=(K.FINE, K.SUSPEND_BUSINESS),
        fine=yuan("5000", "50000"),
        description="责令改正，处五千元以上五万元以下的罚款；拒不改正的，责令停业整治。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR + "如油烟净化设施临时故障、当日修复并达标排放的。"),
            Tier(L.MITIGATED, MITIGATED_ART_32, fine=yuan("2500", "5000")),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "经营面积小，在限期内安装或者修复油烟净化设施的。",
                fine=yuan("5000", "23000"),
            ),
            Tier(L.GENERAL, GENERAL, fine=yuan("23000", "32000")),
            Tier(L.HEAVIER, HEAVIER_COMPLAINTS + HEAVIER_REPEAT, fine=yuan("32000", "50000")),
        ),
    ),
    MatterEntry(
        code="CG-DL-001",
        name="擅自占用或者挖掘城市道路",
        domain=DOMAIN,
        violated=p.ROADS_27_1,
        penalty=p.ROADS_42,
        penalty_kinds=(K.FINE,),
        fine=yuan(None, "20000"),
        description="责令限期改正，可以处以2万元以下的罚款；造成损失的，应当依法承担赔偿责任。法定幅度没有下限，故不设减轻处罚阶次。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR + "如占道面积小、时间短并当场清除的。"),
            Tier(L.LIGHTER, LIGHTER_ART_32 + "占用面积较小、未损坏道路设施的。", fine=yuan(None, "8000")),
            Tier(L.GENERAL, GENERAL, fine=yuan("8000", "12000")),
            Tier(
                L.HEAVIER,
                "擅自挖掘城市道路，或者占用、挖掘造成道路设施损坏、交通阻塞的；" + HEAVIER_REPEAT + HEAVIER_OBSTRUCT,
                fine=yuan("12000", "20000"),
            ),
        ),
    ),
    MatterEntry(
        code="CG-PS-001",
        name="排水户未取得污水排入排水管网许可证向城镇排水设施排放污水",
        domain=DOMAIN,
        violated=p.DRAINAGE_21_1,
        penalty=p.DRAINAGE_50_1,
        penalty_kinds=(K.FINE,),
        fine=yuan(None, "500000"),
        description="责令停止违法行为，限期采取治理措施，补办许可证，可以处50万元以下罚款。法定幅度没有下限，故不设减轻处罚阶次。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR + "如排水量小、水质达标并在限期内补办许可证的。"),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "排放的污水符合排放标准，在限期内补办许可证的。",
                fine=yuan(None, "200000"),
            ),
            Tier(L.GENERAL, GENERAL, fine=yuan("200000", "300000")),
            Tier(
                L.HEAVIER,
                "排放的污水超过排放标准，或者危及城镇排水与污水处理设施安全运行的；逾期不采取治理措施的；"
                + HEAVIER_REPEAT
                + HEAVIER_EMERGENCY,
                fine=yuan("300000", "500000"),
            ),
        ),
    ),
)
