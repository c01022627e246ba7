"""Small filters for the wording of documents."""

from django import template

register = template.Library()


@register.filter
def yi_an(title: str) -> str:
    """案由 → “……一案”: 销售过期食品案 → 销售过期食品一案 (never “……案一案”)."""
    return f"{str(title).strip().removesuffix('案')}一案"
