from __future__ import annotations

from django.db import models


class PenaltyKind(models.TextChoices):
    """行政处罚法 第九条: the kinds of administrative penalty, in the order of the article."""

    # （一）
    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    # （二）
    FINE = "fine", "罚款"
    CONFISCATE_GAINS = "confiscate_gains", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    # （三）
    SUSPEND_PERMIT = "suspend_permit", "暂扣许可证件"
    LOWER_QUALIFICATION = "lower_qualification", "降低资质等级"
    REVOKE_PERMIT = "revoke_permit", "吊销许可证件"
    # （四）
    RESTRICT_BUSINESS = "restrict_business", "限制开展生产经营活动"
    SUSPEND_BUSINESS = "suspend_business", "责令停产停业"
    ORDER_CLOSURE = "order_closure", "责令关闭"
    RESTRICT_PRACTICE = "restrict_practice", "限制从业"
    # （五）行政处罚法 第十八条第三款: restriction of liberty belongs to the police; listed for completeness.
    DETENTION = "detention", "行政拘留"


class BenchmarkTierLevel(models.TextChoices):
    """Tiers of a discretion benchmark (行政处罚法 第三十四条), from lightest to heaviest."""

    NO_PENALTY = "no_penalty", "不予处罚"  # 行政处罚法 第三十三条
    MITIGATED = "mitigated", "减轻处罚"  # 行政处罚法 第三十二条: below the statutory minimum
    LIGHTER = "lighter", "从轻处罚"
    GENERAL = "general", "一般处罚"
    HEAVIER = "heavier", "从重处罚"

    @property
    def rank(self) -> int:
        """0 for 不予处罚 … 4 for 从重处罚: the declaration order is the legal order."""
        return list(type(self)).index(self)


class MultipleBase(models.TextChoices):
    """What a fine expressed as a multiple (“……的X倍以上Y倍以下”) is a multiple of."""

    ILLEGAL_GAINS = "illegal_gains", "违法所得"  # 广告法 第六十三条
    GOODS_VALUE = "goods_value", "货值金额"  # 食品安全法 第一百二十四条, 产品质量法 第四十九条
    ILLEGAL_INCOME = "illegal_income", "违法经营额"
    ADVERTISING_FEE = "advertising_fee", "广告费用"  # 广告法 第五十五条
    CONSTRUCTION_COST = "construction_cost", "建设工程造价"  # 城乡规划法 第六十四条
    UNPAID_FEE = "unpaid_fee", "应缴纳费用数额"  # 城镇排水与污水处理条例 第五十四条
