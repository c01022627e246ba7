"""Small filters for the wording of documents."""

from django import template

register = template.Library()


@register.filter
def yi_an(title: str) -> str:
    """案由 → “……一案”: 销售过期食品案 → 销售过期食品一案 (never “……案一案”)."""
    return f"{str(title).strip().removesuffix('案')}一案"


NUMERALS = "零一二三四五六七八九"


@register.filter
def hanzi(number) -> str:
    """A period as the law writes it: 5 → 五, 10 → 十, 15 → 十五, 60 → 六十 (numbers up to 99)."""
    n = int(number)
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return NUMERALS[ones]
    head = "" if tens == 1 else NUMERALS[tens]
    return f"{head}十{NUMERALS[ones] if ones else ''}"
