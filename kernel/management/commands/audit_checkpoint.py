from django.core.management.base import BaseCommand, CommandError

from kernel.checkpoint import CheckpointError, write_checkpoint


class Command(BaseCommand):
    help = "写入审计表的签名检查点（数据库与对象存储各一份）；审计记录与上一个检查点不符时拒绝写入。"

    def handle(self, *args, **options) -> None:
        try:
            signed = write_checkpoint()
        except CheckpointError as error:
            raise CommandError(str(error)) from error
        data = signed.data
        self.stdout.write(
            self.style.SUCCESS(
                f"已写入第 {signed.number} 号审计检查点：{len(data['cases'])} 个案件，{len(data['tables'])} 张审计表。"
            )
        )
