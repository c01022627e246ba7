"""The deadline pages, mounted at ``/deadlines/``: thin views over the selectors and the services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.services.runner import perform
from cases.views.casefile import render_case_page
from cases.views.panels import Refusal
from clock.periods import preloaded_around
from deadlines.kinds import KINDS
from deadlines.selectors import (
    may_see_overdue_list,
    notification_for,
    notifications_for,
    overdue_agencies_for,
    overdue_visible_to,
)
from deadlines.services.notifications import mark_all_read, mark_read
from kernel.rules import ActionRefused
from officers.selectors import heads_agency, officer_for_user

from .forms import ExtensionForm, OverdueFilterForm, SuspensionForm
from .section import END_LABEL, end_form, end_key
from .selectors import deadline_for, suspension_for

PAGE_SIZE = 30


def _case_page(case) -> str:
    return reverse("cases:detail", args=[case.pk]) + "#deadlines"


@login_required
@require_GET
def overdue_list(request: HttpRequest) -> HttpResponse:
    """逾期期限清单: supervisors across their supervised agencies, heads across their own; 404 for others."""
    if not may_see_overdue_list(request.user):
        raise Http404("页面不存在。")
    today = timezone.localdate()
    form = OverdueFilterForm(request.GET or None, agencies=overdue_agencies_for(request.user))
    rows = overdue_visible_to(request.user, today=today)
    chosen = form.filters()
    if "agency" in chosen:
        rows = rows.filter(case__agency=chosen["agency"])
    if "kind" in chosen:
        rows = rows.filter(kind=chosen["kind"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    listed = list(page.object_list)
    with preloaded_around(today, (d.due_on for d in listed)):  # one reading of the holiday table
        items = [(d, max(-d.working_days_left(today).days, 0)) for d in listed]
    return render(request, "deadlines/overdue.html", {"form": form, "page": page, "items": items, "today": today})


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    notes = notifications_for(request.user)
    page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
    unread = notes.filter(read_at__isnull=True).count()
    return render(request, "deadlines/notifications.html", {"page": page, "unread": unread})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    note = mark_read(notification=notification_for(request.user, pk), actor=request.user)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    if request.POST.get("open") and note.case_id:
        return redirect(reverse("cases:detail", args=[note.case_id]) + "#deadlines")
    return redirect("deadlines:notifications")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = mark_all_read(actor=request.user)
    messages.success(request, f"已将 {count} 条提醒标为已读。")
    return redirect("deadlines:notifications")


def _with(request: HttpRequest, **fixed):
    """The post with the record the page is about (in the URL), or None for a GET."""
    if request.method != "POST":
        return None
    data = request.POST.copy()
    for key, value in fixed.items():
        data[key] = str(value)
    return data


def _hide(form, name: str) -> None:
    form.fields[name].widget = forms.HiddenInput()


def _approval_page(request, deadline, *, form, template: str, refused=None, status: int = 200) -> HttpResponse:
    context = {"deadline": deadline, "case": deadline.case, "form": form, "reasons": refused or []}
    # A seizure's extension is notified to the party in writing (行政强制法 第二十五条第二款): the page asks the date.
    rule = KINDS[deadline.kind].extension if deadline.kind in KINDS else None
    context["asks_party_notice"] = bool(rule and rule.notify_party)
    return render(request, template, context, status=status)


def _approval(request, pk: int, *, action: str, form_class, template: str, who: str, done: str, initial=None):
    """A head's approval on one deadline (the registry's ``action``): 403 for anyone but the head of the case's
    agency, the form on GET, its errors (400) or the action's refusals (409), else back to the case's deadlines."""
    deadline = deadline_for(request.user, pk)
    officer = officer_for_user(request.user)
    if not heads_agency(officer, deadline.case.agency_id):
        raise PermissionDenied(f"只有本案所属机关的负责人才能{who}。")
    form = form_class(_with(request, deadline=deadline.pk), case=deadline.case, initial=initial)
    _hide(form, "deadline")
    if request.method == "GET":
        return _approval_page(request, deadline, form=form, template=template)
    if not form.is_valid():
        return _approval_page(request, deadline, form=form, template=template, status=400)
    try:
        perform(case=deadline.case, name=action, actor=request.user, data=form.cleaned_data)
    except ActionRefused as refused:
        return _approval_page(request, deadline, form=form, template=template, refused=refused.reasons, status=409)
    messages.success(request, f"{done}：{deadline.label}。")
    return redirect(_case_page(deadline.case))


@login_required
@require_http_methods(["GET", "POST"])
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    """延长期限: the head of the case's agency only, with the reason (e.g. the case time limit +30 days)."""
    return _approval(
        request,
        pk,
        action="extend_deadline",
        form_class=ExtensionForm,
        template="deadlines/extend.html",
        who="批准延长期限",
        done="已批准延长",
    )


@login_required
@require_http_methods(["GET", "POST"])
def suspend(request: HttpRequest, pk: int) -> HttpResponse:
    """期间中止: time the rules exclude (testing, public notice …), approved by the head."""
    return _approval(
        request,
        pk,
        action="suspend_deadline",
        form_class=SuspensionForm,
        template="deadlines/suspend.html",
        who="批准期间中止",
        done="已登记期间中止",
        initial={"starts_on": timezone.localdate()},
    )


@login_required
@require_POST
def end_suspension(request: HttpRequest, pk: int) -> HttpResponse:
    """恢复计算, posted from the deadlines section of the case page: invalid input (400) or a refusal (409) comes back
    on that page with the head's date, the error or the reasons next to the suspension, and nothing written."""
    suspension = suspension_for(request.user, pk)
    case = suspension.deadline.case
    key = end_key(suspension.pk)
    form = end_form(case, suspension, _with(request, suspension=suspension.pk))
    if not form.is_valid():
        return render_case_page(request, case, bound={key: form}, status=400)
    try:
        perform(case=case, name="end_deadline_suspension", actor=request.user, data=form.cleaned_data)
    except ActionRefused as refused:
        refusal = Refusal(key, END_LABEL, refused.reasons)
        return render_case_page(request, case, bound={key: form}, refusal=refusal, status=409)
    messages.success(request, f"已恢复计算：{suspension.deadline.label}。")
    return redirect(_case_page(case))
