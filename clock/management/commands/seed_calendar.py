from django.core.management.base import BaseCommand

from clock.seed import SOURCE
from clock.services import seed_calendar


class Command(BaseCommand):
    help = "按 chinese_calendar 写入或刷新其已知年度的节假日与调休上班日（可重复执行；不覆盖管理员按通知登记的年度）。"

    def handle(self, *args, **options) -> None:
        changed = seed_calendar()
        if changed:
            years = "、".join(str(year) for year in changed)
            self.stdout.write(self.style.SUCCESS(f"已按 {SOURCE} 更新 {len(changed)} 个年度：{years}。"))
        else:
            self.stdout.write(f"节假日表已与 {SOURCE} 一致，无需更新。")
