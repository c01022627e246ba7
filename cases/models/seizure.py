"""查封、扣押 (行政强制法 第十八条、第十九条、第二十二条至第二十八条): the measure, how it was carried out, the time
its items were being tested (not counted) and how it ended — released and returned, or disposed of.

Its period is the deadline ``seizure`` (``deadlines.kinds``, ref: the seizure), opened by the ``seize`` event;
extensions are the head's approvals on that deadline (``deadline_watch``), capped there at 30 days in all
(第二十五条第一款).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class SeizureMeasure(models.TextChoices):
    SEAL = "seal", "查封"
    IMPOUND = "impound", "扣押"


class RecordSignature(models.TextChoices):
    """行政强制法 第十八条第八项、第九项: who signed the on-site record (现场笔录)."""

    PARTY_SIGNED = "party_signed", "当事人和执法人员签名或者盖章"
    PARTY_REFUSED = "party_refused", "当事人拒绝签名，已在笔录中注明"
    WITNESS_SIGNED = "witness_signed", "当事人不到场，见证人和执法人员签名或者盖章"


class SeizureEnd(models.TextChoices):
    RELEASED = "released", "解除查封、扣押"
    DISPOSED = "disposed", "作出处理决定（没收、销毁）"


class ReleaseGround(models.TextChoices):
    """行政强制法 第二十八条第一款."""

    NO_VIOLATION = "no_violation", "当事人没有违法行为"
    UNRELATED = "unrelated", "查封、扣押的场所、设施或者财物与违法行为无关"
    DECIDED = "decided", "已对违法行为作出处理决定，不再需要查封、扣押"
    PERIOD_EXPIRED = "period_expired", "查封、扣押期限已经届满"
    NO_LONGER_NEEDED = "no_longer_needed", "其他不再需要采取查封、扣押措施的情形"
    # 第十九条: “行政机关负责人认为不应当采取行政强制措施的，应当立即解除。”
    HEAD_DISAPPROVED = "head_disapproved", "行政机关负责人认为不应当采取查封、扣押措施（第十九条）"


class DisposalKind(models.TextChoices):
    """行政强制法 第二十七条: illegal property confiscated; destroyed where a law or administrative regulation says."""

    CONFISCATE = "confiscate", "没收"
    DESTROY = "destroy", "销毁"


class Custody(models.TextChoices):
    """行政强制法 第二十六条: the agency keeps the items itself, or entrusts the sealed ones to a third party."""

    AGENCY = "agency", "本机关妥善保管"
    THIRD_PARTY = "third_party", "委托第三人保管（仅限查封的场所、设施或者财物）"


class Seizure(models.Model):
    """查封、扣押: decided by the head, carried out by two officers with the party or a witness present, the
    decision (查封扣押决定书) and the list (清单) handed over on the spot (行政强制法 第十八条、第二十四条)."""

    case = models.ForeignKey("Case", verbose_name="案件", on_delete=models.PROTECT, related_name="seizures")
    measure = models.CharField("措施", max_length=10, choices=SeizureMeasure.choices)
    items = models.TextField("场所、设施或者财物的名称、数量", help_text="每行一项（第二十四条第二款第三项）。")
    place = models.CharField("场所或者保管地点", max_length=200)
    reason = models.TextField("理由")
    basis = models.TextField("依据", help_text="权责清单事项所列授权查封、扣押的法律、法规条款（第二十二条）。")
    emergency = models.BooleanField("情况紧急，当场实施（第十九条）", default=False)
    # 第十八条第一项: approved before it is carried out. 第十九条: an emergency seizure is carried out first and
    # approved (or disapproved, and then released at once) by the head within 24 hours; until then both are empty.
    approved_by = models.ForeignKey(
        "officers.Officer",
        verbose_name="批准（或者不予批准）的负责人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField("负责人批准时间", null=True, blank=True)
    disapproved_at = models.DateTimeField("负责人不予批准时间（第十九条）", null=True, blank=True)
    approval_opinion = models.TextField("负责人意见", blank=True)
    carried_out_at = models.DateTimeField("实施时间")
    seized_on = models.DateField("查封、扣押之日", help_text="期限自次日起算（第二十五条）。")
    party_present = models.BooleanField("当事人到场", default=True)
    witness = models.CharField("见证人", max_length=100, blank=True)
    record_signature = models.CharField("现场笔录签名", max_length=20, choices=RecordSignature.choices)
    # 第十八条第五项: the party told on the spot the reasons, the basis, their rights and remedies; 第六项: their
    # statement and defence heard. Affirmed in the record where the party is present (``guards.seizure``).
    party_informed = models.BooleanField("已当场告知理由、依据以及当事人依法享有的权利、救济途径", default=False)
    statement_heard = models.BooleanField("已听取当事人的陈述和申辩", default=False)
    party_statement = models.TextField("当事人的陈述和申辩", blank=True)
    # 第二十三条第二款: “已被其他国家机关依法查封的，不得重复查封。” Recorded; a seizure that says so is refused.
    sealed_elsewhere = models.BooleanField("已被其他国家机关依法查封", default=False)
    # 第二十六条: kept by the agency, or — what is sealed — entrusted to a third party.
    custody = models.CharField("保管方式", max_length=12, choices=Custody.choices, default=Custody.AGENCY)
    custodian = models.CharField("受托保管的第三人", max_length=200, blank=True)
    ended = models.CharField("结果", max_length=10, choices=SeizureEnd.choices, blank=True)
    decided_on = models.DateField("解除或者处理决定日期", null=True, blank=True)
    release_ground = models.CharField("解除理由", max_length=20, choices=ReleaseGround.choices, blank=True)
    returned_on = models.DateField("退还财物日期", null=True, blank=True)
    disposal = models.CharField("处理方式", max_length=12, choices=DisposalKind.choices, blank=True)
    end_note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "查封、扣押"
        verbose_name_plural = "查封、扣押"
        ordering = ["case", "carried_out_at", "pk"]
        constraints = [
            # 第十八条第四项、第九项: the party present, or a witness invited.
            models.CheckConstraint(condition=Q(party_present=True) | ~Q(witness=""), name="seizure_party_or_witness"),
            models.CheckConstraint(
                condition=Q(ended="") | Q(decided_on__isnull=False), name="seizure_end_has_decision_date"
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("seized_on")),
                name="seizure_decided_after_seized",
            ),
            # 第十八条第一项: only an emergency seizure (第十九条) is recorded before the head's approval.
            models.CheckConstraint(
                condition=Q(emergency=True) | Q(approved_at__isnull=False), name="seizure_approved_unless_emergency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}（{self.seized_on:%Y-%m-%d}）"

    @property
    def is_open(self) -> bool:
        return not self.ended

    @property
    def awaiting_approval(self) -> bool:
        """第十九条: carried out in an emergency, the head has not yet approved or disapproved it."""
        return self.approved_at is None and self.disapproved_at is None

    @property
    def running_testing(self) -> SeizureTesting | None:
        return next((t for t in self.testings.all() if t.ended_on is None), None)

    @property
    def is_testing(self) -> bool:
        return self.running_testing is not None

    @property
    def item_lines(self) -> list[str]:
        return [line.strip() for line in self.items.splitlines() if line.strip()]


class SeizureTesting(models.Model):
    """第二十五条第三款: one period of 检测、检验、检疫或者技术鉴定 — stated, notified to the party in writing (the
    检测检验期间告知书) and not counted in the seizure's period. A seizure may have several, one after another."""

    seizure = models.ForeignKey(Seizure, verbose_name="查封、扣押", on_delete=models.PROTECT, related_name="testings")
    started_on = models.DateField("开始日期")
    until = models.DateField("告知的期间届满日")
    notified_on = models.DateField("书面告知当事人的日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    purpose = models.CharField("检测、检验、检疫或者技术鉴定的事项", max_length=200, blank=True)

    class Meta:
        verbose_name = "查封、扣押物品的检测等期间"
        verbose_name_plural = "查封、扣押物品的检测等期间"
        ordering = ["seizure", "started_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(until__gte=models.F("started_on")), name="seizure_testing_until"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="seizure_testing_ended_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"检测等期间（{self.started_on:%Y-%m-%d}起）"
