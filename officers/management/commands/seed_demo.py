from django.core.management.base import BaseCommand
from django.db import transaction

from documents.demo import seed_document_settings
from matters.services import seed_catalogue
from officers.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "创建或刷新演示数据（可重复执行）：执法主体、人员、执法证、权责清单。"

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            accounts = seed_demo()
            matters = seed_catalogue()
            seed_document_settings()
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪：{len(matters)} 个执法事项，{len(accounts)} 个账号。"))
        self.stdout.write(f"所有演示账号的密码 / shared demo password: {DEMO_PASSWORD}")
        self.stdout.write(f"  {'admin':<12} 系统管理员（/admin/）")
        for account in accounts:
            self.stdout.write(f"  {account.username:<12} {account.name}  {account.agency}  {account.description}")
