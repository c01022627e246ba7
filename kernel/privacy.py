"""Masking of personal identifiers wherever the full value is not needed."""

from __future__ import annotations


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
