"""The record of the heads' collective discussion (集体讨论笔录, 行政处罚法 第五十七条第二款)."""

from __future__ import annotations

from django import forms

from kernel.forms import ActionForm, model_choice_field
from officers.models import Officer

from ..choices import DiscussionPurpose
from .fields import text


class CollectiveDiscussionForm(ActionForm):
    # The widgets of the page's step forms (a tablet): radio buttons, a native date picker, checkboxes.
    purpose = forms.ChoiceField(
        label="讨论事项", choices=DiscussionPurpose.choices, initial=DiscussionPurpose.DECIDE, widget=forms.RadioSelect
    )
    held_on = forms.DateField(label="讨论日期", widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.ModelMultipleChoiceField(
        label="参加讨论的负责人", queryset=Officer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    presided_by = forms.ModelChoiceField(
        label="主持人",
        queryset=Officer.objects.none(),
        required=False,
        help_text="默认：参加讨论的正职负责人（本机关的默认做法，可以改选）。",
    )
    opinions = text("参加人员的意见（逐人记录，写明姓名）", rows=4)
    conclusion = text("讨论结论")

    def __init__(self, *args, case=None, **kwargs) -> None:
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            heads = Officer.objects.filter(agency_id=case.agency_id, is_head=True, is_active=True)
            model_choice_field(self, "attendees").queryset = heads
            model_choice_field(self, "presided_by").queryset = heads
            self.fields["presided_by"].initial = heads.filter(is_principal_head=True).first()
