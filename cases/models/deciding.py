"""The records of deciding lawfully: the investigation report with its proposal, the prior
notice and the party's statements or waiver, the hearing, the legal review and the
collective discussion (行政处罚法 第四十四条至第四十五条、第五十七条至第五十八条、第六十二条至第六十五条)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from deadlines.models import Deadline

from ..choices import (
    ChairRecusalState,
    DiscussionPurpose,
    HearingGrant,
    HearingOutcome,
    MitigationGround,
    NoPenaltyGround,
    Outcome,
    ReviewOutcome,
    TranscriptSignature,
)

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class Penalty(models.Model):
    """The fields of a penalty, shared by the proposal and the notice that announces it."""

    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine_amount = models.DecimalField("罚款金额（元）", null=True, blank=True, **MONEY)
    illegal_gains = models.DecimalField("没收违法所得（元）", null=True, blank=True, **MONEY)
    confiscation = models.TextField("没收非法财物", blank=True)
    confiscation_value = models.DecimalField("没收非法财物价值（元）", null=True, blank=True, **MONEY)

    class Meta:
        abstract = True

    def penalty_dict(self) -> dict:
        return {
            "kinds": list(self.penalty_kinds),
            "fine_amount": self.fine_amount,
            "illegal_gains": self.illegal_gains,
            "confiscation": self.confiscation,
            "confiscation_value": self.confiscation_value,
        }

    @property
    def confiscated_total(self) -> Decimal:
        return (self.illegal_gains or Decimal(0)) + (self.confiscation_value or Decimal(0))


class InvestigationReport(Penalty):
    """调查终结报告: the proposed outcome and how the discretion benchmark was applied. Each revision
    is a new version; the latest is the case's current proposal."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="reports")
    version = models.PositiveSmallIntegerField("版本")
    report = models.TextField("调查终结报告")
    # 行政处罚法 第五十九条第一款第二项: the decision states the facts the investigation established — these, not
    # the lead's text (Case.facts) written before anything was investigated.
    facts = models.TextField("调查认定的违法事实", blank=True)
    # 行政处罚法 第二十八条第一款: 实施行政处罚时，应当责令当事人改正或者限期改正违法行为 — the order the decision
    # carries, unless a 责令改正通知书 is on file (``CorrectionOrder``) or the violation has ended (the file says how).
    correction = models.TextField("责令改正的内容（由决定书载明）", blank=True)
    violation_ended = models.TextField("违法行为已经终止的情况", blank=True)
    outcome = models.CharField("处理意见", max_length=20, choices=Outcome.choices)
    no_penalty_ground = models.CharField("不予处罚的理由", max_length=30, choices=NoPenaltyGround.choices, blank=True)
    transfer_organ = models.CharField("移送机关", max_length=120, blank=True)
    # 行政处罚法 第二十八条第二款: 当事人有违法所得，除依法应当退赔的外，应当予以没收.
    illegal_gains_found = models.DecimalField("查明的违法所得（元）", null=True, blank=True, **MONEY)
    gains_refunded = models.BooleanField("违法所得依法应当退赔", default=False)
    base_amount = models.DecimalField(
        "计罚基数（元）", help_text="违法所得或者货值金额等，按倍数计罚时必填。", null=True, blank=True, **MONEY
    )
    tier = models.ForeignKey(
        "matters.BenchmarkTier", verbose_name="适用裁量档次", null=True, blank=True, on_delete=models.PROTECT
    )
    circumstances = models.TextField("认定的情节", blank=True)
    outside_tier_justification = models.TextField("超出档次幅度的书面理由", blank=True)
    mitigation_ground = models.CharField(
        "减轻处罚的法定情形", max_length=30, choices=MitigationGround.choices, blank=True
    )
    major_public_interest = models.BooleanField("涉及重大公共利益", default=False)
    # 行政处罚法 第五十八条第一款第二项: with a hearing held, a decision on major rights is major by law.
    major_rights = models.BooleanField("直接关系当事人或者第三人重大权益", default=False)
    complex_facts = models.BooleanField("案件情况疑难复杂、涉及多个法律关系", default=False)
    # 行政处罚法 第五十七条第二款: 对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定.
    complex_circumstances = models.BooleanField("情节复杂", default=False)
    complex_circumstances_reason = models.TextField("情节复杂的理由", blank=True)
    serious_violation = models.BooleanField("重大违法行为", default=False)
    serious_violation_reason = models.TextField("重大违法行为的理由", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="承办人", on_delete=models.PROTECT)
    created_at = models.DateTimeField("提出时间", auto_now_add=True)

    class Meta:
        verbose_name = "调查终结报告"
        verbose_name_plural = "调查终结报告"
        ordering = ["case", "version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="one_report_version")]

    def __str__(self) -> str:
        return f"{self.case}：调查终结报告第{self.version}版"


class Notice(Penalty):
    """行政处罚事先告知 (第四十四条): what is intended, why, on what basis, and the party's rights."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="notices")
    report = models.ForeignKey(InvestigationReport, verbose_name="所告知的处理意见", on_delete=models.PROTECT)
    facts = models.TextField("违法事实")
    reasons = models.TextField("理由")
    basis = models.TextField("依据")
    rights = models.TextField("告知的权利")
    hearing_right = models.BooleanField("告知听证权利", default=False)
    # 行政处罚法 第六十三条第一款第五项、第六项: the handler grants the right by hand, saying why.
    hearing_granted_under = models.CharField(
        "承办人告知听证权利的依据", max_length=10, choices=HearingGrant.choices, blank=True
    )
    hearing_granted_reason = models.TextField("承办人告知听证权利的理由", blank=True)
    served_on = models.DateField("送达日期")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="承办人", on_delete=models.PROTECT)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "事先告知"
        verbose_name_plural = "事先告知"
        ordering = ["case", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}：事先告知（{self.served_on}送达）"

    # --- the windows the notice opened: stored once, as deadline rows (deadlines; the one clock) ----------

    def window(self, kind: str) -> Deadline | None:
        """The deadline of ``kind`` (``statement``, ``hearing_request``) this notice's service opened."""
        return (
            Deadline.objects.filter(
                case_id=self.case_id, kind=kind, opened_by__name="notify", opened_by__payload__notice=self.pk
            )
            .order_by("-pk")
            .first()
        )

    @cached_property
    def statement_window(self) -> Deadline | None:
        """陈述、申辩期限 (第四十四条、第四十五条; the agency's period, 5 working days by default)."""
        return self.window("statement")

    @cached_property
    def hearing_window(self) -> Deadline | None:
        """要求听证期限 (第六十四条第一项: 5 working days), when the penalty gives the right."""
        return self.window("hearing_request") if self.hearing_right else None

    @property
    def statement_due(self) -> datetime.date | None:
        return self.statement_window.due_on if self.statement_window else None

    @property
    def hearing_request_due(self) -> datetime.date | None:
        return self.hearing_window.due_on if self.hearing_window else None

    @property
    def provisional(self) -> bool:
        """A window counted on weekdays in a year whose holidays are not yet known."""
        return any(w.provisional for w in (self.statement_window, self.hearing_window) if w is not None)

    @property
    def recomputing(self) -> bool:
        return any(w.recomputing for w in (self.statement_window, self.hearing_window) if w is not None)


class Statement(models.Model):
    """陈述、申辩 and the agency's answer (第四十五条: 必须充分听取，进行复核)."""

    notice = models.ForeignKey(Notice, verbose_name="事先告知", on_delete=models.PROTECT, related_name="statements")
    received_on = models.DateField("提出日期")
    content = models.TextField("陈述申辩意见")
    answer = models.TextField("复核意见")
    adopted = models.BooleanField("意见成立并采纳", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "陈述申辩"
        verbose_name_plural = "陈述申辩"
        ordering = ["notice", "received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.notice.case}：陈述申辩（{self.received_on}）"


class Waiver(models.Model):
    """The party's express waiver of statement, defence and hearing (第六十二条): it ends the waiting."""

    notice = models.OneToOneField(Notice, verbose_name="事先告知", on_delete=models.PROTECT, related_name="waiver")
    waived_on = models.DateField("放弃日期")
    note = models.TextField("当事人放弃的明确表示")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "放弃陈述申辩和听证"
        verbose_name_plural = "放弃陈述申辩和听证"

    def __str__(self) -> str:
        return f"{self.notice.case}：放弃陈述申辩和听证（{self.waived_on}）"


class Hearing(models.Model):
    """听证 (第六十三条至第六十五条)."""

    notice = models.OneToOneField(Notice, verbose_name="事先告知", on_delete=models.PROTECT, related_name="hearing")
    requested_on = models.DateField("申请日期")
    posted_on = models.DateField(
        "邮寄日期", null=True, blank=True, help_text="当事人邮寄申请的邮戳日期：期间不包括在途时间。"
    )
    chair = models.ForeignKey(
        "officers.Officer", verbose_name="听证主持人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hearing_notice_served_on = models.DateField("听证通知送达日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    place = models.CharField("听证地点", max_length=200, blank=True)
    public = models.BooleanField("公开举行", default=True)
    not_public_reason = models.CharField("不公开的理由", max_length=200, blank=True)
    agents = models.JSONField("委托代理人", default=list, blank=True)
    outcome = models.CharField("听证结果", max_length=20, choices=HearingOutcome.choices, blank=True)
    ended_on = models.DateField("听证结束日期", null=True, blank=True)
    transcript = models.TextField("听证笔录", blank=True)
    # 行政处罚法 第六十四条第八项: checked and signed by the party or its agent, or the refusal noted by the chair.
    transcript_signature = models.CharField(
        "笔录核对签字", max_length=10, choices=TranscriptSignature.choices, blank=True
    )
    signature_refusal_note = models.TextField("主持人对拒绝签字或者盖章的注明", blank=True)
    report = models.TextField("听证报告", blank=True)

    class Meta:
        verbose_name = "听证"
        verbose_name_plural = "听证"

    def __str__(self) -> str:
        return f"{self.notice.case}：听证（申请于{self.requested_on}）"

    @property
    def concluded(self) -> bool:
        return bool(self.outcome)


class ChairRecusal(models.Model):
    """听证主持人回避 (第六十四条第四项): the party's application against the chair, recorded by a handler, and the
    head's decision with reasons. Pending (no ``decided_on``), the hearing is not held; granted, the hearing has no
    chair until a new one is designated (``schedule_hearing``); rejected, the application stays on file."""

    hearing = models.ForeignKey(Hearing, verbose_name="听证", on_delete=models.PROTECT, related_name="recusals")
    chair = models.ForeignKey(
        "officers.Officer", verbose_name="被申请回避的主持人", on_delete=models.PROTECT, related_name="+"
    )
    party = models.ForeignKey(
        "Party", verbose_name="申请回避的当事人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applied_on = models.DateField("申请日期")
    grounds = models.TextField("当事人申请回避的理由")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    granted = models.BooleanField("决定回避", default=False)
    decision = models.TextField("负责人的决定及理由", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        "officers.Officer", verbose_name="决定的负责人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "听证主持人回避"
        verbose_name_plural = "听证主持人回避"
        ordering = ["hearing", "applied_on", "pk"]
        constraints = [
            # One pending application per hearing at a time; decided ones stay on file.
            models.UniqueConstraint(
                fields=["hearing"], condition=models.Q(decided_on__isnull=True), name="one_pending_chair_recusal"
            ),
        ]

    def __str__(self) -> str:
        state = "待决定" if self.is_pending else ("决定回避" if self.granted else "驳回申请")
        return f"{self.hearing.notice.case}：听证主持人{self.chair.name}回避（{state}）"

    @property
    def is_pending(self) -> bool:
        return self.decided_on is None

    @property
    def state(self) -> ChairRecusalState:
        if self.is_pending:
            return ChairRecusalState.PENDING
        return ChairRecusalState.GRANTED if self.granted else ChairRecusalState.REJECTED

    @property
    def concerned_officer_id(self) -> int:
        """The officer whose recusal is asked: the chair (no one decides their own cause)."""
        return self.chair_id


class LegalReview(models.Model):
    """法制审核 (第五十八条). A pass is voided by a material change: a changed proposal or new evidence."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="reviews")
    report = models.ForeignKey(InvestigationReport, verbose_name="所审核的处理意见", on_delete=models.PROTECT)
    submitted_at = models.DateTimeField("提请时间", auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提请人", on_delete=models.PROTECT, related_name="+"
    )
    submission_note = models.TextField("提请说明", blank=True)
    outcome = models.CharField("审核结果", max_length=20, choices=ReviewOutcome.choices, default=ReviewOutcome.PENDING)
    reviewer = models.ForeignKey(
        "officers.Officer", verbose_name="审核人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_on = models.DateField("审核日期", null=True, blank=True, help_text="法制审核意见书载明的日期。")
    opinions = models.TextField("书面审核意见", blank=True)
    returned_to = models.CharField("退回至", max_length=20, blank=True)
    voided_at = models.DateTimeField("失效时间", null=True, blank=True)
    void_reason = models.CharField("失效原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["case", "submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}：法制审核（{self.get_outcome_display()}）"

    @property
    def is_valid_pass(self) -> bool:
        return self.outcome == ReviewOutcome.PASSED and self.voided_at is None

    @property
    def reviewed_day(self) -> datetime.date:
        """The day the review was decided: as recorded, else the local day it was entered."""
        if self.reviewed_on is not None:
            return self.reviewed_on
        assert self.decided_at is not None, "only a decided review has a day"
        return timezone.localdate(self.decided_at)


class CollectiveDiscussion(models.Model):
    """集体讨论 (第五十七条第二款): at least two heads of the agency, who presided, each opinion and the conclusion.

    Its purpose says what the heads decided: the decision itself (linked to the legal review it followed, or to the
    notice when the case needs no review), a further extension of the case time limit, or another matter."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="discussions")
    purpose = models.CharField(
        "讨论事项", max_length=20, choices=DiscussionPurpose.choices, default=DiscussionPurpose.DECIDE
    )
    review = models.ForeignKey(
        LegalReview, verbose_name="依据的法制审核", null=True, blank=True, on_delete=models.PROTECT
    )
    notice = models.ForeignKey(
        Notice, verbose_name="依据的事先告知", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField("讨论日期")
    attendees = models.ManyToManyField("officers.Officer", verbose_name="参加讨论的负责人", related_name="+")
    presided_by = models.ForeignKey(
        "officers.Officer", verbose_name="主持人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opinions = models.TextField("参加人员的意见", blank=True)
    conclusion = models.TextField("讨论结论")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "集体讨论"
        verbose_name_plural = "集体讨论"
        ordering = ["case", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case}：集体讨论（{self.get_purpose_display()}，{self.held_on}）"
