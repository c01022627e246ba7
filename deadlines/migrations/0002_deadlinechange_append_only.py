"""DeadlineChange is append-only: every move of a stored last day stays on record as written."""

from django.db import migrations

from kernel.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]
    operations = [append_only("deadlines_deadlinechange", "期限变更记录")]
