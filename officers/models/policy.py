from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from .agency import Agency


def _money(label: str, default: str, help_text: str = "") -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=help_text,
    )


def _threshold(label: str, help_text: str) -> models.DecimalField:
    """An optional amount: empty means the criterion is not part of the agency's policy."""
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=f"{help_text}留空则不适用。",
    )


class AgencyPolicy(models.Model):
    """Figures that vary by jurisdiction or sector: per agency, with the documented defaults.

    Statutory figures (Art. 51's 200/3,000 yuan, the 5- and 7-working-day hearing
    periods) are law and stay in code; these are the ones the law leaves to the
    province, the sector or the agency (DOMAIN.md).
    """

    agency = models.OneToOneField(Agency, verbose_name="执法主体", on_delete=models.CASCADE, related_name="policy")

    # 行政处罚法 第六十三条: "较大数额罚款" and "没收较大数额违法所得、没收较大价值非法财物" — set by each jurisdiction.
    hearing_fine_individual = _money("听证：对个人的较大数额罚款（元）", "10000", "达到此数额的罚款应告知听证权利。")
    hearing_fine_organization = _money("听证：对单位的较大数额罚款（元）", "100000")
    hearing_confiscation_individual = _money("听证：对个人没收较大数额（元）", "10000")
    hearing_confiscation_organization = _money("听证：对单位没收较大数额（元）", "100000")

    # 行政处罚法 第六十三条第一款第五项 "其他较重的行政处罚" is not listed: reading 暂扣许可证件 (第九条第三项) and
    # 限制开展生产经营活动 (第九条第四项) as such is the agency's reading (本机关政策), not the list of 第六十三条.
    hearing_for_suspension_and_restriction = models.BooleanField(
        "暂扣许可证件、限制开展生产经营活动告知听证权利",
        default=True,
        help_text="本机关政策：作为第六十三条第一款第五项“其他较重的行政处罚”理解，并非第六十三条列举的情形。",
    )

    # Agency policy, not law: thresholds that make a decision major (重大执法决定).
    major_fine_individual = _money("重大：对个人罚款（元）", "10000", "本机关政策（非法定标准）。")
    major_fine_organization = _money("重大：对单位罚款（元）", "100000", "本机关政策（非法定标准）。")
    major_confiscation = _money("重大：没收违法所得或非法财物价值（元）", "100000", "本机关政策（非法定标准）。")
    major_if_hearing_eligible = models.BooleanField("可要求听证的处罚一律作为重大案件", default=True)
    major_if_hearing_held = models.BooleanField("经过听证的案件一律作为重大案件", default=True)
    major_if_outside_benchmark = models.BooleanField("超出裁量基准档次的一律作为重大案件", default=True)

    statement_period_working_days = models.PositiveSmallIntegerField(
        "陈述申辩期限（工作日）", default=5, validators=[MinValueValidator(1)]
    )
    legal_review_working_days = models.PositiveSmallIntegerField(
        "法制审核期限（工作日）", default=10, validators=[MinValueValidator(1)], help_text="部门规章示例：十个工作日。"
    )
    # 行政处罚法 第五十七条第二款 (情节复杂、重大违法行为, answered on the investigation report) always applies;
    # these settings only add cases to it, never take one away.
    discussion_for_major = models.BooleanField(
        "重大执法决定也须经集体讨论", default=True, help_text="本机关政策：在第五十七条第二款的法定情形之外增加。"
    )
    discussion_for_complex = models.BooleanField(
        "案件情况疑难复杂的也须经集体讨论",
        default=True,
        help_text="本机关政策：第五十八条第一款第三项的疑难复杂案件，在第五十七条第二款的法定情形之外增加。",
    )
    # 行政处罚法 第五十七条第二款 leaves 情节复杂 and 重大违法行为 undefined: an agency may document criteria of its own
    # (本机关政策). Where a proposal meets one, the investigation report's answer is pre-set to "yes" and cannot be
    # cleared (cases.discussion_criteria; guards.discussion.discussion_criteria_applied). Each is off or empty by
    # default: the report then answers both questions by the handler's reasoned judgment alone.
    serious_violation_fine_individual = _threshold(
        "重大违法行为：对个人罚款达到（元）",
        "本机关政策（第五十七条第二款）：拟对个人罚款达到此数额的，认定为重大违法行为。",
    )
    serious_violation_fine_organization = _threshold(
        "重大违法行为：对单位罚款达到（元）",
        "本机关政策（第五十七条第二款）：拟对单位罚款达到此数额的，认定为重大违法行为。",
    )
    serious_violation_confiscation = _threshold(
        "重大违法行为：没收违法所得和非法财物价值达到（元）",
        "本机关政策（第五十七条第二款）：拟没收的违法所得和非法财物价值合计达到此数额的，认定为重大违法行为。",
    )
    serious_violation_if_revocation = models.BooleanField(
        "拟吊销许可证件的，认定为重大违法行为",
        default=False,
        help_text="本机关政策（第五十七条第二款）：默认关闭。",
    )
    complex_if_several_parties = models.BooleanField(
        "当事人为二人以上的，认定为情节复杂",
        default=False,
        help_text="本机关政策（第五十七条第二款）：共同违法等多个当事人的案件。默认关闭。",
    )
    referral_days_are_working_days = models.BooleanField(
        "移送涉嫌犯罪案件各期限按工作日计算",
        default=False,
        help_text="《行政执法机关移送涉嫌犯罪案件的规定》未规定按工作日计算；默认按自然日，末日遇节假日顺延。",
    )

    # 行政处罚法 第五十六条 requires the head's approval; some sector rules let officers preserve first in an
    # emergency and obtain the approval within 24 hours (e.g. 《市场监督管理行政处罚程序规定》第三十三条).
    preservation_approval_within_24_hours = models.BooleanField(
        "情况紧急时可以先行登记保存，二十四小时内补办负责人批准",
        default=False,
        help_text="须有部门规章等依据；默认关闭：先经负责人批准，再登记保存（行政处罚法第五十六条）。",
    )

    class Meta:
        verbose_name = "执法主体参数"
        verbose_name_plural = "执法主体参数"

    def __str__(self) -> str:
        return f"{self.agency.short_name}的参数"


def policy_for(agency: Agency) -> AgencyPolicy:
    """The agency's policy, or the documented defaults when none was saved."""
    try:
        return agency.policy
    except AgencyPolicy.DoesNotExist:
        return AgencyPolicy(agency=agency)
