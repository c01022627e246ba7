"""InterferenceRecord is append-only: the database refuses UPDATE and DELETE on it.

《领导干部干预司法活动、插手具体案件处理的记录、通报和责任追究规定》: the record must stay
as written, so not even a database session of the application can change or remove it.
"""

from django.db import migrations

from kernel.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]
    operations = [append_only("supervision_interferencerecord", "干预记录")]
