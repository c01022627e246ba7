"""The agency's steps: the team's report, the principal head's decision, the hand-over, the resumption."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from officers.models import Officer

from ...guards import Context
from ...models import Case
from ...models.referral import PoliceReferral
from ..runner import run_action, run_transition
from .common import _ref, next_step, payload, run_step


def submit_referral_report(*, case: Case, actor, team: Iterable[Officer], report: str) -> PoliceReferral:
    """专案组提出移送涉嫌犯罪案件的书面报告 (第五条第一款; 行政处罚法 第二十七条)."""
    members = list(
        Officer.objects.filter(pk__in={o.pk for o in team})
        .select_related("user")
        .prefetch_related("certificates__domains", "certificates__status_changes")
    )

    def apply(ctx: Context) -> tuple[PoliceReferral, dict[str, Any]]:
        referral = PoliceReferral(
            case=ctx.case,
            report=report.strip(),
            submitted_at=timezone.now(),
            submitted_by=actor,
            working_days=ctx.policy.referral_days_are_working_days,
        )
        referral.save()
        referral.team.set(members)
        # 第五条第二款: the principal head decides within 3 days of receiving the report.
        next_ = next_step("decide_referral", ctx.today)
        return referral, payload(referral, team=[_ref(o) for o in members], next=next_)

    data = {"team": members, "report": report}
    return run_action(case=case, name="submit_referral_report", actor=actor, data=data, apply=apply)


def decide_referral(*, referral: PoliceReferral, actor, approved: bool, reason: str = "") -> PoliceReferral:
    """正职负责人审批移送 (第五条第二款): only the principal head (or the head presiding), within 3 days."""

    def apply(ctx: Context, ref: PoliceReferral) -> tuple[PoliceReferral, dict[str, Any]]:
        me = ctx.officer
        assert me is not None, "decided_by_principal_head refuses a user who is not an officer"
        now = timezone.now()
        ref.decided_by, ref.decided_at, ref.approved = me, now, approved
        ref.rejection_reason = "" if approved else reason.strip()
        facts: dict[str, Any] = {"approved": approved, "reason": reason.strip(), "decided_by": _ref(me)}
        if approved:
            # 第五条第二款: handed over within 24 hours of the approval.
            facts["next"] = next_step("refer_to_police", timezone.localdate(now), now)
        ref.save()
        return ref, payload(ref, row=ref.deadline("decide_referral"), done=timezone.localdate(now), **facts)

    data = {"approved": approved, "reason": reason}
    return run_step("decide_referral", referral=referral, actor=actor, data=data, apply=apply)


# --- the transitions ---------------------------------------------------------------------


def refer_to_police(*, case: Case, actor, police_organ: str, materials: Iterable[str], note: str = "") -> Case:
    """向同级公安机关移送 (第五条第二款、第六条): the approved referral with its attachments; case → referred."""
    materials = sorted(set(materials))
    data = {"police_organ": police_organ, "materials": materials, "note": note}

    def apply(c: Case) -> dict[str, Any]:
        # The guards passed on this transaction's locked case row, which every referral step locks first.
        ref = PoliceReferral.objects.filter(case=c).order_by("-pk").first()
        assert ref is not None, "referral_approved refuses a case without a referral"
        now = timezone.now()
        ref.police_organ, ref.handed_over_at, ref.handed_over_by = police_organ.strip(), now, actor
        ref.materials, ref.handover_note = materials, note
        if ref.fines_already_imposed is None and c.decided_fine_amount:
            ref.fines_already_imposed = c.decided_fine_amount  # 行政处罚法 第三十五条: to be credited
        ref.save()
        # The 24 hours as the stored deadline the approval opened counts them; late is recorded, never refused.
        return payload(
            ref,
            row=ref.deadline("refer_to_police"),
            done=now,
            step="refer_to_police",
            police_organ=ref.police_organ,
            materials=materials,
            note=note,
            fines_already_imposed=ref.fines_already_imposed,
        )

    return run_transition(case=case, name="refer_to_police", actor=actor, data=data, apply=apply)


def resume_after_referral(*, case: Case, actor, note: str) -> Case:
    """恢复行政处理 (第十条): the police declined for good; the case returns to its state before the referral."""

    def apply(c: Case) -> dict[str, Any]:
        ref = PoliceReferral.objects.filter(case=c).order_by("-pk").first()  # the guards passed on the locked case
        assert ref is not None, "police_finally_declined refuses a case without a referral"
        ref.finally_declined_at = timezone.now()
        ref.save(update_fields=["finally_declined_at"])
        return {
            "step": "resume_after_referral",
            "referral": ref.pk,
            "note": note,
            "back_to": c.status_before_referral,
            "police_reasons": ref.police_reasons,
        }

    return run_transition(case=case, name="resume_after_referral", actor=actor, data={"note": note}, apply=apply)
