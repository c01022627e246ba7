"""Sums on the pages, as ``kernel.money`` writes them: ``{{ amount|figures }}``, ``{{ amount|yuan }}``,
``{{ amount|capitals }}``."""

from django import template

from kernel import money

register = template.Library()

register.filter("figures", money.figures)
register.filter("yuan", money.yuan)
register.filter("capitals", money.capitals)
