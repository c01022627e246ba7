"""Append-only tables: database triggers that refuse UPDATE, DELETE and TRUNCATE.

Used by the migrations of the hash-chained case record, interference records, deadline changes and the
audit checkpoints (等保 2.0 GB/T 22239-2019 8.1.4.3 安全审计 c: audit records protected from deletion,
modification or overwriting). PostgreSQL is the production database; SQLite (the embedded default of
``make run``) gets equivalent row triggers so the demo behaves the same (it has no TRUNCATE).

TRUNCATE fires no row trigger, so each table also gets a statement-level ``BEFORE TRUNCATE`` trigger. It lets
a TRUNCATE through only in a session where the custom setting ``zhifa.allow_truncate`` is ``on``: the test
database has it (``ALTER DATABASE … SET``, tests/conftest.py) so the suite can flush between tests, production
databases never do. This is defence in depth against the owner's mistakes; the application's own role
(``manage.py grant_app_role``) has no TRUNCATE, UPDATE or DELETE privilege on these tables at all.
"""

from __future__ import annotations

from django.db import migrations

ALLOW_TRUNCATE = "zhifa.allow_truncate"

PG_TRUNCATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION zhifa_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('{ALLOW_TRUNCATE}', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = TG_TABLE_NAME || ' is append-only: TRUNCATE refused (只能追加，不能清空)',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def pg_refuse_truncate(table: str) -> str:
    """The SQL installing the ``BEFORE TRUNCATE`` trigger on ``table`` (idempotent)."""
    return f"""{PG_TRUNCATE_FUNCTION}
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
CREATE TRIGGER {table}_no_truncate
    BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_truncate();
"""


def _pg_install(table: str, label: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = '{table} is append-only: ' || TG_OP || ' refused ({label}只能追加，不能修改或删除)',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table};
CREATE TRIGGER {table}_no_update_delete
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
{pg_refuse_truncate(table)}"""


def _pg_remove(table: str) -> str:
    return f"""
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table};
DROP FUNCTION IF EXISTS {table}_append_only();
"""


def _sqlite_install(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table}
       BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} refused'); END;"""
        for op in ("UPDATE", "DELETE")
    ]


def _sqlite_remove(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_{op};" for op in ("update", "delete")]


def append_only(table: str, label: str) -> migrations.RunPython:
    """A migration operation installing (and, reversed, removing) the triggers on ``table``.

    A new append-only table should also be listed in ``kernel.checkpoint.AUDITED_TABLES`` so that its rows are
    anchored by the signed checkpoints, and it is then kept INSERT/SELECT-only by ``manage.py grant_app_role``.
    """

    def install(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(_pg_install(table, label))
        elif vendor == "sqlite":
            for statement in _sqlite_install(table):
                schema_editor.execute(statement)

    def remove(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(_pg_remove(table))
        elif vendor == "sqlite":
            for statement in _sqlite_remove(table):
                schema_editor.execute(statement)

    return migrations.RunPython(install, remove)


def refuse_truncate(*tables: str) -> migrations.RunPython:
    """A migration operation adding only the ``BEFORE TRUNCATE`` trigger (tables made append-only before it)."""

    def install(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for table in tables:
                schema_editor.execute(pg_refuse_truncate(table))

    def remove(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for table in tables:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")

    return migrations.RunPython(install, remove)
