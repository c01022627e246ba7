"""The legal office's pages (法制审核, 行政处罚法 第五十八条): its queue of pending reviews, and its
desk on the case page — the pending review with its period and the pass/return forms on top.

Only legal reviewers have a queue; anyone else gets 403 (the page exists for every agency, so
refusing it reveals nothing). What the queue lists goes through ``cases_visible_to`` and the
reviewer's own agency, never an unscoped manager.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clock.periods import preloaded
from officers.models import policy_for
from officers.selectors import officer_for_user

from ..choices import CaseStatus, ReviewOutcome
from ..models import Case, LegalReview
from ..selectors import cases_visible_to
from .decision import Amounts, DecisionRecord, kind_labels, reviews_here
from .review_clock import ReviewAge, ReviewClock

if TYPE_CHECKING:
    from .panels import Panel

RECENT_REVIEWS = 10
REVIEW_STEPS = ("pass_legal_review", "return_legal_review")


@dataclass
class QueueRow:
    review: LegalReview
    case: Case
    kinds: list[str]
    amounts: Amounts
    parties: str
    age: ReviewAge | None = None


def _rows(reviews, clock: ReviewClock | None = None) -> list[QueueRow]:
    return [
        QueueRow(
            review=r,
            case=r.case,
            kinds=kind_labels(r.report.penalty_kinds),
            amounts=Amounts.of(r.report),
            parties="、".join(p.name for p in r.case.parties.all()),
            age=clock.age(r) if clock else None,
        )
        for r in reviews
    ]


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """法制审核: the agency's pending reviews, oldest first, with their age and due date; then my last ones."""
    officer = officer_for_user(request.user)
    if officer is None or not officer.is_legal_reviewer:
        raise PermissionDenied(_("只有本机关法制机构的审核人员才能查看法制审核队列。"))
    cases = cases_visible_to(request.user).filter(agency_id=officer.agency_id)
    reviews = LegalReview.objects.filter(case__in=cases).select_related(
        "case__matter", "case__agency", "report", "submitted_by__officer", "reviewer"
    )
    pending = (
        reviews.filter(outcome=ReviewOutcome.PENDING, case__status=CaseStatus.LEGAL_REVIEW)
        .prefetch_related("case__parties")
        .order_by("submitted_at", "pk")
    )
    recent = (
        reviews.filter(reviewer=officer)
        .exclude(outcome=ReviewOutcome.PENDING)
        .prefetch_related("case__parties")
        .order_by("-decided_at", "-pk")[:RECENT_REVIEWS]
    )
    pending_rows = list(pending)
    clock = ReviewClock(policy=policy_for(officer.agency), today=timezone.localdate(), reviews=pending_rows)
    submitted = [timezone.localdate(r.submitted_at) for r in pending_rows]
    # One reading of the holiday table for every row's working days waited (clock.periods.preloaded).
    with preloaded(min(submitted, default=clock.today), clock.today + datetime.timedelta(days=1)):
        rows = _rows(pending_rows, clock)
    return render(
        request,
        "cases/review_queue.html",
        {
            "officer": officer,
            "pending": rows,
            "recent": _rows(recent),
            "limit": clock.limit,
            "today": clock.today,
        },
    )


def review_desk(request: HttpRequest, case: Case, record: DecisionRecord, steps: list[Panel]) -> dict[str, Any]:
    """The case page's context for the legal office: the pass/return forms move out of 下一步 to the top."""
    officer = officer_for_user(request.user) if case.status == CaseStatus.LEGAL_REVIEW else None
    if not reviews_here(case, officer):
        return {"next_steps": steps, "review_steps": [], "review_age": None}
    pending = record.pending_review
    clock = ReviewClock(
        policy=policy_for(case.agency), today=timezone.localdate(), reviews=[pending] if pending else []
    )
    return {
        "next_steps": [p for p in steps if p.key not in REVIEW_STEPS],
        "review_steps": [p for p in steps if p.key in REVIEW_STEPS],
        "review_age": clock.age(pending) if pending else None,
    }
