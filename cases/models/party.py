from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from kernel.crypto import BlindIndexField, EncryptedTextField
from kernel.privacy import mask_middle, mask_phone
from kernel.validators import validate_credit_code, validate_id_number

from ..choices import PartyKind


class Party(models.Model):
    """当事人. Identifiers are shown masked unless the viewer handles the case.

    The identity number and the phone are encrypted at rest (个人信息保护法 第二十八条、第五十一条; 等保 2.0
    8.1.4.8, ``kernel.crypto``) and found by exact search through their keyed blind indexes. The 统一社会信用代码
    of a legal person or other organisation is public registration data (企业信息公示暂行条例), not personal
    information (个人信息保护法 第四条), and stays in clear; it shares the identifier's index for search."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="parties")
    kind = models.CharField("类型", max_length=20, choices=PartyKind.choices)
    name = models.CharField("姓名或名称", max_length=120)
    id_number = EncryptedTextField("公民身份号码", max_length=18, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人（负责人）", max_length=60, blank=True)
    address = models.CharField("住所（地址）", max_length=200, blank=True)
    phone = EncryptedTextField("联系电话", max_length=20, blank=True)
    identifier_index = BlindIndexField("证件号码检索索引", sources=("id_number", "credit_code"), kind="identifier")
    phone_index = BlindIndexField("电话检索索引", sources=("phone",), kind="phone")
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
