"""Masking of personal identifiers wherever the full value is not needed."""

from __future__ import annotations

import logging
from collections.abc import Iterable


def mask_middle(value: str, *, keep_start: int = 4, keep_end: int = 4) -> str:
    """``150203199001011234`` → ``1502**********1234``; short values are masked whole."""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``."""
    return mask_middle(value, keep_start=3, keep_end=4)


def mask_name(value: str) -> str:
    """A natural person's name as published: the surname kept, the given name hidden (``张三丰`` → ``张某某``).
    行政处罚法 第五十条: personal privacy learned in enforcement is kept confidential."""
    value = (value or "").strip()
    if len(value) <= 1:
        return value
    return value[0] + "某" * (len(value) - 1)


_views_logger = logging.getLogger("zhifa.privacy.views")


def personal_data_viewed(request_or_user, obj, fields: Iterable[str], *, purpose: str = "view") -> None:
    """THE HOOK for the security audit log (issue 11, item 6; 等保 2.0 8.1.4.3 安全审计; 个人信息保护法 第五十一条):
    called wherever a person is shown personal data in full — ``obj``'s ``fields`` (names only, never the
    values). Until ``record_security_event`` lands it writes one line to the ``zhifa.privacy.views`` logger;
    it must never raise into the page that shows the data, and never touches the case row.

    Called from: ``documents.renditions.download_url`` (an original PDF carrying identifiers handed out),
    ``cases.views.casefile`` (the case page to a handler) and ``cases.api.views`` (the case in the API with
    ``full_identifiers``)."""
    user = getattr(request_or_user, "user", request_or_user)
    try:
        _views_logger.info(
            "personal data viewed: user=%s object=%s:%s fields=%s purpose=%s",
            getattr(user, "pk", None),
            type(obj).__name__,
            getattr(obj, "pk", None),
            ",".join(sorted(fields)),
            purpose,
        )
    except Exception:
        _views_logger.exception("personal_data_viewed failed")
