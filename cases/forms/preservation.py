"""The payloads of 先行登记保存 (行政处罚法 第五十六条), one form per action for the page and the API alike. Field names
are the keyword arguments of ``cases.services.preservation``; forms check shape, ``guards.preservation`` the law."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone

from kernel.forms import model_choice_field

from ..models import DisposalKind, EvidencePreservation
from .fields import text
from .transitions import TransitionForm

_SEPARATORS = re.compile(r"[，,；;\t]")


def parse_items(value: str) -> list[dict[str, str]]:
    """One item a line: ``名称，数量，存放地点`` (quantity and place may be left out)."""
    items = []
    for line in value.splitlines():
        parts = [p.strip() for p in _SEPARATORS.split(line, maxsplit=2)]
        if not parts or not parts[0]:
            continue
        parts += [""] * (3 - len(parts))
        items.append({"name": parts[0][:200], "quantity": parts[1][:100], "location": parts[2][:200]})
    return items


def parse_samples(value: str) -> list[dict[str, str]]:
    """One sample a line: ``名称，规格或批号，数量``."""
    return [
        {"name": i["name"], "specification": i["quantity"], "quantity": i["location"][:100]} for i in parse_items(value)
    ]


class SamplingForm(TransitionForm):
    """抽样取证 (第五十六条): when and where, what for, and the list of the samples."""

    sampled_at = forms.DateTimeField(label="抽样时间", initial=timezone.now)
    place = forms.CharField(label="抽样地点", max_length=200)
    purpose = forms.CharField(label="抽样目的（如送检验、检测）", max_length=200, required=False)
    samples = forms.CharField(
        label="样品清单（每行一种：名称，规格或批号，数量）",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def clean_samples(self) -> list[dict[str, str]]:
        samples = parse_samples(self.cleaned_data["samples"])
        if not samples:
            raise forms.ValidationError("请至少列明一种样品。", code="no_samples")
        return samples


class PreservationRequestForm(TransitionForm):
    """提请先行登记保存: why the evidence may be lost or later hard to obtain, and the list of the items."""

    reason = text("理由（证据可能灭失或者以后难以取得的情形）")
    items = forms.CharField(
        label="物品清单（每行一项：名称，数量，存放地点）",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def clean_items(self) -> list[dict[str, str]]:
        items = parse_items(self.cleaned_data["items"])
        if not items:
            raise forms.ValidationError("请至少列明一项物品。", code="no_items")
        return items


class _OnePreservation(TransitionForm):
    """A step on one of the case's preservations."""

    preservation = forms.ModelChoiceField(label="先行登记保存", queryset=EvidencePreservation.objects.none())

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "preservation").queryset = EvidencePreservation.objects.filter(case=case)


class PreservationApprovalForm(_OnePreservation):
    """The head's decision: approve, or refuse with the reasons."""

    approved = forms.TypedChoiceField(
        label="审批决定",
        choices=[("yes", "批准先行登记保存"), ("no", "不予批准")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    opinion = text("审批意见（不予批准的，须写明理由）", required=False, rows=2)


class PreservationRegistrationForm(_OnePreservation):
    """登记保存: when the items were registered (the seven working days run from that day) and where they are kept."""

    registered_at = forms.DateTimeField(label="登记保存时间", initial=timezone.now)
    place = forms.CharField(label="保存地点", max_length=200)


class PreservationDisposalForm(_OnePreservation):
    """处理决定 (第五十六条): return, seizure, transfer, or another measure named."""

    disposal = forms.ChoiceField(label="处理决定", choices=DisposalKind.choices)
    decided_on = forms.DateField(label="处理决定日期")
    note = text("说明（选择“其他处理措施”的须写明措施）", required=False, rows=2)
