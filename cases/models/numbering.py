from __future__ import annotations

from django.db import IntegrityError, models, transaction


class SerialCounter(models.Model):
    """The last serial issued per (agency, kind, year) — case numbers and, later, 文号.

    Taken under ``SELECT … FOR UPDATE`` in the transaction that uses the number, so
    serials have no gaps or duplicates under concurrency and a rollback gives the
    number back (DESIGN.md, "Numbers without gaps").
    """

    agency = models.ForeignKey("officers.Agency", verbose_name="执法主体", on_delete=models.PROTECT)
    kind = models.CharField("编号种类", max_length=20)
    year = models.PositiveSmallIntegerField("年度")
    last_value = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "编号计数器"
        verbose_name_plural = "编号计数器"
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="one_counter_per_kind_year")]

    def __str__(self) -> str:
        return f"{self.agency.short_name}{self.kind}〔{self.year}〕{self.last_value}"


def take_serial(*, agency, kind: str, year: int) -> int:
    """The next serial for (agency, kind, year). Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_serial must run inside the transaction that uses the number")
    try:
        with transaction.atomic():
            SerialCounter.objects.get_or_create(agency=agency, kind=kind, year=year)
    except IntegrityError:
        pass  # a concurrent transaction created the row first; lock it below
    counter = SerialCounter.objects.select_for_update().get(agency=agency, kind=kind, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value
