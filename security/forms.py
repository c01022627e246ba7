from __future__ import annotations

import datetime

from django import forms

from .choices import SecurityEventKind


class OtpCodeForm(forms.Form):
    code = forms.CharField(
        label="动态验证码",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class SecurityLogFilterForm(forms.Form):
    kind = forms.ChoiceField(label="事件类型", required=False, choices=[("", "全部"), *SecurityEventKind.choices])
    username = forms.CharField(label="用户名", required=False, max_length=150)
    since = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        low, high = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)
        for field in ("since", "until"):
            day = data.get(field)
            if day is not None and not low <= day <= high:
                self.add_error(field, "日期应在2000年至2100年之间。")
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "截止日期不得早于起始日期。")
        return data
