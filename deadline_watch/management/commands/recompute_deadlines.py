"""manage.py recompute_deadlines [--year Y] [--replay [--case N]]

Recount the stored deadlines after a year of the holiday table was entered or corrected (the
``calendar_year_changed`` receiver does this by itself; the command is for operators), or
replay the case record to build the deadlines of cases recorded before the engine existed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from cases.models import Case, CaseEvent
from deadline_watch.openers import apply_event
from deadlines.services.recompute import recompute_year


class Command(BaseCommand):
    help = "重新计算暂定期限（或某一年度涉及的期限）；--replay 依案件事件补建期限。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="只重新计算涉及该年度的期限（默认：全部暂定期限）")
        parser.add_argument("--replay", action="store_true", help="按事件顺序重放案件记录，补建缺失的期限（幂等）")
        parser.add_argument("--case", type=int, help="与 --replay 一起：只重放该案件")

    def handle(self, *args, year: int | None = None, replay: bool = False, case: int | None = None, **options):
        if replay:
            cases = Case.objects.filter(pk=case) if case else Case.objects.all()
            for pk in cases.order_by("pk").values_list("pk", flat=True):
                with transaction.atomic():
                    Case.objects.select_for_update(of=("self",)).filter(pk=pk).first()
                    for event in CaseEvent.objects.filter(case_id=pk).select_related("case", "actor").order_by("seq"):
                        apply_event(event)
            self.stdout.write(f"已重放 {cases.count()} 个案件的事件。")
        changes = recompute_year(year=year)
        self.stdout.write(f"已重新计算，{len(changes)} 项期限发生变化。")
        for change in changes:
            self.stdout.write(f"  {change}")
