from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django_fsm import GET_STATE, RETURN_VALUE, FSMField, FSMModelMixin, transition

from kernel.validators import validate_division_code

from ..choices import CaseSource, CaseStatus, Procedure

if TYPE_CHECKING:
    from officers.models import Officer

    from .handlers import CaseHandler

S = CaseStatus
MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
# 行政处罚法 第五十七条: referral may happen at any point after filing and before the file is closed.
REFERRABLE = [S.INVESTIGATING, S.INVESTIGATED, S.NOTIFIED, S.HEARING, S.DELIBERATION, S.DECIDED, S.EXECUTING]


class Case(FSMModelMixin, models.Model):
    """案件: one file moving through the legally fixed lifecycle on ``status``.

    The transition methods below only change the state; ``cases.services`` lock
    the row, check the guards, call them, and write the event.
    """

    agency = models.ForeignKey(
        "officers.Agency", verbose_name="执法主体", on_delete=models.PROTECT, related_name="cases"
    )
    matter = models.ForeignKey(
        "matters.Matter", verbose_name="执法事项", on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField("案号", max_length=60, blank=True, help_text="立案时按“简称立〔年度〕序号号”编号。")
    number_year = models.PositiveSmallIntegerField("案号年度", null=True, blank=True)
    number_serial = models.PositiveIntegerField("案号序号", null=True, blank=True)
    procedure = models.CharField("程序", max_length=20, choices=Procedure.choices, default=Procedure.GENERAL)
    source = models.CharField("案件来源", max_length=20, choices=CaseSource.choices)
    source_detail = models.TextField("来源说明", blank=True)
    title = models.CharField("案由", max_length=200)
    facts = models.TextField("违法事实", blank=True)
    legal_basis = models.TextField("法律依据", blank=True)
    location = models.CharField("违法地点", max_length=200, blank=True)
    # 行政处罚法 第二十二条: 由违法行为发生地的行政机关管辖 — checked against the agency's area on filing.
    violation_division_code = models.CharField(
        "违法行为发生地行政区划代码",
        max_length=6,
        blank=True,
        validators=[validate_division_code],
        help_text="GB/T 2260 六位代码，如昆都仑区为150203。",
    )
    violation_date = models.DateField("违法行为发生日期")
    violation_end_date = models.DateField(
        "违法行为终了日期",
        null=True,
        blank=True,
        help_text="违法行为有连续或者继续状态的，填写终了之日（第三十六条第二款）。",
    )
    harm_occurred = models.BooleanField(
        "有危害后果",
        default=False,
        help_text="涉及公民生命健康安全、金融安全且有危害后果的，追责期限为五年（第三十六条）。",
    )
    discovered_on = models.DateField("发现日期")
    filing_requested_at = models.DateTimeField("提请立案审批时间", null=True, blank=True)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    # 行政处罚法 第五十二条第三款: an on-the-spot decision is filed with the officers' agency (备案).
    on_spot_filed_on = models.DateField("当场处罚决定备案日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    legal_review_requested_at = models.DateTimeField("首次提请法制审核时间", null=True, blank=True)

    handlers: models.ManyToManyField[Officer, CaseHandler] = models.ManyToManyField(
        "officers.Officer", through="CaseHandler", verbose_name="承办人", related_name="handled_cases"
    )
    status = FSMField("状态", max_length=20, choices=CaseStatus.choices, default=S.LEAD, protected=True)
    status_before_referral = models.CharField("移送前状态", max_length=20, choices=CaseStatus.choices, blank=True)
    outcome_note = models.TextField("处理说明", blank=True, help_text="不予立案、撤销立案、移送的理由等。")

    proposed_penalty_kinds = models.JSONField("拟处罚种类", default=list, blank=True)
    proposed_fine_amount = models.DecimalField("拟罚款金额（元）", null=True, blank=True, **MONEY)
    proposed_illegal_gains = models.DecimalField("拟没收违法所得（元）", null=True, blank=True, **MONEY)
    proposed_confiscation = models.TextField("拟没收非法财物", blank=True)
    decided_penalty_kinds = models.JSONField("决定处罚种类", default=list, blank=True)
    decided_fine_amount = models.DecimalField("决定罚款金额（元）", null=True, blank=True, **MONEY)
    decided_illegal_gains = models.DecimalField("决定没收违法所得（元）", null=True, blank=True, **MONEY)
    decided_confiscation = models.TextField("决定没收非法财物", blank=True)
    # 行政处罚法 第四十五条: compared with the value notified — the decision may not be heavier.
    decided_confiscation_value = models.DecimalField("决定没收非法财物价值（元）", null=True, blank=True, **MONEY)

    is_major = models.BooleanField("重大执法决定", default=False, editable=False)
    major_reasons = models.JSONField("重大案件理由", default=list, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number"], condition=~models.Q(number=""), name="case_number_unique_per_agency"
            ),
            models.UniqueConstraint(
                fields=["agency", "number_year", "number_serial"],
                condition=models.Q(number_serial__isnull=False),
                name="case_serial_unique_per_agency_year",
            ),
            models.CheckConstraint(
                condition=models.Q(violation_end_date__isnull=True)
                | models.Q(violation_end_date__gte=models.F("violation_date")),
                name="case_violation_end_after_start",
                violation_error_message="违法行为终了日期不得早于发生日期。",
            ),
            models.CheckConstraint(
                condition=models.Q(discovered_on__gte=models.F("violation_date")),
                name="case_discovered_after_violation",
                violation_error_message="发现日期不得早于违法行为发生日期。",
            ),
        ]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["agency", "-created_at"])]

    def __str__(self) -> str:
        return self.number or f"线索 #{self.pk}：{self.title}"

    @property
    def display_number(self) -> str:
        return self.number or f"（未立案 #{self.pk}）"

    @property
    def limitation_start(self):
        """行政处罚法 第三十六条第二款: a continuing act counts from its end."""
        return self.violation_end_date or self.violation_date

    # --- The lifecycle (DOMAIN.md, "Transitions: from, to, who"). State changes only. ---

    @transition(field=status, source=S.LEAD, target=S.INVESTIGATING)
    def file(self) -> None:
        """立案 (Art. 54)."""

    @transition(field=status, source=S.LEAD, target=S.NOT_FILED)
    def decline(self) -> None:
        """不予立案."""

    @transition(field=status, source=S.LEAD, target=S.DECIDED)
    def decide_on_spot(self) -> None:
        """当场作出行政处罚决定 (Arts. 51–52)."""

    @transition(field=status, source=S.INVESTIGATING, target=S.INVESTIGATED)
    def conclude_investigation(self) -> None:
        """调查终结 (Art. 57)."""

    @transition(field=status, source=S.INVESTIGATED, target=S.INVESTIGATED)
    def revise_proposal(self) -> None:
        """变更处理意见: after a return by the legal office, before a new notice."""

    # 行政处罚法 第四十四条、第六十五条: a new notice also follows evidence first filed after the hearing.
    @transition(field=status, source=[S.INVESTIGATED, S.HEARING, S.DELIBERATION], target=S.NOTIFIED)
    def notify(self) -> None:
        """事先告知 (Art. 44)."""

    @transition(field=status, source=S.NOTIFIED, target=S.NOTIFIED)
    def record_statement(self) -> None:
        """陈述、申辩 (Art. 45)."""

    @transition(field=status, source=S.NOTIFIED, target=S.NOTIFIED)
    def waive_hearing(self) -> None:
        """当事人明确放弃陈述、申辩和听证 (Art. 62)."""

    @transition(field=status, source=S.NOTIFIED, target=S.HEARING)
    def request_hearing(self) -> None:
        """要求听证 (Arts. 63–64)."""

    @transition(field=status, source=S.HEARING, target=S.HEARING)
    def schedule_hearing(self) -> None:
        """听证通知 (Art. 64)."""

    @transition(field=status, source=S.HEARING, target=S.HEARING)
    def hold_hearing(self) -> None:
        """举行听证或终止听证 (Arts. 64–65)."""

    @transition(field=status, source=[S.NOTIFIED, S.HEARING, S.DELIBERATION], target=S.LEGAL_REVIEW)
    def submit_legal_review(self) -> None:
        """提请法制审核 (Art. 58); again from deliberation when new evidence voided the pass."""

    @transition(field=status, source=S.LEGAL_REVIEW, target=S.DELIBERATION)
    def pass_legal_review(self) -> None:
        """法制审核通过."""

    @transition(field=status, source=S.LEGAL_REVIEW, target=RETURN_VALUE(S.INVESTIGATING, S.INVESTIGATED))
    def return_legal_review(self, *, back_to: str) -> str:
        """法制审核退回: supplementary investigation → investigating; changed proposal → investigated."""
        return back_to

    @transition(field=status, source=[S.NOTIFIED, S.HEARING, S.DELIBERATION], target=S.DECIDED)
    def decide(self) -> None:
        """作出行政处罚决定 (Arts. 57, 59)."""

    @transition(field=status, source=[S.DECIDED, S.REFERRED], target=RETURN_VALUE(S.EXECUTING, S.REFERRED))
    def serve(self) -> str:
        """送达 (Art. 61). A decision made before the case was referred to the police and not yet served is served while
        the referral stands (《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款: it is not stopped); the case stays
        referred and returns to execution if administrative handling resumes (``guards.referral.served_while_referred``
        admits only such a decision)."""
        if self.status == S.REFERRED:
            self.status_before_referral = S.EXECUTING
            return S.REFERRED
        return S.EXECUTING

    @transition(field=status, source=[S.EXECUTING, S.REFERRED], target=RETURN_VALUE(S.EXECUTING, S.REFERRED))
    def record_payment(self) -> str:
        """缴纳罚款 (Arts. 66–67). A case referred to the police after its decision was served stays referred: the
        party may still pay what that decision imposed (a fine already paid is credited against a criminal fine,
        《行政执法机关移送涉嫌犯罪案件的规定》第十一条第三款; 行政处罚法 第三十五条)."""
        return self.status

    @transition(field=status, source=[S.EXECUTING, S.REFERRED], target=S.CLOSED)
    def close(self) -> None:
        """结案."""

    @transition(field=status, source=[S.INVESTIGATING, S.INVESTIGATED, S.NOTIFIED, S.HEARING], target=S.WITHDRAWN)
    def withdraw(self) -> None:
        """撤销立案."""

    @transition(field=status, source=[S.LEAD, S.INVESTIGATING, S.INVESTIGATED], target=S.TRANSFERRED)
    def transfer(self) -> None:
        """移送有管辖权的机关."""

    @transition(field=status, source=REFERRABLE, target=S.REFERRED)
    def refer_to_police(self) -> None:
        """涉嫌犯罪移送公安机关 (Art. 27; 国务院《行政执法机关移送涉嫌犯罪案件的规定》)."""
        self.status_before_referral = self.status

    @transition(
        field=status,
        source=S.REFERRED,
        target=GET_STATE(lambda self, *a, **kw: self.status_before_referral, states=REFERRABLE),
    )
    def resume_after_referral(self) -> None:
        """公安机关最终不予立案，回到行政处理."""
