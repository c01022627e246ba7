"""Writing to, reading and verifying the security log (安全审计, 等保 2.0 GB/T 22239-2019 8.1.4.3).

``record_security_event`` is the one writer. It takes the acting user and the client's address from the
request (or from the request being served, see ``current_request``), snapshots the user's agency, and appends
one link to the table's single hash chain under a lock — in its own savepoint, never touching a case row.
"""

from __future__ import annotations

import contextvars
import ipaddress
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from officers.models import Officer

from .choices import SecurityEventKind
from .models import GENESIS_HASH, SecurityEvent

USER_AGENT_MAX = 200
# The lock serialising appends on PostgreSQL (pg_advisory_xact_lock): one chain, one writer at a time.
_CHAIN_LOCK = 0x5EC0_0001

_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "security_current_request", default=None
)


def set_current_request(request: HttpRequest | None) -> contextvars.Token:
    """Called by ``security.middleware.SecurityContextMiddleware``: receivers of model signals (role changes,
    admin edits) learn who acted and from where without being handed the request."""
    return _current_request.set(request)


def reset_current_request(token: contextvars.Token) -> None:
    _current_request.reset(token)


def current_request() -> HttpRequest | None:
    return _current_request.get()


def client_address(request: HttpRequest) -> str | None:
    """The client's address. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, the X-Forwarded-For entry appended
    by the farthest of them (the proxy must append, never pass on, the header: deployment.md); an address a
    client wrote into the header itself is never trusted. Also django-axes' ``AXES_CLIENT_IP_CALLABLE``."""
    count = settings.TRUSTED_PROXY_COUNT
    address = request.META.get("REMOTE_ADDR", "")
    if count > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(chain) >= count:
            address = chain[-count]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    return client_address(request) if request is not None else None


def _normalized(detail: dict[str, Any]) -> dict[str, Any]:
    # Stored exactly as JSON gives it back, so that the hash recomputed from the database matches.
    return json.loads(json.dumps(detail, cls=DjangoJSONEncoder, ensure_ascii=False))


def _agency_of(user_id: int | None) -> tuple[int | None, str]:
    if user_id is None:
        return None, ""
    officer = Officer.objects.filter(user_id=user_id).select_related("agency").first()
    if officer is None:
        return None, ""
    return officer.agency_id, officer.agency.name


def record_security_event(
    kind: str,
    *,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    subject=None,
    object_ref: str = "",
    **detail: Any,
) -> SecurityEvent:
    """Append one entry to the security log.

    ``user``: the account acting or the event is about (default: the request's authenticated user);
    ``username`` names an account that may not exist (a failed login). ``subject``: the account acted upon (a
    role changed by an administrator) — its agency is the one recorded, so that its supervisors see the
    change. ``request`` defaults to the request being served.
    ``object_ref`` names what was acted on (``cases.Case:12``); ``detail`` is stored as JSON — never a
    password, a token or a one-time code.
    """
    if kind not in SecurityEventKind.values:
        raise ValueError(f"unknown security event kind: {kind}")
    request = request if request is not None else current_request()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if getattr(candidate, "is_authenticated", False):
            user = candidate
    user_id = user.pk if user is not None else None
    name = user.get_username() if user is not None else username
    if subject is not None:
        detail = {"subject_id": subject.pk, "subject": subject.get_username(), **detail}
    agency_id, agency_name = _agency_of(subject.pk if subject is not None else user_id)
    user_agent = (request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:USER_AGENT_MAX]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        last = SecurityEvent.objects.order_by("-seq").values("seq", "hash").first()
        event = SecurityEvent(
            seq=(last["seq"] + 1) if last else 1,
            kind=kind,
            at=timezone.now(),
            user_id=user_id,
            username=name[:150],
            agency_id=agency_id,
            agency_name=agency_name,
            ip=client_ip(request),
            user_agent=user_agent,
            object_ref=object_ref[:120],
            detail=_normalized(detail),
            prev_hash=last["hash"] if last else GENESIS_HASH,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class BrokenLink:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"安全审计日志第 {self.seq} 条：{self.problem}"


def chain_head() -> tuple[int, str]:
    """(seq, hash) of the last entry; (0, genesis) while the log is empty — what a checkpoint signs."""
    last = SecurityEvent.objects.order_by("-seq").values("seq", "hash").first()
    return (last["seq"], last["hash"]) if last else (0, GENESIS_HASH)


def verify_chain() -> BrokenLink | None:
    """The first broken link of the security log, or None when every link holds."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for event in SecurityEvent.objects.order_by("seq").iterator(chunk_size=1000):
        if event.seq != expected_seq:
            return BrokenLink(expected_seq, f"缺少序号 {expected_seq}（下一条为 {event.seq}），记录可能被删除")
        if event.prev_hash != expected_prev:
            return BrokenLink(event.seq, "前一记录哈希不符，链条断裂")
        if event.compute_hash() != event.hash:
            return BrokenLink(event.seq, "内容与哈希不符，记录被篡改")
        expected_prev = event.hash
        expected_seq += 1
    return None


def record_personal_data_view(request: HttpRequest, *, object_ref: str, party_ids: list[int], channel: str) -> None:
    """Who saw which parties' full identity numbers and phones (个人信息保护法 第五十一条: 安全技术措施 and
    access records; 等保 2.0 8.1.4.3 a)). Written to the security log — not the case record, whose row a page
    view must never lock and whose timeline keeps the acts."""
    if party_ids:
        record_security_event(
            SecurityEventKind.PERSONAL_DATA_VIEWED,
            request=request,
            object_ref=object_ref,
            parties=sorted(party_ids),
            channel=channel,
        )
