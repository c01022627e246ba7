"""``manage.py backup <dir>``: the database and every stored object, with a manifest of hashes.

The work is in enforcement/backup.py; docs/deployment.md "Backup and restore" says when and where."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from enforcement.backup import BackupError, backup, manifest_digest
from security.audit import record_security_event
from security.choices import SecurityEventKind


class Command(BaseCommand):
    help = (
        "备份数据库与对象存储中的全部文件到一个新目录，附带 SHA-256 清单。Back up the database and all stored objects."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path, help="备份目录（不存在或为空）")

    def handle(self, *args, directory: Path, **options) -> None:
        try:
            manifest = backup(directory, say=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{directory}（数据库 {manifest['database']['engine']}，{len(manifest['objects'])} 个文件）。"
            )
        )
        # Record this beside the backup (e.g. in the backup log): restore --manifest-sha256 checks it.
        digest = manifest_digest(directory.resolve())
        self.stdout.write(f"manifest.json SHA-256: {digest}")
        # 等保 2.0 8.1.4.11 数据备份恢复: the live system's security log says when, where and what was backed up.
        record_security_event(
            SecurityEventKind.BACKUP_TAKEN,
            username="manage.py backup",
            directory=str(directory.resolve()),
            manifest_sha256=digest,
            objects=len(manifest["objects"]),
        )
