"""Signed checkpoints of the audit tables: what makes a rewritten, truncated or shortened record visible.

A hash chain alone proves nothing against someone who can write the database: they can recompute every hash
with the project's own function, delete the tail, or empty the table. A checkpoint anchors the record outside
the database's reach (等保 2.0 GB/T 22239-2019 8.1.4.3 安全审计 c, "应对审计记录进行保护…避免受到未预期的删除、
修改或覆盖"; 8.1.4.8 数据完整性):

- it records, per case, the number of events and the hash of the last one; per other audited table, the row
  count, the last id and a SHA-256 over the rows up to it (the columns hashed are recorded with it);
- it is signed with HMAC-SHA256 under ``AUDIT_CHECKPOINT_KEY``, a secret held in the application's environment
  and never in the database (so whoever writes the database cannot forge one);
- it is written to its own append-only table *and* as a JSON object in object storage, so deleting the rows
  of the checkpoint table is itself visible;
- a new checkpoint is written only when the state still agrees with the previous one, so a tampering is never
  anchored over.

HMAC rather than Ed25519: the threat is a person or an injection holding the database but not the
application's environment; one symmetric secret, provisioned like ``SECRET_KEY``, meets it without a key
format to manage. Verification needs the same secret (the agency runs ``verify_audit`` itself).

To checkpoint another append-only table, add one line to ``AUDITED_TABLES`` below (and install its triggers
with ``kernel.append_only.append_only`` in its migration). ``manage.py grant_app_role`` reads the same list.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

STORAGE_PREFIX = "audit-checkpoints"
FORMAT = 1
# How long a checkpoint waits for transactions still writing rows below the last id it anchors.
SETTLE_SECONDS = 30
LOCK_ID = 0x7A68_6966_6163_6B70 & 0x7FFF_FFFF_FFFF_FFFF  # pg_advisory_xact_lock of the checkpoint writer


@dataclass(frozen=True)
class ChainedTable:
    """A table hash-chained per group (the case record): anchored by each group's length and last hash."""

    table: str
    label: str
    group_column: str
    seq_column: str
    hash_column: str


@dataclass(frozen=True)
class AuditedTable:
    """A table whose rows, once written, never change (or never change in ``columns``).

    ``append_only``: INSERT and SELECT only for the application's role (``grant_app_role``). ``columns``: the
    columns the row digest covers (None: all of them, as they are when the checkpoint is taken).
    """

    table: str
    label: str
    append_only: bool = True
    columns: tuple[str, ...] | None = None


CASE_EVENTS = ChainedTable("cases_caseevent", "案件事件", "case_id", "seq", "hash")
# The content of an issued document never changes (documents/migrations/0002_document_immutable.py); its PDF
# fields are filled in by the rendering, so only the content is anchored and the role keeps UPDATE.
_DOCUMENT_CONTENT = (
    "id", "case_id", "agency_id", "kind", "number", "number_code", "number_year", "number_serial", "version",
    "supersedes_id", "correction_reason", "template", "snapshot", "issued_at", "issued_by_id", "issued_by_name",
    "token",
)  # fmt: skip

# The registry: one line per append-only (or immutable) table.
AUDITED_TABLES: tuple[AuditedTable, ...] = (
    AuditedTable("supervision_interferencerecord", "干预记录"),
    AuditedTable("deadlines_deadlinechange", "期限变更记录"),
    AuditedTable("documents_document", "执法文书", append_only=False, columns=_DOCUMENT_CONTENT),
    AuditedTable("security_securityevent", "安全审计日志"),  # 等保 2.0 8.1.4.3 c): protected from deletion
)
CHECKPOINT_TABLE = AuditedTable("kernel_auditcheckpoint", "审计检查点")


def append_only_tables() -> list[str]:
    """Every table the application's role may only INSERT into and SELECT from."""
    return [
        CASE_EVENTS.table,
        *(t.table for t in AUDITED_TABLES if t.append_only),
        CHECKPOINT_TABLE.table,
    ]


def label_of(table: str) -> str:
    labels = {CASE_EVENTS.table: CASE_EVENTS.label} | {t.table: t.label for t in (CHECKPOINT_TABLE, *AUDITED_TABLES)}
    return labels.get(table, table)


class CheckpointError(Exception):
    """A checkpoint could not be written (the state disagrees with the last one, or storage failed)."""


@dataclass(frozen=True)
class Finding:
    """One thing ``verify`` found wrong: what it concerns and what was found, in Chinese."""

    subject: str
    problem: str

    def __str__(self) -> str:
        return f"{self.subject}：{self.problem}"


# --- the key ----------------------------------------------------------------------------------


def signing_key() -> bytes:
    """``AUDIT_CHECKPOINT_KEY``; in development only, a key derived from ``SECRET_KEY`` under its own label."""
    configured = getattr(settings, "AUDIT_CHECKPOINT_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"zhifa.audit-checkpoint.v1", hashlib.sha256).digest()


def key_id(key: bytes | None = None) -> str:
    """A short, public name of the key (its hash), so a checkpoint signed with another key is told apart."""
    return hashlib.sha256(b"key-id:" + (key or signing_key())).hexdigest()[:16]


def sign(body: str) -> str:
    return hmac.new(signing_key(), body.encode(), hashlib.sha256).hexdigest()


def canonical(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- reading the current state ---------------------------------------------------------------


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def case_heads() -> dict[str, list]:
    """Per case: ``[number of events, hash of the last one]`` (keys are case ids as strings, as in JSON)."""
    t = CASE_EVENTS
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.{t.group_column}, n.n_events, e.{t.hash_column} FROM {_q(t.table)} e "  # noqa: S608 (names from the registry, values bound)
            f"JOIN (SELECT {t.group_column} AS g, max({t.seq_column}) AS n_last, count(*) AS n_events "
            f"FROM {_q(t.table)} GROUP BY {t.group_column}) n "
            f"ON n.g = e.{t.group_column} AND n.n_last = e.{t.seq_column}"
        )
        return {str(group): [int(count), head] for group, count, head in cursor.fetchall()}


def hash_at(group: str, seq: int) -> str | None:
    t = CASE_EVENTS
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {t.hash_column} FROM {_q(t.table)} WHERE {t.group_column} = %s AND {t.seq_column} = %s",  # noqa: S608 (names from the registry, values bound)
            [int(group), seq],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def current_columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def table_digest(table: str, columns: Iterable[str], last_id: int) -> tuple[int, str]:
    """The number of rows with ``id <= last_id`` and a SHA-256 over them in id order (streamed)."""
    digest = hashlib.sha256()
    count = 0
    selected = ", ".join(_q(c) for c in columns)
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT {selected} FROM {_q(table)} WHERE id <= %s ORDER BY id", [last_id])  # noqa: S608 (names from the registry, values bound)
        while rows := cursor.fetchmany(500):
            for row in rows:
                digest.update(json.dumps(list(row), ensure_ascii=False, sort_keys=True, default=str).encode())
                digest.update(b"\n")
                count += 1
    return count, digest.hexdigest()


def _settled_last_id(table: str) -> int:
    """The table's last id, once no transaction that may still commit a lower id is open.

    Ids come from a sequence and commits come in any order: a row with a lower id can still appear after a
    higher one is visible. On PostgreSQL every writer holds ROW EXCLUSIVE on the table from before it draws
    its id until it ends, so waiting for those present just after reading the last id is enough.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {_q(table)}")  # noqa: S608 (names from the registry, values bound)
        last_id = int(cursor.fetchone()[0])
        if connection.vendor != "postgresql":
            return last_id  # SQLite: one writer at a time
        query = (
            "SELECT array_agg(DISTINCT virtualtransaction) FROM pg_locks WHERE locktype = 'relation' "
            "AND relation = %s::regclass AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()"
        )
        cursor.execute(query, [table])
        writers = set(cursor.fetchone()[0] or [])
        deadline = time.monotonic() + SETTLE_SECONDS
        while writers:
            if time.monotonic() > deadline:
                raise CheckpointError(f"表 {label_of(table)}（{table}）有超过 {SETTLE_SECONDS} 秒未结束的写入事务。")
            time.sleep(0.2)
            cursor.execute(query, [table])
            writers &= set(cursor.fetchone()[0] or [])
    return last_id


def table_state(entry: AuditedTable) -> dict:
    columns = list(entry.columns) if entry.columns else current_columns(entry.table)
    last_id = _settled_last_id(entry.table)
    count, digest = table_digest(entry.table, columns, last_id)
    return {"count": count, "last_id": last_id, "digest": digest, "columns": columns}


# --- the stored checkpoints ------------------------------------------------------------------


@dataclass(frozen=True)
class Signed:
    """A checkpoint as stored: its canonical JSON body and the HMAC over it."""

    number: int
    body: str
    signature: str
    key_id: str

    @property
    def data(self) -> dict:
        return json.loads(self.body)

    def valid(self) -> bool:
        return self.key_id == key_id() and hmac.compare_digest(self.signature, sign(self.body))

    def as_object(self) -> bytes:
        return canonical(
            {"number": self.number, "body": self.body, "signature": self.signature, "key_id": self.key_id}
        ).encode()

    @classmethod
    def from_object(cls, raw: bytes) -> Signed:
        data = json.loads(raw)
        return cls(int(data["number"]), data["body"], data["signature"], data["key_id"])


def object_name(number: int) -> str:
    return f"{STORAGE_PREFIX}/{number:010d}.json"


def _storage():
    """The project's default storage (object storage in production), through Django's own interface: the
    kernel sits below ``media_storage`` and needs nothing beyond save, open, exists, listdir and delete."""
    from django.core.files.storage import default_storage

    return default_storage


def stored_numbers() -> list[int]:
    """The numbers of the checkpoint copies in object storage, ascending."""
    try:
        _directories, files = _storage().listdir(STORAGE_PREFIX)
    except FileNotFoundError:
        return []
    numbers = []
    for name in files:
        stem = name.rsplit("/", 1)[-1].removesuffix(".json")
        if stem.isdigit():
            numbers.append(int(stem))
    return sorted(numbers)


def read_stored(number: int) -> Signed | None:
    storage = _storage()
    name = object_name(number)
    if not storage.exists(name):
        return None
    with storage.open(name) as handle:
        return Signed.from_object(handle.read())


def latest_in_database() -> Signed | None:
    from .models import AuditCheckpoint

    row = AuditCheckpoint.objects.order_by("-number").first()
    return Signed(row.number, row.body, row.signature, row.key_id) if row else None


# --- taking one ------------------------------------------------------------------------------


def snapshot() -> dict:
    return {
        "cases": case_heads(),
        "tables": {entry.table: table_state(entry) for entry in AUDITED_TABLES},
    }


def write_checkpoint(*, accept_reason: str = "") -> Signed:
    """Verify the state against the last checkpoint, then sign and store a new one (database and storage).

    Raises :class:`CheckpointError` when the last checkpoint disagrees with the state (nothing is written: a
    tampering must stay visible, not be anchored over) or when the copy cannot be stored.

    ``accept_reason``: an operator holding the key accepts the disagreements (after an incident has been
    investigated, or a data migration that rewrote audited rows); they are written into the signed checkpoint
    with the reason, so the acceptance itself stays on record.
    """
    from .models import AuditCheckpoint

    name = ""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":  # one writer at a time (beat and a manual run)
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])
            findings = verify_checkpoints()
            if findings and not accept_reason.strip():
                raise CheckpointError("审计记录与上一个检查点不符，未写入新检查点：" + "；".join(map(str, findings)))
            previous = latest_in_database()
            number = max([previous.number if previous else 0, *stored_numbers()]) + 1
            data = {
                "format": FORMAT,
                "number": number,
                "created_at": timezone.now().isoformat(),
                "previous": previous.signature if previous else "",
                **snapshot(),
            }
            if findings:
                data["accepted"] = {"reason": accept_reason.strip(), "findings": [str(f) for f in findings]}
            body = canonical(data)
            signed = Signed(number, body, sign(body), key_id())
            AuditCheckpoint.objects.create(
                number=number, created_at=timezone.now(), body=body, signature=signed.signature, key_id=signed.key_id
            )
            try:
                name = _storage().save(object_name(number), ContentFile(signed.as_object()))
            except Exception as error:
                raise CheckpointError(f"检查点无法写入对象存储：{error}") from error
    except BaseException:
        # A copy whose row was not committed would later read as a deleted checkpoint: remove it.
        if name:
            with contextlib.suppress(Exception):
                _storage().delete(name)
        raise
    return signed


# --- checking against the last one ------------------------------------------------------------


def _latest() -> tuple[Signed | None, list[Finding]]:
    """The checkpoint to check against, and what is wrong with the stored checkpoints themselves."""
    findings: list[Finding] = []
    subject = "审计检查点"
    in_db = latest_in_database()
    try:
        numbers = stored_numbers()
        newest_stored = read_stored(numbers[-1]) if numbers else None
        db_copy = read_stored(in_db.number) if in_db else None
    except Exception as error:  # an unreachable store: nothing can be confirmed
        return in_db, [Finding(subject, f"无法读取对象存储中的检查点副本（{error}），不能确认审计记录未被改写")]
    if in_db is not None:
        if db_copy is None:
            findings.append(Finding(subject, f"第 {in_db.number} 号检查点在对象存储中没有副本"))
        elif db_copy.as_object() != in_db.as_object():
            findings.append(
                Finding(subject, f"第 {in_db.number} 号检查点与对象存储中的副本不一致，数据库中的检查点被改写")
            )
    if newest_stored is not None and (in_db is None or newest_stored.number > in_db.number):
        findings.append(
            Finding(
                subject,
                f"对象存储中有第 {newest_stored.number} 号检查点，数据库中"
                + (f"最新的只到第 {in_db.number} 号" if in_db else "一个也没有")
                + "：检查点记录被删除（表被清空或截断）",
            )
        )
        return newest_stored, findings  # the signed copy still anchors the record
    return in_db, findings


def verify_checkpoints() -> list[Finding]:
    """Every disagreement between the audit tables and the latest signed checkpoint (empty: none, or no
    checkpoint yet — see ``latest_checkpoint``)."""
    checkpoint, findings = _latest()
    if checkpoint is None:
        return findings
    if not checkpoint.valid():
        return [
            *findings,
            Finding(
                "审计检查点",
                f"第 {checkpoint.number} 号检查点的签名无效（被伪造或改写，或 AUDIT_CHECKPOINT_KEY 与签名时不同）",
            ),
        ]
    data = checkpoint.data
    findings.extend(_check_cases(data["cases"], checkpoint.number))
    for table, recorded in data["tables"].items():
        findings.extend(_check_table(table, recorded, checkpoint.number))
    return findings


def latest_checkpoint() -> tuple[int | None, datetime.datetime | None]:
    """The number and time of the checkpoint ``verify_checkpoints`` checks against (None, None: none yet)."""
    checkpoint, _findings = _latest()
    if checkpoint is None:
        return None, None
    try:
        return checkpoint.number, datetime.datetime.fromisoformat(checkpoint.data["created_at"])
    except (KeyError, ValueError, TypeError):
        return checkpoint.number, None


def _check_cases(recorded: dict[str, list], number: int) -> list[Finding]:
    findings = []
    now = case_heads()
    for case, (count, head) in sorted(recorded.items(), key=lambda item: int(item[0])):
        subject = f"案件 {case}"
        current = now.get(case)
        if current is None:
            findings.append(
                Finding(subject, f"第 {number} 号检查点记录了 {count} 条事件，现在一条也没有：事件被删除或表被清空")
            )
        elif current[0] < count:
            findings.append(
                Finding(
                    subject, f"第 {number} 号检查点记录了 {count} 条事件，现在只有 {current[0]} 条：末尾的事件被删除"
                )
            )
        elif hash_at(case, count) != head:
            findings.append(
                Finding(subject, f"第 {count} 条事件的哈希与第 {number} 号检查点签名的不符：事件链被改写后重新计算")
            )
    return findings


def _check_table(table: str, recorded: dict, number: int) -> list[Finding]:
    subject = f"{label_of(table)}（{table}）"
    missing = set(recorded["columns"]) - set(current_columns(table))
    if missing:
        return [Finding(subject, f"第 {number} 号检查点所覆盖的列已不存在：{'、'.join(sorted(missing))}")]
    count, digest = table_digest(table, recorded["columns"], recorded["last_id"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {_q(table)}")  # noqa: S608 (names from the registry, values bound)
        total = int(cursor.fetchone()[0])
    if count < recorded["count"]:
        state = "表被清空" if total == 0 else "记录被删除"
        return [
            Finding(
                subject,
                f"第 {number} 号检查点记录了 {recorded['count']} 行（至编号 {recorded['last_id']}），"
                f"现在只有 {count} 行：{state}",
            )
        ]
    if count > recorded["count"] or digest != recorded["digest"]:
        return [
            Finding(
                subject,
                f"编号 {recorded['last_id']} 及以前的记录与第 {number} 号检查点签名的内容不符：记录被改写或插入",
            )
        ]
    return []
