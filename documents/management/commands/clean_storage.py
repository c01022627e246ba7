"""``manage.py clean_storage``: abort abandoned multipart uploads and remove objects no record names."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from documents.orphans import clean_storage


class Command(BaseCommand):
    help = (
        "清理对象存储：中止未完成的分片上传，删除没有任何记录引用的文件（只限本系统的证据、送达回证、文书前缀，"
        "且早于宽限期）。Abort stale multipart uploads and remove objects no committed row names."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than-hours",
            type=int,
            default=settings.STORAGE_ORPHAN_GRACE_HOURS,
            help="宽限期（小时），默认 STORAGE_ORPHAN_GRACE_HOURS",
        )
        parser.add_argument("--dry-run", action="store_true", help="只列出将被清理的对象，不做任何删除")

    def handle(self, *args, older_than_hours: int, dry_run: bool, **options) -> None:
        if older_than_hours < 1:
            self.stderr.write("宽限期至少 1 小时（--older-than-hours）。")
            raise SystemExit(2)
        report = clean_storage(grace=datetime.timedelta(hours=older_than_hours), dry_run=dry_run)
        for key in report.removed:
            self.stdout.write(f"{'将删除' if dry_run else '已删除'} {key}")
        self.stdout.write(
            f"中止未完成上传 {report.aborted_uploads} 个；{'将删除' if dry_run else '已删除'}无引用对象 "
            f"{len(report.removed)} 个；仍被引用 {report.named} 个；宽限期内 {report.kept_recent} 个；"
            f"非本系统格式（未触碰）{report.foreign} 个。"
        )
