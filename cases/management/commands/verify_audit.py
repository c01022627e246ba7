"""``manage.py verify_audit``: is the record what was written? Exit status 0 only when nothing is wrong.

It checks (docs/deployment.md, "审计记录的校验"):

1. every case's hash chain recomputes (an edited or deleted event breaks a link);
2. the audit tables against the latest signed checkpoint (``kernel.checkpoint``): the checkpoint's signature,
   its copy in object storage, and per case the number of events and the hash at the checkpointed position
   (a truncated table, a deleted tail or a chain recomputed after an edit), per append-only table the rows up
   to the checkpointed id (emptied, deleted or rewritten);
3. every case has its events, and its status is the state its last transition event records (a status edited
   in SQL);
4. every evidence row still has the SHA-256 and size its recording event carries (an edited hash);
5. the security log's own hash chain (``security.audit.verify_chain``; 等保 2.0 8.1.4.3 c)).

Events appended after the checkpoint are fine. Used by operators, by the backup/restore drill and in CI.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from cases.models import Case, CaseEvent, Evidence
from cases.services.events import verify_chain
from kernel.checkpoint import Finding, latest_checkpoint, verify_checkpoints
from security.audit import record_security_event
from security.audit import verify_chain as verify_security_chain
from security.choices import SecurityEventKind

# Beat writes one every hour: older than this, and later events exist, it is not running (or it refuses).
CHECKPOINT_DUE = datetime.timedelta(hours=2)


def checkpoint_findings(number: int | None, written: datetime.datetime | None) -> tuple[list[Finding], list[str]]:
    """In production, no checkpoint at all while the record is older than beat's interval is a finding (every
    checkpoint deleted, from the database and the bucket, or beat never ran); a stale one is a warning."""
    oldest = CaseEvent.objects.order_by("created_at").values_list("created_at", flat=True).first()
    newest = CaseEvent.objects.order_by("-created_at").values_list("created_at", flat=True).first()
    now = timezone.now()
    if number is None:
        if getattr(settings, "PRODUCTION", False) and oldest is not None and now - oldest > CHECKPOINT_DUE:
            problem = f"生产环境中没有任何签名检查点，而最早的事件写于 {timezone.localtime(oldest):%Y-%m-%d %H:%M}："
            problem += "检查点可能已从数据库和对象存储中一并删除，或 celery beat 从未运行"
            return [Finding("审计检查点", problem)], []
        return [], [
            "尚无签名检查点：截断、删除末尾事件或整链重算无法发现。"
            "请运行 manage.py audit_checkpoint（生产环境由 celery beat 每小时写入）。"
        ]
    if written is not None and newest is not None and newest > written and now - written > CHECKPOINT_DUE:
        return [], [
            f"最新的第 {number} 号检查点写于 {timezone.localtime(written):%Y-%m-%d %H:%M}，其后的事件尚未锚定："
            "请检查 celery beat 是否运行，日志中是否有“审计检查点未写入”。"
        ]
    return [], []


def case_findings(ids: list[int]) -> list[Finding]:
    """Chain breaks, cases without events, and statuses that disagree with the record."""
    findings = [
        Finding(f"案件 {link.case_id} 第 {link.seq} 条事件", link.problem) for link in map(verify_chain, ids) if link
    ]
    last_state = (
        CaseEvent.objects.filter(case=OuterRef("pk")).exclude(to_state="").order_by("-seq").values("to_state")[:1]
    )
    rows = (
        Case.objects.filter(pk__in=ids)
        .annotate(recorded=Subquery(last_state))
        .order_by("pk")
        .values_list("pk", "status", "recorded")
    )
    for pk, status, recorded in rows:
        if recorded is None:
            if not CaseEvent.objects.filter(case_id=pk).exists():
                findings.append(Finding(f"案件 {pk}", "没有任何事件（立案登记即有事件）：事件被删除或表被清空"))
        elif status != recorded:
            findings.append(
                Finding(f"案件 {pk}", f"状态为 {status}，但最后一条流转事件记录的是 {recorded}：状态在记录之外被改动")
            )
    return findings


def evidence_findings(ids: list[int]) -> list[Finding]:
    """Evidence rows whose file identity differs from what their recording event carries."""
    findings = []
    recorded = CaseEvent.objects.filter(case_id__in=ids, payload__has_keys=["evidence", "sha256", "size"]).values_list(
        "case_id", "seq", "payload"
    )
    items = {e.pk: e for e in Evidence.objects.filter(case_id__in=ids).only("pk", "case_id", "sha256", "size")}
    for case_id, seq, payload in recorded.iterator(chunk_size=500):
        item = items.get(payload["evidence"])
        subject = f"案件 {case_id} 证据 {payload['evidence']}"
        if item is None or item.case_id != case_id:
            findings.append(Finding(subject, f"第 {seq} 条事件记录的证据不存在：证据被删除"))
        elif (item.sha256, item.size) != (payload["sha256"], payload["size"]):
            findings.append(Finding(subject, f"SHA-256 或大小与第 {seq} 条事件记录的不符：证据哈希被改动"))
    return findings


def security_log_findings() -> list[Finding]:
    """The security log's chain: an edited, reordered or deleted entry breaks it (its rows and count are also
    anchored by the checkpoints, through ``kernel.checkpoint.AUDITED_TABLES``)."""
    broken = verify_security_chain()
    return [Finding(f"安全审计日志第 {broken.seq} 条", broken.problem)] if broken else []


class Command(BaseCommand):
    help = "校验案件事件哈希链、签名检查点、案件状态与证据哈希；发现问题时以非零状态退出。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--case", type=int, action="append", help="只校验指定案件的链、状态与证据（可重复）")

    def handle(self, *args, case=None, **options) -> None:
        ids = case or list(Case.objects.order_by("pk").values_list("pk", flat=True))
        number, written = latest_checkpoint()
        due, warnings = checkpoint_findings(number, written)
        findings = [*verify_checkpoints(), *due, *case_findings(ids), *evidence_findings(ids), *security_log_findings()]
        for finding in findings:
            self.stderr.write(self.style.ERROR(str(finding)))
        self._record(findings, checked=len(ids), checkpoint=number)
        if findings:
            raise CommandError(f"审计记录发现 {len(findings)} 处问题（共校验 {len(ids)} 个案件），见上。")
        self.stdout.write(self.style.SUCCESS(f"全部 {len(ids)} 个案件的事件链完好。"))
        if number is not None:
            self.stdout.write(self.style.SUCCESS(f"审计记录与第 {number} 号签名检查点一致。"))
        for warning in warnings:
            self.stdout.write(self.style.WARNING(warning))

    def _record(self, findings: list[Finding], *, checked: int, checkpoint: int | None) -> None:
        """Each run goes into the security log, found or not (等保 2.0 8.1.4.3: audit records of security events),
        after the checks, so that the entry itself is never what they look at. A database that refuses the write
        (a read-only replica) does not hide the result: it is printed above either way."""
        try:
            record_security_event(
                SecurityEventKind.AUDIT_VERIFIED,
                username="manage.py verify_audit",
                outcome="findings" if findings else "intact",
                findings=len(findings),
                cases=checked,
                checkpoint=checkpoint,
                first=[str(f) for f in findings[:20]],
            )
        except DatabaseError as exc:
            self.stderr.write(self.style.WARNING(f"本次校验未能写入安全审计日志：{exc}"))
