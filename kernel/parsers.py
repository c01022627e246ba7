"""The API's JSON parser: a body the system can hold, or a clean refusal (issue 11, item 4).

The REST framework's parser reads the whole stream (Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` guards only
``request.body`` and form posts, not a stream read by a parser), lets Python's decoder recurse into 100,000 nested
arrays until a ``RecursionError`` (a 500), and reads ``1e400`` as an infinite float, ``NaN`` and ``Infinity`` as
numbers no column can store. This parser refuses each before any view sees it:

- a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes: 413 ``too_large``;
- nesting deeper than ``MAX_DEPTH``: 400 ``invalid``;
- ``NaN``, ``Infinity``, a number too large for a float or an integer of more digits than Python converts: 400
  ``invalid``.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

# No payload of the API nests deeper than a few levels (a case's parties: an object in a list in an object).
MAX_DEPTH = 64


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "请求内容过大。"


class PayloadRefused(ParseError):
    """A well-formed body the API does not take: 400 ``invalid`` with the reason as a non-field error."""

    default_code = "invalid"


class _NotANumber(ValueError):
    pass


def _constant(name: str) -> Any:
    raise _NotANumber(name)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotANumber(text)
    return value


def depth_of(value: Any, limit: int) -> int:
    """The nesting depth of ``value`` (a scalar: 0), counted without recursion; stops past ``limit``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: list[Any] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def max_body_bytes() -> int:
    return int(getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None) or 2_621_440)


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        if stream is None:
            return None
        limit = max_body_bytes()
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise PayloadTooLarge(f"请求内容超过允许的大小（{limit // 1024} KB）。")
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError("请求内容不是有效的文本编码。") from exc
        try:
            data = json.loads(text, parse_constant=_constant, parse_float=_float)
        except RecursionError as exc:
            raise PayloadRefused(f"请求内容嵌套过深（最多{MAX_DEPTH}层）。") from exc
        except _NotANumber as exc:
            raise PayloadRefused("数字无效：不接受 NaN、Infinity 或超出范围的数。") from exc
        except ValueError as exc:  # malformed JSON, or an integer of too many digits
            if isinstance(exc, json.JSONDecodeError):
                raise ParseError(f"JSON parse error - {exc}") from exc
            raise PayloadRefused("数字无效：位数过多。") from exc
        if depth_of(data, MAX_DEPTH) > MAX_DEPTH:
            raise PayloadRefused(f"请求内容嵌套过深（最多{MAX_DEPTH}层）。")
        return data
