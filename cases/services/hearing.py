"""The hearing chair's recusal (行政处罚法 第六十四条第四项): the party's application, recorded by a handler, and the
head's decision with reasons — beside the hearing's transitions, the case's status unchanged."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError

from ..models import Case, ChairRecusal, Party
from .runner import run_action


def apply_for_chair_recusal(
    *, case: Case, actor, party: Party, applied_on: datetime.date, grounds: str
) -> ChairRecusal:
    """当事人申请主持人回避: recorded against the hearing's designated chair; it waits for the head's decision, and
    until then the hearing is not held (``guards.deciding.no_pending_chair_recusal``)."""
    if not grounds.strip():
        raise ValidationError({"grounds": "请写明申请回避的理由。"})
    data = {"party": party, "applied_on": applied_on, "grounds": grounds}

    def apply(ctx) -> tuple[ChairRecusal, dict[str, Any]]:
        hearing = ctx.hearing
        assert hearing is not None and hearing.chair is not None, "the recusal guards require a designated chair"
        chair = hearing.chair
        application = ChairRecusal.objects.create(
            hearing=hearing, chair=chair, party=party, applied_on=applied_on, grounds=grounds.strip(),
            recorded_by=actor,
        )  # fmt: skip
        return application, {
            "recusal": application.pk,
            "chair": {"id": chair.pk, "name": chair.name},
            "party": party.pk,
            "applied_on": applied_on,
            "grounds": application.grounds,
        }

    return run_action(case=case, name="apply_for_chair_recusal", actor=actor, data=data, apply=apply)


def decide_chair_recusal(
    *,
    case: Case,
    actor,
    application: ChairRecusal,
    decision: str,
    decided_on: datetime.date,
    granted: bool = False,
) -> ChairRecusal:
    """负责人决定 (第六十四条第四项): granted, the hearing has no chair until ``schedule_hearing`` designates another
    (the recused chair cannot be designated again); rejected, the application stays on file with the reasons."""
    if not decision.strip():
        raise ValidationError({"decision": "请写明决定的理由。"})
    data = {"application": application, "granted": granted, "decision": decision, "decided_on": decided_on}

    def apply(ctx) -> tuple[ChairRecusal, dict[str, Any]]:
        record: ChairRecusal = ctx.target
        record.granted, record.decision, record.decided_on = granted, decision.strip(), decided_on
        record.decided_by = ctx.officer
        record.save(update_fields=["granted", "decision", "decided_on", "decided_by"])
        hearing = record.hearing
        if granted and hearing.chair_id == record.chair_id:
            hearing.chair = None
            hearing.save(update_fields=["chair"])
        return record, {
            "recusal": record.pk,
            "chair": {"id": record.chair_id, "name": record.chair.name},
            "applied_on": record.applied_on,
            "grounds": record.grounds,
            "granted": granted,
            "decision": record.decision,
            "decided_on": decided_on,
        }

    return run_action(case=case, name="decide_chair_recusal", actor=actor, data=data, apply=apply)
