"""市场监管 matters: food safety, product quality, advertising, price marking.

Tier arithmetic follows DOMAIN.md: lighter up to 40 % of the statutory span, general
40–60 %, heavier from 60 % to the maximum; mitigation (减轻) half the minimum up to it.
"""

from __future__ import annotations

from decimal import Decimal

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
    NO_PENALTY_NO_FAULT,
)
from .types import MatterEntry, Tier, times, yuan

DOMAIN = "market_regulation"

# 食品安全法 第一百三十六条: the diligent seller who can name the supplier is not penalised.
NO_PENALTY_FOOD_ART_136 = (
    "食品经营者履行了进货查验等义务，有充分证据证明其不知道所采购的食品不符合食品安全标准，并能如实说明其"
    "进货来源的，可以免予处罚，但应当依法没收其不符合食品安全标准的食品（《食品安全法》第一百三十六条）。"
)
# 产品质量法 第五十五条: the same for products, as a ground of 从轻或者减轻.
MITIGATED_PQL_55 = (
    "销售者有充分证据证明其不知道该产品为禁止销售的产品并如实说明其进货来源的（《产品质量法》第五十五条）；"
    + MITIGATED_ART_32
)
HEAVIER_VULNERABLE = "违法产品、食品主要供婴幼儿、孕产妇、老年人、病人、学生等特定人群食用或者使用的；"
HEAVIER_HARM = "造成人身伤害、食物中毒等危害后果或者恶劣社会影响的；"

FOOD_KINDS = (K.CONFISCATE_GAINS, K.CONFISCATE_PROPERTY, K.FINE)
PRODUCT_KINDS = (K.CONFISCATE_PROPERTY, K.FINE, K.CONFISCATE_GAINS, K.REVOKE_PERMIT)

MATTERS: tuple[MatterEntry, ...] = (
    MatterEntry(
        code="SC-SP-001",
        name="经营超过保质期的食品",
        domain=DOMAIN,
        violated=p.FSL_34_10,
        penalty=p.FSL_124_1_5,
        seizure=p.FSL_110_4,
        penalty_kinds=(*FOOD_KINDS, K.REVOKE_PERMIT),
        fine=yuan("50000", "100000"),
        multiple=times("10", "20"),
        multiple_base=MultipleBase.GOODS_VALUE,
        multiple_applies_from=Decimal("10000"),
        touches_safety=True,
        description="货值金额不足一万元的，并处五万元以上十万元以下罚款；一万元以上的，并处货值金额十倍以上二十倍以下罚款。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FOOD_ART_136),
            Tier(L.MITIGATED, MITIGATED_ART_32, fine=yuan("25000", "50000"), multiple=times("5", "10")),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "超过保质期时间较短、数量较少，尚未售出或者售出后主动召回的。",
                fine=yuan("50000", "70000"),
                multiple=times("10", "14"),
            ),
            Tier(L.GENERAL, GENERAL, fine=yuan("70000", "80000"), multiple=times("14", "16")),
            Tier(
                L.HEAVIER,
                HEAVIER_REPEAT + "篡改生产日期、保质期标注的；" + HEAVIER_VULNERABLE + HEAVIER_HARM + HEAVIER_OBSTRUCT,
                fine=yuan("80000", "100000"),
                multiple=times("16", "20"),
            ),
        ),
    ),
    MatterEntry(
        code="SC-SP-002",
        name="经营无标签的预包装食品",
        domain=DOMAIN,
        violated=p.FSL_34_11,
        penalty=p.FSL_125_1_2,
        seizure=p.FSL_110_4,
        penalty_kinds=(*FOOD_KINDS, K.SUSPEND_BUSINESS, K.REVOKE_PERMIT),
        fine=yuan("5000", "50000"),
        multiple=times("5", "10"),
        multiple_base=MultipleBase.GOODS_VALUE,
        multiple_applies_from=Decimal("10000"),
        touches_safety=True,
        description=(
            "货值金额不足一万元的，并处五千元以上五万元以下罚款；一万元以上的，并处货值金额五倍以上十倍以下罚款。"
            "标签、说明书存在瑕疵但不影响食品安全且不会对消费者造成误导的，适用同条第二款，不属本事项。"
        ),
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FOOD_ART_136 + NO_PENALTY_FIRST_MINOR),
            Tier(L.MITIGATED, MITIGATED_ART_32, fine=yuan("2500", "5000"), multiple=times("2.5", "5")),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "能够提供合法进货来源，数量较少且尚未售出的。",
                fine=yuan("5000", "23000"),
                multiple=times("5", "7"),
            ),
            Tier(L.GENERAL, GENERAL, fine=yuan("23000", "32000"), multiple=times("7", "8")),
            Tier(
                L.HEAVIER,
                HEAVIER_REPEAT + "无法说明食品来源的；" + HEAVIER_VULNERABLE + HEAVIER_HARM,
                fine=yuan("32000", "50000"),
                multiple=times("8", "10"),
            ),
        ),
    ),
    MatterEntry(
        code="SC-SP-003",
        name="食品生产经营者安排未取得健康证明的人员从事接触直接入口食品的工作",
        domain=DOMAIN,
        violated=p.FSL_45_2,
        penalty=p.FSL_126_1_6,
        # 食品安全法 第一百二十六条: 责令改正，给予警告；拒不改正的，处……罚款 — the fine only after a refusal.
        conditional_on_failure_to_correct="拒不改正的，处五千元以上五万元以下罚款",
        penalty_kinds=(K.WARNING, K.FINE, K.SUSPEND_BUSINESS, K.REVOKE_PERMIT),
        fine=yuan("5000", "50000"),
        touches_safety=True,
        description="责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款。下列罚款阶次均以拒不改正为前提。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR + "如涉及人员一名、当场停止其上岗并于限期内取得健康证明的。"),
            Tier(L.MITIGATED, "拒不改正，但" + MITIGATED_ART_32, fine=yuan("2500", "5000")),
            Tier(
                L.LIGHTER,
                "拒不改正，涉及人员一至二名，且在立案后主动改正的；" + LIGHTER_ART_32,
                fine=yuan("5000", "23000"),
            ),
            Tier(L.GENERAL, "拒不改正，" + GENERAL, fine=yuan("23000", "32000")),
            Tier(
                L.HEAVIER,
                "拒不改正，涉及人员三名以上的；安排患有有碍食品安全疾病的人员从事接触直接入口食品工作的；"
                "学校、托幼机构、养老机构等集中用餐单位食堂实施的；" + HEAVIER_REPEAT,
                fine=yuan("32000", "50000"),
            ),
        ),
    ),
    MatterEntry(
        code="SC-CP-001",
        name="销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品",
        domain=DOMAIN,
        violated=p.PQL_13,
        penalty=p.PQL_49,
        penalty_kinds=PRODUCT_KINDS,
        multiple=times("1", "3"),
        multiple_base=MultipleBase.GOODS_VALUE,
        touches_safety=True,
        description="货值金额包括已售出和未售出的产品，以违法生产、销售产品的标价计算；没有标价的，按照同类产品的市场价格计算（《产品质量法》第七十二条）。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_NO_FAULT),
            Tier(L.MITIGATED, MITIGATED_PQL_55, multiple=times("0.5", "1")),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "产品尚未售出或者已全部召回，未造成危害后果的。",
                multiple=times("1", "1.8"),
            ),
            Tier(L.GENERAL, GENERAL, multiple=times("1.8", "2.2")),
            Tier(
                L.HEAVIER,
                HEAVIER_REPEAT + HEAVIER_VULNERABLE + HEAVIER_HARM + HEAVIER_EMERGENCY,
                multiple=times("2.2", "3"),
            ),
        ),
    ),
    MatterEntry(
        code="SC-CP-002",
        name="销售者以不合格产品冒充合格产品",
        domain=DOMAIN,
        violated=p.PQL_39,
        penalty=p.PQL_50,
        penalty_kinds=PRODUCT_KINDS,
        multiple=times("0.5", "3"),
        multiple_base=MultipleBase.GOODS_VALUE,
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_NO_FAULT),
            Tier(L.MITIGATED, MITIGATED_PQL_55, multiple=times("0.25", "0.5")),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "货值金额较小，主动退换、赔偿消费者损失的。",
                multiple=times("0.5", "1.5"),
            ),
            Tier(L.GENERAL, GENERAL, multiple=times("1.5", "2")),
            Tier(
                L.HEAVIER,
                HEAVIER_REPEAT + "伪造检验报告、合格证明的；" + HEAVIER_OBSTRUCT + HEAVIER_EMERGENCY,
                multiple=times("2", "3"),
            ),
        ),
    ),
    MatterEntry(
        code="SC-CP-003",
        name="销售失效、变质的产品",
        domain=DOMAIN,
        violated=p.PQL_35,
        penalty=p.PQL_52,
        penalty_kinds=PRODUCT_KINDS,
        multiple=times(None, "2"),
        multiple_base=MultipleBase.GOODS_VALUE,
        touches_safety=True,
        description="法定幅度为货值金额二倍以下，没有下限，故不设减轻处罚阶次。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR),
            Tier(L.LIGHTER, LIGHTER_ART_32 + "数量较少，尚未售出的。", multiple=times(None, "0.8")),
            Tier(L.GENERAL, GENERAL, multiple=times("0.8", "1.2")),
            Tier(L.HEAVIER, HEAVIER_REPEAT + HEAVIER_VULNERABLE + HEAVIER_HARM, multiple=times("1.2", "2")),
        ),
    ),
    MatterEntry(
        code="SC-GG-001",
        name="广告主发布使用“国家级”“最高级”“最佳”等用语的广告",
        domain=DOMAIN,
        violated=p.AL_9_3,
        penalty=p.AL_57_1,
        penalty_kinds=(K.FINE, K.REVOKE_PERMIT),
        fine=yuan("200000", "1000000"),
        description="本事项为对广告主的处罚；对广告经营者、广告发布者另须没收广告费用。",
        tiers=(
            Tier(
                L.NO_PENALTY,
                NO_PENALTY_FIRST_MINOR + "如仅在自有经营场所或者自设网店使用，影响范围小、未造成危害后果并及时改正的。",
            ),
            Tier(
                L.MITIGATED,
                MITIGATED_ART_32 + "用语未对商品或者服务作虚假、引人误解宣传，传播范围有限的。",
                fine=yuan("100000", "200000"),
            ),
            Tier(L.LIGHTER, LIGHTER_ART_32 + "发布时间短、传播范围小的。", fine=yuan("200000", "520000")),
            Tier(L.GENERAL, GENERAL, fine=yuan("520000", "680000")),
            Tier(
                L.HEAVIER,
                HEAVIER_REPEAT + "通过广播、电视、报刊或者互联网大范围传播的；经责令停止发布后继续发布的。",
                fine=yuan("680000", "1000000"),
            ),
        ),
    ),
    MatterEntry(
        code="SC-GG-002",
        name="公共场所的管理者或者互联网信息服务提供者明知或者应知广告活动违法不予制止",
        domain=DOMAIN,
        violated=p.AL_45,
        penalty=p.AL_63,
        penalty_kinds=(K.CONFISCATE_GAINS, K.FINE),
        fine=yuan("10000", "50000"),
        multiple=times("1", "3"),
        multiple_base=MultipleBase.ILLEGAL_GAINS,
        multiple_applies_from=Decimal("50000"),
        description="违法所得五万元以上的，并处违法所得一倍以上三倍以下的罚款；不足五万元的（含没有违法所得），并处一万元以上五万元以下的罚款。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR),
            Tier(L.MITIGATED, MITIGATED_ART_32, fine=yuan("5000", "10000"), multiple=times("0.5", "1")),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "接到通知后及时删除、制止违法广告的。",
                fine=yuan("10000", "26000"),
                multiple=times("1", "1.8"),
            ),
            Tier(L.GENERAL, GENERAL, fine=yuan("26000", "34000"), multiple=times("1.8", "2.2")),
            Tier(
                L.HEAVIER,
                HEAVIER_REPEAT + "违法广告涉及医疗、药品、医疗器械、保健食品的；经通知后仍不制止的。",
                fine=yuan("34000", "50000"),
                multiple=times("2.2", "3"),
            ),
        ),
    ),
    MatterEntry(
        code="SC-JG-001",
        name="经营者违反明码标价规定",
        domain=DOMAIN,
        violated=p.PL_13,
        penalty=p.PL_42,
        penalty_kinds=(K.CONFISCATE_GAINS, K.FINE),
        fine=yuan(None, "5000"),
        description="法定幅度为五千元以下，没有下限，故不设减轻处罚阶次。",
        tiers=(
            Tier(L.NO_PENALTY, NO_PENALTY_FIRST_MINOR + "如标价签个别要素缺失、未造成消费者损失并当场改正的。"),
            Tier(
                L.LIGHTER,
                LIGHTER_ART_32 + "未明码标价的商品、服务项目较少，主动退还多收价款的。",
                fine=yuan(None, "2000"),
            ),
            Tier(L.GENERAL, GENERAL, fine=yuan("2000", "3000")),
            Tier(
                L.HEAVIER,
                HEAVIER_REPEAT
                + "在标价之外加价出售商品或者收取未予标明的费用，涉及消费者人数较多的；"
                + HEAVIER_EMERGENCY,
                fine=yuan("3000", "5000"),
            ),
        ),
    ),
)
