"""The rules a catalogue entry must satisfy, as :class:`Reason` lists keyed by field.

``Matter.clean()`` and ``BenchmarkTier.clean()`` raise them; the benchmark analysis
of a case reuses :func:`tier_problems` to explain why a tier is unusable.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from kernel.rules import APL, Reason

from .choices import BenchmarkTierLevel, PenaltyKind

if TYPE_CHECKING:
    from .models import BenchmarkTier, Matter

ART_9 = f"{APL}第九条"
ART_32 = f"{APL}第三十二条"
ART_33 = f"{APL}第三十三条"

ZERO = Decimal("0")

Problems = dict[str, list[Reason]]


def raise_problems(problems: Problems) -> None:
    """Turn problems into the ``ValidationError`` Django forms and ``full_clean`` expect."""
    if problems:
        raise ValidationError(
            {field: [ValidationError(str(r), code=r.code) for r in reasons] for field, reasons in problems.items()}
        )


def _add(problems: Problems, field: str, reason: Reason) -> None:
    problems.setdefault(field, []).append(reason)


def penalty_kind_reasons(value: Any) -> list[Reason]:
    """A matter's penalty kinds: a non-empty list of distinct 行政处罚法 第九条 kinds."""
    if not isinstance(value, list) or not value:
        return [Reason("penalty_kinds_empty", "至少应选择一种处罚种类。", ART_9)]
    known = set(PenaltyKind.values)
    unknown = [str(v) for v in value if not isinstance(v, str) or v not in known]
    if unknown:
        return [Reason("penalty_kinds_unknown", f"未知的处罚种类：{'、'.join(unknown)}。", ART_9)]
    if len(set(value)) != len(value):
        return [Reason("penalty_kinds_duplicate", "处罚种类不得重复。", ART_9)]
    return []


def validate_penalty_kinds(value: Any) -> None:
    reasons = penalty_kind_reasons(value)
    if reasons:
        raise ValidationError([ValidationError(str(r), code=r.code) for r in reasons])


def _kinds(matter: Matter) -> set[str]:
    value = matter.penalty_kinds
    return {k for k in value if isinstance(k, str)} if isinstance(value, list) else set()


def penalty_basis(matter: Matter) -> str:
    """The penalty provision as cited in reasons: 《中华人民共和国食品安全法》第一百二十四条…"""
    if matter.penalty_provision_id is None:
        return ""
    return str(matter.penalty_provision)


def _range_problems(
    problems: Problems, *, low: Decimal | None, high: Decimal | None, low_field: str, high_field: str, what: str
) -> None:
    if low is not None and high is None:
        _add(problems, high_field, Reason(f"{what}_max_missing", "规定了下限的幅度须同时规定上限。"))
    if low is not None and high is not None and low > high:
        _add(problems, low_field, Reason(f"{what}_range_inverted", "幅度下限不得高于上限。"))


def matter_problems(matter: Matter) -> Problems:
    problems: Problems = {}
    kinds = _kinds(matter)
    has_amount = matter.fine_min is not None or matter.fine_max is not None
    has_multiple = any(v not in (None, "") for v in (matter.multiple_min, matter.multiple_max, matter.multiple_base))

    if (has_amount or has_multiple) and PenaltyKind.FINE not in kinds:
        reason = Reason("fine_without_kind", "规定了罚款幅度的事项，处罚种类应包含罚款。", ART_9)
        _add(problems, "penalty_kinds", reason)
    if PenaltyKind.FINE in kinds and matter.fine_max is None and matter.multiple_max is None:
        # A benchmark cannot be checked against a fine the catalogue does not bound; where the
        # national text leaves the amount to the province, record the provincial figure here.
        _add(problems, "fine_max", Reason("fine_without_range", "处罚种类包含罚款的，应载明罚款数额幅度或倍数幅度。"))

    _range_problems(
        problems, low=matter.fine_min, high=matter.fine_max, low_field="fine_min", high_field="fine_max", what="fine"
    )
    _range_problems(
        problems,
        low=matter.multiple_min,
        high=matter.multiple_max,
        low_field="multiple_min",
        high_field="multiple_max",
        what="multiple",
    )
    if has_multiple and not matter.multiple_base:
        _add(problems, "multiple_base", Reason("multiple_base_missing", "按倍数计算罚款的，应载明倍数的计算基数。"))
    if has_multiple and matter.multiple_max is None and "multiple_max" not in problems:
        _add(problems, "multiple_max", Reason("multiple_max_missing", "按倍数计算罚款的，应载明倍数上限。"))

    amount_and_multiple = matter.fine_max is not None and matter.multiple_max is not None
    if matter.multiple_applies_from is not None:
        if not amount_and_multiple:
            _add(
                problems,
                "multiple_applies_from",
                Reason("threshold_without_both_ranges", "只有同时规定数额幅度和倍数幅度的事项才需要倍数适用起点。"),
            )
        elif matter.multiple_applies_from <= ZERO:
            _add(problems, "multiple_applies_from", Reason("threshold_not_positive", "倍数适用起点应大于零。"))
    elif amount_and_multiple:
        # e.g. 食品安全法 第一百二十四条: 货值金额不足一万元的 → 数额; 一万元以上的 → 倍数.
        _add(
            problems,
            "multiple_applies_from",
            Reason(
                "threshold_missing",
                "同时规定数额幅度和倍数幅度的，应载明基数达到多少元起适用倍数幅度。",
                penalty_basis(matter),
            ),
        )
    return problems


def tier_problems(tier: BenchmarkTier) -> Problems:
    """A tier stays inside its matter's statutory range; only mitigation goes below the minimum."""
    problems: Problems = {}
    matter = tier.benchmark.matter
    basis = penalty_basis(matter)
    has_amount = tier.fine_min is not None or tier.fine_max is not None
    has_multiple = tier.multiple_min is not None or tier.multiple_max is not None

    if tier.level == BenchmarkTierLevel.NO_PENALTY:
        if has_amount or has_multiple:
            # 行政处罚法 第三十三条: not penalising means no fine at all.
            _add(problems, NON_FIELD_ERRORS, Reason("no_penalty_with_fine", "不予处罚阶次不得规定罚款。", ART_33))
        return problems

    if (has_amount or has_multiple) and PenaltyKind.FINE not in _kinds(matter):
        _add(problems, NON_FIELD_ERRORS, Reason("tier_fine_without_kind", "该事项的处罚种类不含罚款。", basis))
        return problems

    _range_problems(
        problems, low=tier.fine_min, high=tier.fine_max, low_field="fine_min", high_field="fine_max", what="fine"
    )
    _range_problems(
        problems,
        low=tier.multiple_min,
        high=tier.multiple_max,
        low_field="multiple_min",
        high_field="multiple_max",
        what="multiple",
    )
    if problems:
        return problems

    mitigated = tier.level == BenchmarkTierLevel.MITIGATED
    for low, high, stat_low, stat_high, fields, label, what in (
        (tier.fine_min, tier.fine_max, matter.fine_min, matter.fine_max, ("fine_min", "fine_max"), "罚款数额", "fine"),
        (
            tier.multiple_min,
            tier.multiple_max,
            matter.multiple_min,
            matter.multiple_max,
            ("multiple_min", "multiple_max"),
            "罚款倍数",
            "multiple",
        ),
    ):
        if high is None:
            continue
        if stat_high is None:
            _add(
                problems,
                fields[1],
                Reason(f"tier_{what}_not_in_statute", f"该事项的法定罚款没有{label}幅度，阶次不得规定{label}。", basis),
            )
            continue
        if high > stat_high:
            # Above the statutory maximum is never lawful, mitigation included.
            _add(
                problems,
                fields[1],
                Reason(f"tier_{what}_above_maximum", f"阶次{label}上限{high}超过法定上限{stat_high}。", basis),
            )
        stat_low = stat_low if stat_low is not None else ZERO
        if (low if low is not None else ZERO) < stat_low and not mitigated:
            # 行政处罚法 第三十二条: only 减轻处罚 may go below the statutory minimum.
            _add(
                problems,
                fields[0],
                Reason(
                    f"tier_{what}_below_minimum",
                    f"阶次{label}下限{low if low is not None else ZERO}低于法定下限{stat_low}，"
                    "只有减轻处罚阶次可以低于法定下限。",
                    ART_32,
                ),
            )

    if matter.fine_max is not None and matter.multiple_max is not None and has_amount != has_multiple:
        # The matter switches between an amount and a multiple at a base threshold: a tier that
        # names only one of them leaves the other half of the cases without a range.
        _add(
            problems,
            NON_FIELD_ERRORS,
            Reason(
                "tier_regime_missing",
                "该事项按基数分段适用数额幅度或倍数幅度，阶次应同时载明罚款数额幅度和倍数幅度。",
                basis,
            ),
        )
    return problems


def codes(problems: Problems) -> set[str]:
    """The machine codes in ``problems``, for tests and API answers."""
    return {r.code for reasons in problems.values() for r in reasons}


def flatten(problems: Problems) -> Iterable[Reason]:
    for reasons in problems.values():
        yield from reasons
