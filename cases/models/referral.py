"""移送涉嫌犯罪案件: one referral of a suspected crime to the police and every step after it
(国务院《行政执法机关移送涉嫌犯罪案件的规定》2020; 行政处罚法 第二十七条、第三十五条、第八十二条).

The referral keeps the facts of each step (who, when, what the police answered); the periods of the steps are
not kept here. Each is a stored deadline of the one clock (``deadlines``: the kinds of
``deadlines.kinds.referral``, ``ref`` = the referral's id), opened from the ``next`` entry of the referral's
events (``deadline_watch.openers``), counted by ``deadlines.computing``, recounted with every other deadline when
a year of the holiday table is entered or corrected — and read from there by the page, the API and the guards
(:meth:`PoliceReferral.deadline_rows`, :meth:`PoliceReferral.open_deadlines`). A due date never blocks a late
step: late is unlawful but must still be recorded, and shows as overdue.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from deadlines.choices import Outcome
from deadlines.kinds import KINDS, ORDER, REFERRAL_KINDS, SUPERSEDED
from deadlines.models import Deadline
from deadlines.selectors import deadline_of


class ReferralMaterial(models.TextChoices):
    """第六条: the attachments of a referral."""

    REFERRAL_LETTER = "referral_letter", "涉嫌犯罪案件移送书"
    INVESTIGATION_REPORT = "investigation_report", "涉嫌犯罪案件情况的调查报告"
    ITEMS_LIST = "items_list", "涉案物品清单"
    TEST_REPORTS = "test_reports", "有关检验报告或者鉴定结论"
    OTHER = "other", "其他有关涉嫌犯罪的材料"


# 第六条（一）（二）: always sent; the items list and test reports only where there are items or tests.
REQUIRED_MATERIALS = (ReferralMaterial.REFERRAL_LETTER, ReferralMaterial.INVESTIGATION_REPORT)


class PoliceDecision(models.TextChoices):
    ACCEPTED = "accepted", "决定立案"
    DECLINED = "declined", "不予立案"


class ReconsiderationResult(models.TextChoices):
    UPHELD = "upheld", "维持不予立案"
    ACCEPTED = "accepted", "决定立案"


class ProcuratorateResult(models.TextChoices):
    """《人民检察院办理行政执法机关移送涉嫌犯罪案件的规定》第十一条: what the procuratorate tells the agency."""

    REASONS_UPHELD = "reasons_upheld", "公安机关不立案理由成立"
    POLICE_FILED = "police_filed", "经立案监督，公安机关已立案"


# A referral is open until the head rejects it, the police accept it, or it ends finally declined.
OPEN_REFERRAL = models.Q(finally_declined_at__isnull=True, closed_by_police_acceptance=False) & (
    models.Q(approved__isnull=True) | models.Q(approved=True)
)


# The referral's steps as the referral page and the API name them while they are still to be taken; the rest
# (the due date or hour, provisional, optional, the article) is the stored deadline's and its kind's.
STEP_LABELS: dict[str, str] = {
    "decide_referral": "正职负责人作出是否批准移送的决定",
    "refer_to_police": "向公安机关移送",
    "record_police_decision": "公安机关作出立案或者不予立案决定",
    "request_reconsideration": "提请公安机关复议或者建议检察院立案监督",
    "record_reconsideration_result": "公安机关作出复议决定",
    "request_procuratorate_supervision": "对复议决定有异议的，建议检察院立案监督",
    "record_items_handover": "移交涉案物品及有关材料",
}
# deadline kind → the referral step it is the period of (``deadlines.kinds.referral``).
STEP_OF_KIND: dict[str, str] = {kind.code: step for step, kind in REFERRAL_KINDS.items()}


@dataclass(frozen=True)
class StepDue:
    """One step still to be taken, read from its open deadline row; ``optional`` steps are windows the agency
    may use. ``due`` is a date, or for the 24-hour hand-over the hour; ``recomputing`` while the row is being
    counted again after a year of the holiday table was entered."""

    step: str
    label: str
    due: datetime.date | datetime.datetime
    overdue: bool
    optional: bool
    provisional: bool
    article: str
    recomputing: bool = False
    deadline: Deadline | None = None


def referral_deadline_rows(case_id: int, referrals: list[int] | None = None) -> dict[int, dict[str, Deadline]]:
    """referral id → step → the stored deadline of that step that counts now, for the case's referrals (or those
    listed), in one query. Per kind and referral the rule of ``deadlines.selectors.deadline_of``: the latest opened
    that no later opening superseded (open, met or ended)."""
    qs = Deadline.objects.filter(case_id=case_id, kind__in=list(STEP_OF_KIND)).exclude(end_note=SUPERSEDED)
    if referrals is not None:
        qs = qs.filter(ref__in=[str(pk) for pk in referrals])
    out: dict[int, dict[str, Deadline]] = {}
    for row in qs.order_by("pk"):
        if row.ref.isdigit():
            out.setdefault(int(row.ref), {})[STEP_OF_KIND[row.kind]] = row  # a later row replaces an earlier one
    return out


def step_due(row: Deadline, now: datetime.datetime | None = None) -> StepDue:
    """The step whose period ``row`` is, as the page and the API show it."""
    now = now or timezone.now()
    step, kind = STEP_OF_KIND[row.kind], KINDS[row.kind]
    return StepDue(
        step=step,
        label=STEP_LABELS.get(step, row.label),
        due=row.due_at or row.due_on,
        overdue=row.is_past(timezone.localdate(now), now),
        optional=kind.optional,
        provisional=row.provisional,
        article=row.legal_basis,
        recomputing=row.recomputing,
        deadline=row,
    )


class PoliceReferral(models.Model):
    """涉嫌犯罪案件移送: the team's report, the principal head's decision, the hand-over and the police's answer."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="referrals")
    # 第五条: a team (专案组) of two or more enforcement officers.
    team = models.ManyToManyField("officers.Officer", verbose_name="专案组成员", related_name="referral_teams")
    report = models.TextField("涉嫌犯罪案件情况的调查报告")
    submitted_at = models.DateTimeField("报告提出时间")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报告提出人", on_delete=models.PROTECT, related_name="+"
    )
    working_days = models.BooleanField(
        "期限按工作日计算", default=False, help_text="提出报告时按本机关参数确定，整个移送程序一致适用。"
    )

    # 第五条第二款: the principal head decides within 3 days; reasons are recorded when not approved.
    decided_by = models.ForeignKey(
        "officers.Officer",
        verbose_name="审批人（正职负责人）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    approved = models.BooleanField("批准移送", null=True, blank=True)
    rejection_reason = models.TextField("不予批准的理由", blank=True)

    # 第五条第二款、第六条: handed over to the police at the same level within 24 hours, with the attachments.
    police_organ = models.CharField("接受移送的公安机关", max_length=120, blank=True)
    handed_over_at = models.DateTimeField("移送时间", null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="移送人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    materials = models.JSONField("随案移送材料", default=list, blank=True)
    handover_note = models.TextField("移送说明", blank=True)

    # 第七条: the police sign the receipt; a police organ without jurisdiction forwards the case.
    received_on = models.DateField("公安机关签收日期", null=True, blank=True)
    receipt_number = models.CharField("回执编号", max_length=60, blank=True)
    forwarded_to = models.CharField("转送的有管辖权机关", max_length=120, blank=True)

    # 第八条: the police decide within 3 days of receiving the case and notify in writing.
    police_decision = models.CharField("公安机关决定", max_length=20, choices=PoliceDecision.choices, blank=True)
    police_decided_on = models.DateField("公安机关决定日期", null=True, blank=True)
    police_notice_received_on = models.DateField("收到立案或不予立案通知书日期", null=True, blank=True)
    police_reasons = models.TextField("公安机关不予立案的理由", blank=True)

    # 第九条: reconsideration within 3 days of the decline notice, answered within 3 days.
    reconsideration_requested_on = models.DateField("提请复议日期", null=True, blank=True)
    reconsideration_answered_on = models.DateField("收到复议决定日期", null=True, blank=True)
    reconsideration_result = models.CharField(
        "复议结果", max_length=20, choices=ReconsiderationResult.choices, blank=True
    )

    # 第九条: the procuratorate's supervision of the decline, directly or within 3 days of a negative reconsideration.
    procuratorate = models.CharField("人民检察院", max_length=120, blank=True)
    procuratorate_requested_on = models.DateField("建议检察院立案监督日期", null=True, blank=True)
    procuratorate_result = models.CharField(
        "立案监督结果", max_length=20, choices=ProcuratorateResult.choices, blank=True
    )
    procuratorate_result_on = models.DateField("收到立案监督结果日期", null=True, blank=True)

    # 第十二条: once the police open a case, the items and materials are handed over within 3 days.
    items_handed_over_on = models.DateField("移交涉案物品日期", null=True, blank=True)
    items_note = models.TextField("移交手续说明", blank=True)

    # 行政处罚法 第三十五条第二款; 移送规定 第十一条第三款: a fine already imposed is credited against a criminal fine.
    fines_already_imposed = models.DecimalField(
        "移送前已给予的罚款（元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )

    closed_by_police_acceptance = models.BooleanField("公安机关已立案", default=False)
    finally_declined_at = models.DateTimeField("最终不予立案、恢复行政处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "涉嫌犯罪案件移送"
        verbose_name_plural = "涉嫌犯罪案件移送"
        ordering = ["case", "submitted_at", "pk"]
        constraints = [
            # One referral at a time per case: the next one only after this one has ended.
            models.UniqueConstraint(fields=["case"], condition=OPEN_REFERRAL, name="one_open_referral_per_case"),
            models.CheckConstraint(
                condition=~models.Q(approved=False) | ~models.Q(rejection_reason=""),
                name="referral_rejection_has_reason",
                violation_error_message="不批准移送的，应当将不予批准的理由记录在案。",
            ),
            models.CheckConstraint(
                condition=models.Q(handed_over_at__isnull=True) | models.Q(approved=True),
                name="referral_handover_needs_approval",
                violation_error_message="未经正职负责人批准，不得移送。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}：涉嫌犯罪案件移送（{timezone.localtime(self.submitted_at):%Y-%m-%d}）"

    @property
    def is_open(self) -> bool:
        return self.approved is not False and not self.closed_by_police_acceptance and not self.finally_declined_at

    @property
    def police_declined(self) -> bool:
        return self.police_decision == PoliceDecision.DECLINED and not self.closed_by_police_acceptance

    @property
    def stage(self) -> str:
        """The referral's state, in words, for the case page."""
        if self.approved is None:
            return "待正职负责人审批"
        if self.approved is False:
            return "不予批准移送"
        if self.finally_declined_at:
            return "公安机关最终不予立案，已恢复行政处理"
        if self.closed_by_police_acceptance:
            return "公安机关已立案" + ("，涉案物品已移交" if self.items_handed_over_on else "，待移交涉案物品")
        if not self.handed_over_at:
            return "已批准，待移送公安机关"
        if not self.received_on:
            return "已移送，待公安机关签收"
        if not self.police_decision:
            return "公安机关审查中"
        if self.procuratorate_requested_on:
            return "公安机关不予立案，已建议检察院立案监督" if not self.procuratorate_result else "立案监督：理由成立"
        if self.reconsideration_requested_on:
            return "公安机关不予立案，复议中" if not self.reconsideration_result else "复议维持不予立案"
        return "公安机关不予立案"

    def deadline(self, step: str) -> Deadline | None:
        """The stored deadline of ``step`` that counts now (``deadlines.selectors.deadline_of``), or None: the step
        was never due on this referral, or its row is missing (a guard then refuses: ``unsettled_reasons``)."""
        kind = REFERRAL_KINDS.get(step)
        return None if kind is None else deadline_of(self.case_id, kind.code, ref=str(self.pk))

    def deadline_rows(self) -> dict[str, Deadline]:
        """step → the stored deadline of that step that counts now (open, met or ended), read in one query."""
        return referral_deadline_rows(self.case_id, [self.pk]).get(self.pk, {})

    def open_deadlines(
        self, now: datetime.datetime | None = None, *, rows: dict[str, Deadline] | None = None
    ) -> list[StepDue]:
        """The steps still to be taken: the referral's open deadline rows, in the order of the regulation, each with
        its due time; past ones are marked overdue, never hidden. ``rows`` as :meth:`deadline_rows` gives them (read
        when not given)."""
        now = now or timezone.now()
        found = self.deadline_rows() if rows is None else rows
        open_rows = sorted(
            (r for r in found.values() if r.outcome == Outcome.OPEN), key=lambda r: (ORDER[r.kind], r.pk)
        )
        return [step_due(row, now) for row in open_rows]
