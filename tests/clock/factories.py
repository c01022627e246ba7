from __future__ import annotations

import datetime

import factory

from clock.choices import DayKind
from clock.models import CalendarDay, CalendarYear

# The seeded table knows 2004–2026: factories work in years nobody has entered.
UNKNOWN_YEAR = 2031


class CalendarYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarYear
        django_get_or_create = ("year",)

    year = UNKNOWN_YEAR
    source = "国务院办公厅关于2031年部分节假日安排的通知（测试）"


class CalendarDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarDay

    year = factory.SubFactory(CalendarYearFactory)
    date = factory.LazyAttribute(lambda o: datetime.date(o.year.year, 1, 1))
    kind = DayKind.HOLIDAY
    name = "元旦"
