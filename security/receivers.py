"""What feeds the security log from Django's own signals: logins, logouts, failures, lockouts, password and
permission changes, role changes of officers, admin edits, second-factor devices removed.

等保 2.0 (GB/T 22239-2019) 8.1.4.3 安全审计 a): 审计覆盖到每个用户，对重要的用户行为和重要安全事件进行审计.
"""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from officers.models import Officer

from . import session as session_clock
from .audit import current_request, record_security_event
from .choices import SecurityEventKind
from .tokens import RevokedReason, revoke_all_tokens

User = get_user_model()

ROLE_FIELDS = (
    "agency_id",
    "category",
    "is_head",
    "is_principal_head",
    "is_legal_reviewer",
    "has_legal_qualification",
    "is_hearing_chair",
    "is_supervisor",
    "is_active",
)
ACCOUNT_FIELDS = ("is_active", "is_staff", "is_superuser")
_ADMIN_ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}


def _channel(request) -> str:
    path = getattr(request, "path", "") or ""
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    return "web"


# --- Logins ---------------------------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="security_login_succeeded")
def _logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session") and _channel(request) != "api":
        session_clock.start(request)
    record_security_event(SecurityEventKind.LOGIN_SUCCEEDED, request=request, user=user, channel=_channel(request))


@receiver(user_login_failed, dispatch_uid="security_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str((credentials or {}).get("username", ""))[:150]
    account = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    record_security_event(
        SecurityEventKind.LOGIN_FAILED,
        request=request,
        user=account,
        username=username,
        channel=_channel(request),
        known_account=account is not None,
        locked_out=bool(getattr(request, "axes_locked_out", False)),
    )


@receiver(user_locked_out, dispatch_uid="security_lockout")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    username = str(username or "")[:150]
    account = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    record_security_event(
        SecurityEventKind.LOCKOUT, request=request, user=account, username=username, channel=_channel(request)
    )


@receiver(user_logged_out, dispatch_uid="security_logout")
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    reason = getattr(request, session_clock.EXPIRY_REASON, None)
    if reason:
        record_security_event(SecurityEventKind.SESSION_EXPIRED, request=request, user=user, reason=reason)
    else:
        record_security_event(SecurityEventKind.LOGOUT, request=request, user=user, channel=_channel(request))


# --- Passwords: every change revokes the account's API tokens -------------------------------------------


@receiver(pre_save, sender=User, dispatch_uid="security_user_before_save")
def _user_before_save(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    before = sender._default_manager.filter(pk=instance.pk).values(*ACCOUNT_FIELDS, "password").first()
    if before is None:
        return
    instance._security_before = before
    if (update_fields is None or "password" in update_fields) and before["password"] != instance.password:
        new_raw = getattr(instance, "_password", None)
        # A hash upgraded on login (a new iteration count or hasher) stores the same password: not a change.
        # Django's upgrade (AbstractBaseUser.check_password's setter) saves only the password and has already
        # forgotten the raw value; any other path that sets the same raw password is recognised by the old hash.
        upgrade = update_fields is not None and set(update_fields) == {"password"} and new_raw is None
        same = new_raw is not None and check_password(new_raw, before["password"])
        instance._security_password_changed = not (upgrade or same)


@receiver(post_save, sender=User, dispatch_uid="security_user_after_save")
def _user_after_save(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        return
    request = current_request()
    if instance.__dict__.pop("_security_password_changed", False):
        revoke_all_tokens(instance, reason=RevokedReason.PASSWORD_CHANGED, request=request)
        record_security_event(
            SecurityEventKind.PASSWORD_CHANGED,
            request=request,
            subject=instance,
            object_ref=f"auth.User:{instance.pk}",
            self_service=bool(request and getattr(request, "user", None) == instance),
        )
    before = instance.__dict__.pop("_security_before", None)
    after = {field: getattr(instance, field) for field in ACCOUNT_FIELDS}
    if created:
        changes = {f: [None, v] for f, v in after.items() if f != "is_active" and v}
    elif before is not None:
        changes = {f: [before[f], after[f]] for f in ACCOUNT_FIELDS if before[f] != after[f]}
    else:
        changes = {}
    if changes:
        record_security_event(
            SecurityEventKind.PERMISSION_CHANGED,
            request=request,
            subject=instance,
            object_ref=f"auth.User:{instance.pk}",
            changes=changes,
        )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="security_user_groups")
@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="security_user_permissions")
@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="security_group_permissions")
def _permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    field = {User.groups.through: "groups", User.user_permissions.through: "user_permissions"}.get(
        sender, "group_permissions"
    )
    subject = instance if isinstance(instance, User) else None
    record_security_event(
        SecurityEventKind.PERMISSION_CHANGED,
        request=current_request(),
        subject=subject,
        object_ref=f"{instance._meta.label}:{instance.pk}",
        field=field,
        action=action.removeprefix("post_"),
        ids=sorted(pk_set or []),
        reverse=reverse,
    )


# --- Officers' roles (负责人、法制审核、听证主持、执法监督) -------------------------------------------------


@receiver(pre_save, sender=Officer, dispatch_uid="security_officer_before_save")
def _officer_before_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    instance._security_before = sender._default_manager.filter(pk=instance.pk).values(*ROLE_FIELDS).first()


@receiver(post_save, sender=Officer, dispatch_uid="security_officer_after_save")
def _officer_after_save(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        return
    before = instance.__dict__.pop("_security_before", None)
    after = {field: getattr(instance, field) for field in ROLE_FIELDS}
    if created:
        changes = {f: [None, v] for f, v in after.items() if f.startswith(("is_", "has_")) and v}
        changes["agency_id"] = [None, instance.agency_id]
    elif before is not None:
        changes = {f: [before[f], after[f]] for f in ROLE_FIELDS if before[f] != after[f]}
    else:
        changes = {}
    if changes:
        record_security_event(
            SecurityEventKind.ROLE_CHANGED,
            request=current_request(),
            subject=instance.user,
            object_ref=f"officers.Officer:{instance.pk}",
            changes=changes,
            created=created,
        )


# --- Admin edits and second-factor devices --------------------------------------------------------------


@receiver(post_save, sender=LogEntry, dispatch_uid="security_admin_edit")
def _admin_edit(sender, instance: LogEntry, created, raw=False, **kwargs) -> None:
    if raw or not created:
        return
    content_type = ContentType.objects.get_for_id(instance.content_type_id) if instance.content_type_id else None
    label = f"{content_type.app_label}.{content_type.model}" if content_type else "?"
    record_security_event(
        SecurityEventKind.ADMIN_EDIT,
        request=current_request(),
        user=instance.user,
        object_ref=f"{label}:{instance.object_id}"[:120],
        action=_ADMIN_ACTIONS.get(instance.action_flag, str(instance.action_flag)),
        object_repr=instance.object_repr,
        change_message=instance.get_change_message(),
    )


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="security_otp_reset")
def _device_removed(sender, instance: TOTPDevice, **kwargs) -> None:
    if not instance.confirmed:
        return  # an enrolment never completed
    record_security_event(
        SecurityEventKind.OTP_RESET,
        request=current_request(),
        subject=instance.user,
        object_ref=f"otp_totp.TOTPDevice:{instance.pk}",
    )
