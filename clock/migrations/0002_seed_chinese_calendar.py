"""Seed the holiday table with every year chinese_calendar knows (2004–2026 in 1.11.0).

The same function backs ``manage.py seed_calendar``, so a fresh database and a re-seed agree.
"""

from django.db import migrations

from clock.seed import seed_from_chinese_calendar


def seed(apps, schema_editor):
    seed_from_chinese_calendar(
        year_model=apps.get_model("clock", "CalendarYear"),
        day_model=apps.get_model("clock", "CalendarDay"),
    )


class Migration(migrations.Migration):
    dependencies = [("clock", "0001_initial")]

    # Reversing keeps the rows: 0001's reversal drops the tables anyway.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
