"""集体讨论 (行政处罚法 第五十七条第二款): the heads' discussion recorded as an action beside the lifecycle."""

from __future__ import annotations

import datetime
from typing import Any

from officers.models import Officer

from ..choices import DiscussionPurpose
from ..guards import Context
from ..models import CollectiveDiscussion
from .runner import run_action


def default_presider(attendees: list[Officer]) -> Officer | None:
    """Who presided when the record does not say: the principal head among those present (正职负责人), else the
    first head present — the agency's default, which the form shows and the record may change."""
    heads = [o for o in attendees if o.is_head]
    principal = [o for o in heads if o.is_principal_head]
    chosen = principal or heads
    return chosen[0] if chosen else None


def record_collective_discussion(
    *,
    case,
    actor,
    held_on: datetime.date,
    attendees: list[Officer],
    conclusion: str,
    opinions: str = "",
    purpose: str = DiscussionPurpose.DECIDE,
    presided_by: Officer | None = None,
) -> CollectiveDiscussion:
    """Record a collective discussion of the heads: for the decision (linked to the current notice and any passed
    review), for a further extension of the case time limit, or on another matter."""
    attendees = list(attendees)
    presided_by = presided_by or default_presider(attendees)
    data = {
        "held_on": held_on,
        "attendees": attendees,
        "conclusion": conclusion,
        "opinions": opinions,
        "purpose": purpose,
        "presided_by": presided_by,
    }

    def apply(ctx: Context) -> tuple[CollectiveDiscussion, dict[str, Any]]:
        for_decision = purpose == DiscussionPurpose.DECIDE
        review = ctx.valid_pass if for_decision else None
        notice = ctx.notice if for_decision and ctx.notice_is_current else None
        discussion = CollectiveDiscussion.objects.create(
            case=ctx.case,
            purpose=purpose,
            review=review,
            notice=notice,
            held_on=held_on,
            presided_by=presided_by,
            opinions=opinions.strip(),
            conclusion=conclusion,
            recorded_by=actor,
        )
        discussion.attendees.set(attendees)
        return discussion, {
            "held_on": held_on,
            "purpose": purpose,
            "conclusion": conclusion,
            "opinions": opinions.strip(),
            "attendees": [{"id": o.pk, "name": o.name} for o in attendees],
            "presided_by": {"id": presided_by.pk, "name": presided_by.name} if presided_by else None,
            "discussion": discussion.pk,
            "review": review.pk if review else None,
            "notice": notice.pk if notice else None,
        }

    return run_action(case=case, name="record_collective_discussion", actor=actor, data=data, apply=apply)
