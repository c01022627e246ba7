from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import ProtectedError

from ..choices import EvidenceKind


class Evidence(models.Model):
    """证据与执法记录 (全过程记录, 行政处罚法 第四十七条). The bytes live in object storage.

    After filing, evidence is never deleted — only marked superseded with a reason.
    """

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField("类型", max_length=20, choices=EvidenceKind.choices)
    title = models.CharField("名称", max_length=200)
    description = models.TextField("说明", blank=True)
    storage_key = models.CharField("存储位置", max_length=300, unique=True, editable=False)
    original_filename = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=100, help_text="由文件内容识别，不采信客户端声明。")
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    captured_at = models.DateTimeField("采集时间", null=True, blank=True)
    location = models.CharField("采集地点", max_length=200, blank=True)
    device = models.CharField("采集设备", max_length=120, blank=True)
    captured_by = models.ForeignKey(
        "officers.Officer", verbose_name="采集人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    superseded_at = models.DateTimeField("作废时间", null=True, blank=True)
    superseded_reason = models.TextField("作废理由", blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作废人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_verified_at = models.DateTimeField("最近校验时间", null=True, blank=True)

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["case", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(superseded_at__isnull=True) | ~models.Q(superseded_reason=""),
                name="evidence_superseded_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None

    def delete(self, *args, **kwargs):
        # 行政处罚法 第四十七条: the record is archived whole; supersede instead of deleting.
        raise ProtectedError("证据不能删除，只能作废并说明理由。", {self})
