"""In-app notifications (站内提醒) of deadlines, and their e-mail copy when mail is configured."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from officers.selectors import handlers_of_case

from ..choices import NotificationKind
from ..models import Deadline, DeadlineChange, Notification

logger = logging.getLogger(__name__)


def holders_of(deadline: Deadline) -> list:
    """The users who hold a deadline: the case's active handlers (not recused, still in post)."""
    User = get_user_model()
    return list(
        User.objects.filter(officer__in=handlers_of_case(deadline.case_id).filter(is_active=True), is_active=True)
    )


def reminder_recipients(deadline: Deadline) -> list:
    """Who is reminded of an approaching or overdue deadline: the handlers and their agency's heads."""
    User = get_user_model()
    heads = User.objects.filter(
        officer__agency_id=deadline.case.agency_id, officer__is_head=True, officer__is_active=True, is_active=True
    )
    seen: dict[int, object] = {u.pk: u for u in holders_of(deadline)}
    for user in heads:
        seen.setdefault(user.pk, user)
    return list(seen.values())


def _due_text(deadline: Deadline, due_on=None, due_at=None, provisional=None) -> str:
    due_at = deadline.due_at if due_at is None and due_on is None else due_at
    due_on = due_on or deadline.due_on
    provisional = deadline.provisional if provisional is None else provisional
    text = f"{timezone.localtime(due_at):%Y-%m-%d %H:%M}" if due_at else f"{due_on:%Y-%m-%d}"
    return text + ("（暂定）" if provisional else "")


def notify_change(change: DeadlineChange) -> list[Notification]:
    """Tell the holders that a last day moved or became certain, and why."""
    deadline = change.deadline
    case = deadline.case
    old = _due_text(deadline, change.old_due_on, change.old_due_at, change.old_provisional)
    new = _due_text(deadline, change.new_due_on, change.new_due_at, change.new_provisional)
    if (change.old_due_on, change.old_due_at) == (change.new_due_on, change.new_due_at):
        what = f"届满日{new}已确定" if not change.new_provisional else f"届满日{new}"
    else:
        what = f"届满日由{old}变更为{new}"
    message = f"{case.display_number}「{case.title}」：{deadline.label}{what}（{change.get_reason_display()}）。"
    notes = [
        Notification(
            recipient=user,
            case=case,
            deadline=deadline,
            level=NotificationKind.CHANGED,
            due_on=change.new_due_on,
            message=message,
        )
        for user in holders_of(deadline)
    ]
    created = Notification.objects.bulk_create(notes)
    queue_email(created)
    return created


def email_configured() -> bool:
    """E-mail goes out only when the settings name an SMTP host (``EMAIL_HOST``, read from the environment).

    Django's own default (``localhost``) does not count: without a configured host reminders stay in-app.
    """
    return settings.is_overridden("EMAIL_HOST") and bool(settings.EMAIL_HOST)  # type: ignore[misc]  # a LazySettings method the plugin takes for a setting


def queue_email(notifications: Iterable[Notification]) -> None:
    """Send the e-mail copies once the notifications are committed (never from a rolled-back transaction)."""
    ids = [n.pk for n in notifications if n.pk and n.recipient.email]
    if ids and email_configured():
        transaction.on_commit(lambda: send_emails(ids))


def send_emails(ids: list[int]) -> int:
    """E-mail each notification not yet e-mailed; a failing mail server is logged, never raised."""
    sent = 0
    for note in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("recipient"):
        try:
            send_mail(
                subject=f"【执法期限提醒】{note.get_level_display()}",
                message=note.message,
                from_email=None,
                recipient_list=[note.recipient.email],
            )
        except Exception:  # the in-app notification stands; the mail is retried by nobody, only logged
            logger.exception("deadline e-mail to user %s failed", note.recipient_id)
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def mark_read(*, notification: Notification, actor) -> Notification:
    """Mark one of the actor's own notifications read (the selector has scoped it to them)."""
    if notification.recipient_id != actor.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
