"""``POST /api/v1/auth/token/`` and ``POST /api/v1/auth/logout/`` (API.md "Authentication", "Second factor")."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import otp
from .lockout import lockout_message
from .models import ApiToken
from .tokens import ApiTokenAuthentication, RevokedReason, issue_token, revoke_token


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    otp = serializers.CharField(
        max_length=12, required=False, allow_blank=True, help_text="动态验证码：须双因素认证的账号必填（6位数字）。"
    )
    device = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="设备名称（如“执法平板-03”），显示在令牌列表中。"
    )


_ERROR = inline_serializer("AuthError", fields={"code": serializers.CharField(), "detail": serializers.CharField()})
_TOKEN = inline_serializer("TokenResponse", fields={"token": serializers.CharField()})


def _unauthorized(code: str, detail: str) -> Response:
    return Response(
        {"code": code, "detail": detail}, status=status.HTTP_401_UNAUTHORIZED, headers={"WWW-Authenticate": "Token"}
    )


class ObtainTokenView(APIView):
    """登录获取接口令牌. The password is checked through django-axes (lockout after AXES_FAILURE_LIMIT failures:
    429 ``locked_out``); accounts that require a second factor give ``otp`` too (401 ``otp_required`` /
    ``otp_invalid``)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: _TOKEN,
            400: OpenApiResponse(
                _ERROR, description="请求内容有误（`invalid`），或用户名、密码不正确（`invalid_credentials`）。"
            ),
            401: OpenApiResponse(
                _ERROR, description="须双因素认证：未提供（`otp_required`）或不正确（`otp_invalid`）。"
            ),
            429: OpenApiResponse(_ERROR, description="连续登录失败，账号已被临时锁定（`locked_out`）。"),
        },
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        incoming = TokenRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        http_request = request._request
        user = authenticate(http_request, username=data["username"], password=data["password"])
        if user is None:
            if getattr(http_request, "axes_locked_out", False):
                return Response(
                    {"code": "locked_out", "detail": lockout_message(http_request)},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            return Response(
                {"code": "invalid_credentials", "detail": "用户名或密码不正确。"}, status=status.HTTP_400_BAD_REQUEST
            )
        if otp.requires_second_factor(user):
            if not otp.has_confirmed_device(user):
                return _unauthorized("otp_required", "此账号须双因素认证，请先在网页登录并绑定身份验证器。")
            if not data.get("otp"):
                return _unauthorized("otp_required", "此账号须双因素认证，请提供身份验证器的动态验证码（otp）。")
            if otp.verify_code(user, data["otp"], request=http_request) is None:
                return _unauthorized("otp_invalid", "动态验证码不正确或已使用，请输入验证器当前显示的6位数字。")
        # A successful login: django-axes resets the failures (AXES_RESET_ON_SUCCESS) and the log records it.
        user_logged_in.send(sender=user.__class__, request=http_request, user=user)
        issued = issue_token(user=user, label=data.get("device", ""), request=http_request)
        return Response({"token": issued.raw})


class LogoutView(APIView):
    """退出：吊销本次请求所用的令牌 (the token presented; other devices keep theirs)."""

    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            204: OpenApiResponse(description="令牌已吊销。"),
            401: OpenApiResponse(_ERROR, description="未提供有效令牌（`not_authenticated`、`token_expired`）。"),
        },
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        token = request.auth
        if isinstance(token, ApiToken):
            revoke_token(token, reason=RevokedReason.LOGOUT, request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
