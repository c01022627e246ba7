"""How a proposal sits in the discretion benchmark (裁量基准, 行政处罚法 第三十四条).

From the matter, the tier, the base amount (for multiples) and the proposed fine:
the statutory range, the tier's range, where the proposal falls, and the reasons it
may not stand. Above the statutory maximum is never allowed; below the minimum only
in the mitigation tier on a ground of Arts. 30–32; outside the tier's range only
with a written justification — and then the case is major (agency policy).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from kernel.money import yuan
from kernel.rules import ART_32, ART_33, ART_34, ART_38, Reason
from matters.choices import BenchmarkTierLevel, PenaltyKind
from matters.models import Benchmark, BenchmarkTier, Matter
from matters.ranges import FineRange, MissingBaseAmount, statutory_range, tier_range
from matters.selectors import current_benchmark

from .choices import Outcome


@dataclass
class Analysis:
    matter: Matter
    benchmark: Benchmark | None
    tier: BenchmarkTier | None
    fine: Decimal | None
    statutory: FineRange | None = None
    tier_range: FineRange | None = None
    outside_tier: bool = False
    reasons: list[Reason] = field(default_factory=list)

    @property
    def position(self) -> str:
        """Where the fine falls, in words for the page."""
        if self.fine is None or self.statutory is None:
            return "未拟罚款"
        if self.fine > self.statutory.max:
            return "高于法定最高额"
        if self.fine < self.statutory.min:
            return "低于法定最低额（减轻处罚）"
        if self.tier_range is None:
            return "在法定幅度内"
        if self.fine < self.tier_range.min:
            return "低于所选档次幅度"
        if self.fine > self.tier_range.max:
            return "高于所选档次幅度"
        return "在所选档次幅度内"

    @property
    def percent(self) -> int | None:
        """The fine's place in the statutory range, 0–100, for the gauge on the page."""
        if self.fine is None or self.statutory is None or self.statutory.max == self.statutory.min:
            return None
        share = (self.fine - self.statutory.min) / (self.statutory.max - self.statutory.min) * 100
        return max(0, min(100, int(share)))


def _provision(matter: Matter) -> str:
    return str(matter.penalty_provision)


# --- the matter's law: one check for the general and the summary procedure ----------------------------------


def kind_reasons(
    matter: Matter, penalty_kinds: list[str] | tuple[str, ...], fine_amount: Decimal | None
) -> list[Reason]:
    """行政处罚法 第三十八条: a penalty without a legal basis is void — every kind given is one the matter's penalty
    provision provides, and a fine has an amount."""
    reasons: list[Reason] = []
    kinds = set(penalty_kinds)
    if not kinds:
        reasons.append(Reason("penalty_missing", "给予行政处罚须写明处罚种类。", ART_38))
    unknown = kinds - set(matter.penalty_kinds)
    if unknown:
        labels = "、".join(PenaltyKind(k).label for k in sorted(unknown) if k in PenaltyKind.values)
        reasons.append(Reason("kind_not_provided", f"“{labels}”不是{_provision(matter)}规定的处罚种类。", ART_38))
    if PenaltyKind.FINE in kinds and fine_amount is None:
        reasons.append(Reason("fine_amount_missing", "给予罚款的，须写明罚款金额。", ART_38))
    if fine_amount is not None and PenaltyKind.FINE not in kinds:
        reasons.append(Reason("fine_without_fine_kind", "未选择罚款的，不应填写罚款金额。", ART_38))
    return reasons


def range_reasons(
    matter: Matter, fine_amount: Decimal, statutory: FineRange | None, *, mitigated: bool
) -> list[Reason]:
    """The fine against the statutory range: never above the maximum; below the minimum only as mitigation (减轻处罚)
    on a ground of 第三十条至第三十二条, recorded with the proposal (``mitigated``)."""
    if statutory is not None and fine_amount > statutory.max:
        return [
            Reason(
                "above_statutory_maximum",
                f"拟罚款{yuan(fine_amount)}超过{_provision(matter)}规定的最高额{yuan(statutory.max)}，不得作出。",
                _provision(matter),
            )
        ]
    if statutory is not None and fine_amount < statutory.min and not mitigated:
        return [
            Reason(
                "below_statutory_minimum",
                f"拟罚款{yuan(fine_amount)}低于法定最低额{yuan(statutory.min)}，"
                "只有适用减轻处罚档次并具备第三十条至第三十二条规定情形时才可以。",
                ART_32,
            )
        ]
    return []


def penalty_reasons(
    *,
    matter: Matter,
    penalty_kinds: list[str] | tuple[str, ...],
    fine_amount: Decimal | None,
    base_amount: Decimal | None,
    mitigated: bool = False,
) -> list[Reason]:
    """The penalty within the matter's law — its kinds and its statutory fine range — without the benchmark: what
    the summary procedure checks (``guards.core.summary_penalty_within_limits``); :func:`analyse` runs the same
    two checks around the benchmark's for the general procedure."""
    reasons = kind_reasons(matter, penalty_kinds, fine_amount)
    if fine_amount is None:
        return reasons
    try:
        statutory = statutory_range(matter, base_amount=base_amount)
    except MissingBaseAmount as exc:
        return [*reasons, Reason("base_amount_missing", str(exc), ART_34)]
    return reasons + range_reasons(matter, fine_amount, statutory, mitigated=mitigated)


def analyse(
    *,
    matter: Matter,
    outcome: str,
    penalty_kinds: list[str],
    fine_amount: Decimal | None,
    base_amount: Decimal | None,
    tier: BenchmarkTier | None,
    justification: str = "",
    mitigation_ground: str = "",
    no_penalty_ground: str = "",
    on: datetime.date,
) -> Analysis:
    benchmark = current_benchmark(matter, on=on)
    result = Analysis(matter=matter, benchmark=benchmark, tier=tier, fine=fine_amount)
    reasons = result.reasons
    if outcome == Outcome.NO_PENALTY and not no_penalty_ground:
        reasons.append(Reason("no_penalty_ground_missing", "不予行政处罚须写明法定理由。", ART_33))
    if outcome != Outcome.PENALTY:
        return result

    reasons += kind_reasons(matter, penalty_kinds, fine_amount)

    if benchmark is not None:
        if tier is None:
            reasons.append(Reason("tier_missing", f"请选择适用的裁量档次（{benchmark.title}）。", ART_34))
        elif tier.benchmark_id != benchmark.pk:
            reasons.append(Reason("tier_wrong_benchmark", "所选档次不属于该事项现行的裁量基准。", ART_34))
        elif tier.level == BenchmarkTierLevel.NO_PENALTY:
            reasons.append(Reason("tier_is_no_penalty", "所选档次为不予处罚，处理意见却是给予处罚。", ART_33))

    if fine_amount is None:
        return result
    try:
        result.statutory = statutory_range(matter, base_amount=base_amount)
        if tier is not None and tier.benchmark.matter_id == matter.pk:
            result.tier_range = tier_range(tier, base_amount=base_amount)
    except MissingBaseAmount as exc:
        reasons.append(Reason("base_amount_missing", str(exc), ART_34))
        return result

    mitigated = tier is not None and tier.level == BenchmarkTierLevel.MITIGATED and bool(mitigation_ground)
    reasons += range_reasons(matter, fine_amount, result.statutory, mitigated=mitigated)
    if result.tier_range is not None and not result.tier_range.contains(fine_amount):
        result.outside_tier = True
        if not justification.strip():
            reasons.append(
                Reason(
                    "outside_tier_unjustified",
                    f"拟罚款{yuan(fine_amount)}超出所选档次的幅度（{result.tier_range}），须书面说明理由；"
                    "说明理由后本案作为重大案件进行法制审核。",
                    ART_34,
                )
            )
    return result


def analyse_report(report, *, on: datetime.date) -> Analysis:
    """The analysis of a stored proposal (the case page and the legal office's review)."""
    return analyse(
        matter=report.case.matter,
        outcome=report.outcome,
        penalty_kinds=report.penalty_kinds,
        fine_amount=report.fine_amount,
        base_amount=report.base_amount,
        tier=report.tier,
        justification=report.outside_tier_justification,
        mitigation_ground=report.mitigation_ground,
        no_penalty_ground=report.no_penalty_ground,
        on=on,
    )
