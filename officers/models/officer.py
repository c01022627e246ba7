from __future__ import annotations

from django.conf import settings
from django.db import models

from kernel.crypto import EncryptedTextField
from kernel.privacy import mask_phone

from ..choices import StaffCategory
from .agency import Agency


class Officer(models.Model):
    """A person working in an agency, linked to a login account, with their roles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="登录账号", on_delete=models.PROTECT, related_name="officer"
    )
    agency = models.ForeignKey(Agency, verbose_name="所属机关", on_delete=models.PROTECT, related_name="officers")
    name = models.CharField("姓名", max_length=40)
    category = models.CharField(
        "人员类别", max_length=20, choices=StaffCategory.choices, default=StaffCategory.ENFORCEMENT
    )
    is_legal_reviewer = models.BooleanField(
        "法制审核人员", default=False, help_text="本机关法制机构中从事法制审核的人员（行政处罚法第五十八条）。"
    )
    is_hearing_chair = models.BooleanField("可任听证主持人", default=False)
    is_head = models.BooleanField("机关负责人", default=False)
    is_principal_head = models.BooleanField(
        "正职负责人", default=False, help_text="正职负责人或者主持工作的负责人，批准涉嫌犯罪案件移送。"
    )
    is_supervisor = models.BooleanField("执法监督人员", default=False)
    has_legal_qualification = models.BooleanField(
        "具有法律职业资格", default=False, help_text="初次从事法制审核的人员应当取得法律职业资格（第五十八条第二款）。"
    )
    legal_qualification_number = models.CharField("法律职业资格证书编号", max_length=40, blank=True)
    # Personal information, encrypted at rest (个人信息保护法 第五十一条; 等保 2.0 8.1.4.8; kernel.crypto).
    phone = EncryptedTextField("联系电话", max_length=20, blank=True)
    is_active = models.BooleanField("在岗", default=True)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        ordering = ["agency__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_principal_head=False) | models.Q(is_head=True),
                name="officer_principal_head_is_head",
                violation_error_message="正职负责人必须同时是机关负责人。",
            ),
            models.CheckConstraint(
                condition=models.Q(has_legal_qualification=True) | models.Q(legal_qualification_number=""),
                name="officer_qualification_number_needs_flag",
                violation_error_message="填写法律职业资格证书编号时须勾选“具有法律职业资格”。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.agency.short_name}）"

    @property
    def is_auxiliary(self) -> bool:
        return self.category == StaffCategory.AUXILIARY

    @property
    def is_qualified_legal_reviewer(self) -> bool:
        """A member of the legal office with the national legal qualification (Art. 58 ¶2)."""
        return self.is_active and self.is_legal_reviewer and self.has_legal_qualification

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def role_labels(self) -> list[str]:
        labels = [self.get_category_display()]
        for flag, label in (
            (self.is_principal_head, "正职负责人"),
            (self.is_head and not self.is_principal_head, "机关负责人"),
            (self.is_legal_reviewer, "法制审核人员"),
            (self.is_hearing_chair, "听证主持人"),
            (self.is_supervisor, "执法监督人员"),
        ):
            if flag:
                labels.append(label)
        return labels
