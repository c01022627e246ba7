from django.contrib import admin

from kernel.readonly_admin import ReadOnlyAdmin

from .models import ApiToken, SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "kind", "username", "agency_name", "ip", "object_ref"]
    list_filter = ["kind"]
    search_fields = ["username", "object_ref"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "user", "label", "created_at", "last_used_at", "expires_at", "revoked_at"]
    search_fields = ["user__username", "prefix", "label"]


@admin.action(description="吊销所选令牌")
def revoke_selected(modeladmin, request, queryset) -> None:
    from .tokens import RevokedReason, revoke_token

    revoked = sum(revoke_token(token, reason=RevokedReason.ADMIN, request=request) for token in queryset)
    modeladmin.message_user(request, f"已吊销 {revoked} 个令牌。")


ApiTokenAdmin.actions = [revoke_selected]
