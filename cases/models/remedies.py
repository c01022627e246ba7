"""行政复议 and 行政诉讼 against a decision and their outcomes (行政复议法 第二十条; 行政诉讼法 第四十五条、
第四十六条; 行政处罚法 第四十八条第二款、第七十三条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .execution import MONEY

# --- 行政复议、行政诉讼 ------------------------------------------------------------------------------------


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION = "litigation", "行政诉讼"
    # 行政诉讼法 第七条、第八十五条: the party's appeal against a first-instance judgment or ruling (两审终审).
    APPEAL = "appeal", "上诉（第二审）"


class RemedyOutcome(models.TextChoices):
    """行政复议法 第六十三条至第六十八条; 行政诉讼法 第六十九条至第七十七条. Empty while pending."""

    UPHELD = "upheld", "维持（复议维持或者判决驳回诉讼请求）"
    CHANGED = "changed", "变更"
    REVOKED = "revoked", "撤销"
    CONFIRMED_UNLAWFUL = "confirmed_unlawful", "确认违法"
    CONFIRMED_INVALID = "confirmed_invalid", "确认无效"
    # 行政复议法 第七十三条; 行政诉讼法 第六十条: a 调解书 (or a settlement) binds once signed and served.
    MEDIATED = "mediated", "调解或者和解结案"
    # 行政复议法 第三十条、第六十九条; 行政诉讼法 第五十一条: 不予受理, 驳回复议申请, 驳回起诉 — a ruling (裁定).
    NOT_ACCEPTED = "not_accepted", "不予受理、驳回申请或者驳回起诉"
    WITHDRAWN = "withdrawn", "撤回申请或者起诉，或者终止审理"


# 行政处罚法 第四十八条第二款: a published decision changed, revoked, confirmed unlawful or invalid is withdrawn.
WITHDRAW_PUBLICATION = (
    RemedyOutcome.CHANGED,
    RemedyOutcome.REVOKED,
    RemedyOutcome.CONFIRMED_UNLAWFUL,
    RemedyOutcome.CONFIRMED_INVALID,
)
# Decided on the merits: what opens the suit after a reconsideration and the appeal after a first-instance judgment.
JUDGED = (
    RemedyOutcome.UPHELD,
    RemedyOutcome.CHANGED,
    RemedyOutcome.REVOKED,
    RemedyOutcome.CONFIRMED_UNLAWFUL,
    RemedyOutcome.CONFIRMED_INVALID,
)
# 行政强制法 第四十条第四项: nothing is executed on a decision revoked (or void).
NOTHING_TO_EXECUTE = (RemedyOutcome.REVOKED, RemedyOutcome.CONFIRMED_INVALID)
# 行政处罚法 第四十八条第二款: a decision revoked, confirmed unlawful or void is withdrawn and never published again
# (a changed one may be published as changed).
NOT_PUBLISHABLE = (RemedyOutcome.REVOKED, RemedyOutcome.CONFIRMED_UNLAWFUL, RemedyOutcome.CONFIRMED_INVALID)


class Remedy(models.Model):
    """行政复议 or 行政诉讼 against the decision and its outcome: how supervisors measure the quality of
    decisions. The decision is not suspended meanwhile (行政处罚法 第七十三条第一款), but the surcharge is
    not counted (第七十三条第三款)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="remedies")
    kind = models.CharField("救济途径", max_length=20, choices=RemedyKind.choices)
    filed_on = models.DateField("申请或者起诉日期")
    # 民事诉讼法 第八十五条 (行政复议法 第八十八条; 行政诉讼法 第一百零一条): the period does not include the time in
    # the post — an application posted in time is in time.
    posted_on = models.DateField("邮寄日期（邮戳日期）", null=True, blank=True, help_text="邮寄提出的，填写交邮日期。")
    organ = models.CharField("复议机关或者人民法院", max_length=120)
    reference = models.CharField("案号", max_length=60, blank=True)
    outcome = models.CharField("结果", max_length=20, choices=RemedyOutcome.choices, blank=True)
    decided_on = models.DateField("复议决定或者裁判日期", null=True, blank=True)
    # The day the decision, 调解书 or judgment was served (on the last party served): a reconsideration decision and
    # a second-instance judgment bind from it, a first-instance judgment or ruling once the appeal period from it
    # has run (行政复议法 第七十五条第二款; 行政诉讼法 第八十五条).
    received_on = models.DateField("复议决定书、调解书或者裁判文书送达日期", null=True, blank=True)
    changed_fine_amount = models.DecimalField("变更后的罚款金额（元）", null=True, blank=True, **MONEY)
    note = models.TextField("说明", blank=True)
    # 行政处罚法 第四十八条第二款、第八十五条: withdraw the published decision within 3 working days — the deadline
    # ``publication_withdrawal`` (ref: the remedy), opened when the outcome obliges it.
    publication_withdrawn_on = models.DateField("撤回公开信息日期", help_text="由公开工作填写。", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政复议或行政诉讼"
        verbose_name_plural = "行政复议或行政诉讼"
        ordering = ["case", "filed_on", "pk"]
        constraints = [
            # 行政复议法 第二十九条: never a reconsideration and a suit at the same time.
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(outcome=""), name="one_pending_remedy_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(decided_on__isnull=False), name="remedy_outcome_has_date"
            ),
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True) | models.Q(decided_on__gte=models.F("filed_on")),
                name="remedy_decided_after_filed",
            ),
            models.CheckConstraint(
                condition=models.Q(posted_on__isnull=True) | models.Q(posted_on__lte=models.F("filed_on")),
                name="remedy_posted_before_filed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.filed_on:%Y-%m-%d}，{self.get_outcome_display() or '审理中'}）"

    @property
    def pending(self) -> bool:
        return not self.outcome


# --- 行政机关自行纠正 (行政处罚法 第七十五条第二款) -------------------------------------------------------------


class CorrectionOutcome(models.TextChoices):
    """How the agency corrects its own decision; the values are the remedy outcomes of the same effect, so the
    ledger, the clocks and the publication read both alike."""

    CHANGED = RemedyOutcome.CHANGED.value, "变更原行政处罚决定"
    REVOKED = RemedyOutcome.REVOKED.value, "撤销原行政处罚决定"


class DecisionCorrection(models.Model):
    """行政处罚法 第七十五条第二款: 行政机关……发现有错误的，应当主动改正 — the agency's own correction of its decision,
    decided by its head with the reasons. A change never burdens the party more (as a changed remedy outcome,
    行政复议法 第六十三条第二款); it acts on what is owed as a remedy outcome does (``ledger_of``); a published
    decision changed or revoked is withdrawn within 3 working days (第四十八条第二款、第八十五条: the deadline
    ``publication_withdrawal`` its event opens)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="corrections")
    outcome = models.CharField("纠正方式", max_length=20, choices=CorrectionOutcome.choices)
    decided_on = models.DateField("纠正决定日期")
    changed_fine_amount = models.DecimalField("变更后的罚款金额（元）", null=True, blank=True, **MONEY)
    reasons = models.TextField("纠正理由（发现的错误）")
    # A change is a new act for the party: its 变更行政处罚决定书 served (``serve_document``) opens new reconsideration
    # and suit windows from this day (行政复议法 第二十条; 行政诉讼法 第四十六条; ``deadlines.kinds``).
    served_on = models.DateField("变更或者撤销决定书送达日期", null=True, blank=True, help_text="由送达登记填写。")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="决定人（负责人）", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政处罚决定自行纠正"
        verbose_name_plural = "行政处罚决定自行纠正"
        ordering = ["case", "decided_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reasons=""), name="correction_has_reasons"),
            models.CheckConstraint(
                condition=models.Q(outcome=RemedyOutcome.CHANGED) | models.Q(changed_fine_amount__isnull=True),
                name="correction_amount_only_when_changed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}（{self.decided_on:%Y-%m-%d}）"


# --- 催告、申请人民法院强制执行 ------------------------------------------------------------------------------
