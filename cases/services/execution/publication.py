"""公开: publishing the penalty decision and withdrawing it (行政处罚法 第四十八条、第五十条、第八十五条;
国办发〔2018〕118号), actions of the registry (``cases.actions.publication``).

``publish_decision`` writes the event ``publish_decision`` that meets the deadline of kind ``publication``
(``deadlines.kinds``, on ``published_on``); ``withdraw_publication`` writes ``withdraw_publication``, which meets
the deadlines ``publication_withdrawal``, and fills ``Remedy.publication_withdrawn_on`` on the remedies whose
outcome obliged the withdrawal (第四十八条第二款).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from deadlines.choices import Outcome
from deadlines.models import Deadline
from kernel.money import yuan
from kernel.privacy import mask_name
from matters.choices import PenaltyKind

from ...choices import PartyKind
from ...guards import Context
from ...guards.execution import decision_document
from ...models import Case, NonPublication, Publication
from ...models.publication import NonPublicationReason, PublicationChannel
from ...models.remedies import Remedy
from ..runner import run_action
from .common import day, locking


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
    """登记行政处罚决定的公开 (第四十八条第一款). It meets the deadline ``publication`` (国办发〔2018〕118号: 7 working
    days, a general-procedure penalty decision); a publication after it is recorded, never refused for lateness —
    the deadline says it came late (``Deadline.met_late``).

    Event ``publish_decision``: ``publication``, ``published_on``, ``channel``, ``channel_detail``, ``url``,
    ``decision_number``, ``party_name`` (masked).
    """
    url = _checked_url(url)
    if channel not in PublicationChannel.values:
        raise ValidationError({"channel": ["请选择公开渠道。"]})
    data = {"published_on": published_on, "channel": channel, "channel_detail": channel_detail, "url": url}

    def apply(ctx: Context) -> tuple[Publication, dict[str, Any]]:
        c = ctx.case
        publication = Publication.objects.create(
            case=c,
            published_on=published_on,
            channel=channel,
            channel_detail=channel_detail.strip(),
            url=url,
            decision_number=decision_number(c),
            party_name=published_party_name(c),
            summary=published_summary(c),
            note=note.strip(),
            recorded_by=actor,
        )
        return publication, {
            "publication": publication.pk,
            "published_on": day(published_on),
            "channel": channel,
            "channel_detail": publication.channel_detail,
            "url": publication.url,
            "decision_number": publication.decision_number,
            "party_name": publication.party_name,
        }

    return run_action(case=case, name="publish_decision", actor=actor, data=data, apply=apply)


def withdraw_publication(*, publication: Publication, actor, withdrawn_on: datetime.date, reason: str) -> Publication:
    """撤回已公开的行政处罚决定信息并公开说明理由 (第四十八条第二款): after a change, revocation, confirmation of
    unlawfulness or invalidity — or whenever the agency itself corrects what it published. It meets the deadlines
    ``publication_withdrawal`` of the remedies whose outcome obliged the withdrawal, which get
    ``publication_withdrawn_on``; a withdrawal after their 3 working days is recorded, and those deadlines say so.

    Event ``withdraw_publication``: ``publication``, ``withdrawn_on``, ``reason``, ``remedies`` (ids filled).
    """
    return withdrawal(
        case=Case.objects.get(pk=publication.case_id),
        actor=actor,
        publication=publication.pk,
        withdrawn_on=withdrawn_on,
        reason=reason,
    )


def withdrawal(*, case: Case, actor, publication: int | None, withdrawn_on: datetime.date, reason: str) -> Publication:
    """``withdraw_publication`` of the case's publication ``publication`` (its id; None refuses: none live)."""
    data = {"publication": publication, "withdrawn_on": withdrawn_on, "reason": reason}

    def apply(ctx: Context) -> tuple[Publication, dict[str, Any]]:
        item: Publication = ctx.target
        item.withdrawn_on, item.withdrawal_reason = withdrawn_on, reason.strip()
        item.save(update_fields=["withdrawn_on", "withdrawal_reason"])
        # 第四十八条第二款: the remedies whose outcome obliged the withdrawal — their deadlines are open.
        obliging_ids = [
            int(ref)
            for ref in Deadline.objects.filter(
                case=ctx.case, kind="publication_withdrawal", outcome=Outcome.OPEN
            ).values_list("ref", flat=True)
            if ref.isdigit()
        ]
        obliging = list(
            Remedy.objects.select_for_update()
            .filter(case=ctx.case, pk__in=obliging_ids, publication_withdrawn_on__isnull=True)
            .order_by("pk")
        )
        for remedy in obliging:
            remedy.publication_withdrawn_on = withdrawn_on
            remedy.save(update_fields=["publication_withdrawn_on"])
        return item, {
            "publication": item.pk,
            "withdrawn_on": day(withdrawn_on),
            "reason": item.withdrawal_reason,
            "remedies": [r.pk for r in obliging],
        }

    return run_action(
        case=case,
        name="withdraw_publication",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(Publication, publication),
    )


def decide_not_to_publish(*, case: Case, actor, decided_on: datetime.date, reason: str, detail: str) -> NonPublication:
    """依法决定不予公开行政处罚决定, with its reason (行政处罚法 第五十条; 政府信息公开条例 第十四条至第十六条). The
    deadline ``publication`` ends as not due, so a lawful non-publication never shows as overdue.

    Event ``decide_not_to_publish``: ``non_publication``, ``decided_on``, ``reason``, ``detail``.
    """
    if reason not in NonPublicationReason.values:
        raise ValidationError({"reason": ["请选择不予公开的理由。"]})
    data = {"decided_on": decided_on, "reason": reason, "detail": detail}

    def apply(ctx: Context) -> tuple[NonPublication, dict[str, Any]]:
        item = NonPublication.objects.create(
            case=ctx.case, decided_on=decided_on, reason=reason, detail=detail.strip(), decided_by=actor
        )
        return item, {
            "non_publication": item.pk,
            "decided_on": day(decided_on),
            "reason": reason,
            "detail": item.detail,
        }

    return run_action(case=case, name="decide_not_to_publish", actor=actor, data=data, apply=apply)


def lift_non_publication(*, case: Case, actor, lifted_on: datetime.date, reason: str) -> NonPublication:
    """解除不予公开的决定: a head lifts the case's standing decision not to publish, with the reason (the ground
    ceased). The duty to publish reopens: the deadline ``publication`` opens again from ``lifted_on`` — 7 working
    days, the rule of the decision's own publication (国办发〔2018〕118号; the project's reading, docs/policy.md).

    Event ``lift_non_publication``: ``non_publication``, ``lifted_on``, ``reason``.
    """
    standing = case.non_publications.filter(lifted_on__isnull=True).values_list("pk", flat=True).first()
    data = {"lifted_on": lifted_on, "reason": reason}

    def apply(ctx: Context) -> tuple[NonPublication, dict[str, Any]]:
        item: NonPublication = ctx.target
        item.lifted_on, item.lift_reason, item.lifted_by = lifted_on, reason.strip(), actor
        item.save(update_fields=["lifted_on", "lift_reason", "lifted_by"])
        return item, {"non_publication": item.pk, "lifted_on": day(lifted_on), "reason": item.lift_reason}

    return run_action(
        case=case,
        name="lift_non_publication",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(NonPublication, standing),
    )
