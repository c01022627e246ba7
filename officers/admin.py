from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone

from . import services
from .choices import CertificateStatus
from .models import Agency, AgencyPolicy, Certificate, CertificateStatusChange, EnforcementDomain, Officer


@admin.register(EnforcementDomain)
class EnforcementDomainAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class AgencyPolicyInline(admin.StackedInline):
    model = AgencyPolicy
    can_delete = False
    extra = 0
    max_num = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    inlines = [AgencyPolicyInline]
    list_display = ["name", "short_name", "kind", "level", "division_name", "supervised_by", "is_active"]
    list_filter = ["kind", "level", "domains", "is_active"]
    search_fields = ["name", "short_name", "credit_code"]
    filter_horizontal = ["domains"]
    autocomplete_fields = ["parent", "supervised_by"]


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0
    fields = readonly_fields = ("number", "issuing_authority", "valid_from", "valid_to", "status")
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "agency",
        "category",
        "is_head",
        "is_principal_head",
        "is_legal_reviewer",
        "is_hearing_chair",
        "is_supervisor",
        "is_active",
    ]
    list_filter = [
        "agency",
        "category",
        "is_head",
        "is_legal_reviewer",
        "is_hearing_chair",
        "is_supervisor",
        "is_active",
    ]
    search_fields = ["name", "user__username"]
    autocomplete_fields = ["user", "agency"]
    inlines = [CertificateInline]
    fieldsets = [
        (None, {"fields": ["user", "agency", "name", "category", "phone", "is_active"]}),
        (
            "职责",
            {"fields": ["is_head", "is_principal_head", "is_legal_reviewer", "is_hearing_chair", "is_supervisor"]},
        ),
        ("法律职业资格", {"fields": ["has_legal_qualification", "legal_qualification_number"]}),
    ]


class CertificateStatusChangeInline(admin.TabularInline):
    model = CertificateStatusChange
    extra = 0
    fields = readonly_fields = ("from_status", "to_status", "effective_on", "reason", "changed_by", "changed_at")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class CertificateAdminForm(forms.ModelForm):
    new_status = forms.ChoiceField(
        label="变更状态为", choices=[("", "（不变更）"), *CertificateStatus.choices], required=False
    )
    status_effective_on = forms.DateField(label="变更生效日期", required=False)
    status_reason = forms.CharField(label="变更原因", max_length=200, required=False)

    class Meta:
        model = Certificate
        fields = ["officer", "number", "issuing_authority", "domains", "valid_from", "valid_to"]

    def clean(self):
        data = super().clean()
        if data.get("new_status") and self.instance.pk:
            data["status_effective_on"] = data.get("status_effective_on") or timezone.localdate()
            errors = services.status_change_errors(
                certificate=self.instance,
                status=data["new_status"],
                reason=data.get("status_reason", ""),
                effective_on=data["status_effective_on"],
            )
            field_names = {"status": "new_status", "reason": "status_reason", "effective_on": "status_effective_on"}
            if errors:
                raise ValidationError({field_names[k]: v for k, v in errors.items()})
        return data


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    form = CertificateAdminForm
    list_display = ["number", "officer", "issuing_authority", "valid_from", "valid_to", "status"]
    list_filter = ["status", "domains", "officer__agency"]
    search_fields = ["number", "officer__name"]
    autocomplete_fields = ["officer"]
    filter_horizontal = ["domains"]
    readonly_fields = ["status"]
    inlines = [CertificateStatusChangeInline]

    def get_fields(self, request, obj=None):
        fields = ["officer", "number", "issuing_authority", "domains", "valid_from", "valid_to"]
        if obj is not None:
            fields += ["status", "new_status", "status_effective_on", "status_reason"]
        return fields

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            # The issue itself is the first line of the certificate's history.
            CertificateStatusChange.objects.create(
                certificate=obj,
                to_status=CertificateStatus.VALID,
                effective_on=obj.valid_from,
                reason="发证",
                changed_by=request.user,
            )
        elif form.cleaned_data.get("new_status"):
            services.change_certificate_status(
                certificate=obj,
                status=form.cleaned_data["new_status"],
                reason=form.cleaned_data["status_reason"],
                effective_on=form.cleaned_data["status_effective_on"],
                actor=request.user,
            )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Certificates are kept with their history; revoke instead of deleting.
        return False
