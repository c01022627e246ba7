"""Interference records in the admin: read only. They are written through the service and never
changed or deleted (append-only), and the person a record names never sees it here either."""

from __future__ import annotations

from django.contrib import admin

from kernel.readonly_admin import ReadOnlyAdmin

from .models import InterferenceRecord


@admin.register(InterferenceRecord)
class InterferenceRecordAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "agency", "intervener_name", "manner", "case", "recorded_by", "recorded_at"]
    list_filter = ["agency", "manner"]
    date_hierarchy = "occurred_at"
    list_select_related = ["agency", "case", "recorded_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(intervener_officer__user=request.user)
