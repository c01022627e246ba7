from django.core.management.base import BaseCommand, CommandError

from cases.models import Evidence
from cases.services.evidence import verify_stored_evidence


class Command(BaseCommand):
    help = "重新读取对象存储中的证据文件，校验 SHA-256 与大小是否与登记一致。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--case", type=int, help="只校验指定案件的证据")

    def handle(self, *args, case=None, **options) -> None:
        items = Evidence.objects.order_by("pk")
        if case:
            items = items.filter(case_id=case)
        bad = 0
        for item in items.only("pk", "case_id").iterator():
            try:
                matches = verify_stored_evidence(evidence_id=item.pk)
            except Exception as exc:  # report and go on: one missing object must not hide the others
                bad += 1
                self.stderr.write(self.style.ERROR(f"证据 {item.pk}（案件 {item.case_id}）无法读取：{exc}"))
                continue
            if not matches:
                bad += 1
                self.stderr.write(
                    self.style.ERROR(f"证据 {item.pk}（案件 {item.case_id}）哈希或大小不符，文件可能被篡改。")
                )
        if bad:
            raise CommandError(f"{bad} 份证据校验失败。")
        self.stdout.write(self.style.SUCCESS(f"全部 {items.count()} 份证据校验一致。"))
