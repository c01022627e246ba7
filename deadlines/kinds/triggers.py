"""The shape of a kind: what opens, meets, ends, suspends and resumes a deadline, and the citations."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from events import declared_fields, payload_type

from ..choices import Bearer, Outcome, Unit
from ..computing import Period

if TYPE_CHECKING:
    from cases.models import Case, CaseEvent

Condition = Callable[["CaseEvent"], bool]
Count = int | Callable[["Case"], int]
StartKey = str | Callable[["CaseEvent"], datetime.date | None]

APL = "《中华人民共和国行政处罚法》"
ACEL = "《中华人民共和国行政强制法》"
ARL = "《中华人民共和国行政复议法》"
ALL = "《中华人民共和国行政诉讼法》"
REFERRAL_REG = "《行政执法机关移送涉嫌犯罪案件的规定》"
GUOBAN_118 = (
    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
    "（国办发〔2018〕118号）"
)


# --- triggers ------------------------------------------------------------------------------


def _declared(event: str, *attributes: str) -> None:
    """A trigger reads only what the event's declared payload carries (``events.catalogue``): a field renamed
    in a service, or misspelt here, fails when the registry loads instead of silently opening nothing."""
    fields = declared_fields(payload_type(event))
    missing = [a for a in attributes if a and a not in fields]
    if missing:
        raise TypeError(f"the {event!r} event declares no field {', '.join(missing)} (events.catalogue)")


@dataclass(frozen=True)
class Opens:
    """``event`` opens the kind, counting from the payload date ``start`` (or the event's date)."""

    event: str
    start: StartKey = ""
    when: Condition | None = None
    # The kind (opened by the same event, or the latest of it) whose last day this one counts from.
    derive_from: str = ""
    # For "N working days before" kinds: the payload date counted back from.
    anchor: str = ""
    # The payload date on which the kind is met by the very event that opens it.
    met: str = ""
    # The event serves on the party a document stating the period's last day (the 事先告知书 ``notify`` serves):
    # the party keeps that day, whatever a later recount says (``Deadline.stated_on``; 行政处罚法 第四十四条).
    stated: bool = False
    # For a kind counted in hours: the payload moment it runs from (``start`` is then its local day).
    start_at: str = ""
    # A period the step itself sets (a 责令限期改正 the officer fixes, 行政处罚法 第二十八条第一款): the payload keys of
    # its number and its unit (working or calendar days), read instead of the kind's own ``count`` and ``unit``.
    count: str = ""
    unit: str = ""

    def __post_init__(self) -> None:
        _declared(
            self.event,
            self.start if isinstance(self.start, str) else "",
            self.anchor,
            self.met,
            self.start_at,
            self.count,
            self.unit,
        )


@dataclass(frozen=True)
class Closes:
    """``event`` ends the open deadlines of the kind: met (on the payload date ``on``), waived or ended."""

    event: str
    outcome: Outcome = Outcome.MET
    on: str = ""
    when: Condition | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _declared(self.event, self.on)


@dataclass(frozen=True)
class Suspends:
    """``event`` stops the clock of the open deadline from the payload date ``start`` (time not counted)."""

    event: str
    reason: str
    start: str = ""
    basis: str = ""

    def __post_init__(self) -> None:
        _declared(self.event, self.start)


@dataclass(frozen=True)
class Resumes:
    """``event`` restarts the clock stopped by ``Suspends`` from the payload date ``on`` (that day not counted)."""

    event: str
    on: str = ""

    def __post_init__(self) -> None:
        _declared(self.event, self.on)


@dataclass(frozen=True)
class Extension:
    """Who may lengthen the period and by how much: ``per_approval`` in the kind's unit, ``cap`` in all."""

    per_approval: Count
    basis: str
    cap: Count | None = None
    # A further extension beyond the first needs the heads' collective discussion (sector rules).
    further_by_discussion: bool = False
    # The extension is notified to the party in writing, with its reason (行政强制法 第二十五条第二款).
    notify_party: bool = False
    # Kinds whose open period of the same record blocks an extension: a seizure carried out in an emergency is
    # not extended before the head approved it (行政强制法 第十九条、第二十五条).
    not_while_open: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    article: str
    unit: Unit
    count: Count
    bearer: Bearer
    roll: bool = True
    # A window the agency may use but need not (never overdue, never chased).
    optional: bool = False
    # A new opening ends the open deadline of the same kind (a new notice supersedes the old windows).
    single: bool = True
    # The payload key that tells apart several deadlines of the kind on one case (a seizure, a referral).
    ref_key: str = ""
    # "N working days before": the period must have run in full before the anchor day itself.
    before_exclusive: bool = False
    opens: tuple[Opens, ...] = ()
    closes: tuple[Closes, ...] = ()
    suspends: tuple[Suspends, ...] = ()
    resumes: tuple[Resumes, ...] = ()
    extension: Extension | None = None
    # The rule under which a head records a 期间中止 of this period (time the rules do not count: testing,
    # appraisal, public notice). Empty: none may — the law fixes the period, and what it excludes, if anything,
    # is declared in ``suspends`` and recorded by the step itself (行政强制法 第二十五条第三款 for a seizure).
    suspension: str = ""
    # The referral step (``PoliceReferral``) this kind mirrors: opened from an event's ``next``.
    referral_step: str = ""
    # The start read from the case (and read again on every recount) instead of from the event.
    start_rule: Callable[[Case], datetime.date | None] | None = None
    # How a met deadline reads: in time, late. A kind nobody is chased on may still be late, and shown so.
    met_labels: tuple[str, str] = ("已履行", "逾期履行")
    late_is_overdue: bool = False  # met after its last day: shown overdue even when not watched
    note: str = field(default="", compare=False)

    @property
    def watched(self) -> bool:
        return self.bearer != Bearer.PARTY and not self.optional

    def count_for(self, case: Case) -> int:
        return self.count(case) if callable(self.count) else self.count

    def period(
        self,
        count: int,
        *,
        starts_on: datetime.date,
        anchor_on: datetime.date | None = None,
        starts_at: datetime.datetime | None = None,
    ) -> Period:
        """This kind's period of ``count`` units from ``starts_on`` (or before ``anchor_on``; in hours from
        ``starts_at``), for the one clock."""
        return Period(
            unit=self.unit,
            count=count,
            starts_on=starts_on,
            roll=self.roll,
            starts_at=starts_at,
            anchor_on=anchor_on,
            before_exclusive=self.before_exclusive,
        )
