"""The deadlines section of the case page (``registry.add_page_section``): the panel of ``selectors.case_panel`` with,
on each suspended deadline, the head's 恢复计算 form — or the one just posted and refused or invalid, as the head
filled it in, with its errors and the refusal's reasons (``views.end_suspension``), even where the suspension has
meanwhile ended and no form would otherwise be offered."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.urls import reverse
from django.utils import timezone

from cases.views.panels import Refusal, refused_for
from deadlines.models import DeadlineSuspension
from kernel.rules import Reason

from .forms import EndSuspensionForm
from .selectors import CasePanel, case_panel

END_LABEL = "恢复计算"


def end_key(suspension_pk: int) -> str:
    """The key of one suspension's 恢复计算 form among the page's bound forms and refusals."""
    return f"end_deadline_suspension-{suspension_pk}"


def end_form(case, suspension: DeadlineSuspension, data=None) -> EndSuspensionForm:
    """The form of the deadlines section's inline 恢复计算 (the suspension is in the URL, the date is typed)."""
    form = EndSuspensionForm(
        data,
        case=case,
        auto_id=f"end-{suspension.pk}-%s",
        initial={"suspension": suspension.pk, "ends_on": timezone.localdate()},
    )
    form.fields["suspension"].widget = forms.HiddenInput()
    return form


@dataclass
class Ending:
    """One suspension's 恢复计算 on the case page: where it posts, its form, why the last attempt was refused."""

    suspension: DeadlineSuspension
    url: str
    form: forms.Form
    refused: list[Reason] = field(default_factory=list)


def deadlines_section(
    *,
    request,
    case,
    bound: dict[str, forms.Form] | None = None,
    refusal: Refusal | None = None,
    **_,
) -> CasePanel:
    panel = case_panel(case, request.user)
    bound = bound or {}
    for row in panel.rows:
        posted = [s for s in row.deadline.suspensions.all() if end_key(s.pk) in bound]
        if posted:
            suspension = posted[0]
            form = bound[end_key(suspension.pk)]
        elif row.can_end_suspension and (open_one := row.deadline.open_suspension) is not None:
            suspension, form = open_one, end_form(case, open_one)
        else:
            continue
        url = reverse("deadlines:end_suspension", args=[suspension.pk])
        row.ending = Ending(suspension, url, form, refused_for(end_key(suspension.pk), refusal))
    return panel
