"""``manage.py check_storage``: can this process reach the object storage with its credentials?"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from media_storage.exceptions import StorageError
from media_storage.storage import get_storage


class Command(BaseCommand):
    help = "检查对象存储是否可用（连接与凭据）。Check that the object storage answers with our credentials."

    def handle(self, *args, **options) -> None:
        storage = get_storage()
        where = storage.describe() if hasattr(storage, "describe") else type(storage).__name__
        try:
            storage.check_connection()
            bucket_exists = storage.bucket_exists() if hasattr(storage, "bucket_exists") else True
        except StorageError as exc:
            raise CommandError(f"{exc}（{where}）Storage check failed: {exc.code}") from exc
        self.stdout.write(self.style.SUCCESS(f"对象存储连接正常 {where}（storage OK）"))
        if not bucket_exists:
            self.stdout.write(self.style.WARNING("存储桶尚未创建，请运行 manage.py create_buckets（bucket missing）"))
