from django.core.management.base import BaseCommand

from matters.services import seed_catalogue


class Command(BaseCommand):
    help = "创建或更新权责清单示例事项、法律条款和示例裁量基准（可重复执行）。"

    def handle(self, *args, **options):
        matters = seed_catalogue()
        self.stdout.write(self.style.SUCCESS(f"权责清单事项 {len(matters)} 项已就绪。"))
