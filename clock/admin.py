"""Entering a year's holidays and make-up working days when the State Council publishes them.

Days are added and changed on their year's page, inline; the day list is for looking them
up (and deleting). Every save or delete announces ``calendar_year_changed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone

from .models import CalendarDay, CalendarYear
from .services import announce_year_changed

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

WEEKDAYS = "一二三四五六日"


class _DayTotal(TypedDict):
    day_total: int  # annotated by CalendarYearAdmin.get_queryset


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 3
    fields = ("date", "kind", "name")
    ordering = ("date",)


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "notice_reference", "day_count", "entered_at", "entered_by")
    search_fields = ("year", "source", "notice_reference")
    readonly_fields = ("entered_at", "entered_by")
    fields = ("year", "source", "notice_reference", "entered_at", "entered_by")
    inlines = (CalendarDayInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entered_by").annotate(day_total=Count("days"))

    @admin.display(description="登记天数", ordering="day_total")
    def day_count(self, obj: WithAnnotations[CalendarYear, _DayTotal]) -> int:
        return obj.day_total

    def get_readonly_fields(self, request, obj=None):
        # The year is the table's key for its days: correct a wrong year by deleting and re-entering.
        return (*self.readonly_fields, "year") if obj else self.readonly_fields

    def save_model(self, request, obj: CalendarYear, form, change: bool) -> None:
        obj.entered_at = timezone.now()
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        announce_year_changed(year=form.instance.year)

    def delete_model(self, request, obj: CalendarYear) -> None:
        year = obj.year
        super().delete_model(request, obj)
        announce_year_changed(year=year)

    def delete_queryset(self, request, queryset) -> None:
        years = list(queryset.values_list("year", flat=True))
        super().delete_queryset(request, queryset)
        for year in years:
            announce_year_changed(year=year)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "weekday", "kind", "name", "year")
    list_filter = ("year", "kind")
    search_fields = ("name",)
    date_hierarchy = "date"
    list_select_related = ("year",)

    @admin.display(description="星期")
    def weekday(self, obj: CalendarDay) -> str:
        return f"星期{WEEKDAYS[obj.date.weekday()]}"

    # Days are added and changed on their year's page; deleting stays allowed (deleting a year
    # cascades here) and is announced like any other change.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj: CalendarDay) -> None:
        super().delete_model(request, obj)
        announce_year_changed(year=obj.date.year)

    def delete_queryset(self, request, queryset) -> None:
        years = sorted(set(queryset.values_list("year__year", flat=True)))
        super().delete_queryset(request, queryset)
        for year in years:
            announce_year_changed(year=year)
