"""The clock's one signal: a year of the holiday table changed.

``calendar_year_changed`` is sent with ``sender=CalendarYear`` and ``year=<int>`` after the
transaction that created, changed or deleted a year or any of its days commits — from the
admin and from ``clock.services``. Deadlines stored as provisional in that year listen to
it to be recomputed (STACK.md).
"""

from django.dispatch import Signal

calendar_year_changed = Signal()
