"""The kernel's tables: the answers kept for ``Idempotency-Key`` retries (``kernel.idempotency``) and the signed
audit checkpoints (``kernel.checkpoint``)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class IdempotencyRecord(models.Model):
    """The first answer to a write sent with an ``Idempotency-Key`` (API.md): a retry with the same key and body
    gets it again; the same key with another body is refused. ``status_code`` is null while the first request
    is still being answered."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="+")
    key = models.CharField("幂等键", max_length=200)
    fingerprint = models.CharField("请求指纹", max_length=64, help_text="方法、路径和请求内容的 SHA-256。")
    status_code = models.PositiveSmallIntegerField("响应状态", null=True, blank=True)
    body = models.JSONField("响应内容", null=True, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "幂等请求记录"
        verbose_name_plural = "幂等请求记录"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_idempotency_key_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


class AuditCheckpoint(models.Model):
    """审计检查点: the signed state of the audit tables at one moment (``kernel.checkpoint``).

    Append-only (migration 0002); a copy of each is kept in object storage, and ``manage.py verify_audit`` checks
    the record against the latest.
    """

    number = models.PositiveIntegerField("序号", unique=True)
    created_at = models.DateTimeField("时间")
    body = models.TextField("内容", help_text="签名所覆盖的规范 JSON：各案件事件数与末条哈希，各审计表的行数与摘要。")
    signature = models.CharField(
        "签名", max_length=64, help_text="HMAC-SHA256，密钥 AUDIT_CHECKPOINT_KEY 不在数据库中。"
    )
    key_id = models.CharField("密钥标识", max_length=16)

    class Meta:
        verbose_name = "审计检查点"
        verbose_name_plural = "审计检查点"
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"检查点 #{self.number}"
