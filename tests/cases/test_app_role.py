"""Issue 11: the application connects as a least-privilege role that owns no table (``manage.py grant_app_role``).

The role is created and granted inside the test's transaction (PostgreSQL roles and grants are transactional),
so nothing survives the test on the shared server; ``SET LOCAL ROLE`` then makes every check of the rest of the
transaction that role's.
"""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from cases.models import CaseEvent
from kernel.models import AuditCheckpoint

pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("audit")]

ROLE = f"zhifa_app_test_{os.getpid()}"


def _sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


def _refused(statement, match="permission denied|must be owner"):
    with pytest.raises(DatabaseError, match=match), transaction.atomic():
        _sql(statement)


@pytest.fixture
def as_app_role(team, local_storage):
    call_command("grant_app_role", role=ROLE)
    case = team.open_and_file()  # written by the owner before the switch
    _sql(f"SET LOCAL ROLE {ROLE}")
    assert _sql("SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)") == [(ROLE, False)]
    return case


@pytest.mark.parametrize(
    "table", ["cases_caseevent", "supervision_interferencerecord", "deadlines_deadlinechange", "kernel_auditcheckpoint"]
)
def test_the_app_role_cannot_truncate_update_or_delete_an_audit_table_nor_disable_its_triggers(as_app_role, table):
    # The test database allows TRUNCATE past the trigger: what refuses here is the missing privilege.
    assert _sql("SELECT current_setting('zhifa.allow_truncate', true)") == [("on",)]
    _refused(f"TRUNCATE {table} CASCADE")
    _refused(f"UPDATE {table} SET id = id")
    _refused(f"DELETE FROM {table}")
    _refused(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    _refused(f"ALTER TABLE {table} DISABLE TRIGGER ALL")
    _refused(f"DROP TABLE {table} CASCADE")


def test_the_app_role_cannot_switch_triggers_off_for_its_session(as_app_role):
    _refused("SET session_replication_role = replica")
    database = _sql("SELECT current_database()")[0][0]
    _refused(f'ALTER DATABASE "{database}" SET session_replication_role = replica')
    _refused(f"ALTER ROLE {ROLE} SUPERUSER", match="permission denied|must be superuser")
    _refused("CREATE TABLE intruder (id int)")


def test_the_app_role_runs_the_application(as_app_role, team):
    # Cases opened and filed (inserts, status updates, events, deadlines, documents), then the audit commands.
    case = team.open_and_file()

    assert CaseEvent.objects.filter(case=case).exists()
    _sql("UPDATE cases_case SET title = title WHERE id = %s", [case.pk])
    call_command("audit_checkpoint")
    call_command("verify_audit")
    assert AuditCheckpoint.objects.count() == 1


def test_grant_app_role_is_idempotent_and_refuses_a_role_owning_tables(db):
    call_command("grant_app_role", role=ROLE)
    call_command("grant_app_role", role=ROLE)
    _sql(f"CREATE TABLE owned_by_app (id int); ALTER TABLE owned_by_app OWNER TO {ROLE}")

    with pytest.raises(CommandError, match="不得拥有任何表"):
        call_command("grant_app_role", role=ROLE)


def test_grant_app_role_refuses_the_owner_itself_and_bad_names(db):
    owner = _sql("SELECT current_user")[0][0]
    with pytest.raises(CommandError, match="所有者角色本身"):
        call_command("grant_app_role", role=owner)
    with pytest.raises(CommandError, match="角色名"):
        call_command("grant_app_role", role="app; DROP TABLE cases_case")
