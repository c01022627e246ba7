"""Issue 11: an audit chain nobody can rewrite unseen. Each tampering an owner of the database can perform —
recomputing a case's hashes with the project's own function, deleting a case's last event, truncating the
event table, emptying an append-only table, editing an evidence hash or a case's status, deleting the signed
checkpoints — is done here on the test database after a signed checkpoint, and ``verify_audit`` reports it
with a non-zero exit."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from cases.models import CaseEvent
from cases.services.events import verify_chain
from cases.services.evidence import add_evidence
from deadlines.models import Deadline, DeadlineChange
from kernel import checkpoint
from kernel.models import AuditCheckpoint
from security.audit import record_security_event
from security.choices import SecurityEventKind
from security.models import SecurityEvent
from tests.cases.test_pages import jpeg_bytes
from tests.supervision.factories import record

# They flush or rewrite whole tables: one xdist worker runs them one after the other (tests/conftest.py).
pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("audit")]


def _as_owner(*statements, params=None):
    """What the owner of the tables (or a superuser) can do: switch off the triggers and write in SQL."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses while FK checks are pending
        for statement in statements:
            cursor.execute(statement, params)


def _verify(capsys) -> tuple[bool, str, str]:
    try:
        call_command("verify_audit")
        ok = True
    except CommandError:
        ok = False
    captured = capsys.readouterr()
    return ok, captured.out, captured.err


@pytest.fixture
def anchored(team, local_storage, capsys):
    """A filed case (with an interference record, a deadline change and a security-log entry beside it), and a
    signed checkpoint."""
    case = team.open_and_file()
    record(team.officer1)
    record_security_event(SecurityEventKind.LOGIN_SUCCEEDED, user=team.officer1.user)
    deadline = Deadline.objects.filter(case=case).first()
    DeadlineChange.objects.create(
        deadline=deadline,
        old_due_on=deadline.due_on,
        new_due_on=deadline.due_on,
        old_provisional=False,
        new_provisional=False,
        reason=DeadlineChange._meta.get_field("reason").choices[0][0],
    )
    call_command("audit_checkpoint")
    ok, out, err = _verify(capsys)
    assert ok and "第 1 号签名检查点一致" in out, err
    return case


def test_a_checkpoint_is_signed_and_kept_in_the_database_and_in_object_storage(anchored, local_storage):
    row = AuditCheckpoint.objects.get()
    stored = checkpoint.read_stored(row.number)

    assert (local_storage / "audit-checkpoints" / "0000000001.json").exists()
    assert stored == checkpoint.Signed(row.number, row.body, row.signature, row.key_id)
    assert stored.valid()
    data = stored.data
    assert data["cases"][str(anchored.pk)] == [anchored.events.count(), anchored.events.order_by("-seq")[0].hash]
    assert data["tables"]["supervision_interferencerecord"]["count"] == 1
    assert data["tables"]["deadlines_deadlinechange"]["count"] == 1


def test_events_appended_after_the_checkpoint_are_fine(anchored, team, capsys):
    team.open_and_file()  # another case, and its events
    data = jpeg_bytes()
    add_evidence(
        case=anchored, actor=team.officer1.user, stream=io.BytesIO(data), original_filename="scene.jpg",
        kind="photo", title="现场照片", head=data[:64], size=len(data),
    )  # fmt: skip
    record(team.officer1)

    ok, _out, err = _verify(capsys)

    assert ok, err
    call_command("audit_checkpoint")
    assert AuditCheckpoint.objects.count() == 2


def test_a_chain_recomputed_with_the_projects_own_function_is_reported(anchored, capsys):
    _as_owner("ALTER TABLE cases_caseevent DISABLE TRIGGER USER")
    events = list(anchored.events.order_by("seq"))
    forged = events[1]
    forged.payload = {**forged.payload, "forged": "改写的内容"}
    previous = events[0].hash
    for event in events[1:]:
        event.prev_hash = previous
        event.hash = event.compute_hash()
        CaseEvent.objects.filter(pk=event.pk).update(payload=event.payload, prev_hash=event.prev_hash, hash=event.hash)
        previous = event.hash
    _as_owner("ALTER TABLE cases_caseevent ENABLE TRIGGER USER")
    assert verify_chain(anchored.pk) is None  # the chain alone cannot tell

    ok, out, err = _verify(capsys)

    assert not ok
    assert f"案件 {anchored.pk}：第 {len(events)} 条事件的哈希与第 1 号检查点签名的不符" in err
    assert "重新计算" in err and "完好" not in out


def test_a_deleted_last_event_is_reported(anchored, capsys):
    last = anchored.events.order_by("-seq")[0]
    _as_owner(
        "ALTER TABLE cases_caseevent DISABLE TRIGGER USER",
        f"DELETE FROM cases_caseevent WHERE id = {last.pk}",
        "ALTER TABLE cases_caseevent ENABLE TRIGGER USER",
    )
    assert verify_chain(anchored.pk) is None  # what is left still links

    ok, _out, err = _verify(capsys)

    assert not ok
    assert (
        f"案件 {anchored.pk}：第 1 号检查点记录了 {last.seq} 条事件，现在只有 {last.seq - 1} 条：末尾的事件被删除"
        in err
    )


@pytest.mark.django_db(transaction=True)
def test_a_truncated_event_table_is_reported_never_called_intact(anchored, capsys):
    # As the owner, in a session allowed to truncate (the test database is; production databases never are).
    _as_owner("TRUNCATE cases_caseevent CASCADE")
    assert not CaseEvent.objects.exists()

    ok, out, err = _verify(capsys)

    assert not ok
    assert "完好" not in out
    assert f"案件 {anchored.pk}：第 1 号检查点记录了" in err and "事件被删除或表被清空" in err


@pytest.mark.parametrize(
    ("table", "label"),
    [
        ("supervision_interferencerecord", "干预记录"),
        ("deadlines_deadlinechange", "期限变更记录"),
        ("security_securityevent", "安全审计日志"),
    ],
)
def test_an_emptied_append_only_table_is_reported(anchored, capsys, table, label):
    _as_owner(
        f"ALTER TABLE {table} DISABLE TRIGGER USER", f"DELETE FROM {table}", f"ALTER TABLE {table} ENABLE TRIGGER USER"
    )

    ok, _out, err = _verify(capsys)

    assert not ok
    assert re.search(rf"{label}（{table}）：第 1 号检查点记录了 [1-9]\d* 行.*现在只有 0 行：表被清空", err), err


def test_a_rewritten_interference_record_is_reported(anchored, capsys):
    _as_owner(
        "ALTER TABLE supervision_interferencerecord DISABLE TRIGGER USER",
        "UPDATE supervision_interferencerecord SET how_handled = '已按其要求处理。'",
        "ALTER TABLE supervision_interferencerecord ENABLE TRIGGER USER",
    )

    ok, _out, err = _verify(capsys)

    assert not ok and "干预记录（supervision_interferencerecord）：编号" in err and "记录被改写" in err


def test_each_run_of_verify_audit_is_in_the_security_log_with_its_findings(anchored, capsys):
    _as_owner(
        "ALTER TABLE supervision_interferencerecord DISABLE TRIGGER USER",
        "DELETE FROM supervision_interferencerecord",
        "ALTER TABLE supervision_interferencerecord ENABLE TRIGGER USER",
    )

    ok, _out, _err = _verify(capsys)

    assert not ok
    runs = SecurityEvent.objects.filter(kind=SecurityEventKind.AUDIT_VERIFIED).order_by("seq")
    intact, found = runs[len(runs) - 2], runs[len(runs) - 1]  # the fixture's run, then this one
    assert intact.detail["outcome"] == "intact" and intact.detail["findings"] == 0
    assert found.detail["outcome"] == "findings" and found.detail["findings"] >= 1
    assert any("干预记录" in line and "表被清空" in line for line in found.detail["first"])


def test_a_rewritten_security_log_entry_is_reported_by_its_chain_and_by_the_checkpoint(anchored, capsys):
    _as_owner(
        "ALTER TABLE security_securityevent DISABLE TRIGGER USER",
        "UPDATE security_securityevent SET username = 'someone-else'",
        "ALTER TABLE security_securityevent ENABLE TRIGGER USER",
    )

    ok, _out, err = _verify(capsys)

    assert not ok
    assert re.search(r"安全审计日志第 \d+ 条：内容与哈希不符", err), err
    assert "安全审计日志（security_securityevent）：编号" in err and "记录被改写" in err


def test_an_evidence_hash_is_refused_in_sql_and_reported_when_the_trigger_is_bypassed(anchored, team, capsys):
    data = jpeg_bytes()
    item = add_evidence(
        case=anchored, actor=team.officer1.user, stream=io.BytesIO(data), original_filename="scene.jpg",
        kind="photo", title="现场照片", head=data[:64], size=len(data),
    )  # fmt: skip
    with pytest.raises(DatabaseError, match="证据不得删除"), transaction.atomic():
        _as_owner("UPDATE cases_evidence SET sha256 = %s WHERE id = %s", params=["0" * 64, item.pk])
    with pytest.raises(DatabaseError, match="证据不得删除"), transaction.atomic():
        _as_owner("DELETE FROM cases_evidence WHERE id = %s", params=[item.pk])

    _as_owner(
        "ALTER TABLE cases_evidence DISABLE TRIGGER USER",
        f"UPDATE cases_evidence SET sha256 = '{'0' * 64}' WHERE id = {item.pk}",
        "ALTER TABLE cases_evidence ENABLE TRIGGER USER",
    )
    ok, _out, err = _verify(capsys)

    assert not ok and f"案件 {anchored.pk} 证据 {item.pk}：SHA-256 或大小与第" in err


def test_a_status_edited_in_sql_is_reported(anchored, capsys):
    _as_owner("UPDATE cases_case SET status = 'decided' WHERE id = %s", params=[anchored.pk])

    ok, _out, err = _verify(capsys)

    assert not ok
    assert f"案件 {anchored.pk}：状态为 decided，但最后一条流转事件记录的是 {anchored.status}" in err


def test_cases_and_parties_cannot_be_deleted_in_sql(anchored):
    with pytest.raises(DatabaseError, match="案件不得删除"), transaction.atomic():
        _as_owner("DELETE FROM cases_case WHERE id = %s", params=[anchored.pk])
    with pytest.raises(DatabaseError, match="当事人不得删除"), transaction.atomic():
        _as_owner("DELETE FROM cases_party WHERE case_id = %s", params=[anchored.pk])


def test_deleted_checkpoint_rows_are_reported_from_the_copy_in_object_storage(anchored, capsys):
    _as_owner(
        "ALTER TABLE kernel_auditcheckpoint DISABLE TRIGGER USER",
        "DELETE FROM kernel_auditcheckpoint",
        "ALTER TABLE kernel_auditcheckpoint ENABLE TRIGGER USER",
    )

    ok, _out, err = _verify(capsys)

    assert not ok and "对象存储中有第 1 号检查点，数据库中一个也没有" in err


def test_a_forged_checkpoint_row_is_reported(anchored, capsys):
    # Without the key the owner can only write an unsigned (or wrongly signed) body over the row.
    _as_owner(
        "ALTER TABLE kernel_auditcheckpoint DISABLE TRIGGER USER",
        'UPDATE kernel_auditcheckpoint SET body = \'{"cases": {}, "tables": {}}\'',
        "ALTER TABLE kernel_auditcheckpoint ENABLE TRIGGER USER",
    )

    ok, _out, err = _verify(capsys)

    assert not ok and "第 1 号检查点与对象存储中的副本不一致" in err


def test_no_checkpoint_is_written_over_a_tampering(anchored):
    _as_owner("UPDATE cases_case SET status = 'decided' WHERE id = %s", params=[anchored.pk])  # not a checkpoint matter
    _as_owner(
        "ALTER TABLE supervision_interferencerecord DISABLE TRIGGER USER",
        "DELETE FROM supervision_interferencerecord",
        "ALTER TABLE supervision_interferencerecord ENABLE TRIGGER USER",
    )

    with pytest.raises(CommandError, match="未写入新检查点"):
        call_command("audit_checkpoint")

    assert AuditCheckpoint.objects.count() == 1


@pytest.mark.parametrize(
    "table",
    [
        "cases_caseevent",
        "supervision_interferencerecord",
        "deadlines_deadlinechange",
        "kernel_auditcheckpoint",
        "documents_document",
        "cases_evidence",
        "cases_case",
        "cases_party",
        "security_securityevent",
    ],
)
def test_truncate_is_refused_where_the_session_is_not_allowed_to(db, table):
    with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
        _as_owner("SET LOCAL zhifa.allow_truncate = 'off'", f"TRUNCATE {table} CASCADE")


def test_the_demo_cases_pass_every_check_of_verify_audit(db, local_storage, capsys):
    # No false alarm on real records: the demo's cases (seizures, notices, receipts, a summary decision) are
    # checkpointed and verified, status and evidence cross-checks included.
    call_command("seed_demo", stdout=io.StringIO())
    call_command("audit_checkpoint")

    ok, out, err = _verify(capsys)

    assert ok, err
    assert "全部 6 个案件的事件链完好" in out and "第 1 号签名检查点一致" in out


def test_in_production_every_checkpoint_deleted_from_database_and_bucket_is_a_finding(
    anchored, local_storage, settings, monkeypatch, capsys
):
    from cases.management.commands import verify_audit

    _as_owner(
        "ALTER TABLE kernel_auditcheckpoint DISABLE TRIGGER USER",
        "DELETE FROM kernel_auditcheckpoint",
        "ALTER TABLE kernel_auditcheckpoint ENABLE TRIGGER USER",
    )
    (local_storage / "audit-checkpoints" / "0000000001.json").unlink()
    monkeypatch.setattr(verify_audit, "CHECKPOINT_DUE", datetime.timedelta(0))  # the record is "old enough"

    settings.PRODUCTION = False
    ok, out, _err = _verify(capsys)
    assert ok and "尚无签名检查点" in out  # development: a warning

    settings.PRODUCTION = True
    ok, out, err = _verify(capsys)
    assert not ok and "生产环境中没有任何签名检查点" in err


def test_a_stale_checkpoint_is_a_warning(anchored, team, monkeypatch, capsys):
    from cases.management.commands import verify_audit

    team.open_and_file()  # events after the checkpoint
    monkeypatch.setattr(verify_audit, "CHECKPOINT_DUE", datetime.timedelta(0))

    ok, out, err = _verify(capsys)

    assert ok, err
    assert "第 1 号签名检查点一致" in out and "其后的事件尚未锚定" in out


@pytest.mark.django_db(transaction=True)
def test_a_checkpoint_waits_for_a_transaction_still_writing_below_its_last_id(team, monkeypatch):
    # Ids come from a sequence, commits in any order: a row with a lower id can become visible after a higher
    # one. Anchoring the higher one without it would make the late row read as an insertion into the past.
    import threading

    inserted, release = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                record(team.officer1)  # draws the lower id
                inserted.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    try:
        assert inserted.wait(10)
        later = record(team.officer1)  # the higher id, committed first
        entry = checkpoint.AuditedTable("supervision_interferencerecord", "干预记录")
        monkeypatch.setattr(checkpoint, "SETTLE_SECONDS", 0.5)

        with pytest.raises(checkpoint.CheckpointError, match="未结束的写入事务"):
            checkpoint.table_state(entry)
    finally:
        release.set()
        thread.join(10)

    state = checkpoint.table_state(entry)
    assert (state["last_id"], state["count"]) == (later.pk, 2)


def test_beat_writes_the_checkpoint_hourly_and_logs_a_refusal_as_critical(anchored, settings, caplog):
    from enforcement.celery import app
    from kernel.tasks import audit_checkpoint

    entry = settings.CELERY_BEAT_SCHEDULE["audit-checkpoint-hourly"]
    assert entry["task"] == audit_checkpoint.name and entry["task"] in app.tasks
    assert audit_checkpoint.delay().get() == 2

    _as_owner(
        "ALTER TABLE deadlines_deadlinechange DISABLE TRIGGER USER",
        "DELETE FROM deadlines_deadlinechange",
        "ALTER TABLE deadlines_deadlinechange ENABLE TRIGGER USER",
    )

    assert audit_checkpoint.delay().get() is None
    assert AuditCheckpoint.objects.count() == 2
    [logged] = [r for r in caplog.records if r.name == "zhifa.audit"]
    assert logged.levelname == "CRITICAL" and "期限变更记录（deadlines_deadlinechange）" in logged.getMessage()


def test_an_operator_can_accept_an_investigated_finding_and_the_acceptance_is_signed(anchored, capsys):
    _as_owner(
        "ALTER TABLE supervision_interferencerecord DISABLE TRIGGER USER",
        "DELETE FROM supervision_interferencerecord",
        "ALTER TABLE supervision_interferencerecord ENABLE TRIGGER USER",
    )

    call_command("audit_checkpoint", accept="2026-12-03 事件已调查处置，见安全事件报告 2026-07 号")

    ok, _out, err = _verify(capsys)
    assert ok, err
    accepted = checkpoint.latest_in_database().data["accepted"]
    assert accepted["reason"].startswith("2026-12-03 事件已调查处置")
    assert any("干预记录" in finding for finding in accepted["findings"])
