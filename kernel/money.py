"""Money, written one way everywhere: amounts are ``Decimal`` yuan (STYLE.md 6).

- :func:`figures` — ``8,000.00``: grouped, as the pages, the reasons and the documents print sums (the zh-hans
  locale would not group them);
- :func:`yuan` — ``8,000.00元``;
- :func:`plain` — ``"8000.00"``: exact and ungrouped, for JSON (the API and the case events);
- :func:`capitals` — ``捌仟元整``: 人民币大写, as bills and decisions write sums;
- :func:`in_words` — ``人民币捌仟元整（¥8,000.00）``: a sum in a formal document.

The template filters of the same names are in ``kernel.templatetags.money``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"


def as_decimal(value) -> Decimal | None:
    """A sum from a form, a payload or the database: ``Decimal``, or None when there is none (or no number)."""
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


def figures(amount, places: int = 2) -> str:
    """``8,000.00`` (grouped, ``places`` decimals); empty when there is no amount."""
    value = as_decimal(amount)
    return "" if value is None else f"{value:,.{places}f}"


def yuan(amount, places: int = 2) -> str:
    """``8,000.00元``; empty when there is no amount."""
    text = figures(amount, places)
    return f"{text}元" if text else ""


def plain(amount) -> str | None:
    """``"8000.00"``: exact, ungrouped, two places — what JSON keeps; None when there is no amount."""
    value = as_decimal(amount)
    return None if value is None else f"{value:.2f}"


def _four(n: int) -> str:
    out, zero = "", False
    for power, unit in ((3, "仟"), (2, "佰"), (1, "拾"), (0, "")):
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[digit] + unit
    return out


def capitals(amount) -> str:
    """人民币大写: 8000 → 捌仟元整, 10500.5 → 壹万零伍佰元伍角整; empty when there is no amount."""
    value = as_decimal(amount)
    if value is None:
        return ""
    cents = int((value * 100).quantize(Decimal(1)))
    whole, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    out, gap = "", False
    for part, unit in ((whole // 10**8, "亿"), (whole // 10**4 % 10**4, "万"), (whole % 10**4, "")):
        if part == 0:
            gap = bool(out)
            continue
        if out and (gap or part < 1000):
            out += "零"
        out += _four(part) + unit
        gap = False
    out = f"{out}元" if out else ""
    if jiao == 0 and fen == 0:
        return f"{out or '零元'}整"
    if jiao:
        out += DIGITS[jiao] + "角"
    elif out:
        out += "零"
    return out + (DIGITS[fen] + "分" if fen else "整")


def in_words(amount) -> str:
    """人民币捌仟元整（¥8,000.00）, as a formal document states a sum; empty when there is no amount."""
    if as_decimal(amount) is None:
        return ""
    return f"人民币{capitals(amount)}（¥{figures(amount)}）"
