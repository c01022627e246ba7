from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.demo import demo_cases, seed_demo_cases
from documents.demo import seed_document_settings
from kernel.rules import ActionRefused
from matters.services import seed_catalogue
from officers.demo import DEMO_PASSWORD, seed_demo
from security.demo import enrol_demo_devices

LISTED = 12


class Command(BaseCommand):
    help = "创建或刷新演示数据（可重复执行）：执法主体、人员、执法证、权责清单、演示案件。"

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            # The demo accounts share a published password (the superuser among them): never on a real system.
            raise CommandError("生产环境（DJANGO_ENV=production）不能创建演示数据：演示账号使用公开的演示密码。")
        with transaction.atomic():
            accounts = seed_demo()
            # The demo's second factors (development only, like the password): printed beside the accounts.
            totp = enrol_demo_devices(["admin", *(a.username for a in accounts)])
            matters = seed_catalogue()
            seed_document_settings()
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪：{len(matters)} 个执法事项，{len(accounts)} 个账号。"))
        self.stdout.write(f"所有演示账号的密码 / shared demo password: {DEMO_PASSWORD}")
        self.stdout.write(
            "TOTP 密钥：须双因素认证的账号（负责人、法制审核、听证主持、执法监督、管理员）把密钥加入身份验证器，"
            "或运行 manage.py totp_code <用户名> 查看当前验证码。"
        )
        self.stdout.write(f"  {'admin':<12} 系统管理员（/admin/）  TOTP {totp.get('admin', '')}")
        for account in accounts:
            secret = f"  TOTP {totp[account.username]}" if account.username in totp else ""
            self.stdout.write(
                f"  {account.username:<12} {account.name}  {account.agency}  {account.description}{secret}"
            )
        try:
            created = seed_demo_cases()  # all or nothing, in its own transaction
        except ActionRefused as refused:
            # A guard refusing a step on some day must not keep the system from starting with its accounts.
            details = "；".join(r.detail for r in refused.reasons)
            self.stderr.write(self.style.WARNING(f"演示案件未创建（没有留下任何部分）：{details}"))
            return
        # A second run lists what is there (make run seeds on every start), the first few only.
        cases = created or demo_cases()
        self.stdout.write(f"演示案件{'新建' if created else '已有（未重复创建）'}：{len(cases)} 件")
        for case in cases[:LISTED]:
            status, agency = case.get_status_display(), case.agency.short_name
            self.stdout.write(f"  {case.display_number}  {status}  {agency}  {case.title}")
        if len(cases) > LISTED:
            self.stdout.write(f"  ……另有 {len(cases) - LISTED} 件")
