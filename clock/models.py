"""The holiday table: which years are known, and the days that differ from the weekday rule.

A day not in the table is a working day Monday to Friday and a rest day on Saturday and
Sunday. A year is *known* only when its ``CalendarYear`` row exists; days in unknown years
are counted on weekdays and the result is marked provisional (STACK.md).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from .choices import DayKind

# The State Council has published holiday notices since the 1999 holiday rules; a typo
# such as 20027 must not create a year nobody will ever reach.
FIRST_YEAR = 1999
LAST_YEAR = 2100


class CalendarYear(models.Model):
    """一个年度的节假日安排 (one State Council notice, or the seed package)."""

    year = models.PositiveSmallIntegerField(
        "年度",
        unique=True,
        validators=[
            MinValueValidator(FIRST_YEAR, message=f"年度不得早于{FIRST_YEAR}年。"),
            MaxValueValidator(LAST_YEAR, message=f"年度不得晚于{LAST_YEAR}年。"),
        ],
        error_messages={"unique": "该年度的节假日安排已登记。"},
    )
    source = models.CharField(
        "来源",
        max_length=300,
        help_text="例如：国务院办公厅关于2027年部分节假日安排的通知，或 chinese_calendar 1.11.0",
    )
    notice_reference = models.CharField("通知文号", max_length=100, blank=True, help_text="例如：国办发明电〔2026〕X号")
    entered_at = models.DateTimeField("登记时间", default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"
        ordering = ("-year",)

    def __str__(self) -> str:
        return f"{self.year}年"


# A year's notice may also move days at the end of the year before: 元旦 with its make-up days, e.g.
# the 2019 notice (国办发明电〔2018〕15号) made Saturday 2018-12-29 a working day and 2018-12-31 a holiday.
SPILL_FROM_DAY = 20  # 12月20日 of the year before


def in_notice_year(day: datetime.date, year: int) -> bool:
    """Whether the notice for ``year`` may list ``day``: a day of that year, or of the last days of the
    year before (its 元旦 arrangement)."""
    return day.year == year or (day.year == year - 1 and day.month == 12 and day.day >= SPILL_FROM_DAY)


def next_notice_may_move(day: datetime.date) -> bool:
    """Whether the next year's notice may still move ``day`` (the last days of December)."""
    return day.month == 12 and day.day >= SPILL_FROM_DAY


class CalendarDay(models.Model):
    """One day that departs from the weekday rule: a holiday, or a make-up working day (调休)."""

    date = models.DateField("日期", unique=True, error_messages={"unique": "该日期已登记，同一天只能登记一次。"})
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日名称", max_length=60, blank=True, help_text="例如：国庆节")
    year = models.ForeignKey(CalendarYear, verbose_name="年度", on_delete=models.CASCADE, related_name="days")

    class Meta:
        verbose_name = "节假日与调休日"
        verbose_name_plural = "节假日与调休日"
        ordering = ("date",)

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}{f'（{self.name}）' if self.name else ''}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date is not None:
            year = self._year_number()
            if year is not None and not in_notice_year(self.date, year):
                errors["date"] = (
                    f"日期 {self.date} 不在所属年度（{year}年）内"
                    f"（元旦调休可含上一年12月{SPILL_FROM_DAY}日以后的日期）。"
                )
            # Only a weekend day can be made a working day; weekdays already are (国务院 调休 notices).
            if self.kind == DayKind.WORKDAY and self.date.weekday() < 5:
                errors["kind"] = f"调休上班日应为星期六或星期日，{self.date} 是工作日。"
        if errors:
            raise ValidationError(errors)

    def _year_number(self) -> int | None:
        # An admin inline validates days before a new year is saved: read the number off the
        # attached (possibly unsaved) year rather than querying by id.
        try:
            return self.year.year
        except CalendarYear.DoesNotExist:
            return None
