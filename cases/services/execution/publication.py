"""公开: publishing the penalty decision and withdrawing it (行政处罚法 第四十八条、第五十条、第八十五条;
国办发〔2018〕118号).

``publish_decision`` writes the event ``publish_decision`` that meets the deadline of kind ``publication``
(``deadlines.kinds``, on ``published_on``); ``withdraw_publication`` writes ``withdraw_publication`` and fills
``Remedy.publication_withdrawn_on`` on the remedies whose outcome obliged the withdrawal (第四十八条第二款).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from kernel.money import yuan
from kernel.privacy import mask_name
from matters.choices import PenaltyKind

from ...choices import EventType, PartyKind
from ...guards import publication as rules
from ...guards.execution import decision_document
from ...models import Case, Publication
from ...models.publication import PublicationChannel
from ...models.remedies import Remedy
from ..events import append_event
from ..runner import lock_case
from .common import acting_officer, day, refuse


def published_party_name(case: Case) -> str:
    """The parties as published: a natural person's given name hidden (第五十条), an organization in full."""
    return "、".join(
        mask_name(p.name) if p.kind == PartyKind.INDIVIDUAL else p.name for p in case.parties.order_by("pk")
    )


def published_summary(case: Case) -> str:
    """案由 and what the decision imposes (行政处罚法 第九条 kinds, sums in yuan)."""
    labels = dict(PenaltyKind.choices)
    parts = []
    for kind in case.decided_penalty_kinds:
        if kind == PenaltyKind.FINE and case.decided_fine_amount is not None:
            parts.append(f"罚款{yuan(case.decided_fine_amount)}")
        elif kind == PenaltyKind.CONFISCATE_GAINS and case.decided_illegal_gains is not None:
            parts.append(f"没收违法所得{yuan(case.decided_illegal_gains)}")
        else:
            parts.append(labels.get(kind, kind))
    return f"{case.title}；{'、'.join(parts)}"


def decision_number(case: Case) -> str:
    """The 文号 of the current decision document, empty when none has been issued in the system."""
    document = decision_document(case)
    return document.number if document else ""


def _checked_url(url: str) -> str:
    """Only a web address is kept: the page links to it."""
    url = url.strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError({"url": ["请填写以 http:// 或 https:// 开头的网址。"]}) from None
    return url


def _record(case: Case, actor, name: str, payload: dict[str, Any]) -> None:
    append_event(case=case, event_type=EventType.PUBLICATION, actor=actor, name=name, payload=payload)


@transaction.atomic
def publish_decision(
    *,
    case: Case,
    actor,
    published_on: datetime.date,
    channel: str,
    channel_detail: str = "",
    url: str = "",
    note: str = "",
) -> Publication:
    """登记行政处罚决定的公开 (第四十八条第一款). A publication after the 7 working days of 国办发〔2018〕118号 is
    recorded with ``late`` set, never refused for lateness.

    Event ``publish_decision``: ``publication``, ``published_on``, ``channel``, ``channel_detail``, ``url``,
    ``decision_number``, ``party_name`` (masked), ``due_on``, ``late``, ``provisional``.
    """
    url = _checked_url(url)
    if channel not in PublicationChannel.values:
        raise ValidationError({"channel": ["请选择公开渠道。"]})
    locked = lock_case(case.pk)
    refuse(
        rules.publication_reasons(locked, acting_officer(actor), published_on=published_on, today=timezone.localdate())
    )
    assert locked.decided_on is not None, "publication_reasons refuses an undecided case"
    due = rules.publication_due(locked.decided_on)
    publication = Publication.objects.create(
        case=locked,
        published_on=published_on,
        channel=channel,
        channel_detail=channel_detail.strip(),
        url=url,
        decision_number=decision_number(locked),
        party_name=published_party_name(locked),
        summary=published_summary(locked),
        note=note.strip(),
        due_on=due.date,
        late=published_on > due.date,
        provisional=due.provisional,
        recorded_by=actor,
    )
    _record(
        locked,
        actor,
        "publish_decision",
        {
            "publication": publication.pk,
            "published_on": day(published_on),
            "channel": channel,
            "channel_detail": publication.channel_detail,
            "url": publication.url,
            "decision_number": publication.decision_number,
            "party_name": publication.party_name,
            "due_on": day(publication.due_on),
            "late": publication.late,
            "provisional": publication.provisional,
        },
    )
    return publication


@transaction.atomic
def withdraw_publication(*, publication: Publication, actor, withdrawn_on: datetime.date, reason: str) -> Publication:
    """撤回已公开的行政处罚决定信息并公开说明理由 (第四十八条第二款): after a change, revocation, confirmation of
    unlawfulness or invalidity — or whenever the agency itself corrects what it published. The remedies whose
    outcome obliged the withdrawal get ``publication_withdrawn_on``; a withdrawal after their 3 working days is
    recorded with ``late`` set.

    Event ``withdraw_publication``: ``publication``, ``withdrawn_on``, ``reason``, ``remedies`` (ids filled),
    ``due_on`` (the earliest of their deadlines; null when no remedy obliged it), ``late``.
    """
    case = lock_case(publication.case_id)
    item = Publication.objects.select_for_update().get(pk=publication.pk)
    refuse(
        rules.withdrawal_reasons(
            case, item, acting_officer(actor), withdrawn_on=withdrawn_on, reason=reason, today=timezone.localdate()
        )
    )
    item.withdrawn_on, item.withdrawal_reason = withdrawn_on, reason.strip()
    item.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    obliging = list(
        Remedy.objects.select_for_update()
        .filter(case=case, publication_withdrawal_due__isnull=False, publication_withdrawn_on__isnull=True)
        .order_by("publication_withdrawal_due", "pk")
    )
    for remedy in obliging:
        remedy.publication_withdrawn_on = withdrawn_on
        remedy.save(update_fields=["publication_withdrawn_on"])
    due = obliging[0].publication_withdrawal_due if obliging else None
    _record(
        case,
        actor,
        "withdraw_publication",
        {
            "publication": item.pk,
            "withdrawn_on": day(withdrawn_on),
            "reason": item.withdrawal_reason,
            "remedies": [r.pk for r in obliging],
            "due_on": day(due),
            "late": bool(due and withdrawn_on > due),
        },
    )
    return item
