"""Guards of jurisdiction (管辖, 行政处罚法 第二十二条至第二十五条)."""

from __future__ import annotations

from kernel.rules import ART_22, Reason

from .core import Context


def violation_place_within_area(ctx: Context) -> list[Reason]:
    """第二十二条: 行政处罚由违法行为发生地的行政机关管辖 — the place of violation lies within the agency's area,
    unless the common higher organ designated the agency (第二十五条第二款, a recorded designation). An agency
    without an area configured is not checked. On ``file`` the case's recorded place; on ``decide_on_spot`` (the
    summary procedure, 第五十一条) the place the decision gives, else the case's."""
    case, agency = ctx.case, ctx.case.agency
    if not agency.division_code or case.designations.exists():
        return []
    area = agency.division_name or agency.division_code
    code = (ctx.data.get("violation_division_code") or "").strip() or case.violation_division_code
    if not code:
        return [
            Reason(
                "violation_place_missing",
                f"请先登记违法行为发生地的行政区划代码，以核对是否属于{agency.name}的管辖区域（{area}）。",
                ART_22,
            )
        ]
    if agency.covers_division(code):
        return []
    return [
        Reason(
            "outside_jurisdiction",
            f"违法行为发生地（行政区划代码{code}）不在{agency.name}的管辖区域（{area}）内：行政处罚由违法行为"
            "发生地的行政机关管辖。应当移送有管辖权的机关；经共同的上一级行政机关指定管辖的，请先登记指定管辖。",
            ART_22,
        )
    ]
