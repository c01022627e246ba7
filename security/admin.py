from django.contrib import admin

from kernel.readonly_admin import ReadOnlyAdmin

from .models import ApiToken, SecurityEvent
from .tokens import RevokedReason, revoke_token


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "kind", "username", "agency_name", "ip", "object_ref"]
    list_filter = ["kind"]
    search_fields = ["username", "object_ref"]


@admin.action(description="吊销所选令牌")
def revoke_selected(modeladmin, request, queryset) -> None:
    revoked = sum(revoke_token(token, reason=RevokedReason.ADMIN, request=request) for token in queryset)
    modeladmin.message_user(request, f"已吊销 {revoked} 个令牌。")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    actions = [revoke_selected]
    list_display = ["prefix", "user", "label", "created_at", "last_used_at", "expires_at", "revoked_at"]
    search_fields = ["user__username", "prefix", "label"]
