"""The security log (安全审计日志) and the API tokens (接口令牌)."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .choices import SecurityEventKind

GENESIS_HASH = "0" * 64


class SecurityEvent(models.Model):
    """One entry of the security log: append-only (database triggers, migration 0001) and hash-chained.

    等保 2.0 (GB/T 22239-2019) 8.1.4.3 安全审计: b) date and time, user, event type, outcome and other
    information of each record; c) records protected from unexpected deletion, modification or overwriting.
    One chain for the whole table (``seq`` gapless from 1), kept apart from the case record so that reading a
    case never locks it nor adds to its timeline.

    CHECKPOINTS: registered in ``kernel.checkpoint.AUDITED_TABLES`` (its rows and count are signed hourly), and
    ``verify_audit`` walks its chain (``security.audit.verify_chain``).
    """

    seq = models.PositiveBigIntegerField("序号", unique=True)
    kind = models.CharField("事件类型", max_length=30, choices=SecurityEventKind.choices, db_index=True)
    at = models.DateTimeField("时间", db_index=True)
    # Snapshots, not foreign keys: the log must outlive and never hold back a change to the account.
    user_id = models.BigIntegerField("用户ID", null=True, blank=True, db_index=True)
    username = models.CharField("用户名", max_length=150, blank=True)
    agency_id = models.BigIntegerField("所属机关ID", null=True, blank=True, db_index=True)
    agency_name = models.CharField("所属机关", max_length=120, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    user_agent = models.CharField("客户端", max_length=200, blank=True)
    object_ref = models.CharField("对象", max_length=120, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True, encoder=DjangoJSONEncoder)
    prev_hash = models.CharField("前一记录哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64, unique=True)

    class Meta:
        verbose_name = "安全审计日志"
        verbose_name_plural = "安全审计日志"
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_kind_display()} {self.username}"

    def canonical(self) -> bytes:
        """The bytes the hash covers: every field but the hash itself, in a fixed form."""
        body = {
            "seq": self.seq,
            "kind": self.kind,
            "at": self.at.isoformat(timespec="microseconds"),
            "user_id": self.user_id,
            "username": self.username,
            "agency_id": self.agency_id,
            "agency_name": self.agency_name,
            "ip": self.ip,
            "user_agent": self.user_agent,
            "object_ref": self.object_ref,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(
            body, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


class ApiToken(models.Model):
    """An API token (tablets, other systems). Only the SHA-256 of the token is stored: a copy of the database
    gives nobody a working token (等保 2.0 8.1.4.8 数据保密性: 鉴别数据 kept confidential in storage)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField("设备", max_length=100, blank=True)
    prefix = models.CharField("令牌前缀", max_length=8, db_index=True)
    digest = models.CharField("令牌摘要", max_length=64, unique=True)
    created_at = models.DateTimeField("签发时间")
    last_used_at = models.DateTimeField("最近使用")
    expires_at = models.DateTimeField("到期时间")
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    revoked_reason = models.CharField("吊销原因", max_length=20, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}…（{self.label or self.user}）"
