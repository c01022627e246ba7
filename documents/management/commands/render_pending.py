"""``manage.py render_pending``: render the documents stuck before "已生成", once or as a loop.

The same sweep as the Celery beat task and the background loop of the embedded default (documents/background.py),
run in this process: useful without a broker outside ``runserver`` (e.g. beside gunicorn) and for an operator.
"""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections

from documents.services import render_pending


class Command(BaseCommand):
    help = "生成卡在“待生成”“正在生成”或暂时性“生成失败”的文书PDF。Render documents stuck before rendered."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", action="store_true", help="持续运行，每隔 DOCUMENTS_RENDER_LOOP_SECONDS 秒检查")

    def handle(self, *args, loop: bool, **options) -> None:
        while True:
            rendered = render_pending(grace=datetime.timedelta(0))
            if rendered or not loop:
                self.stdout.write(f"已生成 {rendered} 份文书。")
            if not loop:
                return
            connections.close_all()
            time.sleep(settings.DOCUMENTS_RENDER_LOOP_SECONDS)
