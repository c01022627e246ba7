"""Read-only views of cases for administrators: every write goes through the services
(pages, API), so the admin can never bypass a guard or the event chain."""

from __future__ import annotations

from django.contrib import admin

from kernel.readonly_admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Case,
    CaseEvent,
    CaseHandler,
    Evidence,
    ExecutionAgreement,
    ExecutionSuspension,
    ExecutionTermination,
    JurisdictionDesignation,
    Party,
    PartyStatement,
    RecusalApplication,
    Seizure,
)


class HandlerInline(ReadOnlyInline):
    model = CaseHandler
    fields = readonly_fields = ("officer", "role", "assigned_at", "recused_at", "recusal_reason")


class RecusalApplicationInline(ReadOnlyInline):
    """回避申请 (行政处罚法 第四十三条), pending and decided."""

    model = RecusalApplication
    fields = readonly_fields = (
        "officer", "applicant", "party", "applied_on", "grounds", "decision", "decision_reasons", "decided_by",
    )  # fmt: skip


class DesignationInline(ReadOnlyInline):
    """指定管辖 (行政处罚法 第二十五条第二款)."""

    model = JurisdictionDesignation
    fields = readonly_fields = ("designated_by", "reference", "designated_on", "reason")


class PartyInline(ReadOnlyInline):
    model = Party
    fields = ["kind", "name", "masked_identifier"]
    readonly_fields = ["masked_identifier"]

    @admin.display(description="证件号码（脱敏）")
    def masked_identifier(self, party: Party) -> str:
        return party.masked_identifier


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["display_number", "title", "agency", "status", "procedure", "filed_on", "created_at"]
    list_filter = ["agency", "status", "procedure"]
    search_fields = ["number", "title"]
    date_hierarchy = "created_at"
    inlines = [HandlerInline, RecusalApplicationInline, PartyInline, DesignationInline]
    exclude = ["handlers"]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["case", "seq", "event_type", "name", "actor_name", "from_state", "to_state", "created_at"]
    list_filter = ["event_type"]
    search_fields = ["case__number", "name"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "case", "kind", "content_type", "size", "sha256", "uploaded_at", "superseded_at"]
    list_filter = ["kind"]
    search_fields = ["title", "case__number", "sha256"]


@admin.register(Seizure)
class SeizureAdmin(ReadOnlyAdmin):
    list_display = ["case", "measure", "seized_on", "emergency", "approved_by", "ended", "decided_on"]
    list_filter = ["measure", "ended", "emergency"]
    search_fields = ["case__number", "items"]


# --- the agency's own execution (行政强制法 第三十六条、第三十九条至第四十二条): records written by the services ----


@admin.register(PartyStatement)
class PartyStatementAdmin(ReadOnlyAdmin):
    """催告后的陈述、申辩 and its 复核 (第三十六条)."""

    list_display = ["case", "reminder", "received_on", "review", "reviewed_on", "reviewed_by"]
    list_filter = ["review"]
    search_fields = ["case__number", "content"]


@admin.register(ExecutionSuspension)
class ExecutionSuspensionAdmin(ReadOnlyAdmin):
    """中止执行 and its resumption (第三十九条)."""

    list_display = ["case", "ground", "suspended_on", "resumed_on"]
    list_filter = ["ground"]
    search_fields = ["case__number", "facts"]


@admin.register(ExecutionTermination)
class ExecutionTerminationAdmin(ReadOnlyAdmin):
    """终结执行 (第四十条; 第三十九条第二款)."""

    list_display = ["case", "ground", "terminated_on", "suspension"]
    list_filter = ["ground"]
    search_fields = ["case__number", "facts"]


@admin.register(ExecutionAgreement)
class ExecutionAgreementAdmin(ReadOnlyAdmin):
    """执行协议 and its breach (第四十二条)."""

    list_display = ["case", "agreed_on", "surcharge_relief", "approved_by", "breached_on"]
    search_fields = ["case__number", "terms", "remedial_measures"]
