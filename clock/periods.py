"""The one place that counts days: statutory periods over the holiday table.

Every function reads the table through ``_Table`` — one query for the known years and one
for the table's days in a generous window, extended only if the count walks past it.
Days in a year the table does not know are classified by weekday (Monday–Friday working)
and make the result ``provisional``; nothing here raises for an unknown year (STACK.md). So do the
last days of December while the next year is unknown: its notice's 元旦 arrangement may move them.

Dates the law counts are local dates in Asia/Shanghai; pass ``datetime.date``, never a
``datetime`` (a UTC datetime's date can be the day before).

Every computation stays inside ``datetime``'s range: a start outside ``[FIRST_DATE, LAST_DATE]`` or a count over
``MAX_COUNT`` days (``MAX_YEARS`` years) is refused with :class:`DateOutOfRange` — a clear error, never an
``OverflowError`` near ``date.max``, never a period that silently wraps or disappears. The dates people enter are
kept to a much narrower range before they get here (``kernel.validators.validate_date_in_range``).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from .choices import DayKind
from .models import CalendarDay, CalendarYear, next_notice_may_move

ONE_DAY = datetime.timedelta(days=1)
# The longest run of days off is the Spring Festival break (9 days in 2026) plus weekends:
# a month beyond the nominal end covers any real count without a second query.
_SLACK = datetime.timedelta(days=31)

# The range the clock computes in: every period the law sets (at most a few years) from any of these dates ends
# well before ``datetime.date.max``.
FIRST_DATE = datetime.date(1900, 1, 1)
LAST_DATE = datetime.date(9000, 12, 31)
MAX_YEARS = 100
MAX_COUNT = 366 * MAX_YEARS


class DateOutOfRange(ValueError):
    """A statutory period asked of a date (or for a length) the clock does not compute."""


@dataclass(frozen=True)
class Due:
    """The last day of a period, and whether it rests on a year the table does not know yet."""

    date: datetime.date
    provisional: bool


@dataclass(frozen=True)
class DayStatus:
    """Whether a day is a working day, and whether that is only a weekday guess."""

    working: bool
    provisional: bool

    def __bool__(self) -> bool:
        # ``if is_working_day(d):`` would always be true for a non-empty object: make the mistake loud.
        raise TypeError("DayStatus has no truth value: use .working (and .provisional)")


@dataclass(frozen=True)
class WorkingDayCount:
    """Working days between two dates (negative when the end lies before the start)."""

    days: int
    provisional: bool


class _Table:
    """The holiday table over ``[first, last]``, loaded in two queries and extended forward on demand."""

    def __init__(self, first: datetime.date, last: datetime.date) -> None:
        self._first = first
        self._last = first - ONE_DAY
        self._known: set[int] = set()
        self._kinds: dict[datetime.date, str] = {}
        self._load_until(last)

    def _load_until(self, last: datetime.date) -> None:
        first = self._last + ONE_DAY
        # The year after too: its notice may move the last days of December (``next_notice_may_move``).
        years = (first.year, last.year + 1)
        known = set(CalendarYear.objects.filter(year__range=years).values_list("year", flat=True))
        if known:  # no known year in the window: no day row can matter
            self._kinds.update(CalendarDay.objects.filter(date__range=(first, last)).values_list("date", "kind"))
        self._known |= known
        self._last = last

    @property
    def first(self) -> datetime.date:
        return self._first

    def status(self, day: datetime.date) -> DayStatus:
        if day < self._first:
            raise ValueError(f"{day} lies before the loaded window starting {self._first}")
        if day > self._last:
            # Walked past the window: load at least another month beyond the day asked for.
            self._load_until(day + max(self._last - self._first, _SLACK))
        weekday = day.weekday() < 5
        if day.year not in self._known:
            return DayStatus(working=weekday, provisional=True)
        # The next year's 元旦 arrangement may still move the last days of December.
        unsettled = next_notice_may_move(day) and day.year + 1 not in self._known
        kind = self._kinds.get(day)
        if kind == DayKind.WORKDAY:
            return DayStatus(working=True, provisional=unsettled)
        if kind == DayKind.HOLIDAY:
            return DayStatus(working=False, provisional=unsettled)
        return DayStatus(working=weekday, provisional=unsettled)

    def next_working_day(self, day: datetime.date) -> Due:
        """``day`` itself when it is a working day, else the first working day after it."""
        provisional = False
        while True:
            status = self.status(day)
            provisional = provisional or status.provisional
            if status.working:
                return Due(date=day, provisional=provisional)
            day += ONE_DAY


_preloaded: ContextVar[_Table | None] = ContextVar("clock_preloaded_table", default=None)


@contextlib.contextmanager
def preloaded(first: datetime.date, last: datetime.date) -> Iterator[None]:
    """Count many periods from ``first`` on over one reading of the table (a page listing many
    deadlines). Only for reads: a year entered inside the block is not seen by it. Inside an outer block
    that already starts early enough, the outer reading serves (it extends forward by itself)."""
    # A reading only: clamped to the range the clock computes in (a date stored out of it is refused by the
    # computation that asks for it, not by the page that preloads around it).
    first, last = min(max(first, FIRST_DATE), LAST_DATE), max(min(last, LAST_DATE), FIRST_DATE)
    outer = _preloaded.get()
    if outer is not None and outer.first <= first:
        yield
        return
    token = _preloaded.set(_Table(first, last))
    try:
        yield
    finally:
        _preloaded.reset(token)


def preloaded_around(today: datetime.date, days: Iterable[datetime.date]) -> contextlib.AbstractContextManager[None]:
    """``preloaded`` over ``today`` and ``days`` (the last days of a list of deadlines)."""
    span = [today, *days]
    return preloaded(min(span), max(span) + ONE_DAY)


def _table(first: datetime.date, last: datetime.date) -> _Table:
    """The preloaded table when it starts early enough (it extends forward by itself), else a new one."""
    table = _preloaded.get()
    if table is not None and table.first <= first:
        return table
    return _Table(first, last)


def _check_date(day: datetime.date) -> None:
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise TypeError(f"expected a local datetime.date, got {type(day).__name__}")
    if not FIRST_DATE <= day <= LAST_DATE:
        raise DateOutOfRange(f"日期{day.isoformat()}超出法定期限的计算范围（{FIRST_DATE}至{LAST_DATE}）。")


def _check_count(n: int, *, minimum: int, maximum: int = MAX_COUNT) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or n < minimum:
        raise ValueError(f"a period needs a whole number of at least {minimum}, got {n!r}")
    if n > maximum:
        raise DateOutOfRange(f"期限长度{n}超出计算范围（至多{maximum}）。")


def is_working_day(day: datetime.date) -> DayStatus:
    """Whether ``day`` is a working day: a weekday that is not a holiday, or a make-up working day."""
    _check_date(day)
    return _table(day, day).status(day)


def add_working_days(start: datetime.date, n: int) -> Due:
    """The n-th working day after ``start`` (counting begins the next day).

    行政处罚法 第八十五条: periods of 2, 3, 5 and 7 days are working days; 行政强制法 第六十九条:
    periods of 10 days or less; 行政复议法 第八十八条: 3, 5, 7 and 10 days.
    """
    _check_date(start)
    _check_count(n, minimum=1)
    # Two calendar days per working day plus a month absorbs the longest break in one load.
    table = _table(start + ONE_DAY, start + datetime.timedelta(days=2 * n) + _SLACK)
    day, counted, provisional = start, 0, False
    while counted < n:
        day += ONE_DAY
        status = table.status(day)
        provisional = provisional or status.provisional
        if status.working:
            counted += 1
    return Due(date=day, provisional=provisional)


def _end_on(last_day: datetime.date, *, roll: bool) -> Due:
    if not roll:
        return Due(date=last_day, provisional=False)
    # 民事诉讼法 第八十五条 (applied by 行政复议法 第八十八条): a period whose last day is a
    # statutory holiday or rest day ends on the first working day after it.
    return _table(last_day, last_day + _SLACK).next_working_day(last_day)


def add_calendar_days(start: datetime.date, n: int, *, roll: bool = True) -> Due:
    """``start + n`` days, counted from the day after ``start``; rolled to a working day when ``roll``."""
    _check_date(start)
    _check_count(n, minimum=0)
    return _end_on(start + datetime.timedelta(days=n), roll=roll)


def _shift_months(day: datetime.date, months: int) -> datetime.date:
    # A period in months ends on the same-numbered day, or the month's last day when there is none.
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return datetime.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def add_months(start: datetime.date, n: int, *, roll: bool = True) -> Due:
    """The same-numbered day ``n`` months after ``start`` (or that month's last day); rolled when ``roll``."""
    _check_date(start)
    _check_count(n, minimum=0, maximum=12 * MAX_YEARS)
    return _end_on(_shift_months(start, n), roll=roll)


def add_years(start: datetime.date, n: int, *, roll: bool = False) -> Due:
    """The same-numbered day ``n`` years after ``start`` (28 February for 29 February).

    No roll by default: 行政处罚法 第三十六条's limitation period (2 or 5 years) bars a penalty
    once it has run, and nothing in the law extends it over a holiday.
    """
    _check_date(start)
    _check_count(n, minimum=0, maximum=MAX_YEARS)
    return _end_on(_shift_months(start, 12 * n), roll=roll)


def working_days_between(start: datetime.date, end: datetime.date) -> WorkingDayCount:
    """Working days after ``start`` up to and including ``end`` ("N working days left").

    When ``end`` lies before ``start`` the count is negative: the working days after ``end``
    up to and including ``start`` ("N working days overdue"). Equal dates give 0.
    """
    _check_date(start)
    _check_date(end)
    sign, first, last = (1, start, end) if end >= start else (-1, end, start)
    if first == last:
        return WorkingDayCount(days=0, provisional=False)
    table = _table(first + ONE_DAY, last)
    days, provisional, day = 0, False, first
    while day < last:
        day += ONE_DAY
        status = table.status(day)
        if status.working:
            days += 1
        provisional = provisional or status.provisional
    return WorkingDayCount(days=sign * days, provisional=provisional)


def add_hours(start: datetime.datetime, n: int) -> datetime.datetime:
    """``start`` plus ``n`` elapsed hours, in ``start``'s time zone (e.g. the 24-hour referral step).

    Computed in UTC so the result is elapsed time, not wall-clock arithmetic.
    """
    if not isinstance(start, datetime.datetime) or start.utcoffset() is None:
        raise ValueError("add_hours needs an aware datetime")
    _check_count(n, minimum=0)
    return (start.astimezone(datetime.UTC) + datetime.timedelta(hours=n)).astimezone(start.tzinfo)
