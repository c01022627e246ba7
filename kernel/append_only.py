"""Append-only tables: database triggers that refuse UPDATE and DELETE.

Used by the migrations of the hash-chained case record and of interference records.
PostgreSQL is the production database; SQLite (the embedded default of ``make run``)
gets equivalent triggers so the demo behaves the same. TRUNCATE is not affected,
so test databases can still be flushed.
"""

from __future__ import annotations

from django.db import migrations


def _pg_install(table: str, label: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = '{table} is append-only: ' || TG_OP || ' refused ({label}只能追加，不能修改或删除)',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_no_update_delete
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
"""


def _pg_remove(table: str) -> str:
    return f"""
DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table};
DROP FUNCTION IF EXISTS {table}_append_only();
"""


def _sqlite_install(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table}
       BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} refused'); END;"""
        for op in ("UPDATE", "DELETE")
    ]


def _sqlite_remove(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_{op};" for op in ("update", "delete")]


def append_only(table: str, label: str) -> migrations.RunPython:
    """A migration operation installing (and, reversed, removing) the triggers on ``table``."""

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
