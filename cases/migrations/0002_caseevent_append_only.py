"""CaseEvent is append-only: the database refuses UPDATE and DELETE on it (DESIGN.md, "the record")."""

from django.db import migrations

from kernel.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [append_only("cases_caseevent", "案件事件")]
