"""Pages: second-factor enrolment and verification, password change, the security log for supervisors."""

from __future__ import annotations

import csv
import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import otp, services
from .audit import record_security_event
from .choices import SecurityEventKind
from .forms import OtpCodeForm, SecurityLogFilterForm
from .models import SecurityEvent
from .selectors import may_read_security_log, security_events_visible_to

PAGE_SIZE = 50


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


@login_required
@require_http_methods(["GET", "POST"])
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """绑定身份验证器: the QR code and the secret of a new TOTP device, confirmed with its first code."""
    if otp.has_confirmed_device(request.user):
        return redirect(f"{reverse_lazy('security:otp_verify')}?next={_next_url(request)}")
    device = otp.pending_device(request.user)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.confirm_enrolment(request.user, form.cleaned_data["code"], request=request):
            messages.success(request, "身份验证器已绑定，此后登录须输入其动态验证码。")
            return redirect(_next_url(request))
        form.add_error("code", "验证码不正确或已过期，请输入验证器当前显示的6位数字。")
    return render(
        request,
        "security/otp_enrol.html",
        {
            "form": form,
            "qr_svg": otp.qr_svg(device),
            "secret": otp.base32_secret(device),
            "next": _next_url(request),
            "required": otp.requires_second_factor(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """双因素认证: the code of the account's authenticator after the password."""
    if not otp.has_confirmed_device(request.user):
        return redirect(f"{reverse_lazy('security:otp_enrol')}?next={_next_url(request)}")
    if request.user.is_verified():  # type: ignore[union-attr]  # django_otp.middleware.OTPMiddleware
        return redirect(_next_url(request))
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = otp.verify_code(request.user, form.cleaned_data["code"], request=request)
        if device is not None:
            otp.mark_session_verified(request, device)
            return redirect(_next_url(request))
        form.add_error("code", "验证码不正确或已使用，请输入验证器当前显示的6位数字；多次错误后须等待片刻再试。")
    return render(
        request,
        "security/otp_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


class PasswordChange(PasswordChangeView):
    """修改密码: the policy of AUTH_PASSWORD_VALIDATORS; every API token of the account is revoked."""

    template_name = "security/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "min_length": settings.PASSWORD_MIN_LENGTH}

    def form_valid(self, form):
        services.change_password(user=form.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, "密码已修改。此账号此前签发的接口令牌均已吊销，平板等设备须重新登录。")
        return redirect(self.get_success_url())


def _filtered(request: HttpRequest) -> tuple[SecurityLogFilterForm, QuerySet[SecurityEvent]]:
    if not may_read_security_log(request.user):
        raise PermissionDenied("只有执法监督人员和系统管理员可以查阅安全审计日志。")
    form = SecurityLogFilterForm(request.GET or None)
    events = security_events_visible_to(request.user).order_by("-seq")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["username"]:
            events = events.filter(username=data["username"].strip())
        tz = timezone.get_current_timezone()
        if data["since"]:
            events = events.filter(at__gte=datetime.datetime.combine(data["since"], datetime.time.min, tz))
        if data["until"]:
            after = data["until"] + datetime.timedelta(days=1)
            events = events.filter(at__lt=datetime.datetime.combine(after, datetime.time.min, tz))
    elif form.is_bound:
        events = events.none()
    return form, events


@login_required
def security_log(request: HttpRequest) -> HttpResponse:
    """安全审计日志 for supervisors (their jurisdiction) and system administrators (all)."""
    form, events = _filtered(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "security/log.html", {"form": form, "page": page}, status=status)


CSV_COLUMNS = ("序号", "时间", "事件类型", "用户名", "所属机关", "IP地址", "客户端", "对象", "详情", "哈希")


def _cell(value: object) -> str:
    # A spreadsheet must not run a formula from a logged value (CSV injection).
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def security_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered log as CSV (UTF-8 with BOM, for spreadsheet software); the export itself is logged."""
    _form, events = _filtered(request)
    record_security_event(
        SecurityEventKind.LOG_EXPORTED, request=request, filters={k: v for k, v in request.GET.items() if v}
    )
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(CSV_COLUMNS)
        for event in events.iterator(chunk_size=1000):
            yield writer.writerow(
                [
                    _cell(x)
                    for x in (
                        event.seq,
                        timezone.localtime(event.at).isoformat(timespec="seconds"),
                        event.get_kind_display(),
                        event.username,
                        event.agency_name,
                        event.ip,
                        event.user_agent,
                        event.object_ref,
                        json.dumps(event.detail, ensure_ascii=False, sort_keys=True),
                        event.hash,
                    )
                ]
            )

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="security-log-{stamp}.csv"'
    return response
