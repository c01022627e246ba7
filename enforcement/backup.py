"""Backup and restore of the whole record: the database and every stored object, with a manifest of hashes.

A backup directory holds::

    manifest.json          what follows, each file with its SHA-256 and size; engine, migrations, time, version
    database.dump          PostgreSQL: ``pg_dump --format=custom`` of the configured database
    database.sqlite3       (SQLite instead: a consistent copy through the sqlite3 backup API)
    objects/<name>         every object of the configured storage (local folder or S3/MinIO), under its own name

The database is dumped first and the objects copied after: rows refer to objects, objects are only ever added,
and an object is stored before the row naming it commits — so the copy holds every object the dump refers to.
The manifest is written last: a directory without one is an unfinished backup, and ``restore`` refuses it.

等保 2.0 (GB/T 22239-2019) 8.1.4.9 数据备份恢复 requires backups of important data and a tested recovery; the
enforcement file is evidence in reconsideration and litigation (行政处罚法 Art. 47, the full record of the
procedure), so a restore is checked object by object and hash by hash before it is trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from media_storage.storage import ObjectStorage, get_storage

FORMAT = 1
MANIFEST = "manifest.json"
OBJECTS = "objects"
PG_DUMP_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that must not go on; the message is for the operator (Chinese, then English)."""


# --- small helpers ------------------------------------------------------------------------------------------


def sha256_of(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def copy_hashing(source: IO[bytes], target: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return digest.hexdigest(), size


def inside(root: Path, relative: str) -> Path:
    """``root/relative``, refusing any name that would leave ``root`` (a manifest is read from outside)."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise BackupError(f"清单中的路径不安全：{relative!r}（unsafe path in manifest）")
    path = (root / pure).resolve()
    if not path.is_relative_to(root.resolve()):
        raise BackupError(f"清单中的路径不安全：{relative!r}（unsafe path in manifest）")
    return path


def app_version() -> str:
    """``ZHIFA_RELEASE`` when set (images are built without ``.git``), else this checkout's git commit."""
    if settings.ZHIFA_RELEASE:
        return settings.ZHIFA_RELEASE
    git = shutil.which("git")
    if git:
        try:
            result = subprocess.run(  # noqa: S603 (fixed arguments)
                [git, "rev-parse", "HEAD"],
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return "unknown"
        if result.returncode == 0:
            return result.stdout.strip()
    return "unknown"


def engine() -> str:
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"不支持的数据库类型：{vendor}（only PostgreSQL and SQLite are supported）")
    return vendor


def applied_migrations(alias: str = "default") -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


# --- PostgreSQL tools ------------------------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore`` of the server's major version if installed, else PG_BIN_DIR, else PATH.

    pg_dump refuses a server newer than itself, so the version-matched binary is preferred."""
    candidates: list[Path] = []
    if settings.PG_BIN_DIR:
        candidates.append(Path(settings.PG_BIN_DIR) / name)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin/{name}"))
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(
        f"找不到 {name}：请安装与数据库服务器（{major}）同版本的 PostgreSQL 客户端，或设置 PG_BIN_DIR。"
        f"({name} not found: install postgresql-client-{major} or set PG_BIN_DIR)"
    )


def pg_environment(alias: str = "default") -> dict[str, str]:
    """libpq's variables for the configured database: the password never appears on a command line."""
    params = connections[alias].settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", params.get("HOST")),
        ("PGPORT", params.get("PORT")),
        ("PGUSER", params.get("USER")),
        ("PGPASSWORD", params.get("PASSWORD")),
        ("PGDATABASE", params.get("NAME")),
        ("PGSSLMODE", (params.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
        else:
            env.pop(variable, None)
    return env


def run_tool(command: list[str], *, alias: str = "default") -> None:
    result = subprocess.run(  # noqa: S603 (a resolved binary and our own arguments)
        command, env=pg_environment(alias), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} 失败（exit {result.returncode}）：{result.stderr.strip()[-2000:]}")


def user_tables(alias: str = "default") -> list[str]:
    return sorted(connections[alias].introspection.table_names())


# --- storage walk ------------------------------------------------------------------------------------------


def stored_names(storage: ObjectStorage, prefix: str = "") -> Iterator[str]:
    """Every object name in the storage, through its own ``listdir`` (local folder and S3 alike)."""
    directories, files = storage.listdir(prefix)  # type: ignore[attr-defined]  # both backends are Django Storages
    for name in sorted(files):
        yield f"{prefix}{name}"
    for directory in sorted(directories):
        yield from stored_names(storage, f"{prefix}{directory}/")


# --- backup ------------------------------------------------------------------------------------------------


def backup(target: Path, say: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """Write a complete backup into ``target`` (absent or empty); on any failure nothing is left behind."""
    target = target.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(f"备份目录非空，拒绝覆盖：{target}（refusing to write into a non-empty directory）")
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    try:
        manifest = _write_backup(target, say)
    except BaseException:
        # Half a backup must not pass for one: remove what this run wrote.
        if created:
            shutil.rmtree(target, ignore_errors=True)
        else:
            for child in target.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        raise
    return manifest


def _write_backup(target: Path, say: Callable[[str], None]) -> dict[str, Any]:
    kind = engine()
    started = timezone.now()
    files: list[dict[str, Any]] = []
    if kind == "postgresql":
        dump = target / PG_DUMP_FILE
        say("数据库导出（pg_dump）…")
        run_tool([pg_tool("pg_dump"), "--format=custom", "--no-password", f"--file={dump}"])
    else:
        dump = target / SQLITE_FILE
        say("数据库复制（sqlite3 backup API）…")
        connection.ensure_connection()
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        copy = sqlite3.connect(str(dump))
        try:
            with copy:
                source.backup(copy)  # a consistent snapshot, even while others write
        finally:
            copy.close()
            source.close()
    digest, size = sha256_of(dump)
    files.append({"path": dump.name, "sha256": digest, "size": size})

    storage = get_storage()
    objects: list[dict[str, Any]] = []
    say("复制对象存储中的文件…")
    for name in stored_names(storage):
        info = storage.stat(name)
        path = inside(target, f"{OBJECTS}/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source_file, path.open("xb") as out:
            digest, size = copy_hashing(source_file, out)
        entry = {
            "name": name,
            "path": f"{OBJECTS}/{name}",
            "sha256": digest,
            "size": size,
            "content_type": info.content_type,
            "metadata": dict(info.metadata),
        }
        if info.sha256 and info.sha256 != digest:
            # Copied as it is (the backup records what storage holds); verify_integrity names the row it breaks.
            entry["stored_sha256"] = info.sha256
            say(f"警告：{name} 的内容与存储登记的 SHA-256 不符")
        objects.append(entry)

    manifest = {
        "format": FORMAT,
        "created_at": started.isoformat(),
        "finished_at": timezone.now().isoformat(),
        "app_version": app_version(),
        "database": {"engine": kind, "file": dump.name, "migrations": applied_migrations()},
        "storage": {"backend": type(storage).__name__, "objects": len(objects)},
        "files": files,
        "objects": objects,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def manifest_digest(target: Path) -> str:
    return sha256_of(target / MANIFEST)[0]


# --- restore -----------------------------------------------------------------------------------------------


def read_manifest(source: Path, expected_digest: str | None = None) -> dict[str, Any]:
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} 中没有 {MANIFEST}：不是完整的备份（no manifest: an unfinished backup?）")
    if expected_digest and manifest_digest(source) != expected_digest.lower():
        raise BackupError(f"{MANIFEST} 的 SHA-256 与备份时记录的不符，清单可能被改动（manifest hash mismatch）")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{MANIFEST} 无法读取：{exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format') if isinstance(manifest, dict) else '?'}")
    return manifest


def verify_backup(source: Path, manifest: dict[str, Any]) -> list[str]:
    """Every file the manifest lists, re-hashed: the problems, each naming its file (empty when all match)."""
    problems: list[str] = []
    for entry in [*manifest.get("files", []), *manifest.get("objects", [])]:
        relative = str(entry.get("path", ""))
        try:
            path = inside(source, relative)
        except BackupError as exc:
            problems.append(str(exc))
            continue
        if not path.is_file():
            problems.append(f"缺少文件：{relative}（missing）")
            continue
        digest, size = sha256_of(path)
        if digest != entry.get("sha256") or size != entry.get("size"):
            problems.append(
                f"文件与清单不符：{relative}（SHA-256 {digest}，{size} 字节；"
                f"清单 {entry.get('sha256')}，{entry.get('size')} 字节）"
            )
    return problems


def restore(
    source: Path,
    *,
    force: bool = False,
    say: Callable[[str], None] = lambda _m: None,
    expected_digest: str | None = None,
) -> dict[str, Any]:
    """Check the backup, then restore the database and the objects into the configured ones."""
    source = source.resolve()
    manifest = read_manifest(source, expected_digest)
    say("校验备份文件的 SHA-256…")
    problems = verify_backup(source, manifest)
    if problems:
        raise BackupError("备份校验失败，未恢复任何数据（nothing restored）：\n" + "\n".join(problems))

    kind = engine()
    if manifest["database"]["engine"] != kind:
        raise BackupError(f"备份来自 {manifest['database']['engine']} 数据库，当前配置的是 {kind}（engine mismatch）")
    storage = get_storage()
    conflicts = _object_conflicts(storage, manifest["objects"])
    if conflicts and not force:
        raise BackupError(
            "目标存储中已有同名但内容不同的文件，拒绝覆盖（use a fresh bucket/folder）：\n" + "\n".join(conflicts[:20])
        )
    tables = user_tables()
    if tables and not force:
        raise BackupError(
            f"目标数据库已有 {len(tables)} 张表（例如 {', '.join(tables[:3])}），拒绝恢复：恢复会与现有数据混在一起。"
            "请恢复到新建的空数据库（createdb），或确认要以备份替换全部现有数据后加 --force。"
            f"(target database is not empty: {len(tables)} tables; use an empty database or --force to replace it)"
        )

    say("恢复对象存储中的文件…")
    storage.ensure_bucket()
    restored = 0
    for entry in manifest["objects"]:
        name = entry["name"]
        if storage.exists(name):
            if storage.stat(name).sha256 == entry["sha256"]:
                continue  # already there, same content (a restore run again)
            if not force:
                raise BackupError(f"目标存储中已有 {name}，内容不同（object exists with other content）")
            storage.delete(name)
        with inside(source, entry["path"]).open("rb") as handle:
            stored = storage.save_stream(
                name,
                handle,
                content_type=entry.get("content_type"),
                metadata=entry.get("metadata") or {},
                length=entry["size"],
            )
        if stored.name != name or stored.sha256 != entry["sha256"]:
            raise BackupError(f"恢复 {name} 后校验不符（stored as {stored.name}, SHA-256 {stored.sha256}）")
        restored += 1

    # The database last, in one transaction: a failure before or during it leaves the target database empty,
    # and a second run skips the objects already restored (same name, same SHA-256).
    dump = inside(source, manifest["database"]["file"])
    say("恢复数据库…")
    if kind == "postgresql":
        command = [pg_tool("pg_restore"), "--no-password", "--no-owner", "--exit-on-error", "--single-transaction"]
        if tables:  # --force: drop what the backup holds, then create it again
            command += ["--clean", "--if-exists"]
        run_tool([*command, f"--dbname={connection.settings_dict['NAME']}", str(dump)])
    else:
        _restore_sqlite(dump)
    connection.close()  # the next query sees the restored database

    migrations = applied_migrations()
    if migrations != manifest["database"]["migrations"]:
        raise BackupError("恢复后的迁移记录与备份清单不符（migration state differs from the manifest）")
    return {"objects": restored, "files": len(manifest["objects"]), "manifest": manifest}


def _object_conflicts(storage: ObjectStorage, objects: list[dict[str, Any]]) -> list[str]:
    conflicts = []
    for entry in objects:
        name = entry["name"]
        if storage.exists(name) and storage.stat(name).sha256 != entry["sha256"]:
            conflicts.append(name)
    return conflicts


def _restore_sqlite(dump: Path) -> None:
    target = str(settings.DATABASES["default"]["NAME"])
    connection.close()
    source = sqlite3.connect(str(dump))
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
    finally:
        copy.close()
        source.close()
