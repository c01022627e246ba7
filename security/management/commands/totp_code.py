from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from security.otp import confirmed_device, current_code


class Command(BaseCommand):
    help = "显示演示账号身份验证器当前的动态验证码（仅开发环境），如：manage.py totp_code head1"

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("生产环境不能显示动态验证码：请使用本人手机上的身份验证器。")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为 {username} 的账号。")
        device = confirmed_device(user)
        if device is None:
            raise CommandError(f"账号 {username} 尚未绑定身份验证器。")
        self.stdout.write(current_code(device))
