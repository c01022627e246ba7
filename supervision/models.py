"""干预记录: what a leading official (or anyone) asked of an enforcement case, kept for good.

《领导干部干预司法活动、插手具体案件处理的记录、通报和责任追究规定》 asks that every
intervention be recorded in full and leave a trace that can be checked; so a record is
append-only. A PostgreSQL trigger refuses UPDATE and DELETE (migration 0002); the model
and its queryset refuse them too, so the mistake shows up before the database answers.
"""

from __future__ import annotations

from django.db import models

from .choices import InterferenceManner


class AppendOnlyError(Exception):
    """An attempt to change or delete an interference record."""

    def __init__(self, operation: str) -> None:
        super().__init__(f"干预记录只能追加，不能{operation}。")


class InterferenceRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("修改")

    def delete(self):
        raise AppendOnlyError("删除")


class InterferenceRecord(models.Model):
    """干预记录: one intervention in an enforcement case (or a matter not yet a case)."""

    agency = models.ForeignKey(
        "officers.Agency",
        verbose_name="记录机关",
        on_delete=models.PROTECT,
        related_name="interference_records",
        help_text="记录人所在的执法机关，由系统按记录人填写。",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="涉及案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interference_records",
        help_text="干预尚未立案的事项时可不填。",
    )
    recorded_by = models.ForeignKey(
        "officers.Officer", verbose_name="记录人", on_delete=models.PROTECT, related_name="interference_records_made"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    intervener_name = models.CharField("干预人姓名", max_length=40)
    intervener_position = models.CharField("干预人职务", max_length=120, blank=True)
    intervener_unit = models.CharField("干预人单位", max_length=120, blank=True)
    intervener_officer = models.ForeignKey(
        "officers.Officer",
        verbose_name="干预人（系统用户）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        # No reverse accessor: nothing should lead from a person to the records that name them.
        related_name="+",
        help_text="干预人是本系统用户时选择；被记录人永远看不到本记录。",
    )
    occurred_at = models.DateTimeField("干预时间")
    manner = models.CharField("干预方式", max_length=20, choices=InterferenceManner.choices)
    what_was_asked = models.TextField("干预内容", help_text="干预人提出的具体要求或意见。")
    how_handled = models.TextField("处理情况", help_text="记录人如何回应、处理。")
    evidence_notes = models.TextField(
        "证据材料说明", blank=True, help_text="如通话记录、短信截图、批条原件的保存情况。"
    )

    objects = InterferenceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "干预记录"
        verbose_name_plural = "干预记录"
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["agency", "-occurred_at"], name="interference_agency_occurred")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(occurred_at__lte=models.F("recorded_at")),
                name="interference_occurred_before_recorded",
                violation_error_message="干预时间不能晚于记录时间。",
            ),
            models.CheckConstraint(
                condition=~models.Q(intervener_name=""),
                name="interference_intervener_named",
                violation_error_message="请填写干预人姓名。",
            ),
            models.CheckConstraint(
                condition=~models.Q(what_was_asked=""),
                name="interference_what_was_asked",
                violation_error_message="请填写干预内容。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervener_name} · {self.occurred_at:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("删除")
