"""InterferenceRecord is append-only: PostgreSQL refuses UPDATE and DELETE on it.

《领导干部干预司法活动、插手具体案件处理的记录、通报和责任追究规定》: the record must stay
as written, so not even a database session of the application can change or remove it.
SQLite (the embedded default of ``make run``) gets equivalent triggers so the demo behaves
the same; the suite proves the PostgreSQL one. Same pattern as cases 0002.
"""

from django.db import migrations

PG_INSTALL = """
CREATE OR REPLACE FUNCTION supervision_interferencerecord_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'supervision_interferencerecord is append-only: ' || TG_OP || ' refused (干预记录只能追加，不能修改或删除)',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER supervision_interferencerecord_no_update_delete
    BEFORE UPDATE OR DELETE ON supervision_interferencerecord
    FOR EACH ROW EXECUTE FUNCTION supervision_interferencerecord_append_only();
"""
PG_REMOVE = """
DROP TRIGGER IF EXISTS supervision_interferencerecord_no_update_delete ON supervision_interferencerecord;
DROP FUNCTION IF EXISTS supervision_interferencerecord_append_only();
"""
SQLITE_INSTALL = [
    """CREATE TRIGGER supervision_interferencerecord_no_update BEFORE UPDATE ON supervision_interferencerecord
       BEGIN SELECT RAISE(ABORT, 'supervision_interferencerecord is append-only: UPDATE refused'); END;""",
    """CREATE TRIGGER supervision_interferencerecord_no_delete BEFORE DELETE ON supervision_interferencerecord
       BEGIN SELECT RAISE(ABORT, 'supervision_interferencerecord is append-only: DELETE refused'); END;""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS supervision_interferencerecord_no_update;",
    "DROP TRIGGER IF EXISTS supervision_interferencerecord_no_delete;",
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_INSTALL)
    elif vendor == "sqlite":
        for statement in SQLITE_INSTALL:
            schema_editor.execute(statement)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REMOVE)
    elif vendor == "sqlite":
        for statement in SQLITE_REMOVE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
