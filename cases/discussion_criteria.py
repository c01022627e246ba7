"""The agency's documented criteria of 情节复杂 and 重大违法行为 (行政处罚法 第五十七条第二款).

"对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定": the law does not define either; the
investigation report answers both with reasons (``InvestigationReport.complex_circumstances`` /
``serious_violation``). Where the agency has documented criteria of its own (``AgencyPolicy``, 本机关政策, each off or
empty by default) and the proposal meets one, the answer is "yes" — pre-set on the form and not removable: the
guard ``discussion_criteria_applied`` refuses a report that clears it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from kernel.money import yuan
from matters.choices import PenaltyKind
from officers.models import AgencyPolicy

from .choices import Outcome, PartyKind

COMPLEX, SERIOUS = "complex_circumstances", "serious_violation"
LABELS = {COMPLEX: "情节复杂", SERIOUS: "重大违法行为"}


def _fine_threshold(policy: AgencyPolicy, party_kinds: set[str]) -> Decimal | None:
    # As for the hearing and major thresholds (cases.major): the individual's figure where a party is a citizen.
    if not party_kinds or PartyKind.INDIVIDUAL in party_kinds:
        return policy.serious_violation_fine_individual
    return policy.serious_violation_fine_organization


def criteria_met(
    *,
    outcome: str | None,
    penalty_kinds: Iterable[str],
    fine_amount: Decimal | None,
    confiscated_total: Decimal | None,
    party_kinds: set[str],
    party_count: int,
    policy: AgencyPolicy,
) -> dict[str, list[str]]:
    """Which answers the agency's criteria pre-set for this proposal, each with the criteria met (the reason).

    Only a penalty is put before the heads by 第五十七条第二款 (给予行政处罚): other outcomes meet no criterion."""
    met: dict[str, list[str]] = {COMPLEX: [], SERIOUS: []}
    if outcome != Outcome.PENALTY:
        return {}
    fine_threshold = _fine_threshold(policy, party_kinds)
    if fine_threshold is not None and fine_amount is not None and fine_amount >= fine_threshold:
        met[SERIOUS].append(
            f"拟罚款{yuan(fine_amount)}，达到本机关认定重大违法行为的罚款数额（{yuan(fine_threshold)}）"
        )
    threshold = policy.serious_violation_confiscation
    if threshold is not None and confiscated_total and confiscated_total >= threshold:
        met[SERIOUS].append(
            f"拟没收违法所得和非法财物价值{yuan(confiscated_total)}，达到本机关认定重大违法行为的数额（{yuan(threshold)}）"
        )
    if policy.serious_violation_if_revocation and PenaltyKind.REVOKE_PERMIT in set(penalty_kinds):
        met[SERIOUS].append("拟吊销许可证件，本机关规定认定为重大违法行为")
    if policy.complex_if_several_parties and party_count > 1:
        met[COMPLEX].append(f"本案当事人为{party_count}人，本机关规定认定为情节复杂")
    return {flag: criteria for flag, criteria in met.items() if criteria}


def criteria_of_proposal(data: dict, *, case, policy: AgencyPolicy) -> dict[str, list[str]]:
    """``criteria_met`` for a proposal's payload (the report form's data, or the service's keyword arguments)."""
    parties = list(case.parties.all())
    confiscated = (data.get("illegal_gains") or Decimal(0)) + (data.get("confiscation_value") or Decimal(0))
    return criteria_met(
        outcome=data.get("outcome"),
        penalty_kinds=data.get("penalty_kinds") or [],
        fine_amount=data.get("fine_amount"),
        confiscated_total=confiscated,
        party_kinds={p.kind for p in parties},
        party_count=len(parties),
        policy=policy,
    )


def described(policy: AgencyPolicy) -> dict[str, list[str]]:
    """The agency's criteria as the form's help text states them (empty where the agency documented none)."""
    serious = []
    if policy.serious_violation_fine_individual is not None:
        serious.append(f"对个人罚款达到{yuan(policy.serious_violation_fine_individual)}")
    if policy.serious_violation_fine_organization is not None:
        serious.append(f"对单位罚款达到{yuan(policy.serious_violation_fine_organization)}")
    if policy.serious_violation_confiscation is not None:
        serious.append(f"没收违法所得和非法财物价值达到{yuan(policy.serious_violation_confiscation)}")
    if policy.serious_violation_if_revocation:
        serious.append("吊销许可证件")
    complex_ = ["当事人为二人以上"] if policy.complex_if_several_parties else []
    return {flag: items for flag, items in ((SERIOUS, serious), (COMPLEX, complex_)) if items}
