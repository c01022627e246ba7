"""What each user may see. Every list and detail of cases starts here (DESIGN.md, selectors).

- an officer of an enforcement agency (officers, auxiliary staff, heads) sees the agency's cases;
- a legal reviewer who is not otherwise an officer sees the agency's cases that reached legal review;
- a supervisor sees the cases of every agency whose ``supervised_by`` chain leads to their body;
- anyone else sees nothing (the pages and API answer 404).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from deadlines.models import Deadline
from events.catalogue.deciding import Decided, Notified
from kernel.crypto import blind_index
from officers.choices import StaffCategory
from officers.models import Officer
from officers.selectors import agencies_supervised_by, handlers_of_case, officer_for_user

from .choices import HearingOutcome, Procedure
from .models import (
    Case,
    CaseEvent,
    CaseHandler,
    ChairRecusal,
    Evidence,
    Hearing,
    InvestigationReport,
    Notice,
    Party,
    PerformanceRecord,
    RecusalApplication,
)


def _scope(officer: Officer | None) -> Q | None:
    if officer is None:
        return None
    scope = Q(pk__in=[])
    if officer.category in (StaffCategory.ENFORCEMENT, StaffCategory.AUXILIARY) or officer.is_head:
        scope |= Q(agency_id=officer.agency_id)
    elif officer.is_legal_reviewer:
        scope |= Q(agency_id=officer.agency_id, legal_review_requested_at__isnull=False)
    if officer.is_supervisor:
        scope |= Q(agency__in=agencies_supervised_by(officer.agency))
    return scope


def cases_visible_to(user) -> QuerySet[Case]:
    scope = _scope(officer_for_user(user))
    if scope is None:
        return Case.objects.none()
    return Case.objects.filter(scope).select_related("agency", "matter__domain")


def cases_matching(cases: QuerySet[Case], q: str) -> QuerySet[Case]:
    """Of already scoped ``cases``, those whose number, title or a party's name contains ``q``, or a party's
    identity number, credit code or phone equals it. The numbers are encrypted at rest, so they are compared
    through their keyed blind indexes (``kernel.crypto``; 个人信息保护法 第五十一条): exact, never partial."""
    q = q.strip()
    if not q:
        return cases
    parties = Q(name__icontains=q)
    if identifier := blind_index(q, kind="identifier"):
        parties |= Q(identifier_index=identifier)
    if phone := blind_index(q, kind="phone"):
        parties |= Q(phone_index=phone)
    return cases.filter(
        Q(number__icontains=q) | Q(title__icontains=q) | Q(pk__in=Party.objects.filter(parties).values("case_id"))
    )


def on_spot_decisions_unfiled(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Of already scoped ``cases``, the on-the-spot decisions not (yet) filed with the agency (行政处罚法 第五十二条
    第三款) — what a supervisor looks for among closed cases."""
    return cases.filter(procedure=Procedure.SUMMARY, decided_on__isnull=False, on_spot_filed_on__isnull=True)


def case_for(user, pk) -> Case:
    """The case if ``user`` may see it; 404 otherwise — never revealing that it exists."""
    try:
        return cases_visible_to(user).get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("案件不存在或无权查看。") from None


def evidence_visible_to(user) -> QuerySet[Evidence]:
    """Evidence of the cases ``user`` may see."""
    return Evidence.objects.filter(case__in=cases_visible_to(user)).select_related("case")


def evidence_for(user, pk) -> Evidence:
    try:
        return evidence_visible_to(user).get(pk=pk)
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404("证据不存在或无权查看。") from None


def events_of(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("seq")


def sees_identifiers(user, case: Case) -> bool:
    """Full ID numbers and phones only for the case's active handlers, who need them (DESIGN.md)."""
    return is_active_handler(case, officer_for_user(user))


# --- One read function per question: the current records of a case ------------------------------------


def current_report(case: Case, *related: str) -> InvestigationReport | None:
    """The case's current proposal: the latest version of its investigation report (调查终结报告)."""
    return case.reports.select_related(*related).order_by("-version").first()


def no_penalty_ground(case: Case) -> str:
    """The ground of not punishing (行政处罚法 第三十条、第三十一条、第三十三条) as the head decided it — the ``decide``
    event (guarded by ``guards.deciding.no_penalty_ground_stated``) — else the current proposal's."""
    event = case.events.filter(name="decide").order_by("-seq").first()
    decided = event.data_as(Decided).no_penalty_ground if event is not None else ""
    if decided:
        return decided
    report = current_report(case)
    return report.no_penalty_ground if report is not None else ""


def current_notice(case: Case, *related: str) -> Notice | None:
    """The case's latest prior notice (事先告知, 行政处罚法 第四十四条), or None."""
    return case.notices.select_related(*related).order_by("-created_at", "-pk").first()


def _hearing_end(case: Case, hearing: Hearing | None) -> tuple[datetime.date, datetime.datetime | None] | None:
    """The day the hearing ended (held, or ended for the party's absence) and the moment it was recorded, or None."""
    ended = (HearingOutcome.HELD, HearingOutcome.ABSENT)
    if hearing is None or hearing.ended_on is None or hearing.outcome not in ended:
        return None
    recorded = case.events.filter(name="hold_hearing").order_by("-seq").values_list("created_at", flat=True).first()
    return hearing.ended_on, recorded


def _after(field: str, ended_on: datetime.date, recorded: datetime.datetime | None) -> Q:
    """Filed on a later day than the hearing ended, or after the hearing was recorded."""
    after_record = Q(**{f"{field}__gt": recorded}) if recorded is not None else Q(pk__in=[])
    return Q(**{f"{field}__date__gt": ended_on}) | after_record


def evidence_after_hearing(case: Case, hearing: Hearing | None) -> list[Evidence]:
    """The evidence first filed after ``hearing`` ended (held, or ended for the party's absence), never superseded:
    uploaded on a later day than the hearing's end, or after the hearing was recorded. It was neither in the prior
    notice nor examined at the hearing, so it cannot ground the decision until a new notice is served
    (行政处罚法 第四十四条、第六十五条). Empty when there is no ended hearing."""
    end = _hearing_end(case, hearing)
    if end is None:
        return []
    after = _after("uploaded_at", *end)
    return list(case.evidence.filter(superseded_at__isnull=True).filter(after).order_by("pk"))


@dataclass(frozen=True)
class LateRecord:
    """A record that can ground the decision, first filed after the hearing ended: what it is and the day filed."""

    title: str
    filed_on: datetime.date


# 笔录 written by the handlers that can ground the decision (行政处罚法 第四十六条第一款第六项至第八项、第五十五条);
# the hearing's own transcript is what the decision rests on (第六十五条), never late.
LATE_RECORD_DOCUMENT_KINDS = {"inspection_record": "现场检查（勘验）笔录", "inquiry_record": "询问笔录"}


def records_after_hearing(case: Case, hearing: Hearing | None) -> list[LateRecord]:
    """Everything that can ground the decision and was first filed after ``hearing`` ended — neither in the prior
    notice nor examined at the hearing (行政处罚法 第四十四条、第六十五条): uploaded evidence (not superseded), the
    inquiry and inspection 笔录 issued, samples taken (抽样取证), evidence registered for preservation (先行登记保存)
    and seizures (查封、扣押) — each filed on a later day than the hearing ended or after the hearing was recorded."""
    end = _hearing_end(case, hearing)
    if end is None:
        return []
    ended_on, recorded = end
    local = timezone.localdate
    late = [LateRecord(f"证据“{e.title}”", local(e.uploaded_at)) for e in evidence_after_hearing(case, hearing)]
    issued = case.events.filter(event_type="document_issued", payload__kind__in=list(LATE_RECORD_DOCUMENT_KINDS))
    for event in issued.filter(_after("created_at", ended_on, recorded)).order_by("seq"):
        number = event.payload.get("document_number") or ""
        title = LATE_RECORD_DOCUMENT_KINDS[event.payload["kind"]] + (f"（{number}）" if number else "")
        late.append(LateRecord(title, local(event.created_at)))
    samplings = case.samplings.filter(_after("created_at", ended_on, recorded) | _after("sampled_at", ended_on, None))
    late += [LateRecord(f"抽样取证“{s}”", local(s.created_at)) for s in samplings.order_by("pk")]
    preserved = case.preservations.filter(registered_at__isnull=False).filter(_after("registered_at", *end))
    late += [LateRecord(f"先行登记保存“{p}”", p.registered_on or ended_on) for p in preserved.order_by("pk")]
    seized = case.seizures.filter(_after("created_at", ended_on, recorded) | Q(seized_on__gt=ended_on))
    late += [LateRecord(f"查封、扣押“{s}”", local(s.created_at)) for s in seized.order_by("pk")]
    return late


def active_assignments(case: Case) -> list[CaseHandler]:
    """The case's handlers who have not withdrawn (回避, 第四十三条); reads ``prefetch_related("assignments")``."""
    return [a for a in case.assignments.all() if a.recused_at is None]


def active_handlers(case: Case) -> list[Officer]:
    return [a.officer for a in active_assignments(case)]


def is_active_handler(case: Case, officer: Officer | None) -> bool:
    return officer is not None and any(a.officer_id == officer.pk for a in active_assignments(case))


def recusal_applications(case: Case) -> list[RecusalApplication]:
    """The case's applications for recusal (回避申请, 第四十三条), pending and decided, in the order recorded."""
    return list(
        case.recusal_applications.select_related("officer", "party", "decided_by", "assignment").order_by(
            "recorded_at", "pk"
        )
    )


def chair_recusals() -> QuerySet[ChairRecusal]:
    """Applications against a hearing's chair (听证主持人回避, 第六十四条第四项) with what the case file shows of them:
    the chair, the party, the deciding head and who recorded it; for a ``Prefetch`` of ``Hearing.recusals``."""
    return ChairRecusal.objects.select_related("chair", "party", "decided_by", "recorded_by__officer").order_by(
        "applied_on", "pk"
    )


def performances_of(case: Case) -> list[PerformanceRecord]:
    """The performances recorded of the decision's kinds that are performed, not paid (履行, 第九条), in date order."""
    return list(case.performances.select_related("recorded_by__officer").order_by("performed_on", "pk"))


def handlers_of(case: Case) -> QuerySet[Officer]:
    """The active handlers as a queryset (for a form's choices)."""
    return handlers_of_case(case.pk)


def handled_by(cases: QuerySet[Case], officer_id: int) -> QuerySet[Case]:
    """Of ``cases``, those the officer handles now (a subquery: no join, no duplicates to remove)."""
    return cases.filter(pk__in=CaseHandler.objects.active().filter(officer_id=officer_id).values("case_id"))


def attach_windows(notices: list[Notice]) -> list[Notice]:
    """The statement and hearing-request windows of many notices (their stored deadline rows), read in one query
    for a page that lists every notice of a case; ``Notice.statement_window`` then reads what was attached."""
    if not notices:
        return notices
    rows = (
        Deadline.objects.filter(
            case_id__in={n.case_id for n in notices},
            kind__in=("statement", "hearing_request"),
            opened_by__name="notify",
        )
        .select_related("opened_by")
        .order_by("pk")
    )
    found: dict[tuple[int | None, str], Deadline] = {}
    for row in rows:
        assert row.opened_by is not None, "filtered on the opening event"
        found[(row.opened_by.data_as(Notified).notice, row.kind)] = row
    for notice in notices:
        notice.__dict__["statement_window"] = found.get((notice.pk, "statement"))
        notice.__dict__["hearing_window"] = found.get((notice.pk, "hearing_request")) if notice.hearing_right else None
    return notices
