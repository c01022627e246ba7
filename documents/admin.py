"""执法文书 are read-only here (issued through the service, never edited); each agency's document
settings — the paying bank above all — are entered here (docs/documents.md)."""

from __future__ import annotations

from django.contrib import admin, messages

from kernel.readonly_admin import ReadOnlyAdmin
from officers.admin import AgencyAdmin

from .models import AgencyDocumentSettings, Document


@admin.register(AgencyDocumentSettings)
class AgencyDocumentSettingsAdmin(admin.ModelAdmin):
    list_display = ["agency", "fine_bank", "reconsideration_organ", "court"]
    search_fields = ["agency__name", "agency__short_name"]
    autocomplete_fields = ["agency"]


class AgencyDocumentSettingsInline(admin.StackedInline):
    """On the agency's own admin page: the bank, and the reconsideration organ and the court every decision names
    (行政处罚法 第五十九条第一款第五项) — without them no decision can be made."""

    model = AgencyDocumentSettings
    can_delete = False
    extra = 1
    max_num = 1


# ``officers`` cannot know this app (import layering): the inline joins its agency page from here.
AgencyAdmin.inlines = [*AgencyAdmin.inlines, AgencyDocumentSettingsInline]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "version", "case", "status", "issued_at", "issued_by_name", "sha256"]
    list_filter = ["kind", "status", "agency"]
    search_fields = ["number", "case__number", "sha256"]
    exclude = ["snapshot", "token"]  # the snapshot holds personal data; the token is the public key
    actions = ["render_again"]

    @admin.action(description="重新生成尚未生成的文书PDF（待生成、生成失败、卡在正在生成）")
    def render_again(self, request, queryset) -> None:
        from .services import requeue_documents

        queued = requeue_documents(list(queryset.values_list("pk", flat=True)))
        skipped = queryset.count() - queued
        message = f"已重新排队 {queued} 份文书。"
        if skipped:
            message += f"另有 {skipped} 份已生成，无需重新生成。"
        self.message_user(request, message, messages.SUCCESS)
