from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from kernel.privacy import mask_middle, mask_phone
from kernel.validators import validate_credit_code, validate_id_number

from ..choices import PartyKind


class Party(models.Model):
    """当事人. Identifiers are stored whole and shown masked unless the viewer handles the case."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="parties")
    kind = models.CharField("类型", max_length=20, choices=PartyKind.choices)
    name = models.CharField("姓名或名称", max_length=120)
    id_number = models.CharField("公民身份号码", max_length=18, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人（负责人）", max_length=60, blank=True)
    address = models.CharField("住所（地址）", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == PartyKind.INDIVIDUAL:
            if self.credit_code:
                errors["credit_code"] = "自然人不填写统一社会信用代码。"
            if self.id_number:
                try:
                    validate_id_number(self.id_number)
                except ValidationError as exc:
                    errors["id_number"] = exc.messages[0]
        else:
            if self.id_number:
                errors["id_number"] = "法人或其他组织填写统一社会信用代码，不填写公民身份号码。"
            if self.credit_code:
                try:
                    validate_credit_code(self.credit_code)
                except ValidationError as exc:
                    errors["credit_code"] = exc.messages[0]
            if not self.legal_representative:
                errors["legal_representative"] = "法人或其他组织应填写法定代表人或负责人。"
        if errors:
            raise ValidationError(errors)

    @property
    def identifier(self) -> str:
        return self.id_number if self.kind == PartyKind.INDIVIDUAL else self.credit_code

    @property
    def masked_identifier(self) -> str:
        return mask_middle(self.identifier)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)
