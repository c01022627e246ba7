from __future__ import annotations

from django.db import models


class LegalProvision(models.Model):
    """One provision of a law or regulation, with its text as the catalogue cites it."""

    law = models.CharField("法律法规名称", max_length=100, help_text="全称，如“中华人民共和国食品安全法”。")
    article = models.CharField("条款", max_length=100, help_text="如“第一百二十四条第一款第（五）项”。")
    text = models.TextField("条文内容")
    effective_date = models.DateField("施行日期", null=True, blank=True, help_text="所录条文版本的施行日期。")

    class Meta:
        verbose_name = "法律条款"
        verbose_name_plural = "法律条款"
        ordering = ("law", "id")
        constraints = (models.UniqueConstraint(fields=("law", "article"), name="legal_provision_unique_law_article"),)

    def __str__(self) -> str:
        return f"《{self.law}》{self.article}"
