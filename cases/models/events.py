from __future__ import annotations

import hashlib
import json
from functools import cached_property
from typing import TypeVar

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from events import Payload, event_key, payload_type

from ..choices import EventType

GENESIS_HASH = "0" * 64
P = TypeVar("P", bound=Payload)


class CaseEvent(models.Model):
    """案件事件: the append-only, hash-chained record of everything done on a case.

    Each row's hash covers its content and the previous row's hash, so an edit or a
    deletion anywhere breaks every later link (``manage.py verify_audit``). A
    PostgreSQL trigger refuses UPDATE and DELETE (migration 0002). Rows are only
    appended by ``cases.services.events.append_event`` with the case row locked.
    """

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField("序号")
    event_type = models.CharField("事件类型", max_length=40, choices=EventType.choices)
    name = models.CharField("操作", max_length=60, blank=True, help_text="程序流转的名称，如 file。")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField("操作人姓名", max_length=60, blank=True)
    from_state = models.CharField("原状态", max_length=20, blank=True)
    to_state = models.CharField("新状态", max_length=20, blank=True)
    payload = models.JSONField("内容", default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField("时间")
    prev_hash = models.CharField("前一事件哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64, unique=True)

    class Meta:
        verbose_name = "案件事件"
        verbose_name_plural = "案件事件"
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="one_event_per_case_seq")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.get_event_type_display()}"

    @property
    def key(self) -> str:
        """The key its payload type is declared under (``events.catalogue``)."""
        return event_key(self.event_type, self.name)

    @cached_property
    def data(self) -> Payload:
        """The payload, typed (``events``): what listeners read instead of JSON keys."""
        return payload_type(self.key).parse(self.payload, strict=False)

    def data_as(self, cls: type[P]) -> P:
        """``data``, checked to be of the type the reader expects (a listener subscribed to ``cls``)."""
        data = self.data
        if not isinstance(data, cls):
            raise TypeError(f"event {self.key} carries {type(data).__name__}, not {cls.__name__}")
        return data

    def canonical(self) -> bytes:
        """The bytes the hash covers: every field but the hash itself, in a fixed form."""
        body = {
            "case": self.case_id,
            "seq": self.seq,
            "event_type": self.event_type,
            "name": self.name,
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "from_state": self.from_state,
            "to_state": self.to_state,
            "payload": self.payload,
            "created_at": self.created_at.isoformat(timespec="microseconds"),
            "prev_hash": self.prev_hash,
        }
        return json.dumps(
            body, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()
