"""先行登记保存 (行政处罚法 第五十六条): evidence that may be lost or later hard to obtain, registered and kept with
the head's approval; the agency decides what becomes of it within seven working days (第五十六条、第八十五条).

One row per preservation: the handlers' request with the list of items, the head's approval, the registration of
the items (the day the seven working days run from: the deadline ``evidence_preservation``, ``deadlines.kinds``)
and the disposal decision that meets it.
"""

from __future__ import annotations

from django.db import models


class DisposalKind(models.TextChoices):
    """The disposal of preserved evidence (部门规章示例：《市场监督管理行政处罚程序规定》第三十四条)."""

    RETURN = "return", "解除先行登记保存，退还当事人"
    SEIZE = "seize", "依法采取查封、扣押等行政强制措施"
    TRANSFER = "transfer", "移送有关机关处理"
    OTHER = "other", "其他处理措施（注明）"


class EvidencePreservation(models.Model):
    """先行登记保存证据. ``items`` is the list of the items: ``[{"name", "quantity", "location"}]``."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="preservations")
    items = models.JSONField("物品清单", default=list)
    reason = models.TextField("理由（证据可能灭失或者以后难以取得的情形）")
    requested_by = models.ForeignKey(
        "officers.Officer", verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间")
    # 第五十六条: approved by a head of the agency; where the agency's sector rule allows (AgencyPolicy), after the
    # items were registered, within 24 hours — a window of sector rules (e.g. 《市场监督管理行政处罚程序规定》), not
    # of 行政处罚法, and an agency setting, off by default.
    approved_by = models.ForeignKey(
        "officers.Officer", verbose_name="批准人", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    approval_opinion = models.TextField("审批意见", blank=True)
    # The head may refuse (``approved_by`` then names who refused): nothing is registered, or what was registered
    # ahead of the approval is returned at once (the refusal records the disposal ``return``).
    refused_at = models.DateTimeField("不予批准时间", null=True, blank=True)
    registered_at = models.DateTimeField("登记保存时间", null=True, blank=True)
    registered_on = models.DateField("登记保存日期", null=True, blank=True)
    place = models.CharField("保存地点", max_length=200, blank=True)
    registered_by = models.ForeignKey(
        "officers.Officer", verbose_name="登记人", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    disposal = models.CharField("处理决定", max_length=20, choices=DisposalKind.choices, blank=True)
    disposed_on = models.DateField("处理决定日期", null=True, blank=True)
    disposal_note = models.TextField("处理决定说明", blank=True)
    disposed_by = models.ForeignKey(
        "officers.Officer", verbose_name="决定人", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = "先行登记保存证据"
        verbose_name_plural = "先行登记保存证据"
        ordering = ["case", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disposed_on__isnull=True) | models.Q(registered_on__lte=models.F("disposed_on")),
                name="preservation_disposed_after_registration",
            ),
        ]

    def __str__(self) -> str:
        first = self.items[0].get("name", "") if self.items else ""
        more = f"等{len(self.items)}项" if len(self.items) > 1 else ""
        return f"先行登记保存第{self.pk}号：{first}{more}"

    @property
    def items_text(self) -> str:
        """The items as one line each: name, quantity, where they are."""
        return "\n".join(
            "，".join(str(v) for v in (i.get("name"), i.get("quantity"), i.get("location")) if v) for i in self.items
        )

    @property
    def stage(self) -> str:
        if self.refused_at and self.disposed_on:
            return "负责人不予批准，已解除先行登记保存并退还"
        if self.disposed_on:
            return "已作出处理决定"
        if self.refused_at and self.registered_at:
            return "负责人不予批准，待作出处理决定（退还）"
        if self.refused_at:
            return "负责人不予批准"
        if self.registered_at and not self.approved_at:
            return "已登记保存，待负责人补办批准"
        if self.registered_at:
            return "已登记保存，待作出处理决定"
        if self.approved_at:
            return "已批准，待登记保存"
        return "待负责人批准"
