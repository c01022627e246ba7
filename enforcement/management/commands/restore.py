"""``manage.py restore <dir>``: check a backup, restore it into the configured database and storage, verify."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from enforcement.backup import BackupError, restore
from security.audit import record_security_event
from security.choices import SecurityEventKind


class Command(BaseCommand):
    help = (
        "从备份恢复：先校验清单中每个文件的 SHA-256，再恢复对象存储与数据库（须为空库），最后运行 verify_integrity。"
        " Restore a backup into an empty database and storage, then verify."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path, help="backup 命令写出的目录")
        parser.add_argument(
            "--force",
            action="store_true",
            help="目标数据库已有数据时，删除备份中包含的表并以备份替换（不可撤销）。Replace a non-empty target.",
        )
        parser.add_argument("--manifest-sha256", help="备份时输出的 manifest.json SHA-256，用于确认清单未被改动")
        parser.add_argument("--skip-verify", action="store_true", help="恢复后不运行 verify_integrity")

    def handle(
        self, *args, directory: Path, force: bool, manifest_sha256: str | None, skip_verify: bool, **options
    ) -> None:
        try:
            result = restore(directory, force=force, say=self.stdout.write, expected_digest=manifest_sha256)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result["manifest"]
        self.stdout.write(
            self.style.SUCCESS(
                f"已恢复 {directory}（备份于 {manifest['created_at']}，版本 {manifest['app_version']}；"
                f"数据库 {manifest['database']['engine']}，{result['files']} 个文件，"
                f"本次写入 {result['objects']} 个）。"
            )
        )
        # 等保 2.0 8.1.4.11: the restored system's security log says what it was restored from.
        record_security_event(
            SecurityEventKind.BACKUP_RESTORED,
            username="manage.py restore",
            directory=str(directory.resolve()),
            backed_up_at=manifest["created_at"],
            app_version=manifest["app_version"],
            files=result["files"],
        )
        if not skip_verify:
            call_command("verify_integrity", stdout=self.stdout, stderr=self.stderr)
