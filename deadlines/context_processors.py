"""For the header of every page: the unread deadline notifications and whether the overdue list is open
to the user. Both are callables, so a page that does not show them runs no query."""

from __future__ import annotations

from django.http import HttpRequest

from .selectors import may_see_overdue_list, unread_count


def deadline_notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_deadline_notifications": 0, "sees_overdue_list": False}
    return {
        "unread_deadline_notifications": lambda: unread_count(user),
        "sees_overdue_list": lambda: may_see_overdue_list(user),
    }
