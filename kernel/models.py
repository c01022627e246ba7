"""The kernel's one table: the answers kept for ``Idempotency-Key`` retries (``kernel.idempotency``)."""

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
