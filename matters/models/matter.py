from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from officers.models import Agency, EnforcementDomain

from ..choices import MultipleBase, PenaltyKind
from ..validation import matter_problems, raise_problems, validate_penalty_kinds
from .provision import LegalProvision

NON_NEGATIVE = [MinValueValidator(0, message="不得为负数。")]


def money(verbose_name: str, **kwargs) -> models.DecimalField:
    """Yuan with two places (STYLE.md 6)."""
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE, **kwargs
    )


def multiple(verbose_name: str, **kwargs) -> models.DecimalField:
    """A multiple of a base amount: 0.05 (百分之五) … 20 (二十倍)."""
    return models.DecimalField(
        verbose_name, max_digits=8, decimal_places=4, null=True, blank=True, validators=NON_NEGATIVE, **kwargs
    )


def range_constraints(prefix: str) -> list[models.CheckConstraint]:
    """min ≤ max and nothing negative, for the ``fine_*`` and ``multiple_*`` pairs of a model."""
    constraints = []
    for low, high in (("fine_min", "fine_max"), ("multiple_min", "multiple_max")):
        constraints.append(
            models.CheckConstraint(
                condition=(
                    Q(**{f"{low}__isnull": True}) | Q(**{f"{high}__isnull": True}) | Q(**{f"{low}__lte": F(high)})
                ),
                name=f"{prefix}_{low}_lte_{high}",
            )
        )
        for field in (low, high):
            constraints.append(
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
                    name=f"{prefix}_{field}_not_negative",
                )
            )
    return constraints


class Matter(models.Model):
    """权责清单事项: one enforcement power, its legal basis and the statutory penalty range.

    A fine is an amount range (``fine_min``–``fine_max``), a multiple range of a base
    (``multiple_min``–``multiple_max`` × ``multiple_base``), or both, switching at
    ``multiple_applies_from``: below it the amount range applies, at or above it the multiple.
    """

    code = models.CharField("事项编码", max_length=30, unique=True, help_text="如 SC-SP-001。")
    name = models.CharField("事项名称", max_length=200)
    domain = models.ForeignKey(
        EnforcementDomain, verbose_name="执法领域", on_delete=models.PROTECT, related_name="matters"
    )
    agencies = models.ManyToManyField(
        Agency, verbose_name="实施主体", blank=True, related_name="matters", help_text="持有本事项的执法主体。"
    )
    violated_provision = models.ForeignKey(
        LegalProvision, verbose_name="违法依据", on_delete=models.PROTECT, related_name="violated_in_matters"
    )
    penalty_provision = models.ForeignKey(
        LegalProvision, verbose_name="处罚依据", on_delete=models.PROTECT, related_name="penalty_in_matters"
    )
    penalty_kinds = models.JSONField(
        "处罚种类",
        default=list,
        validators=[validate_penalty_kinds],
        help_text='《行政处罚法》第九条规定的处罚种类，如 ["fine", "confiscate_gains"]。',
    )

    fine_min = money("罚款下限（元）", help_text="“X元以下”的不填。")
    fine_max = money("罚款上限（元）")
    multiple_base = models.CharField("倍数基数", max_length=30, choices=MultipleBase.choices, blank=True)
    multiple_min = multiple("倍数下限", help_text="“X倍以下”的不填；百分之五填 0.05。")
    multiple_max = multiple("倍数上限")
    multiple_applies_from = money(
        "倍数适用起点（元）",
        help_text="同时规定数额幅度和倍数幅度的，基数达到该金额（含本数）起适用倍数幅度，不足的适用数额幅度。",
    )

    touches_safety = models.BooleanField(
        "涉及生命健康安全、金融安全",
        default=False,
        help_text="《行政处罚法》第三十六条：涉及公民生命健康安全、金融安全且有危害后果的，追责期限为五年。",
    )
    # 行政强制法 第二十二条: only an organ a law or regulation empowers may seize or impound (查封、扣押); the
    # catalogue entry names that provision, and only such matters offer the measure.
    seizure_provision = models.ForeignKey(
        LegalProvision,
        verbose_name="查封、扣押依据",
        on_delete=models.PROTECT,
        related_name="seizure_in_matters",
        null=True,
        blank=True,
        help_text="授权实施查封、扣押的法律、法规条款（《行政强制法》第二十二条）；不填的，本事项不得查封、扣押。",
    )
    # 行政处罚法 第二十八条第一款 with the penalty provision: where the fine is given only to a party who does not
    # correct after an order (“拒不改正的，处……罚款”), the words are quoted here and the fine waits for the refusal.
    conditional_on_failure_to_correct = models.TextField(
        "以拒不改正为罚款前提",
        blank=True,
        help_text="罚则规定责令改正、拒不改正的才处罚款的，摘录其原文（如《食品安全法》第一百二十六条"
        "“拒不改正的，处五千元以上五万元以下罚款”）；不填的，罚款与责令改正一并作出。",
    )
    is_active = models.BooleanField("启用", default=True)
    description = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "权责清单事项"
        verbose_name_plural = "权责清单事项"
        ordering = ("code",)
        constraints = (
            *range_constraints("matter"),
            models.CheckConstraint(
                condition=Q(multiple_applies_from__isnull=True) | Q(multiple_applies_from__gt=0),
                name="matter_multiple_applies_from_positive",
            ),
        )

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        raise_problems(matter_problems(self))

    @property
    def penalty_kind_labels(self) -> list[str]:
        labels = dict(PenaltyKind.choices)
        return [labels.get(k, k) for k in self.penalty_kinds or []]
