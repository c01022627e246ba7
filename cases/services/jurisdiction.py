"""管辖 (行政处罚法 第二十二条、第二十五条): the place of violation and a designation of jurisdiction."""

from __future__ import annotations

import datetime
from typing import Any

from ..guards import Context
from ..models import Case, JurisdictionDesignation
from .runner import run_action


def record_violation_place(*, case: Case, actor, violation_division_code: str, location: str = "") -> Case:
    """违法行为发生地: the division code (and the address) that filing checks against the agency's area (第二十二条)."""
    data = {"violation_division_code": violation_division_code, "location": location}

    def apply(ctx: Context) -> tuple[Case, dict[str, Any]]:
        ctx.case.violation_division_code = violation_division_code
        fields = ["violation_division_code", "updated_at"]
        if location.strip():
            ctx.case.location = location.strip()
            fields.append("location")
        ctx.case.save(update_fields=fields)
        return ctx.case, {"violation_division_code": violation_division_code, "location": ctx.case.location}

    return run_action(case=case, name="record_violation_place", actor=actor, data=data, apply=apply)


def record_designation(
    *, case: Case, actor, designated_by: str, designated_on: datetime.date, reference: str = "", reason: str = ""
) -> JurisdictionDesignation:
    """指定管辖 (第二十五条第二款): the common higher organ designated this agency; recorded by the head."""
    data = {"designated_by": designated_by, "designated_on": designated_on, "reference": reference, "reason": reason}

    def apply(ctx: Context) -> tuple[JurisdictionDesignation, dict[str, Any]]:
        designation = JurisdictionDesignation.objects.create(
            case=ctx.case,
            designated_by=designated_by.strip(),
            designated_on=designated_on,
            reference=reference.strip(),
            reason=reason.strip(),
            recorded_by=actor,
        )
        return designation, {
            "designation": designation.pk,
            "designated_by": designation.designated_by,
            "designated_on": designated_on,
            "reference": designation.reference,
            "reason": designation.reason,
        }

    return run_action(case=case, name="record_designation", actor=actor, data=data, apply=apply)
