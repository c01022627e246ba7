"""Evidence hashes and case rows protected from silent edits in SQL (issue 11; 行政处罚法 第四十七条 全过程记录;
等保 2.0 GB/T 22239-2019 8.1.4.8 数据完整性).

- ``cases_evidence``: the file's identity (storage key, size, SHA-256) and its case never change once recorded,
  and no row is ever deleted (evidence is superseded with a reason instead). The other columns (verification
  time, supersession) stay writable for the services.
- ``cases_case`` and ``cases_party``: never deleted (a case is closed, not removed). Legitimate updates of a
  case (its status moved by the lifecycle) remain possible; ``manage.py verify_audit`` checks the status
  against the state the case's last transition event records, so a status edited in SQL is reported.
- All three refuse TRUNCATE unless ``zhifa.allow_truncate`` is on (test databases only, kernel.append_only).
"""

from django.db import migrations

from kernel.append_only import pg_refuse_truncate

EVIDENCE_FIXED = ("case_id", "storage_key", "size", "sha256")
EVIDENCE_MESSAGE = (
    "cases_evidence: evidence is never deleted and its file identity never changes"
    " (证据不得删除，文件哈希、大小、存储位置不得修改)"
)
ROW_MESSAGE = "{table}: DELETE refused ({label}不得删除)"


def _row(prefix: str, columns) -> str:
    return ", ".join(f"{prefix}.{c}" for c in columns)


PG_INSTALL = f"""
CREATE OR REPLACE FUNCTION cases_evidence_fixed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR ROW({_row("NEW", EVIDENCE_FIXED)}) IS DISTINCT FROM ROW({_row("OLD", EVIDENCE_FIXED)}) THEN
        RAISE EXCEPTION USING
            MESSAGE = '{EVIDENCE_MESSAGE}: ' || TG_OP || ' refused', ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS cases_evidence_fixed ON cases_evidence;
CREATE TRIGGER cases_evidence_fixed
    BEFORE UPDATE OR DELETE ON cases_evidence
    FOR EACH ROW EXECUTE FUNCTION cases_evidence_fixed();

CREATE OR REPLACE FUNCTION cases_case_no_delete() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = '{ROW_MESSAGE.format(table="cases_case", label="案件")}', ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS cases_case_no_delete ON cases_case;
CREATE TRIGGER cases_case_no_delete BEFORE DELETE ON cases_case FOR EACH ROW EXECUTE FUNCTION cases_case_no_delete();

CREATE OR REPLACE FUNCTION cases_party_no_delete() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = '{ROW_MESSAGE.format(table="cases_party", label="当事人")}', ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS cases_party_no_delete ON cases_party;
CREATE TRIGGER cases_party_no_delete BEFORE DELETE ON cases_party FOR EACH ROW EXECUTE FUNCTION cases_party_no_delete();
{pg_refuse_truncate("cases_evidence")}{pg_refuse_truncate("cases_case")}{pg_refuse_truncate("cases_party")}"""

PG_REMOVE = """
DROP TRIGGER IF EXISTS cases_evidence_fixed ON cases_evidence;
DROP FUNCTION IF EXISTS cases_evidence_fixed();
DROP TRIGGER IF EXISTS cases_case_no_delete ON cases_case;
DROP FUNCTION IF EXISTS cases_case_no_delete();
DROP TRIGGER IF EXISTS cases_party_no_delete ON cases_party;
DROP FUNCTION IF EXISTS cases_party_no_delete();
DROP TRIGGER IF EXISTS cases_evidence_no_truncate ON cases_evidence;
DROP TRIGGER IF EXISTS cases_case_no_truncate ON cases_case;
DROP TRIGGER IF EXISTS cases_party_no_truncate ON cases_party;
"""

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS cases_evidence_no_delete BEFORE DELETE ON cases_evidence
        BEGIN SELECT RAISE(ABORT, '{EVIDENCE_MESSAGE}'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS cases_evidence_fixed BEFORE UPDATE ON cases_evidence
        WHEN {" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in EVIDENCE_FIXED)}
        BEGIN SELECT RAISE(ABORT, '{EVIDENCE_MESSAGE}'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS cases_case_no_delete BEFORE DELETE ON cases_case
        BEGIN SELECT RAISE(ABORT, '{ROW_MESSAGE.format(table="cases_case", label="案件")}'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS cases_party_no_delete BEFORE DELETE ON cases_party
        BEGIN SELECT RAISE(ABORT, '{ROW_MESSAGE.format(table="cases_party", label="当事人")}'); END;""",
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {name};"
    for name in ("cases_evidence_no_delete", "cases_evidence_fixed", "cases_case_no_delete", "cases_party_no_delete")
]


def install(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_INSTALL)
    elif vendor == "sqlite":
        for statement in SQLITE_INSTALL:
            schema_editor.execute(statement)


def remove(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REMOVE)
    elif vendor == "sqlite":
        for statement in SQLITE_REMOVE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cases", "0046_performance_record")]
    operations = [migrations.RunPython(install, remove)]
