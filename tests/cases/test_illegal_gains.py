"""行政处罚法 第二十八条第二款: 当事人有违法所得，除依法应当退赔的外，应当予以没收 — a penalty proposal whose report
records the illegal gains found confiscates them, unless they are to be refunded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kernel.rules import ART_28_2, ActionRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(team):
    team.matter.penalty_kinds = ["warning", "fine", "confiscate_gains"]
    team.matter.save()
    return team.open_and_file()


def test_a_penalty_leaving_recorded_illegal_gains_unconfiscated_is_refused(team, case):
    with pytest.raises(ActionRefused) as blocked:
        team.conclude(case, illegal_gains_found=Decimal("1200"))

    assert [(r.code, r.article) for r in blocked.value.reasons] == [("illegal_gains_not_confiscated", ART_28_2)]
    case.refresh_from_db()
    assert case.status == "investigating"


def test_confiscating_less_than_the_gains_found_is_refused(team, case):
    with pytest.raises(ActionRefused) as blocked:
        team.conclude(
            case,
            illegal_gains_found=Decimal("1200"),
            penalty_kinds=["fine", "confiscate_gains"],
            illegal_gains=Decimal("800"),
        )

    assert [r.code for r in blocked.value.reasons] == ["illegal_gains_not_confiscated"]


def test_the_gains_found_confiscated_in_full_pass(team, case):
    team.conclude(
        case,
        illegal_gains_found=Decimal("1200"),
        penalty_kinds=["fine", "confiscate_gains"],
        illegal_gains=Decimal("1200"),
    )

    case.refresh_from_db()
    assert case.status == "investigated"
    assert case.reports.get().illegal_gains_found == Decimal("1200")


def test_gains_to_be_refunded_are_not_confiscated(team, case):
    team.conclude(case, illegal_gains_found=Decimal("1200"), gains_refunded=True)

    case.refresh_from_db()
    assert case.status == "investigated"


# --- illegal gains recorded as the fine's base (a multiple of 违法所得) are gains found (issue 10, A1) -----------


@pytest.fixture
def gains_multiple(team):
    """A fine of one to three times the illegal gains (like 广告法 第六十三条's multiples)."""
    team.matter.penalty_kinds = ["warning", "fine", "confiscate_gains"]
    team.matter.fine_min = team.matter.fine_max = None
    team.matter.multiple_base, team.matter.multiple_min, team.matter.multiple_max = "illegal_gains", 1, 3
    team.matter.save()
    return team.open_and_file()


def test_gains_recorded_as_the_fine_base_must_be_confiscated(team, gains_multiple):
    with pytest.raises(ActionRefused) as blocked:
        team.conclude(gains_multiple, base_amount=Decimal("4000"), fine_amount=Decimal("8000"))

    assert [(r.code, r.article) for r in blocked.value.reasons] == [("illegal_gains_not_confiscated", ART_28_2)]
    assert "4000" in blocked.value.reasons[0].detail


def test_gains_recorded_as_the_fine_base_confiscated_in_full_pass(team, gains_multiple):
    case = team.conclude(
        gains_multiple, base_amount=Decimal("4000"), fine_amount=Decimal("8000"),
        penalty_kinds=["fine", "confiscate_gains"], illegal_gains=Decimal("4000"),
    )  # fmt: skip

    assert case.status == "investigated"


def test_a_goods_value_base_is_not_illegal_gains(team):
    team.matter.fine_min = team.matter.fine_max = None
    team.matter.multiple_base, team.matter.multiple_min, team.matter.multiple_max = "goods_value", 1, 3
    team.matter.save()

    case = team.conclude(team.open_and_file(), base_amount=Decimal("4000"), fine_amount=Decimal("8000"))

    assert case.status == "investigated"
