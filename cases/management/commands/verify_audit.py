from django.core.management.base import BaseCommand, CommandError

from cases.models import Case
from cases.services.events import verify_chain


class Command(BaseCommand):
    help = "校验每个案件事件哈希链，报告第一个断裂处。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--case", type=int, action="append", help="只校验指定案件（可重复）")

    def handle(self, *args, case=None, **options) -> None:
        ids = case or list(Case.objects.order_by("pk").values_list("pk", flat=True))
        broken = [link for link in (verify_chain(pk) for pk in ids) if link is not None]
        for link in broken:
            self.stderr.write(self.style.ERROR(str(link)))
        if broken:
            raise CommandError(f"{len(broken)} 个案件的事件链断裂（共校验 {len(ids)} 个）。")
        self.stdout.write(self.style.SUCCESS(f"全部 {len(ids)} 个案件的事件链完好。"))
