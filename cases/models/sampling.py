"""抽样取证 (行政处罚法 第五十六条): evidence collected by taking samples, recorded with the list of the samples and
served on the party with the 抽样取证通知书."""

from __future__ import annotations

from django.db import models


class EvidenceSampling(models.Model):
    """抽样取证. ``samples`` is the list: ``[{"name", "specification", "quantity"}]``."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="samplings")
    sampled_at = models.DateTimeField("抽样时间")
    place = models.CharField("抽样地点", max_length=200)
    samples = models.JSONField("样品清单", default=list)
    purpose = models.CharField("抽样目的", max_length=200, blank=True, help_text="如：送检验、检测、检疫、鉴定。")
    recorded_by = models.ForeignKey(
        "officers.Officer", verbose_name="抽样人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "抽样取证"
        verbose_name_plural = "抽样取证"
        ordering = ["case", "sampled_at", "pk"]

    def __str__(self) -> str:
        first = self.samples[0].get("name", "") if self.samples else ""
        more = f"等{len(self.samples)}种" if len(self.samples) > 1 else ""
        return f"抽样取证第{self.pk}号：{first}{more}"
