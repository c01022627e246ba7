"""Forms of the deadline pages: the head's extension and suspension, and the overdue list's filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from cases.choices import DiscussionPurpose
from cases.models import CollectiveDiscussion
from deadlines.choices import Outcome
from deadlines.kinds import KIND_CHOICES
from deadlines.models import Deadline, DeadlineSuspension
from kernel.forms import ActionForm, model_choice_field

if TYPE_CHECKING:
    from officers.models import Agency


class _OnADeadline(ActionForm):
    """The deadline of the case an approval is for (the registry's forms all take the case)."""

    deadline = forms.ModelChoiceField(
        label="期限",
        queryset=Deadline.objects.none(),
        error_messages={"invalid_choice": "该期限不属于本案，或者已经结束。"},
    )

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "deadline").queryset = Deadline.objects.filter(case=case, outcome=Outcome.OPEN)


class ExtensionForm(_OnADeadline):
    days = forms.IntegerField(
        label="延长期间",
        min_value=1,
        max_value=365,
        help_text="与原期限单位相同（办案期限为日）。",
        error_messages={"required": "请填写延长的期间。"},
    )
    reason = forms.CharField(
        label="延长理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明延长的理由。"},
    )
    discussion = forms.ModelChoiceField(
        label="集体讨论记录",
        queryset=CollectiveDiscussion.objects.none(),
        required=False,
        help_text="已经延长过、需要继续延长的，应当经负责人集体讨论：先记录集体讨论（讨论事项：继续延长办案期限），再在此选择。",
        error_messages={"invalid_choice": "该集体讨论不属于本案，或者不是为继续延长办案期限召开的。"},
    )
    party_notified_on = forms.DateField(
        label="书面告知当事人日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="查封、扣押期限的延长应当及时书面告知当事人，并说明理由（行政强制法第二十五条第二款）。",
    )
    # The former checkbox, still accepted: true without a recorded discussion is refused (discussion_not_recorded).
    by_collective_discussion = forms.BooleanField(label="经负责人集体讨论决定", required=False)

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "discussion").queryset = CollectiveDiscussion.objects.filter(
                case=case, purpose=DiscussionPurpose.EXTEND
            )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("请写明延长的理由。")
        return reason


class SuspensionForm(_OnADeadline):
    starts_on = forms.DateField(label="中止起始日", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label="中止结束日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="尚未结束的留空，结束时再登记。",
    )
    reason = forms.CharField(
        label="事由",
        max_length=200,
        help_text="如：检测、检验、检疫、技术鉴定；公告；听证。",
        error_messages={"required": "请写明中止的事由。"},
    )
    basis = forms.CharField(label="依据", max_length=200, required=False)


class EndSuspensionForm(ActionForm):
    suspension = forms.ModelChoiceField(
        label="期间中止",
        queryset=DeadlineSuspension.objects.none(),
        error_messages={"invalid_choice": "该期间中止不属于本案，或者已经结束。"},
    )
    ends_on = forms.DateField(
        label="中止结束日",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "请填写中止结束日。", "invalid": "请填写有效的中止结束日（年-月-日）。"},
    )

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            model_choice_field(self, "suspension").queryset = DeadlineSuspension.objects.filter(
                deadline__case=case, ends_on__isnull=True
            )


class OverdueFilterForm(forms.Form):
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label="执法机关", queryset=None, required=False, empty_label="全部"
    )
    kind = forms.ChoiceField(label="期限种类", choices=[("", "全部"), *KIND_CHOICES], required=False)

    def __init__(self, *args, agencies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "agency").queryset = agencies

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
