"""执法文书 and the per-agency figures printed on them.

An issued document never changes (DESIGN.md, "the record"): its number, version, snapshot
and token are fixed at issue, and once rendered its PDF's key, size and SHA-256 are too. A
correction is a new version that ``supersedes`` the old one, which is kept. ``save`` refuses
to touch the content fields; a database trigger (migration 0002) refuses it to everyone else.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import ProtectedError, Q

from .choices import DocumentKind, DocumentStatus, RedactionPolicy

# The only fields a rendering may write, and only while the document is not yet rendered.
RENDER_FIELDS = frozenset(
    {
        "status",
        "storage_key",
        "size",
        "sha256",
        "rendered_at",
        "render_error",
        "render_attempts",
        "render_started_at",
        "render_retryable",
    }
)

# Shown, and printed, until the agency enters its own (docs/documents.md).
PLACEHOLDER_FINE_BANK = "〔代收罚款银行未设置：请在管理后台“执法文书参数”中填写〕"


def new_token() -> str:
    """The verification token printed in the QR code: 32 URL-safe characters, 192 random bits."""
    return secrets.token_urlsafe(24)


class ImmutableDocument(Exception):
    """An issued document was about to be changed: issue a corrected version instead."""


class Document(models.Model):
    """执法文书: one issued version of one document of a case, rendered to a PDF in object storage."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="documents")
    agency = models.ForeignKey("officers.Agency", verbose_name="执法主体", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书种类", max_length=40, choices=DocumentKind.choices)
    number = models.CharField(
        "文号",
        max_length=80,
        help_text="发往当事人或其他机关的文书为“简称+种类代字〔年度〕序号号”；内部文书为案号。",
    )
    number_code = models.CharField("文号种类代字", max_length=10, blank=True)
    number_year = models.PositiveSmallIntegerField("文号年度", null=True, blank=True)
    number_serial = models.PositiveIntegerField("文号序号", null=True, blank=True)
    version = models.PositiveSmallIntegerField("版本", default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name="更正的文书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        help_text="更正时为新版本，原版本保留。",
    )
    correction_reason = models.TextField("更正理由", blank=True)
    template = models.CharField("模板", max_length=120)
    snapshot = models.JSONField("文书内容快照", encoder=DjangoJSONEncoder, help_text="生成PDF所用的全部数据。")
    issued_at = models.DateTimeField("制作时间")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="制作人", on_delete=models.PROTECT)
    issued_by_name = models.CharField("制作人姓名", max_length=60)
    token = models.CharField("核验码", max_length=64, unique=True, default=new_token, editable=False)

    status = models.CharField("状态", max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.ISSUED)
    storage_key = models.CharField("存储位置", max_length=300, blank=True, editable=False)
    size = models.PositiveBigIntegerField("大小（字节）", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    rendered_at = models.DateTimeField("生成时间", null=True, blank=True)
    render_error = models.TextField("生成失败原因", blank=True)
    # The rendering's bookkeeping (issue 11): who claimed it when, how often it was tried, and whether its last
    # failure was transient (a database or storage outage, retried by the sweep) or permanent (a template error).
    render_attempts = models.PositiveSmallIntegerField("生成尝试次数", default=0)
    render_started_at = models.DateTimeField("开始生成时间", null=True, blank=True)
    render_retryable = models.BooleanField("可自动重试", default=False)

    class Meta:
        verbose_name = "执法文书"
        verbose_name_plural = "执法文书"
        ordering = ["case", "issued_at", "pk"]
        constraints = [
            # DESIGN.md, "Numbers without gaps": one serial per agency, kind code and year; versions share it.
            models.UniqueConstraint(
                fields=["agency", "number_code", "number_year", "number_serial", "version"],
                condition=Q(number_serial__isnull=False),
                name="document_number_unique_per_agency_kind_year",
            ),
            models.CheckConstraint(
                condition=Q(version=1, supersedes__isnull=True) | Q(version__gt=1, supersedes__isnull=False),
                name="document_version_follows_supersedes",
            ),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.RENDERED) | (~Q(sha256="") & ~Q(storage_key="")),
                name="document_rendered_has_pdf",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "kind"]),
            # The sweep's query (documents.services.stuck_documents): the few documents not yet rendered.
            models.Index(
                fields=["status", "issued_at"], condition=~Q(status=DocumentStatus.RENDERED), name="document_unrendered"
            ),
        ]

    def __str__(self) -> str:
        suffix = f"（第{self.version}版）" if self.version > 1 else ""
        return f"{self.number} {self.get_kind_display()}{suffix}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if fields is None or not set(fields) <= RENDER_FIELDS:
                raise ImmutableDocument("执法文书制作后不得修改；如需更正，请制作新版本。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        # 行政处罚法 第四十七条: the file is archived whole; a document is corrected, never deleted.
        raise ProtectedError("执法文书不能删除；如需更正，请制作新版本。", {self})

    @property
    def is_rendered(self) -> bool:
        return self.status == DocumentStatus.RENDERED

    @property
    def is_current(self) -> bool:
        """Not corrected by a later version."""
        try:
            self.superseded_by  # noqa: B018 — the reverse one-to-one raises when absent
        except Document.DoesNotExist:
            return True
        return False

    @property
    def pdf_filename(self) -> str:
        version = f"（第{self.version}版）" if self.version > 1 else ""
        return f"{self.number}{self.get_kind_display()}{version}.pdf"


class AgencyDocumentSettings(models.Model):
    """What an agency prints on its documents that the law leaves to it: the bank that collects its
    fines (罚缴分离, 行政处罚法 第六十七条), the reconsideration organ and the court. Without a saved
    row the documented defaults apply (``document_settings_for``)."""

    agency = models.OneToOneField(
        "officers.Agency", verbose_name="执法主体", on_delete=models.CASCADE, related_name="document_settings"
    )
    # 行政处罚法 第六十七条第三款: paid to the designated bank or through the electronic payment system.
    fine_bank = models.CharField("代收罚款银行", max_length=200, default=PLACEHOLDER_FINE_BANK)
    fine_account_name = models.CharField("收款户名", max_length=200, blank=True)
    fine_account_number = models.CharField("收款账号", max_length=60, blank=True)
    electronic_payment = models.CharField(
        "电子缴款方式",
        max_length=200,
        blank=True,
        default="通过电子支付系统（非税收入电子缴款）缴纳",
        help_text="留空则决定书只写代收银行。",
    )
    # 行政复议法（2023）第二十四条: the government at the same level, as a rule; named here per agency.
    # 行政处罚法 第五十九条第一款第五项: the decision names them; blank, no decision (rules.remedy_bodies_named):
    # an unnamed organ stretches the party's window to a year (行政复议法 第二十条第三款).
    reconsideration_organ = models.CharField(
        "行政复议机关", max_length=120, blank=True, help_text="如“包头市人民政府”。未填写的，不能作出处罚决定。"
    )
    court = models.CharField(
        "管辖人民法院",
        max_length=120,
        blank=True,
        help_text="行政诉讼和申请强制执行的法院，如“包头市昆都仑区人民法院”。未填写的，不能作出处罚决定。",
    )
    contact = models.CharField("联系人及电话", max_length=120, blank=True)
    seal_text = models.CharField("印章位置文字", max_length=40, default="（印章）")

    class Meta:
        verbose_name = "执法文书参数"
        verbose_name_plural = "执法文书参数"

    def __str__(self) -> str:
        return f"{self.agency.short_name}的文书参数"

    @property
    def bank_configured(self) -> bool:
        return bool(self.fine_bank) and self.fine_bank != PLACEHOLDER_FINE_BANK


def document_settings_for(agency) -> AgencyDocumentSettings:
    """The agency's saved settings, or the documented defaults (never saved implicitly)."""
    try:
        return agency.document_settings
    except AgencyDocumentSettings.DoesNotExist:
        return AgencyDocumentSettings(agency=agency)


class DocumentRendition(models.Model):
    """脱敏副本: a document rendered again from its frozen snapshot under a redaction policy
    (``documents.renditions``), stored once per policy, hashed, and verifiable under its own token as
    "a redacted copy of" the original. Written once, complete (PDF stored, size and hash known), never changed."""

    document = models.ForeignKey(
        Document, verbose_name="原文书", on_delete=models.PROTECT, related_name="renditions", editable=False
    )
    policy = models.CharField("脱敏规则", max_length=20, choices=RedactionPolicy.choices, editable=False)
    token = models.CharField("核验码", max_length=64, unique=True, default=new_token, editable=False)
    storage_key = models.CharField("存储位置", max_length=300, editable=False)
    size = models.PositiveBigIntegerField("大小（字节）", editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    rendered_at = models.DateTimeField("生成时间", editable=False)

    class Meta:
        verbose_name = "执法文书脱敏副本"
        verbose_name_plural = "执法文书脱敏副本"
        ordering = ["document", "policy"]
        constraints = [
            models.UniqueConstraint(fields=["document", "policy"], name="document_rendition_once_per_policy")
        ]

    def __str__(self) -> str:
        return f"{self.document}（{self.get_policy_display()}副本）"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableDocument("脱敏副本生成后不得修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ProtectedError("脱敏副本不能删除。", {self})

    @property
    def pdf_filename(self) -> str:
        return self.document.pdf_filename.removesuffix(".pdf") + "（脱敏副本）.pdf"
