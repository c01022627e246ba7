"""The records of deciding as the case page shows them: the proposal against its benchmark, why the
decision is major, the notices with the party's statements or waiver, the hearings, the legal
reviews and the collective discussions (行政处罚法 第三十四条、第四十四至四十五条、第五十七至六十五条).

Everything is read in a fixed number of queries, whatever the number of versions, statements or
reviews: the page must not slow down as a case grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from kernel.money import figures
from matters.choices import MultipleBase, PenaltyKind
from matters.ranges import FineRange

from ..analysis import Analysis, analyse_report
from ..choices import CaseStatus, ReviewOutcome
from ..models import Case, CollectiveDiscussion, Hearing, InvestigationReport, LegalReview, Notice, Statement, Waiver
from ..selectors import attach_windows, chair_recusals


def kind_labels(kinds: list[str]) -> list[str]:
    return [PenaltyKind(k).label if k in PenaltyKind.values else k for k in kinds or []]


@dataclass(frozen=True)
class Amounts:
    """A penalty's sums in yuan, formatted for the page; empty when not proposed."""

    fine: str
    illegal_gains: str
    confiscation_value: str
    base: str = ""

    @classmethod
    def of(cls, penalty) -> Amounts:
        return cls(
            fine=figures(penalty.fine_amount),
            illegal_gains=figures(penalty.illegal_gains),
            confiscation_value=figures(penalty.confiscation_value),
            base=figures(getattr(penalty, "base_amount", None)),
        )


def _share(amount: Decimal, statutory: FineRange) -> int:
    span = statutory.max - statutory.min
    return max(0, min(100, int((amount - statutory.min) / span * 100)))


@dataclass(frozen=True)
class Gauge:
    """Where the fine sits in the statutory range, with the chosen tier's band, in percent."""

    percent: int
    low: str
    high: str
    tier_left: int | None = None
    tier_width: int | None = None


def gauge_for(analysis: Analysis) -> Gauge | None:
    percent = analysis.percent
    if percent is None or analysis.statutory is None:
        return None
    low, high = figures(analysis.statutory.min, 0), figures(analysis.statutory.max, 0)
    if analysis.tier_range is None:
        return Gauge(percent=percent, low=low, high=high)
    left = _share(analysis.tier_range.min, analysis.statutory)
    right = _share(analysis.tier_range.max, analysis.statutory)
    return Gauge(percent=percent, low=low, high=high, tier_left=left, tier_width=max(1, right - left))


@dataclass
class Proposal:
    report: InvestigationReport
    analysis: Analysis
    kinds: list[str]
    amounts: Amounts
    base_label: str
    gauge: Gauge | None


@dataclass
class Version:
    report: InvestigationReport
    kinds: list[str]
    amounts: Amounts


@dataclass
class NoticeRecord:
    notice: Notice
    version: int  # the version of the proposal it announced
    kinds: list[str]
    amounts: Amounts
    statements: list[Statement]
    waiver: Waiver | None
    hearing: Hearing | None
    current: bool


@dataclass
class DecisionRecord:
    proposal: Proposal | None = None
    history: list[Version] = field(default_factory=list)  # earlier versions, newest first
    notices: list[NoticeRecord] = field(default_factory=list)  # newest first
    reviews: list[LegalReview] = field(default_factory=list)  # newest first
    discussions: list[CollectiveDiscussion] = field(default_factory=list)
    major_reasons: list[dict[str, str]] = field(default_factory=list)

    @property
    def hearings(self) -> list[tuple[NoticeRecord, Hearing]]:
        return [(n, n.hearing) for n in self.notices if n.hearing is not None]

    @property
    def pending_review(self) -> LegalReview | None:
        return next((r for r in self.reviews if r.outcome == ReviewOutcome.PENDING), None)

    @property
    def has_review_records(self) -> bool:
        return bool(self.reviews or self.discussions)


def _proposal(case: Case, report: InvestigationReport) -> Proposal:
    report.case = case  # the analysis reads report.case.matter: use the case already loaded
    # The benchmark as it stood when the proposal was made: that is how it was applied.
    analysis = analyse_report(report, on=timezone.localdate(report.created_at))
    base = case.matter.multiple_base
    return Proposal(
        report=report,
        analysis=analysis,
        kinds=kind_labels(report.penalty_kinds),
        amounts=Amounts.of(report),
        base_label=MultipleBase(base).label if base in MultipleBase.values else "",
        gauge=gauge_for(analysis),
    )


def _one(obj, name: str):
    """A reverse one-to-one loaded by ``select_related``, or None when there is none."""
    try:
        return getattr(obj, name)
    except (Waiver.DoesNotExist, Hearing.DoesNotExist):
        return None


def _notices(case: Case, current_report: InvestigationReport | None) -> list[NoticeRecord]:
    notices = attach_windows(
        list(
            case.notices.select_related(
                "report", "created_by__officer", "waiver__recorded_by__officer", "hearing__chair"
            )
            .prefetch_related(
                Prefetch("statements", queryset=Statement.objects.select_related("recorded_by__officer")),
                Prefetch("hearing__recusals", queryset=chair_recusals()),  # 第六十四条第四项: one query for all
            )
            .order_by("-created_at", "-pk")
        )
    )
    return [
        NoticeRecord(
            notice=n,
            version=n.report.version,
            kinds=kind_labels(n.penalty_kinds),
            amounts=Amounts.of(n),
            statements=list(n.statements.all()),
            waiver=_one(n, "waiver"),
            hearing=_one(n, "hearing"),
            current=i == 0 and current_report is not None and n.report_id == current_report.pk,
        )
        for i, n in enumerate(notices)
    ]


def decision_record(case: Case) -> DecisionRecord:
    """The records of deciding of ``case`` (already scoped by ``case_for``), in seven queries or so."""
    reports = list(case.reports.select_related("tier__benchmark__matter", "created_by__officer").order_by("-version"))
    if not reports:
        return DecisionRecord(major_reasons=list(case.major_reasons or []))
    current = reports[0]
    reviews = list(
        case.reviews.select_related("report", "reviewer", "submitted_by__officer").order_by("-submitted_at", "-pk")
    )
    discussions = list(
        case.discussions.select_related("review", "presided_by", "recorded_by__officer")
        .prefetch_related("attendees")
        .order_by("-held_on", "-pk")
    )
    return DecisionRecord(
        proposal=_proposal(case, current),
        history=[Version(r, kind_labels(r.penalty_kinds), Amounts.of(r)) for r in reports[1:]],
        notices=_notices(case, current),
        reviews=reviews,
        discussions=discussions,
        major_reasons=list(case.major_reasons or []),
    )


def reviews_here(case: Case, officer) -> bool:
    """The legal office's reviewer looking at a case awaiting their review: the forms go on top."""
    return (
        case.status == CaseStatus.LEGAL_REVIEW
        and officer is not None
        and officer.is_legal_reviewer
        and officer.agency_id == case.agency_id
    )
