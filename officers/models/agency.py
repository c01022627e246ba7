from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from kernel.validators import division_prefix, validate_credit_code, validate_division_code

from ..choices import AgencyKind, AgencyLevel


class EnforcementDomain(models.Model):
    """执法领域: market regulation, urban management, ecology …"""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=60, unique=True)

    class Meta:
        verbose_name = "执法领域"
        verbose_name_plural = "执法领域"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """执法主体 — or the body supervising them, such as the government's justice bureau."""

    name = models.CharField("名称", max_length=120, unique=True)
    short_name = models.CharField(
        "简称",
        max_length=20,
        unique=True,
        help_text="用于文书编号，如“包市监”（包市监罚决〔2026〕193号）。",
    )
    kind = models.CharField("类别", max_length=20, choices=AgencyKind.choices, default=AgencyKind.ENFORCEMENT)
    level = models.CharField("层级", max_length=20, choices=AgencyLevel.choices)
    domains = models.ManyToManyField(EnforcementDomain, verbose_name="执法领域", blank=True, related_name="agencies")
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code])
    supervised_by = models.ForeignKey(
        "self",
        verbose_name="监督机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_agencies",
        help_text="其执法监督人员可查阅本机关案件的机关，如本级人民政府司法行政部门。",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    # 行政处罚法 第二十二条: 由违法行为发生地的行政机关管辖 — the area the agency's jurisdiction covers.
    division_code = models.CharField(
        "管辖区域行政区划代码",
        max_length=6,
        blank=True,
        validators=[validate_division_code],
        help_text="GB/T 2260 六位代码，如包头市为150200（含其所辖各区、旗、县）。空：不核对违法行为发生地。",
    )
    division_name = models.CharField("管辖区域", max_length=60, blank=True, help_text="如“包头市”。")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = "执法主体"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="agency_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.pk and self._chain_contains("parent", self.pk):
            errors["parent"] = "上级机关不能形成循环。"
        if self.pk and self._chain_contains("supervised_by", self.pk):
            errors["supervised_by"] = "监督机关不能形成循环。"
        if errors:
            raise ValidationError(errors)

    def _chain_contains(self, field: str, pk: int) -> bool:
        seen: set[int] = set()
        current = getattr(self, field)
        while current is not None and current.pk not in seen:
            if current.pk == pk:
                return True
            seen.add(current.pk)
            current = getattr(current, field)
        return False

    def covers_division(self, code: str) -> bool:
        """Whether the division ``code`` lies within the agency's area (第二十二条): 150200 covers 150203."""
        return bool(self.division_code) and code.startswith(division_prefix(self.division_code))

    def supervising_bodies(self) -> list[Agency]:
        """Every body up the ``supervised_by`` chain, nearest first."""
        chain: list[Agency] = []
        current = self.supervised_by
        while current is not None and current not in chain:
            chain.append(current)
            current = current.supervised_by
        return chain
