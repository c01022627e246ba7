from __future__ import annotations

from django.http import HttpRequest

from .selectors import officer_for_user


def current_officer(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's officer record, for the header of every page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_officer": None}
    return {"current_officer": officer_for_user(user)}
