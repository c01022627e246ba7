"""Whether a penalty carries the right to a hearing (Art. 63) and whether a decision is major
(Art. 58 and agency policy). ``is_major`` is computed here and never typed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from kernel.money import yuan
from kernel.rules import AGENCY_POLICY, APL, ART_63
from matters.choices import PenaltyKind
from officers.models import AgencyPolicy

from .choices import PartyKind

ART_58_1 = f"{APL}第五十八条第一款第一项"
ART_58_2 = f"{APL}第五十八条第一款第二项"
ART_58_3 = f"{APL}第五十八条第一款第三项"

# 行政处罚法 第六十三条: penalties that always carry the hearing right, whatever the amount.
HEAVY_KINDS = {
    PenaltyKind.LOWER_QUALIFICATION: "降低资质等级",
    PenaltyKind.REVOKE_PERMIT: "吊销许可证件",
    PenaltyKind.SUSPEND_BUSINESS: "责令停产停业",
    PenaltyKind.ORDER_CLOSURE: "责令关闭",
    PenaltyKind.RESTRICT_PRACTICE: "限制从业",
}

# Agency policy (``AgencyPolicy.hearing_for_suspension_and_restriction``, on by default): read as 第六十三条第一款
# 第五项 "其他较重的行政处罚" — a reading, not the list of 第六十三条.
POLICY_HEAVY_KINDS = {
    PenaltyKind.SUSPEND_PERMIT: "暂扣许可证件",
    PenaltyKind.RESTRICT_BUSINESS: "限制开展生产经营活动",
}


@dataclass(frozen=True)
class MajorReason:
    code: str
    detail: str
    article: str
    basis: str  # "law" or "policy": the page labels policy as policy, not law

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _thresholds(party_kinds: set[str], individual: Decimal, organization: Decimal) -> Decimal:
    # The right attaches to each party: the lower threshold of the parties' kinds protects them all.
    if not party_kinds or PartyKind.INDIVIDUAL in party_kinds:
        return individual
    return organization


def hearing_grounds(*, penalty, party_kinds: set[str], policy: AgencyPolicy) -> list[str]:
    """Why this penalty carries the hearing right (empty when it does not), 行政处罚法 第六十三条."""
    grounds = [f"拟{label}" for kind, label in HEAVY_KINDS.items() if kind in penalty.penalty_kinds]
    if policy.hearing_for_suspension_and_restriction:
        grounds += [
            f"拟{label}（本机关政策：作为第六十三条第一款第五项“其他较重的行政处罚”）"
            for kind, label in POLICY_HEAVY_KINDS.items()
            if kind in penalty.penalty_kinds
        ]
    fine_threshold = _thresholds(party_kinds, policy.hearing_fine_individual, policy.hearing_fine_organization)
    if penalty.fine_amount is not None and penalty.fine_amount >= fine_threshold:
        grounds.append(f"拟罚款{yuan(penalty.fine_amount)}，达到较大数额（{yuan(fine_threshold, 0)}）")
    confiscation_threshold = _thresholds(
        party_kinds, policy.hearing_confiscation_individual, policy.hearing_confiscation_organization
    )
    if penalty.confiscated_total and penalty.confiscated_total >= confiscation_threshold:
        grounds.append(f"拟没收{yuan(penalty.confiscated_total)}，达到较大数额（{yuan(confiscation_threshold, 0)}）")
    return grounds


def major_reasons(
    *, report, party_kinds: set[str], hearing_held: bool, outside_tier: bool, policy: AgencyPolicy
) -> list[MajorReason]:
    """Every reason the decision on ``report`` is major; the case is major when there is one."""
    reasons: list[MajorReason] = []
    if report is None:
        return reasons
    if report.major_public_interest:
        reasons.append(MajorReason("public_interest", "涉及重大公共利益。", ART_58_1, "law"))
    if hearing_held and report.major_rights:
        reasons.append(MajorReason("hearing_held", "直接关系当事人或者第三人重大权益，经过听证程序。", ART_58_2, "law"))
    elif hearing_held and policy.major_if_hearing_held:
        # Beyond 第五十八条第一款第二项 (major rights and a hearing): the agency's policy makes every hearing major.
        reasons.append(
            MajorReason(
                "hearing_held", "经过听证程序（本机关政策：经过听证的案件一律作为重大案件）。", AGENCY_POLICY, "policy"
            )
        )
    if report.complex_facts:
        reasons.append(MajorReason("complex", "案件情况疑难复杂、涉及多个法律关系。", ART_58_3, "law"))
    grounds = hearing_grounds(penalty=report, party_kinds=party_kinds, policy=policy)
    if grounds and policy.major_if_hearing_eligible:
        reasons.append(
            MajorReason(
                "hearing_eligible", f"拟作出可以要求听证的处罚：{'；'.join(grounds)}。", AGENCY_POLICY, "policy"
            )
        )
    for kind, label in HEAVY_KINDS.items():
        if kind in report.penalty_kinds:
            reasons.append(MajorReason(f"kind_{kind}", f"拟{label}。", AGENCY_POLICY, "policy"))
    fine_threshold = _thresholds(party_kinds, policy.major_fine_individual, policy.major_fine_organization)
    if report.fine_amount is not None and report.fine_amount >= fine_threshold:
        reasons.append(
            MajorReason(
                "large_fine",
                f"拟罚款{yuan(report.fine_amount)}，达到本机关重大案件标准（{yuan(fine_threshold, 0)}）。",
                AGENCY_POLICY,
                "policy",
            )
        )
    if report.confiscated_total and report.confiscated_total >= policy.major_confiscation:
        reasons.append(
            MajorReason(
                "large_confiscation",
                f"拟没收{yuan(report.confiscated_total)}，"
                f"达到本机关重大案件标准（{yuan(policy.major_confiscation, 0)}）。",
                AGENCY_POLICY,
                "policy",
            )
        )
    if outside_tier and policy.major_if_outside_benchmark:
        reasons.append(MajorReason("outside_benchmark", "拟处罚超出裁量基准所选档次的幅度。", AGENCY_POLICY, "policy"))
    return reasons


__all__ = ["ART_63", "HEAVY_KINDS", "POLICY_HEAVY_KINDS", "MajorReason", "hearing_grounds", "major_reasons"]
