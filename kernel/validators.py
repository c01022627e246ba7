"""Validators for Chinese identifiers and for the range of entered dates, with messages in Chinese."""

from __future__ import annotations

import calendar
import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

# GB 32100-2015 统一社会信用代码: 18 characters, the last a check character.
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    if len(value) != 18 or any(c not in CREDIT_CODE_CHARSET for c in value):
        raise ValidationError(
            "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。", code="credit_code_format"
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError("统一社会信用代码校验位不正确。", code="credit_code_checksum")


# GB 11643-1999 公民身份号码: 17 digits and a check character (0-9 or X).
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")


def id_number_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def validate_id_number(value: str) -> None:
    if not _ID_RE.match(value):
        raise ValidationError("公民身份号码应为18位，最后一位为数字或大写X。", code="id_number_format")
    if id_number_check_char(value[:17]) != value[17]:
        raise ValidationError("公民身份号码校验位不正确。", code="id_number_checksum")


DIVISION_CODE = re.compile(r"^\d{6}$")

# GB/T 2260 省级行政区划代码: 11–15 华北, 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北, 71 台湾,
# 81 香港, 82 澳门.
PROVINCE_CODES = frozenset(
    {
        *(str(n) for n in range(11, 16)),
        *(str(n) for n in range(21, 24)),
        *(str(n) for n in range(31, 38)),
        *(str(n) for n in range(41, 47)),
        *(str(n) for n in range(50, 55)),
        *(str(n) for n in range(61, 66)),
        "71",
        "81",
        "82",
    }
)


def validate_division_code(value: str) -> None:
    """行政区划代码 (GB/T 2260): six digits — province (2), prefecture (2), county (2), e.g. 150203 昆都仑区 — whose
    first two digits are a province-level code (``PROVINCE_CODES``)."""
    if not value:
        return
    if not DIVISION_CODE.match(value):
        raise ValidationError("行政区划代码应为6位数字，如150203。", code="invalid_division_code")
    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(
            f"行政区划代码{value}的前两位“{value[:2]}”不是省级行政区划代码（GB/T 2260），请核对后重新填写。",
            code="unknown_province_code",
        )


def division_prefix(code: str) -> str:
    """The prefix every division inside ``code`` shares: 150000 → 15, 150200 → 1502, 150203 → 150203."""
    prefix = code
    while len(prefix) > 2 and prefix.endswith("00"):
        prefix = prefix[:-2]
    return prefix


# --- dates: a sane range for every date a person enters ------------------------------------------------------
#
# No act handled here is dated before 2000: the 行政处罚法 dates from 1996 and its limitation period is two or five
# years (第三十六条). Nothing is scheduled more than ten years ahead: the periods the system counts are days, months
# or a few years (a deferral or instalments of payment, 第六十六条, the longest). A year 1 or a year 9999 is a typing
# error or a hostile input: refused, it can neither overflow a statutory computation (``clock.periods``) nor carry a
# deadline past every list of what is due.
EARLIEST_DATE = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10


def latest_date() -> datetime.date:
    """The last date accepted: ``YEARS_AHEAD`` years after today (28 February for 29 February)."""
    today = timezone.localdate()
    year = today.year + YEARS_AHEAD
    return today.replace(year=year, day=min(today.day, calendar.monthrange(year, today.month)[1]))


def date_range_error(value: datetime.date | datetime.datetime) -> str | None:
    """Why ``value`` is outside the sane range, or None when it is inside."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day < EARLIEST_DATE:
        return f"日期不能早于{EARLIEST_DATE:%Y年%m月%d日}。"
    latest = latest_date()
    if day > latest:
        return f"日期不能晚于{latest:%Y年%m月%d日}（今后{YEARS_AHEAD}年内）。"
    return None


def validate_date_in_range(value: datetime.date | datetime.datetime | None) -> None:
    """A validator for every entered date (forms and serializers): 2000-01-01 to ``YEARS_AHEAD`` years ahead."""
    if value is None:
        return
    error = date_range_error(value)
    if error is not None:
        raise ValidationError(error, code="date_out_of_range")
