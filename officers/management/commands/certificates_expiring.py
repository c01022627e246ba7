from django.core.management.base import BaseCommand

from officers.models import Agency
from officers.selectors import certificates_expiring_within


class Command(BaseCommand):
    help = "列出在指定天数内到期的有效行政执法证。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=None, help="天数（默认取 CERTIFICATE_EXPIRY_WARNING_DAYS）")
        parser.add_argument("--agency", default=None, help="执法主体简称，如“包市监”")

    def handle(self, *args, days=None, agency=None, **options) -> None:
        scope = Agency.objects.get(short_name=agency) if agency else None
        rows = certificates_expiring_within(days, agency=scope)
        for cert in rows:
            self.stdout.write(
                f"{cert.valid_to:%Y-%m-%d}  {cert.number}  {cert.officer.name}  {cert.officer.agency.short_name}"
            )
        self.stdout.write(f"共 {rows.count()} 张。")
