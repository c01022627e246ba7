from django.core.management.base import BaseCommand, CommandError

from kernel.checkpoint import CheckpointError, write_checkpoint


class Command(BaseCommand):
    help = "写入审计表的签名检查点（数据库与对象存储各一份）；审计记录与上一个检查点不符时拒绝写入。"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--accept",
            metavar="理由",
            default="",
            help="在调查之后接受与上一个检查点的不符之处并写入新检查点；不符之处与理由一并签名记录（仅在事件处置后使用）",
        )

    def handle(self, *args, accept="", **options) -> None:
        try:
            signed = write_checkpoint(accept_reason=accept)
        except CheckpointError as error:
            raise CommandError(str(error)) from error
        data = signed.data
        for finding in data.get("accepted", {}).get("findings", []):
            self.stderr.write(self.style.WARNING(f"已接受并记录：{finding}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"已写入第 {signed.number} 号审计检查点：{len(data['cases'])} 个案件，{len(data['tables'])} 张审计表。"
            )
        )
