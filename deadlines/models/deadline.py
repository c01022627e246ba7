"""法定期限 on a case: what runs, from when, until when, on what basis — and its suspensions,
extensions and recomputations.

Deadlines are opened and met by the case's events (``deadlines.receivers``), recomputed by
``deadlines.services`` only, and counted by ``clock.periods`` only (``deadlines.computing``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from clock.periods import WorkingDayCount, working_days_between

from ..choices import Bearer, ChangeReason, Level, Outcome, Unit
from ..kinds import KIND_CHOICES, KINDS

# Links to case events use DO_NOTHING: events are never deleted (a database trigger refuses it,
# cases migration 0002), so the trigger — not a Django collector — answers any attempt.


class DeadlineQuerySet(models.QuerySet):
    def open(self) -> DeadlineQuerySet:
        return self.filter(outcome=Outcome.OPEN)

    def watched(self) -> DeadlineQuerySet:
        """The ones chased by reminders and shown to supervisors: the agency's (and other organs') duties."""
        return self.filter(watched=True)

    def not_suspended(self) -> DeadlineQuerySet:
        running = DeadlineSuspension.objects.filter(ends_on__isnull=True).values("deadline_id")
        return self.exclude(pk__in=running)

    def settled(self) -> DeadlineQuerySet:
        """Not being counted again (``recomputing``: a year of the holiday table entered, the recount not committed)."""
        return self.filter(recomputing=False)

    def overdue_on(self, today: datetime.date) -> DeadlineQuerySet:
        """Open, watched, not suspended, settled, and past their last day (or past their hour, for hour periods)."""
        now = timezone.now()
        past = models.Q(due_at__isnull=True, due_on__lt=today) | models.Q(due_at__isnull=False, due_at__lt=now)
        return self.open().watched().not_suspended().settled().filter(past)


class Deadline(models.Model):
    """法定期限: one statutory period on a case, from the event that opened it to the one that met it."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="deadlines")
    kind = models.CharField("期限种类", max_length=40, choices=KIND_CHOICES)
    label = models.CharField("名称", max_length=120)
    legal_basis = models.CharField("法律依据", max_length=300)
    bearer = models.CharField("履行主体", max_length=20, choices=Bearer.choices)
    watched = models.BooleanField(
        "督办", default=True, help_text="本机关或其他机关应履行的期限：临近、逾期时提醒，并列入监督人员的逾期清单。"
    )
    ref = models.CharField("关联记录", max_length=40, blank=True, help_text="如移送记录、查封扣押记录的编号。")

    unit = models.CharField("计算单位", max_length=20, choices=Unit.choices)
    count = models.PositiveSmallIntegerField("期间")
    roll = models.BooleanField("末日遇节假日顺延", default=True)
    starts_on = models.DateField("起算日", help_text="期间自起算日的次日开始计算。")
    starts_at = models.DateTimeField("起算时间", null=True, blank=True)
    anchor_on = models.DateField(
        "基准日", help_text="“某日前若干工作日”类期限所倒推的日期，如听证日。", null=True, blank=True
    )
    derived_from = models.ForeignKey(
        "self",
        verbose_name="起算依据期限",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="derived",
        help_text="自另一期限届满之日起算的期限，如申请强制执行期限自复议、诉讼期限届满之日起算。",
    )

    due_on = models.DateField("届满日")
    due_at = models.DateTimeField("届满时间", help_text="以小时计算的期限。", null=True, blank=True)
    provisional = models.BooleanField(
        "暂定", default=False, help_text="所涉年度节假日安排尚未公布，按周一至周五推算，公布后重新计算。"
    )
    # 行政处罚法 第八十五条 with the notice served: a period the party bears never ends before the date a document
    # already served on the party stated, even when the holiday table later moves the count earlier.
    stated_on = models.DateField(
        "告知当事人的届满日",
        null=True,
        blank=True,
        help_text="已送达当事人的文书载明的日期：当事人承担的期限不早于此日。",
    )
    recomputing = models.BooleanField(
        "正在重新计算", default=False, help_text="节假日安排刚刚登记或更正，届满日正在重新计算。"
    )

    outcome = models.CharField("状态", max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    met_on = models.DateField("履行日期", null=True, blank=True)
    end_note = models.CharField("结束说明", max_length=200, blank=True)
    opened_by = models.ForeignKey(
        "cases.CaseEvent",
        verbose_name="开始事件",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="deadlines_opened",
    )
    closed_by = models.ForeignKey(
        "cases.CaseEvent",
        verbose_name="结束事件",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="deadlines_closed",
    )

    reminded_level = models.PositiveSmallIntegerField("已提醒级别", choices=Level.choices, default=Level.NONE)
    reminded_at = models.DateTimeField("提醒时间", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = "法定期限"
        verbose_name_plural = "法定期限"
        ordering = ["case", "due_on", "pk"]
        constraints = [
            # The same event never opens the same kind twice: the receiver may safely see an event again.
            models.UniqueConstraint(fields=["opened_by", "kind", "ref"], name="deadline_once_per_event"),
            models.CheckConstraint(
                condition=models.Q(outcome=Outcome.OPEN)
                | models.Q(outcome=Outcome.ENDED)
                | models.Q(met_on__isnull=False),
                name="deadline_met_has_date",
                violation_error_message="已履行或放弃的期限须有日期。",
            ),
        ]
        indexes = [
            models.Index(fields=["outcome", "watched", "due_on"]),
            models.Index(fields=["case", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.case}：{self.label}（{self.due_on}）"

    # --- reading the state (prefetch ``suspensions`` and ``extensions`` for lists) ---

    @property
    def is_open(self) -> bool:
        return self.outcome == Outcome.OPEN

    @property
    def open_suspension(self) -> DeadlineSuspension | None:
        return next((s for s in self.suspensions.all() if s.ends_on is None), None)

    @property
    def is_suspended(self) -> bool:
        return self.is_open and self.open_suspension is not None

    @property
    def is_extended(self) -> bool:
        return bool(self.extensions.all())

    @property
    def met_late(self) -> bool:
        return self.met_on is not None and self.outcome == Outcome.MET and self.met_on > self.due_on

    def is_past(self, today: datetime.date, now: datetime.datetime | None = None) -> bool:
        if self.due_at is not None:
            return (now or timezone.now()) > self.due_at
        return today > self.due_on

    def working_days_left(self, today: datetime.date) -> WorkingDayCount:
        """Working days after today up to the last day; negative once overdue (clock.periods counts)."""
        return working_days_between(today, self.due_on)

    def level_on(self, today: datetime.date, *, approaching_days: int, now: datetime.datetime | None = None) -> Level:
        """Yellow when few working days are left, red once past; only for open, watched, running deadlines."""
        if not self.is_open or not self.watched or self.is_suspended:
            return Level.NONE
        if self.is_past(today, now):
            return Level.OVERDUE
        if today >= self.due_on or self.working_days_left(today).days <= approaching_days:
            return Level.APPROACHING
        return Level.NONE

    def status_label(self, today: datetime.date, now: datetime.datetime | None = None) -> str:
        if self.recomputing and self.is_open:
            return "重新计算中"
        if self.outcome == Outcome.MET:
            in_time, late = KINDS[self.kind].met_labels
            return late if self.met_late else in_time
        if self.outcome != Outcome.OPEN:
            return self.get_outcome_display()
        if self.is_suspended:
            return "中止计算"
        if self.is_past(today, now):
            return "已逾期" if self.watched else "已届满"
        return "进行中"


class DeadlineSuspension(models.Model):
    """期间中止: time not counted (hearing, testing, public notice, referral … where the rules say so)."""

    deadline = models.ForeignKey(Deadline, verbose_name="期限", on_delete=models.CASCADE, related_name="suspensions")
    starts_on = models.DateField("中止起始日")
    ends_on = models.DateField("中止结束日", null=True, blank=True)
    reason = models.CharField("事由", max_length=200)
    legal_basis = models.CharField("依据", max_length=200, blank=True)
    approved_by = models.ForeignKey(
        "officers.Officer",
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="依法当然不计入的期间（如听证）无需批准。",
    )
    opened_by = models.ForeignKey(
        "cases.CaseEvent", verbose_name="开始事件", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "期间中止"
        verbose_name_plural = "期间中止"
        ordering = ["deadline", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="suspension_ends_after_start",
                violation_error_message="中止结束日不得早于起始日。",
            ),
            models.UniqueConstraint(
                fields=["deadline"], condition=models.Q(ends_on__isnull=True), name="one_open_suspension"
            ),
            models.UniqueConstraint(fields=["deadline", "opened_by"], name="suspension_once_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.reason}（{self.starts_on}—{self.ends_on or '至今'}）"

    @property
    def calendar_days(self) -> int | None:
        """Days not counted, both ends included; None while it lasts."""
        return (self.ends_on - self.starts_on).days + 1 if self.ends_on else None


class DeadlineExtension(models.Model):
    """期限延长: by the head's approval (or the heads' collective discussion), with the reason."""

    deadline = models.ForeignKey(Deadline, verbose_name="期限", on_delete=models.PROTECT, related_name="extensions")
    days = models.PositiveSmallIntegerField("延长期间", null=True, blank=True, help_text="与原期限单位相同。")
    new_due_on = models.DateField("延长至", null=True, blank=True)
    previous_due_on = models.DateField("原届满日")
    reason = models.TextField("理由")
    by_collective_discussion = models.BooleanField("经负责人集体讨论", default=False)
    # 行政强制法 第二十五条第二款: a seizure's extension is notified to the party in writing, with its reason.
    party_notified_on = models.DateField("书面告知当事人日期", null=True, blank=True)
    discussion = models.ForeignKey(
        "cases.CollectiveDiscussion",
        verbose_name="集体讨论记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        "officers.Officer", verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("批准时间", default=timezone.now)
    opened_by = models.ForeignKey(
        "cases.CaseEvent", verbose_name="事件", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "期限延长"
        verbose_name_plural = "期限延长"
        ordering = ["deadline", "approved_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__isnull=False) | models.Q(new_due_on__isnull=False),
                name="extension_has_days_or_date",
                violation_error_message="请填写延长的期间或延长至的日期。",
            ),
            models.UniqueConstraint(
                fields=["deadline", "opened_by"],
                condition=models.Q(opened_by__isnull=False),
                name="extension_once_per_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deadline.label}：延长{f'{self.days}' if self.days else f'至{self.new_due_on}'}"


class DeadlineChange(models.Model):
    """期限变更记录 (append-only): every time a stored last day or its provisional mark changed, and why."""

    deadline = models.ForeignKey(Deadline, verbose_name="期限", on_delete=models.PROTECT, related_name="changes")
    old_due_on = models.DateField("原届满日")
    new_due_on = models.DateField("新届满日")
    old_due_at = models.DateTimeField("原届满时间", null=True, blank=True)
    new_due_at = models.DateTimeField("新届满时间", null=True, blank=True)
    old_provisional = models.BooleanField("原为暂定")
    new_provisional = models.BooleanField("现为暂定")
    reason = models.CharField("原因", max_length=20, choices=ChangeReason.choices)
    note = models.CharField("说明", max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField("变更时间", default=timezone.now)

    class Meta:
        verbose_name = "期限变更记录"
        verbose_name_plural = "期限变更记录"
        ordering = ["deadline", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.deadline.label}：{self.old_due_on} → {self.new_due_on}（{self.get_reason_display()}）"
