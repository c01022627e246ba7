from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import admin

from .choices import MultipleBase, PenaltyKind
from .models import Benchmark, BenchmarkTier, LegalProvision, Matter


def _amount(value: Decimal | None) -> str:
    return "0" if value is None else f"{value.normalize():f}"


def statutory_fine_text(matter: Matter) -> str:
    """“5000–50000元；货值金额10000元以上：5–10倍” — the statutory fine at a glance."""
    parts = []
    if matter.fine_max is not None:
        parts.append(f"{_amount(matter.fine_min)}–{_amount(matter.fine_max)}元")
    if matter.multiple_max is not None:
        base = MultipleBase(matter.multiple_base).label if matter.multiple_base else ""
        when = f"{base}{_amount(matter.multiple_applies_from)}元以上：" if matter.multiple_applies_from else base
        parts.append(f"{when}{_amount(matter.multiple_min)}–{_amount(matter.multiple_max)}倍")
    return "；".join(parts) or "—"


@admin.register(LegalProvision)
class LegalProvisionAdmin(admin.ModelAdmin):
    list_display = ("law", "article", "effective_date")
    list_filter = ("law",)
    search_fields = ("law", "article", "text")


class MatterForm(forms.ModelForm):
    penalty_kinds = forms.MultipleChoiceField(
        label="处罚种类", choices=PenaltyKind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Matter
        fields = (
            "code",
            "name",
            "domain",
            "agencies",
            "is_active",
            "description",
            "violated_provision",
            "penalty_provision",
            "seizure_provision",
            "conditional_on_failure_to_correct",
            "touches_safety",
            "penalty_kinds",
            "fine_min",
            "fine_max",
            "multiple_base",
            "multiple_min",
            "multiple_max",
            "multiple_applies_from",
        )

    def clean_penalty_kinds(self) -> list[str]:
        chosen = set(self.cleaned_data["penalty_kinds"])
        return [k for k in PenaltyKind.values if k in chosen]  # 行政处罚法 第九条's order


class BenchmarkInline(admin.TabularInline):
    model = Benchmark
    extra = 0
    fields = ("title", "issued_by", "document_number", "effective_from", "is_active")
    show_change_link = True


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    form = MatterForm
    list_display = ("code", "name", "domain", "kinds", "statutory_fine", "touches_safety", "is_active")
    list_filter = ("domain", "is_active", "touches_safety")
    search_fields = ("code", "name")
    autocomplete_fields = ("violated_provision", "penalty_provision", "seizure_provision")
    filter_horizontal = ("agencies",)
    inlines = (BenchmarkInline,)
    fieldsets = (
        (None, {"fields": ("code", "name", "domain", "agencies", "is_active", "description")}),
        (
            "法律依据",
            {
                "fields": (
                    "violated_provision",
                    "penalty_provision",
                    "seizure_provision",
                    "conditional_on_failure_to_correct",
                    "touches_safety",
                )
            },
        ),
        (
            "法定处罚",
            {
                "fields": (
                    "penalty_kinds",
                    ("fine_min", "fine_max"),
                    "multiple_base",
                    ("multiple_min", "multiple_max"),
                    "multiple_applies_from",
                )
            },
        ),
    )

    @admin.display(description="处罚种类")
    def kinds(self, obj: Matter) -> str:
        return "、".join(obj.penalty_kind_labels)

    @admin.display(description="法定罚款")
    def statutory_fine(self, obj: Matter) -> str:
        return statutory_fine_text(obj)


class BenchmarkTierInline(admin.TabularInline):
    model = BenchmarkTier
    extra = 0
    fields = ("order", "level", "circumstances", "fine_min", "fine_max", "multiple_min", "multiple_max")


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ("title", "matter", "issued_by", "document_number", "effective_from", "is_active")
    list_filter = ("matter__domain", "is_active")
    search_fields = ("title", "matter__code", "matter__name", "document_number")
    autocomplete_fields = ("matter",)
    list_select_related = ("matter",)
    inlines = (BenchmarkTierInline,)
