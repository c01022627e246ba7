"""The shape of every API error (API.md): ``{"code", "detail", ...}`` with a zh-hans detail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kernel.api import UPLOAD_STATUS, FormInvalid, UploadRejected
from kernel.rules import ActionRefused
from media_storage.exceptions import ObjectNotFound, StorageError, StorageUnavailable
from security.tokens import TokenExpired

_CODES = {
    status.HTTP_401_UNAUTHORIZED: ("not_authenticated", "请先登录或提供有效的令牌。"),
    status.HTTP_403_FORBIDDEN: ("permission_denied", "当前角色无权使用此功能。"),
    status.HTTP_404_NOT_FOUND: ("not_found", "不存在或无权查看。"),
    status.HTTP_405_METHOD_NOT_ALLOWED: ("method_not_allowed", "不支持此请求方法。"),
    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: ("too_large", "上传的文件过大。"),
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: ("unsupported_type", "不接受此类文件。"),
    status.HTTP_429_TOO_MANY_REQUESTS: ("throttled", "请求过于频繁，请稍后再试。"),
}


def _invalid(errors) -> Response:
    return Response({"code": "invalid", "detail": "提交的内容有误，请检查后重试。", "errors": errors}, status=400)


def exception_handler(exc, context):
    if isinstance(exc, ActionRefused):
        reasons = [r.as_dict() for r in exc.reasons]
        return Response(
            {"code": exc.code, "detail": "；".join(r["detail"] for r in reasons), "reasons": reasons},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, FormInvalid):
        return _invalid(exc.form.errors.get_json_data())
    if isinstance(exc, UploadRejected):
        code = exc.error_list[0].code or "unsupported_type"
        return Response({"code": code, "detail": exc.messages[0]}, status=UPLOAD_STATUS.get(code, 415))
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return _invalid(errors)
    if isinstance(exc, ObjectNotFound):
        return Response({"code": exc.code, "detail": str(exc)}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, StorageUnavailable):
        detail = str(StorageUnavailable())
        return Response({"code": StorageUnavailable.code, "detail": detail}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    if isinstance(exc, StorageError):
        return Response({"code": exc.code, "detail": str(exc)}, status=status.HTTP_502_BAD_GATEWAY)
    if isinstance(exc, exceptions.ParseError):
        return Response({"code": "parse_error", "detail": "请求内容无法解析，请提交有效的 JSON。"}, status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        return _invalid(response.data)
    code, detail = _CODES.get(response.status_code, (getattr(exc, "default_code", "error"), None))
    if isinstance(exc, TokenExpired):  # the tablet must log in again, not retry (security/tokens.py)
        code, detail = exc.default_code, str(exc.detail)
    if isinstance(exc, exceptions.APIException) and response.status_code in (413, 415) and str(exc.detail):
        detail = str(exc.detail)
    response.data = {"code": code, "detail": detail or str(getattr(exc, "detail", ""))}
    return response
