"""The inputs of issuing a document (the page and the API share them) and of the public check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Case

from .kinds import INTERNAL, SPECS, KindSpec
from .models import Document

MAX_CHECK_BYTES = 50 * 1024 * 1024

# Labels that depend on the kind (the same field means different things on different documents).
CONTENT_LABELS = {
    "inspection_record": _("检查情况"),
    "inquiry_record": _("询问记录（问答）"),
    "closing_report": _("结案意见"),
    "enforcement_application": _("被申请人的意见"),
}


class IssueForm(forms.Form):
    correction_of = forms.IntegerField(label=_("更正的文书"), required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("更正理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    started_at = forms.CharField(label=_("开始时间"), max_length=40, required=False)
    ended_at = forms.CharField(label=_("结束时间"), max_length=40, required=False)
    interviewee = forms.CharField(label=_("被询问人"), max_length=200, required=False)
    content = forms.CharField(label=_("内容"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    items = forms.CharField(label=_("物品清单（每行一项）"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.IntegerField(label=_("送达的文书"), required=False)
    surcharge = forms.DecimalField(label=_("加处罚款（元）"), required=False, min_value=0, decimal_places=2)
    organ = forms.CharField(label=_("接受移送的公安机关"), max_length=120, required=False)

    def __init__(self, *args, case: Case, spec: KindSpec, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.case, self.spec = case, spec
        if spec.kind in CONTENT_LABELS:
            self.fields["content"].label = CONTENT_LABELS[spec.kind]
        if "document" in spec.fields:
            choices = [
                (d.pk, str(d))
                for d in Document.objects.filter(case=case, superseded_by__isnull=True).order_by("issued_at", "pk")
                if SPECS[d.kind].addressed_to != INTERNAL
            ]
            self.fields["document"] = forms.TypedChoiceField(
                label=_("送达的文书"), choices=choices, coerce=int, required=False
            )

    def clean_correction_of(self) -> Document | None:
        pk = self.cleaned_data.get("correction_of")
        if not pk:
            return None
        document = Document.objects.filter(pk=pk, case=self.case).first()
        if document is None:
            raise forms.ValidationError(_("所更正的文书不是本案的文书。"))
        return document

    def service_kwargs(self) -> dict[str, Any]:
        """What ``issue_document`` takes besides case, kind and actor."""
        data = self.cleaned_data
        extra = {name: data.get(name) for name in self.spec.fields if data.get(name) not in (None, "")}
        if "surcharge" in extra:
            extra["surcharge"] = str(extra["surcharge"])
        return {"correction_of": data.get("correction_of"), "reason": data.get("reason") or "", "extra": extra}


class CheckPdfForm(forms.Form):
    pdf = forms.FileField(label=_("选择要核对的PDF文件"))

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_CHECK_BYTES:
            raise forms.ValidationError(_("文件过大（不超过50 MB）。"))
        return upload
