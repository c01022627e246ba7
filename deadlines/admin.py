"""Deadlines in the admin: read only (written by the engine and the head's approvals), with the
recount action; the agency's deadline figures are edited here."""

from __future__ import annotations

from django.contrib import admin, messages

from kernel.readonly_admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Deadline, DeadlineChange, DeadlineExtension, DeadlinePolicy, DeadlineSuspension, Notification
from .services.recompute import recompute_ids, recompute_year


class SuspensionInline(ReadOnlyInline):
    model = DeadlineSuspension
    fields = readonly_fields = ("starts_on", "ends_on", "reason", "legal_basis", "approved_by", "recorded_at")


class ExtensionInline(ReadOnlyInline):
    model = DeadlineExtension
    fields = readonly_fields = (
        "days",
        "new_due_on",
        "previous_due_on",
        "reason",
        "by_collective_discussion",
        "approved_by",
        "approved_at",
    )


class ChangeInline(ReadOnlyInline):
    model = DeadlineChange
    fields = readonly_fields = (
        "changed_at",
        "old_due_on",
        "new_due_on",
        "old_provisional",
        "new_provisional",
        "reason",
        "note",
    )


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["case", "label", "starts_on", "due_on", "provisional", "outcome", "met_on", "reminded_level"]
    list_filter = ["kind", "outcome", "provisional", "watched", "case__agency"]
    search_fields = ["case__number", "case__title", "label"]
    date_hierarchy = "due_on"
    list_select_related = ["case"]
    inlines = [SuspensionInline, ExtensionInline, ChangeInline]
    actions = ["recount_selected", "recount_provisional"]

    @admin.action(description="按现行节假日安排重新计算所选期限")
    def recount_selected(self, request, queryset) -> None:
        changes = recompute_ids(list(queryset.values_list("pk", flat=True)), actor=request.user, note="管理员重新计算")
        self.message_user(request, f"已重新计算，{len(changes)} 项期限发生变化。", messages.SUCCESS)

    @admin.action(description="重新计算全部暂定期限（节假日安排公布后）")
    def recount_provisional(self, request, queryset) -> None:
        changes = recompute_year(actor=request.user)
        self.message_user(request, f"已重新计算全部暂定期限，{len(changes)} 项发生变化。", messages.SUCCESS)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "level", "case", "due_on", "read_at", "emailed_at"]
    list_filter = ["level"]
    list_select_related = ["recipient", "case"]


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = [
        "agency",
        "lead_verification_working_days",
        "case_time_limit_extension_days",
        "approaching_working_days",
    ]
    list_select_related = ["agency"]
