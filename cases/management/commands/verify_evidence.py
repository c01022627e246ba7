import hashlib

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.models import Evidence

CHUNK = 1024 * 1024


class Command(BaseCommand):
    help = "重新读取对象存储中的证据文件，校验 SHA-256 与大小是否与登记一致。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--case", type=int, help="只校验指定案件的证据")

    def handle(self, *args, case=None, **options) -> None:
        items = Evidence.objects.order_by("pk")
        if case:
            items = items.filter(case_id=case)
        bad = 0
        for item in items.iterator():
            digest, size = hashlib.sha256(), 0
            try:
                with default_storage.open(item.storage_key, "rb") as handle:
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
            except Exception as exc:  # report and go on: one missing object must not hide the others
                bad += 1
                self.stderr.write(self.style.ERROR(f"证据 {item.pk}（案件 {item.case_id}）无法读取：{exc}"))
                continue
            if digest.hexdigest() != item.sha256 or size != item.size:
                bad += 1
                self.stderr.write(
                    self.style.ERROR(f"证据 {item.pk}（案件 {item.case_id}）哈希或大小不符，文件可能被篡改。")
                )
            else:
                Evidence.objects.filter(pk=item.pk).update(last_verified_at=timezone.now())
        if bad:
            raise CommandError(f"{bad} 份证据校验失败。")
        self.stdout.write(self.style.SUCCESS(f"全部 {items.count()} 份证据校验一致。"))
