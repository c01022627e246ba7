"""An issued document never changes (DESIGN.md, "the record"): the database refuses any UPDATE of
its content fields, any change to the PDF fields once rendered, and any DELETE. Only a rendering
may fill in status, storage key, size and SHA-256, and only until the document is rendered.
TRUNCATE is not affected, so test databases can still be flushed."""

from django.db import migrations

CONTENT = (
    "case_id", "agency_id", "kind", "number", "number_code", "number_year", "number_serial", "version",
    "supersedes_id", "correction_reason", "template", "snapshot", "issued_at", "issued_by_id", "issued_by_name",
    "token",
)  # fmt: skip
PDF = ("status", "storage_key", "size", "sha256", "rendered_at", "render_error")
MESSAGE = "documents_document: an issued document never changes (执法文书制作后不得修改或删除，更正请制作新版本)"


def _row(prefix: str, columns) -> str:
    return ", ".join(f"{prefix}.{c}" for c in columns)


PG_INSTALL = f"""
CREATE OR REPLACE FUNCTION documents_document_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR ROW({_row("NEW", CONTENT)}) IS DISTINCT FROM ROW({_row("OLD", CONTENT)})
       OR (OLD.status = 'rendered' AND ROW({_row("NEW", PDF)}) IS DISTINCT FROM ROW({_row("OLD", PDF)})) THEN
        RAISE EXCEPTION USING MESSAGE = '{MESSAGE}: ' || TG_OP || ' refused', ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER documents_document_immutable
    BEFORE UPDATE OR DELETE ON documents_document
    FOR EACH ROW EXECUTE FUNCTION documents_document_immutable();
"""
PG_REMOVE = """
DROP TRIGGER IF EXISTS documents_document_immutable ON documents_document;
DROP FUNCTION IF EXISTS documents_document_immutable();
"""


def _changed(columns) -> str:
    return " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)


SQLITE_INSTALL = [
    f"""CREATE TRIGGER documents_document_no_delete BEFORE DELETE ON documents_document
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER documents_document_content_fixed BEFORE UPDATE ON documents_document
        WHEN {_changed(CONTENT)}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER documents_document_pdf_fixed BEFORE UPDATE ON documents_document
        WHEN OLD.status = 'rendered' AND ({_changed(PDF)})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS documents_document_{name};" for name in ("no_delete", "content_fixed", "pdf_fixed")
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
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
