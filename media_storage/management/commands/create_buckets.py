"""``manage.py create_buckets``: create the bucket (or local folder) of every storage that has one."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from media_storage.exceptions import StorageError


class Command(BaseCommand):
    help = "创建对象存储的存储桶（本地模式下为目录），已存在则不改动。Create storage buckets (idempotent)."

    def handle(self, *args, **options) -> None:
        for alias in settings.STORAGES:
            storage = storages[alias]
            ensure_bucket = getattr(storage, "ensure_bucket", None)
            if ensure_bucket is None:
                continue
            where = storage.describe() if hasattr(storage, "describe") else alias
            try:
                created = ensure_bucket()
            except StorageError as exc:
                raise CommandError(f"{exc}（{alias}: {where}）Storage unavailable: {exc.code}") from exc
            if created:
                self.stdout.write(self.style.SUCCESS(f"已创建存储桶 {where}（created）"))
            else:
                self.stdout.write(f"存储桶已存在 {where}（already exists）")
