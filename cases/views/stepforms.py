"""The step forms as the page shows them on a tablet: native date pickers, checkboxes and radio
buttons instead of select boxes, the benchmark tiers with their circumstances and ranges, and
the values the officer would otherwise retype from the proposal or the notice.

Only the widgets, labels and initial values change here; the forms (``cases.forms.transitions``)
keep validating the same payload for the pages and the API alike.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.forms import choices_of
from kernel.money import figures
from kernel.widgets import DateInput, DateTimeLocalInput
from matters.models import BenchmarkTier
from officers.models import Officer

from ..choices import Outcome
from ..forms.transitions import ReportForm
from ..models import InvestigationReport, Notice
from ..services.deciding import REPORT_FIELDS

# Few, long choices read better as radio buttons than as a select box on a tablet.
RADIO_MAX_CHOICES = 3
REPORT_STEPS = ("conclude_investigation", "revise_proposal")


def tabletize(form: forms.Form) -> forms.Form:
    """Native date pickers, multi-selects as checkboxes and short required choices as radio buttons."""
    for f in form.fields.values():
        if isinstance(f, forms.DateTimeField) and not isinstance(f.widget, DateTimeLocalInput):
            f.widget = DateTimeLocalInput(attrs=f.widget.attrs)
        elif isinstance(f, forms.DateField) and not isinstance(f.widget, DateInput):
            f.widget = DateInput(attrs=f.widget.attrs)
        elif isinstance(f, forms.MultipleChoiceField | forms.ModelMultipleChoiceField) and not isinstance(
            f.widget, forms.CheckboxSelectMultiple
        ):
            f.widget = forms.CheckboxSelectMultiple(attrs=f.widget.attrs)
            f.widget.choices = f.choices
        elif (
            isinstance(f, forms.ChoiceField)
            and type(f) in (forms.ChoiceField, forms.TypedChoiceField)
            and f.required
            and isinstance(f.widget, forms.Select)
            and len(f.choices) <= RADIO_MAX_CHOICES  # type: ignore[arg-type]  # a list once set; stubs type the getter as the setter
        ):
            f.widget = forms.RadioSelect(attrs=f.widget.attrs)
            f.widget.choices = f.choices
    return form


def _officers_by_name(form: forms.Form) -> None:
    """The officers offered (chair, attendees, approving head) are of the case's own agency: their
    names suffice, and ``Officer.__str__`` would load each one's agency for its short name."""
    for f in form.fields.values():
        if isinstance(f, forms.ModelChoiceField) and f.queryset is not None and f.queryset.model is Officer:
            f.label_from_instance = _officer_name  # type: ignore[method-assign, assignment]  # Django's per-instance override


def _officer_name(officer: Officer) -> str:
    return officer.name


def tier_label(tier: BenchmarkTier) -> str:
    """一般处罚：18,500.00元至32,000.00元（circumstances）— what a handler needs to pick the tier."""
    if tier.fine_max is not None:
        span = _("%(low)s元至%(high)s元") % {"low": figures(tier.fine_min or 0), "high": figures(tier.fine_max)}
    elif tier.multiple_max is not None:
        span = _("%(low)s倍至%(high)s倍") % {"low": f"{tier.multiple_min or 0:g}", "high": f"{tier.multiple_max:g}"}
    else:
        span = _("不予罚款")
    return f"{tier.get_level_display()}：{span}（{tier.circumstances}）"


def _tiers_as_radios(form: forms.Form) -> None:
    field = form.fields.get("tier")
    if not isinstance(field, forms.ModelChoiceField):
        return
    assert field.queryset is not None, "the tier field starts from BenchmarkTier.objects.none()"
    if not field.queryset.exists():
        # The matter has no benchmark in force: nothing to choose, nothing to submit.
        field.widget = forms.HiddenInput()
        return
    field.empty_label = None  # a benchmark in force: a tier must be chosen (行政处罚法 第三十四条)
    field.label_from_instance = tier_label  # type: ignore[method-assign, assignment]  # Django's per-instance override
    field.widget = forms.RadioSelect()
    field.widget.choices = field.choices


def _decided_kinds_of_the_matter(form: forms.Form) -> None:
    """Offer the kinds the matter's penalty provision provides, not all thirteen of Art. 9."""
    field = form.fields.get("decided_penalty_kinds")
    case = getattr(form, "case", None)
    if isinstance(field, forms.MultipleChoiceField) and case is not None and case.matter.penalty_kinds:
        provided = set(case.matter.penalty_kinds)
        field.choices = [(value, label) for value, label in choices_of(field) if value in provided]


def _proposal_initial(report: InvestigationReport) -> dict[str, Any]:
    initial = {name: getattr(report, name) for name in REPORT_FIELDS if name != "tier"}
    initial["tier"] = report.tier_id
    return initial


def _decision_initial(notice: Notice) -> dict[str, Any]:
    """The decision starts from what was notified: it may be lighter, never heavier (第四十五条)."""
    outcome = notice.report.outcome if notice.report.outcome in (Outcome.PENALTY, Outcome.NO_PENALTY) else None
    return {
        "outcome": outcome,
        "no_penalty_ground": notice.report.no_penalty_ground,
        "decided_on": timezone.localdate(),
        "decided_penalty_kinds": list(notice.penalty_kinds),
        "decided_fine_amount": notice.fine_amount,
        "decided_illegal_gains": notice.illegal_gains,
        "decided_confiscation": notice.confiscation,
        "decided_confiscation_value": notice.confiscation_value,
    }


def prepare(name: str, form: forms.Form, *, report: InvestigationReport | None, notice: Notice | None) -> forms.Form:
    """The step form ``name`` ready for the page: tablet widgets and, when unbound, sensible initial values."""
    if name in REPORT_STEPS:
        _tiers_as_radios(form)
        if report is not None and not form.is_bound:
            form.initial = {**_proposal_initial(report), **form.initial}
            if isinstance(form, ReportForm):
                form.lock_criteria(form.initial)  # 行政处罚法 第五十七条第二款: the agency's criteria, pre-set
    elif name == "decide":
        _decided_kinds_of_the_matter(form)
        if notice is not None and not form.is_bound:
            form.initial = {**_decision_initial(notice), **form.initial}
    _officers_by_name(form)
    return tabletize(form)
