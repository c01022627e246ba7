"""``manage.py verify_integrity``: audit chains, evidence and stored documents, each against its record."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from enforcement.integrity import verify_integrity

TITLES = {"verify_audit": "审计链", "verify_evidence": "证据文件", "stored_files": "文书等已登记文件"}


class Command(BaseCommand):
    help = (
        "校验数据完整性（恢复后必做）：案件事件链、证据文件、文书 PDF 的 SHA-256。"
        " Verify audit chains, evidence and documents."
    )

    def handle(self, *args, **options) -> None:
        checks = verify_integrity()
        for check in checks:
            title = f"[{TITLES.get(check.name, check.name)}] "
            if check.ok:
                self.stdout.write(self.style.SUCCESS(title + (check.report or "通过")))
            else:
                self.stderr.write(self.style.ERROR(title + check.report))
                for problem in check.problems:
                    self.stderr.write(f"  - {problem}")
        failed = [TITLES.get(c.name, c.name) for c in checks if not c.ok]
        if failed:
            raise CommandError(f"完整性校验未通过：{'、'.join(failed)}。（integrity check failed）")
        self.stdout.write(self.style.SUCCESS("完整性校验通过。"))
