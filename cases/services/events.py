"""Appending to, and verifying, the hash-chained case record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from events import Payload, event_key, publish, validate

from ..models import Case, CaseEvent
from ..models.events import GENESIS_HASH


def _normalized(payload: dict[str, Any]) -> dict[str, Any]:
    # Store exactly what JSON gives back, so the hash recomputed from the database matches.
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False))


def append_event(
    *,
    case: Case,
    event_type: str,
    actor=None,
    name: str = "",
    from_state: str = "",
    to_state: str = "",
    payload: dict[str, Any] | Payload | None = None,
) -> CaseEvent:
    """Append one event to the case's chain and publish it to the listeners (``events.bus``).

    The caller holds the case row locked (select_for_update). The payload is checked against the type
    declared for the event (``events.catalogue``) before anything is written: an undeclared event or field
    raises :class:`events.InvalidPayload`.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("append_event must run inside the transaction that locked the case")
    raw = _normalized(payload.to_json() if isinstance(payload, Payload) else payload or {})
    typed = validate(event_key(event_type, name), raw)
    last = CaseEvent.objects.filter(case=case).order_by("-seq").values("seq", "hash").first()
    officer = getattr(actor, "officer", None) if actor is not None else None
    event = CaseEvent(
        case=case,
        seq=(last["seq"] + 1) if last else 1,
        event_type=event_type,
        name=name,
        actor=actor,
        actor_name=(officer.name if officer else getattr(actor, "username", "")) if actor else "系统",
        from_state=from_state,
        to_state=to_state,
        payload=raw,
        created_at=timezone.now(),
        prev_hash=last["hash"] if last else GENESIS_HASH,
    )
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    event.__dict__["data"] = typed  # the cached ``data``: listeners need not parse it again
    publish(event)
    return event


@dataclass(frozen=True)
class BrokenLink:
    case_id: int
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"案件 {self.case_id} 第 {self.seq} 条事件：{self.problem}"


def verify_chain(case_id: int) -> BrokenLink | None:
    """The first broken link of a case's chain, or None when every link holds."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for event in CaseEvent.objects.filter(case_id=case_id).order_by("seq").iterator(chunk_size=500):
        if event.seq != expected_seq:
            return BrokenLink(case_id, expected_seq, f"缺少序号 {expected_seq}（下一条为 {event.seq}），事件可能被删除")
        if event.prev_hash != expected_prev:
            return BrokenLink(case_id, event.seq, "前一事件哈希不符，链条断裂")
        if event.compute_hash() != event.hash:
            return BrokenLink(case_id, event.seq, "内容与哈希不符，事件被篡改")
        expected_prev = event.hash
        expected_seq += 1
    return None
