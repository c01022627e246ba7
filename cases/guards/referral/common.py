"""What the referral's guards share: the articles, the case's latest referral (read once per context) and the
team of 第五条."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from kernel.rules import APL, REFERRAL_ART_5, Reason
from officers.eligibility import check_eligibility
from officers.models import Officer

from ...models.referral import PoliceReferral

if TYPE_CHECKING:
    from ...models import Case
    from ..core import Context


REG = "《行政执法机关移送涉嫌犯罪案件的规定》"
REFERRAL_ART_6 = f"{REG}第六条"
REFERRAL_ART_7 = f"{REG}第七条"
REFERRAL_ART_8 = f"{REG}第八条"
REFERRAL_ART_9 = f"{REG}第九条"
REFERRAL_ART_10 = f"{REG}第十条"
REFERRAL_ART_11 = f"{REG}第十一条"
REFERRAL_ART_12 = f"{REG}第十二条"
ART_27 = f"{APL}第二十七条"
ART_35 = f"{APL}第三十五条"
ART_82 = f"{APL}第八十二条"

_CACHE_KEY = "_police_referral"


def latest_referral(ctx: Context) -> PoliceReferral | None:
    """The case's latest referral, read once per context."""
    if _CACHE_KEY not in ctx.__dict__:
        ctx.__dict__[_CACHE_KEY] = referral_of(ctx.case)
    return ctx.__dict__[_CACHE_KEY]


def referral_of(case: Case) -> PoliceReferral | None:
    """The case's latest referral: from ``prefetch_related("referrals")`` when loaded, else one query."""
    cached = getattr(case, "_prefetched_objects_cache", {}).get("referrals")
    if cached is not None:
        return max(cached, key=lambda r: r.pk, default=None)
    return PoliceReferral.objects.filter(case_id=case.pk).order_by("-pk").first()


# --- the report and the decision (第五条) ----------------------------------------------------


def team_reasons(members: list[Officer], case: Case, today: datetime.date) -> list[Reason]:
    """第五条: a team (专案组) of two or more eligible enforcement officers of the agency."""
    reasons: list[Reason] = []
    eligible = 0
    for officer in members:
        if officer.agency_id != case.agency_id:
            reasons.append(Reason("team_other_agency", f"{officer.name}不是本机关的执法人员。", REFERRAL_ART_5))
            continue
        result = check_eligibility(officer, case.matter.domain, today)
        eligible += result.eligible
        reasons += result.reasons
    if eligible < 2:
        reasons.append(
            Reason(
                "referral_team_too_small",
                f"专案组应当由2名或者2名以上行政执法人员组成，目前符合条件的只有{eligible}名。",
                REFERRAL_ART_5,
            )
        )
    return reasons
