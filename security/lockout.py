"""The answer to a locked-out login (django-axes ``AXES_LOCKOUT_CALLABLE``).

等保 2.0 (GB/T 22239-2019) 8.1.4.1 身份鉴别 b): 应具有登录失败处理功能，应配置并启用结束会话、限制非法登录次数和当
登录连接超时自动退出等相关措施. Pages get a page in Chinese; the API gets 429 with ``{"code": "locked_out"}``:
429 Too Many Requests (RFC 6585) says "stop and retry later", which is what a cool-off is, and lets clients
tell a lockout from a permission refusal (403) — with ``Retry-After`` in seconds.
"""

from __future__ import annotations

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

STATUS = 429


def lockout_message(request: HttpRequest) -> str:
    cool_off = get_cool_off(request)
    limit = settings.AXES_FAILURE_LIMIT
    if cool_off:
        minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
        return f"连续 {limit} 次登录失败，账号已被临时锁定，请 {minutes} 分钟后再试，或联系系统管理员解锁。"
    return f"连续 {limit} 次登录失败，账号已被锁定，请联系系统管理员解锁。"


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    message = lockout_message(request)
    cool_off = get_cool_off(request)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"code": "locked_out", "detail": message}, status=STATUS)
    else:
        response = render(request, "security/locked_out.html", {"message": message}, status=STATUS)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
