"""先行登记保存 (行政处罚法 第五十六条), actions of the registry (``cases.actions.preservation``).

``request_preservation`` records the handlers' request with the list of items; ``approve_preservation`` the head's
approval; ``preserve_evidence`` the registration of the items, whose event opens the deadline
``evidence_preservation`` (seven working days from the day of registration, 第五十六条、第八十五条) and — when the
items were registered before the approval, as the agency's sector rule may allow — ``preservation_approval``
(24 hours); ``dispose_preserved_evidence`` the disposal decision, which meets the seven working days (a late one is
recorded: the deadline says it was late).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from officers.selectors import officer_for_user

from ..guards import Context
from ..models import Case, DisposalKind, EvidencePreservation, EvidenceSampling
from .execution.common import day, locking, officer_ref
from .runner import run_action


def request_preservation(*, case: Case, actor, reason: str, items: list[dict[str, str]]) -> EvidencePreservation:
    """Event ``request_preservation``: ``preservation``, ``items``, ``reason``."""
    data = {"reason": reason, "items": items}

    def apply(ctx: Context) -> tuple[EvidencePreservation, dict[str, Any]]:
        assert ctx.officer is not None, "the guards admit only a handler"
        item = EvidencePreservation.objects.create(
            case=ctx.case, items=items, reason=reason.strip(), requested_by=ctx.officer, requested_at=timezone.now()
        )
        return item, {"preservation": item.pk, "items": items, "reason": item.reason}

    return run_action(case=case, name="request_preservation", actor=actor, data=data, apply=apply)


def _pk(preservation: EvidencePreservation | int | None) -> int | None:
    return preservation.pk if isinstance(preservation, EvidencePreservation) else preservation


def approve_preservation(
    *,
    case: Case,
    actor,
    preservation: EvidencePreservation | int | None,
    opinion: str = "",
    approved: bool = True,
) -> EvidencePreservation:
    """The head approves or refuses (``approved``). Event ``approve_preservation``: ``preservation``,
    ``approved_at`` (the moment of the decision), ``approved_by``, ``opinion``, ``approved``, ``after_registration``
    (the head decided on items registered first: it meets the deadline ``preservation_approval``), ``returned_on``.

    A refusal of items already registered (the agency's 24-hour sector-rule setting) returns them at once: without
    the head's approval nothing may be kept (第五十六条). The refusal is then the disposal — 解除先行登记保存，退还
    当事人, dated the day of the refusal — which meets the seven working days (``evidence_preservation``) and issues
    the 先行登记保存证据处理决定书 (``documents.steps``)."""
    pk = _pk(preservation)
    data = {"preservation": pk, "opinion": opinion, "approved": approved}

    def apply(ctx: Context) -> tuple[EvidencePreservation, dict[str, Any]]:
        item: EvidencePreservation = ctx.target
        now = timezone.now()
        item.approved_by, item.approval_opinion = ctx.officer, opinion.strip()
        returned_on = None
        if approved:
            item.approved_at = now
        else:
            item.refused_at = now
            if item.registered_at is not None and item.disposed_on is None:
                returned_on = max(timezone.localdate(now), item.registered_on or timezone.localdate(now))
                item.disposal, item.disposed_on, item.disposed_by = DisposalKind.RETURN, returned_on, ctx.officer
                item.disposal_note = f"本机关负责人不予批准先行登记保存（{item.approval_opinion}），即时解除并退还"
        item.save(
            update_fields=[
                "approved_by",
                "approved_at",
                "refused_at",
                "approval_opinion",
                "disposal",
                "disposed_on",
                "disposal_note",
                "disposed_by",
            ]
        )
        return item, {
            "preservation": item.pk,
            "approved_at": now,
            "approved_by": officer_ref(ctx.officer),
            "opinion": item.approval_opinion,
            "approved": approved,
            "after_registration": item.registered_at is not None,
            "returned_on": day(returned_on) if returned_on else None,
        }

    return run_action(
        case=case,
        name="approve_preservation",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(EvidencePreservation, pk),
    )


def preserve_evidence(
    *,
    case: Case,
    actor,
    preservation: EvidencePreservation | int | None,
    registered_at: datetime.datetime,
    place: str,
) -> EvidencePreservation:
    """Event ``preserve_evidence``: ``preservation``, ``preserved_on`` (the local day of ``registered_at``: the seven
    working days run from it), ``registered_at``, ``place``, ``items``, ``approved``."""
    pk = _pk(preservation)
    data = {"preservation": pk, "registered_at": registered_at, "place": place}

    def apply(ctx: Context) -> tuple[EvidencePreservation, dict[str, Any]]:
        item: EvidencePreservation = ctx.target
        item.registered_at, item.registered_on = registered_at, timezone.localdate(registered_at)
        item.place, item.registered_by = place.strip(), officer_for_user(actor)
        item.save(update_fields=["registered_at", "registered_on", "place", "registered_by"])
        return item, {
            "preservation": item.pk,
            "preserved_on": day(item.registered_on),
            "registered_at": registered_at,
            "place": item.place,
            "items": item.items,
            "approved": item.approved_at is not None,
        }

    return run_action(
        case=case,
        name="preserve_evidence",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(EvidencePreservation, pk),
    )


def dispose_preserved_evidence(
    *,
    case: Case,
    actor,
    preservation: EvidencePreservation | int | None,
    disposal: str,
    decided_on: datetime.date,
    note: str = "",
) -> EvidencePreservation:
    """Event ``dispose_preserved_evidence``: ``preservation``, ``disposed_on``, ``disposal``, ``note``."""
    pk = _pk(preservation)
    data = {"preservation": pk, "disposal": disposal, "decided_on": decided_on, "note": note}

    def apply(ctx: Context) -> tuple[EvidencePreservation, dict[str, Any]]:
        item: EvidencePreservation = ctx.target
        item.disposal, item.disposed_on, item.disposal_note = disposal, decided_on, note.strip()
        item.disposed_by = officer_for_user(actor)
        item.save(update_fields=["disposal", "disposed_on", "disposal_note", "disposed_by"])
        return item, {
            "preservation": item.pk,
            "disposed_on": day(decided_on),
            "disposal": disposal,
            "note": item.disposal_note,
        }

    return run_action(
        case=case,
        name="dispose_preserved_evidence",
        actor=actor,
        data=data,
        apply=apply,
        target=locking(EvidencePreservation, pk),
    )


def record_sampling(
    *,
    case: Case,
    actor,
    sampled_at: datetime.datetime,
    place: str,
    samples: list[dict[str, str]],
    purpose: str = "",
) -> EvidenceSampling:
    """抽样取证 (第五十六条). Event ``record_sampling``: ``sampling``, ``sampled_at``, ``place``, ``purpose``,
    ``samples`` (it issues the 抽样取证通知书 with the list)."""
    data = {"sampled_at": sampled_at, "place": place, "samples": samples, "purpose": purpose}

    def apply(ctx: Context) -> tuple[EvidenceSampling, dict[str, Any]]:
        assert ctx.officer is not None, "the guards admit only a handler"
        item = EvidenceSampling.objects.create(
            case=ctx.case,
            sampled_at=sampled_at,
            place=place.strip(),
            samples=samples,
            purpose=purpose.strip(),
            recorded_by=ctx.officer,
        )
        return item, {
            "sampling": item.pk,
            "sampled_at": sampled_at,
            "place": item.place,
            "purpose": item.purpose,
            "samples": samples,
        }

    return run_action(case=case, name="record_sampling", actor=actor, data=data, apply=apply)
