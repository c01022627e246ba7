"""The clock's signals: a year of the holiday table is changing, and changed.

Both are sent with ``sender=CalendarYear`` and ``year=<int>`` by ``clock.services.announce_year_changed`` (the admin
and ``clock.services`` call it): ``calendar_year_changing`` inside the transaction that creates, changes or deletes a
year or any of its days — the deadlines it touches are marked "recomputing" in that transaction — and
``calendar_year_changed`` after it commits, when they are recounted (STACK.md).
"""

from django.dispatch import Signal

calendar_year_changed = Signal()
# Sent inside the transaction that changes a year (before ``calendar_year_changed``): the deadlines it will move
# are marked "recomputing" in that same transaction.
calendar_year_changing = Signal()
