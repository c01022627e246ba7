import pytest
from django.core.exceptions import ValidationError

from kernel.privacy import mask_middle, mask_phone
from kernel.validators import validate_credit_code, validate_id_number


@pytest.mark.parametrize("code", ["91110000600037341L", "11100000000013127D"])
def test_real_credit_codes_are_accepted(code):
    validate_credit_code(code)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("91110000600037341X", "credit_code_checksum"),
        ("9111000060003734", "credit_code_format"),
        ("91110000600037341I", "credit_code_format"),
    ],
)
def test_bad_credit_codes_are_refused_with_the_reason(code, error):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert excinfo.value.code == error


def test_id_number_checksum():
    validate_id_number("11010519491231002X")
    with pytest.raises(ValidationError) as excinfo:
        validate_id_number("110105194912310021")
    assert excinfo.value.code == "id_number_checksum"


def test_masking_keeps_only_the_ends():
    assert mask_middle("150203199001011234") == "1502**********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_middle("1234") == "****"
    assert mask_middle("") == ""
