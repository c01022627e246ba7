"""Matter.clean() and the penalty-kind validator: the statutory range must be coherent."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from matters.choices import MultipleBase
from matters.models import Matter
from matters.validation import codes, matter_problems, penalty_kind_reasons, validate_penalty_kinds


def matter(kinds=("fine",), **fields) -> Matter:
    return Matter(code="TS-001", name="测试", penalty_kinds=list(kinds), **fields)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ([], "penalty_kinds_empty"),
        (None, "penalty_kinds_empty"),
        ("fine", "penalty_kinds_empty"),
        (["fine", "flogging"], "penalty_kinds_unknown"),
        ([1], "penalty_kinds_unknown"),
        (["fine", "fine"], "penalty_kinds_duplicate"),
    ],
)
def test_it_rejects_bad_penalty_kinds(value, code):
    assert [r.code for r in penalty_kind_reasons(value)] == [code]
    with pytest.raises(ValidationError):
        validate_penalty_kinds(value)


def test_it_accepts_known_penalty_kinds():
    validate_penalty_kinds(["warning", "fine", "revoke_permit", "detention"])


@pytest.mark.parametrize(
    ("kinds", "fields", "code"),
    [
        pytest.param(("warning",), {"fine_max": D("5000")}, "fine_without_kind", id="range-without-fine-kind"),
        pytest.param(
            ("warning",),
            {"multiple_base": MultipleBase.GOODS_VALUE, "multiple_max": D("2")},
            "fine_without_kind",
            id="multiple-without-fine-kind",
        ),
        pytest.param(("fine",), {}, "fine_without_range", id="fine-kind-without-range"),
        pytest.param(("fine",), {"fine_min": D("500")}, "fine_max_missing", id="minimum-without-maximum"),
        pytest.param(
            ("fine",), {"fine_min": D("5001"), "fine_max": D("5000")}, "fine_range_inverted", id="inverted-amount"
        ),
        pytest.param(
            ("fine",),
            {"multiple_base": MultipleBase.GOODS_VALUE, "multiple_min": D("3"), "multiple_max": D("1")},
            "multiple_range_inverted",
            id="inverted-multiple",
        ),
        pytest.param(("fine",), {"multiple_max": D("3")}, "multiple_base_missing", id="multiple-without-base"),
        pytest.param(
            ("fine",),
            {"multiple_base": MultipleBase.GOODS_VALUE, "multiple_min": D("1")},
            "multiple_max_missing",
            id="multiple-without-maximum",
        ),
        pytest.param(
            ("fine",),
            {"fine_max": D("5000"), "multiple_applies_from": D("10000")},
            "threshold_without_both_ranges",
            id="threshold-without-multiple",
        ),
        pytest.param(
            ("fine",),
            {"fine_max": D("5000"), "multiple_base": MultipleBase.GOODS_VALUE, "multiple_max": D("2")},
            "threshold_missing",
            id="both-ranges-without-threshold",
        ),
    ],
)
def test_it_rejects_an_incoherent_statutory_range(kinds, fields, code):
    the_matter = matter(kinds, **fields)
    assert code in codes(matter_problems(the_matter))
    with pytest.raises(ValidationError) as excinfo:
        the_matter.clean()
    assert code in {e.code for errors in excinfo.value.error_dict.values() for e in errors}


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"fine_min": D("5000"), "fine_max": D("50000")}, id="amount"),
        pytest.param({"fine_max": D("5000")}, id="maximum-only"),
        pytest.param({"multiple_base": MultipleBase.GOODS_VALUE, "multiple_max": D("2")}, id="multiple-maximum-only"),
        pytest.param(
            {
                "fine_min": D("50000"),
                "fine_max": D("100000"),
                "multiple_base": MultipleBase.GOODS_VALUE,
                "multiple_min": D("10"),
                "multiple_max": D("20"),
                "multiple_applies_from": D("10000"),
            },
            id="food-safety-threshold",
        ),
    ],
)
def test_it_accepts_a_coherent_statutory_range(fields):
    matter(**fields).clean()


def test_a_matter_without_fine_needs_no_range():
    matter(("warning", "revoke_permit")).clean()


def test_the_message_is_in_chinese_and_on_the_field():
    with pytest.raises(ValidationError) as excinfo:
        matter(("warning",), fine_max=D("5000")).clean()
    assert excinfo.value.message_dict["penalty_kinds"] == [
        "规定了罚款幅度的事项，处罚种类应包含罚款。（《中华人民共和国行政处罚法》第九条）"
    ]
