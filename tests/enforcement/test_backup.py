"""Backup and restore (issue 11, item 8) on the real services: PostgreSQL (pg_dump/pg_restore), the suite's S3
server, and a restore run as an operator runs it — a fresh ``manage.py`` process configured only by its
environment, pointed at a database and a bucket created for it."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.cases.factories import build_team
from tests.enforcement.test_deploy_check import ROOT, clean_environment
from tests.plugins.s3_server import remove_bucket, unique_bucket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def source_bucket(settings, s3_server):
    """The suite's S3 server on a fresh bucket, as the default storage: where the seeded case keeps its files."""
    bucket = unique_bucket()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "media_storage.backends.MinioStorage", "OPTIONS": s3_server.storage_options(bucket)},
    }
    try:
        yield bucket
    finally:
        remove_bucket(s3_server, bucket)


@pytest.fixture
def seeded(source_bucket):
    """A filed case (its 立案审批表 rendered on commit, eager tasks) with a piece of evidence."""
    from cases.services.evidence import add_evidence
    from documents.models import Document

    team = build_team()
    case = team.open_and_file()
    data = b"%PDF-1.4 scanned inquiry record " + uuid.uuid4().bytes
    add_evidence(
        case=case,
        actor=team.officer1.user,
        stream=io.BytesIO(data),
        original_filename="询问笔录.pdf",
        kind="scanned_record",
        title="询问笔录",
        head=data[:64],
        size=len(data),
    )
    rendered = Document.objects.filter(case=case, status="rendered")
    assert rendered.exists(), "the seeded case has no rendered document to carry through the round trip"
    return case


def admin_connection():
    params = connection.settings_dict
    conn = psycopg2.connect(
        dbname="postgres", user=params["USER"], password=params["PASSWORD"], host=params["HOST"], port=params["PORT"]
    )
    conn.autocommit = True
    return conn


@pytest.fixture
def fresh_database():
    """``fresh_database()``: the URL of a new, empty database on the test server; all dropped afterwards."""
    created: list[str] = []

    def create() -> tuple[str, str]:
        name = f"zhifa_restore_{uuid.uuid4().hex[:12]}"
        conn = admin_connection()
        try:
            with conn.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            conn.close()
        created.append(name)
        params = connection.settings_dict
        credentials = quote(params["USER"], safe="")
        if params["PASSWORD"]:
            credentials += ":" + quote(params["PASSWORD"], safe="")
        return name, f"postgres://{credentials}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"

    try:
        yield create
    finally:
        conn = admin_connection()
        try:
            with conn.cursor() as cursor:
                for name in created:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            conn.close()


def count_rows(database: str, table: str, where: str = "") -> int:
    params = connection.settings_dict
    conn = psycopg2.connect(
        dbname=database, user=params["USER"], password=params["PASSWORD"], host=params["HOST"], port=params["PORT"]
    )
    try:
        with conn.cursor() as cursor:
            cursor.execute(f'SELECT count(*) FROM "{table}"' + (f" WHERE {where}" if where else ""))
            return cursor.fetchone()[0]
    finally:
        conn.close()


def table_count(database: str) -> int:
    params = connection.settings_dict
    conn = psycopg2.connect(
        dbname=database, user=params["USER"], password=params["PASSWORD"], host=params["HOST"], port=params["PORT"]
    )
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
            return cursor.fetchone()[0]
    finally:
        conn.close()


def manage(tmp_path: Path, s3_server, *, database_url: str, bucket: str, args: list[str]):
    env = clean_environment(
        tmp_path / "var-restore",
        DATABASE_URL=database_url,
        S3_ENDPOINT=s3_server.endpoint,
        S3_ACCESS_KEY=s3_server.access_key,
        S3_SECRET_KEY=s3_server.secret_key,
        S3_REGION=s3_server.region,
        S3_BUCKET=bucket,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def object_names(s3_server, bucket: str) -> dict[str, int]:
    return {o.object_name: o.size for o in s3_server.client().list_objects(bucket, recursive=True)}


def test_backup_restore_into_a_fresh_database_and_bucket_and_verify(
    seeded, source_bucket, s3_server, tmp_path, fresh_database
):
    from cases.models import Case, CaseEvent, Evidence
    from documents.models import Document
    from security.choices import SecurityEventKind
    from security.models import SecurityEvent

    target = tmp_path / "backup"
    out = io.StringIO()
    call_command("backup", str(target), stdout=out)

    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["database"]["engine"] == "postgresql"
    assert manifest["database"]["migrations"]["cases"]
    assert manifest["app_version"] and manifest["created_at"]
    assert [f["path"] for f in manifest["files"]] == ["database.dump"]
    listed = {o["name"]: o["size"] for o in manifest["objects"]}
    assert listed == object_names(s3_server, source_bucket)
    evidence = Evidence.objects.get(case=seeded)
    assert {o["name"]: o["sha256"] for o in manifest["objects"]}[evidence.storage_key] == evidence.sha256
    assert "manifest.json SHA-256:" in out.getvalue()
    taken = SecurityEvent.objects.filter(kind=SecurityEventKind.BACKUP_TAKEN).latest("seq")
    assert taken.detail["objects"] == len(manifest["objects"])  # the live system's security log (等保 8.1.4.11)

    database, url = fresh_database()
    bucket = unique_bucket()
    try:
        result = manage(tmp_path, s3_server, database_url=url, bucket=bucket, args=["restore", str(target)])

        assert result.returncode == 0, result.stdout + result.stderr
        assert "完整性校验通过" in result.stdout
        documents_checked = re.search(r"(\d+) 个已登记文件（文书等）校验一致", result.stdout)
        assert documents_checked and int(documents_checked.group(1)) == Document.objects.exclude(storage_key="").count()
        assert object_names(s3_server, bucket) == listed
        assert count_rows(database, "cases_case") == Case.objects.count() >= 1
        assert count_rows(database, "cases_caseevent") == CaseEvent.objects.count()
        assert count_rows(database, "cases_evidence") == Evidence.objects.count() == 1
        assert count_rows(database, "documents_document") == Document.objects.count() >= 1
        # The restored system's security log says it was restored, and that its record was verified intact.
        assert count_rows(database, "security_securityevent", "kind = 'backup_restored'") == 1
        assert count_rows(database, "security_securityevent", "kind = 'audit_verified'") >= 1

        # The restored system verifies on its own, run again as a separate command.
        again = manage(tmp_path, s3_server, database_url=url, bucket=bucket, args=["verify_integrity"])
        assert again.returncode == 0, again.stdout + again.stderr

        # A restore into the now restored database is refused: it has data.
        refused = manage(tmp_path, s3_server, database_url=url, bucket=bucket, args=["restore", str(target)])
        assert refused.returncode != 0
        assert "目标数据库已有" in refused.stderr
    finally:
        remove_bucket(s3_server, bucket)


def test_a_tampered_backup_is_refused_before_anything_is_restored(
    seeded, source_bucket, s3_server, tmp_path, fresh_database
):
    from documents.models import Document

    target = tmp_path / "backup"
    call_command("backup", str(target), stdout=io.StringIO())
    document = Document.objects.filter(case=seeded, status="rendered").first()
    tampered = target / "objects" / document.storage_key
    tampered.write_bytes(tampered.read_bytes().replace(b"%PDF", b"%PDX", 1))

    database, url = fresh_database()
    bucket = unique_bucket()
    try:
        result = manage(tmp_path, s3_server, database_url=url, bucket=bucket, args=["restore", str(target)])

        assert result.returncode != 0
        assert "备份校验失败" in result.stderr
        assert f"objects/{document.storage_key}" in result.stderr  # the file is named
        assert table_count(database) == 0  # nothing restored
        assert not s3_server.client().bucket_exists(bucket) or object_names(s3_server, bucket) == {}
    finally:
        remove_bucket(s3_server, bucket)


def test_backup_refuses_a_non_empty_directory_and_restore_a_non_empty_database(seeded, tmp_path):
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "last-week.dump").write_bytes(b"keep me")

    with pytest.raises(CommandError, match="备份目录非空"):
        call_command("backup", str(occupied))
    assert (occupied / "last-week.dump").read_bytes() == b"keep me"

    target = tmp_path / "backup"
    call_command("backup", str(target), stdout=io.StringIO())
    with pytest.raises(CommandError, match="目标数据库已有"):
        call_command("restore", str(target), stdout=io.StringIO())

    (target / "manifest.json").unlink()
    with pytest.raises(CommandError, match=r"manifest\.json"):
        call_command("restore", str(target), stdout=io.StringIO())


def test_verify_integrity_names_a_document_whose_pdf_was_changed_in_storage(seeded, source_bucket, s3_server):
    from documents.models import Document

    call_command("verify_integrity", stdout=io.StringIO())
    document = Document.objects.filter(case=seeded, status="rendered").first()
    forged = b"%PDF-1.4 forged"
    s3_server.client().put_object(source_bucket, document.storage_key, io.BytesIO(forged), len(forged))

    err = io.StringIO()
    with pytest.raises(CommandError, match="完整性校验未通过"):
        call_command("verify_integrity", stdout=io.StringIO(), stderr=err)
    assert document.storage_key in err.getvalue()
    assert "SHA-256 与登记不符" in err.getvalue()


def test_verify_integrity_fails_when_the_audit_chain_is_broken(seeded):
    from cases.models import CaseEvent

    call_command("verify_integrity", stdout=io.StringIO())
    event = CaseEvent.objects.filter(case=seeded).order_by("pk").first()
    with connection.cursor() as cursor:  # what an attacker with SQL access does; the chain must tell
        cursor.execute("ALTER TABLE cases_caseevent DISABLE TRIGGER USER")
        try:
            cursor.execute("UPDATE cases_caseevent SET payload = '{}'::jsonb WHERE id = %s", [event.pk])
        finally:
            cursor.execute("ALTER TABLE cases_caseevent ENABLE TRIGGER USER")

    err = io.StringIO()
    with pytest.raises(CommandError, match="审计链"):
        call_command("verify_integrity", stdout=io.StringIO(), stderr=err)
