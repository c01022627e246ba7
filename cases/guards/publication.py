"""The rules of publishing a penalty decision and of withdrawing it (行政处罚法 第四十八条、第五十条、第八十五条;
国办发〔2018〕118号), as named guards of the actions ``publish_decision`` and ``withdraw_publication``
(``cases.actions.publication``).

Publication follows the decision and may come after the case is closed. Its 7 working days are the deadline
``publication`` (a general-procedure penalty decision; ``deadlines.kinds``), the withdrawal's 3 working days the
deadline ``publication_withdrawal`` of the remedy whose outcome obliges it: lateness is theirs (``met_late``),
never a reason to refuse.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kernel.rules import ART_48_2, ART_50, OGI, Reason, day_text

from ..choices import CaseStatus
from ..models.remedies import NOTHING_TO_EXECUTE, CorrectionOutcome, RemedyOutcome
from .execution import ART_48, dated_reasons, dated_since_decision, handler_or_head
from .execution.clocks import clock_of

if TYPE_CHECKING:
    from deadlines.models import Deadline

    from ..models import Case, NonPublication, Publication
    from .core import Context

# A decision exists in these states; publishing may follow it at any time, the closing of the case included.
PUBLISHABLE_STATES = frozenset({CaseStatus.DECIDED, CaseStatus.EXECUTING, CaseStatus.CLOSED, CaseStatus.REFERRED})


def decision_revoked(case: Case) -> bool:
    """Revoked or confirmed void on reconsideration or litigation, or revoked by the agency itself (第七十五条第二款):
    no decision left to publish."""
    return (
        case.remedies.filter(outcome__in=NOTHING_TO_EXECUTE).exists()
        or case.corrections.filter(outcome=CorrectionOutcome.REVOKED).exists()
    )


def decision_confirmed_unlawful(case: Case) -> bool:
    """Confirmed unlawful on reconsideration or litigation: it may stand (行政诉讼法 第七十四条), but once withdrawn
    from publication it is never published again (第四十八条第二款)."""
    return case.remedies.filter(outcome=RemedyOutcome.CONFIRMED_UNLAWFUL).exists()


def live_publication(case: Case) -> Publication | None:
    return case.publications.filter(withdrawn_on__isnull=True).first()


# --- the clock, as the page and the API show it ------------------------------------------------------------------


@dataclass(frozen=True)
class PublicationClock:
    """A publication's due date and lateness, from the stored deadline ``publication`` (国办发〔2018〕118号): the
    first publication of the decision met it; a later one (a changed decision published again) was not late."""

    due_on: datetime.date | None
    late: bool
    provisional: bool


def publication_clock(publication: Publication, deadline: Deadline | None, *, first: bool) -> PublicationClock:
    if deadline is None:
        return PublicationClock(None, False, False)  # a summary decision: no deadline of its own
    return PublicationClock(deadline.due_on, first and deadline.met_late, deadline.provisional)


def publication_clock_of(publication: Publication) -> PublicationClock:
    first = publication.case.publications.order_by("published_on", "pk").first()
    deadline = clock_of(publication.case, "publication")
    return publication_clock(publication, deadline, first=first is not None and first.pk == publication.pk)


# --- who publishes -----------------------------------------------------------------------------------------------


published_by_handler_or_head = handler_or_head("published_by_handler_or_head", "登记行政处罚决定的公开")
withdrawn_by_handler_or_head = handler_or_head("withdrawn_by_handler_or_head", "撤回已公开的行政处罚决定")


# --- publishing (第四十八条第一款) --------------------------------------------------------------------------------


def decision_publishable_reasons(case: Case) -> list[Reason]:
    """A penalty decision that still stands (行政处罚法 第四十八条第一款)."""
    if case.decided_on is None or case.status not in PUBLISHABLE_STATES:
        return [Reason("not_decided", "尚未作出行政处罚决定，没有可以公开的决定。", ART_48)]
    if not case.decided_penalty_kinds:
        return [Reason("no_penalty_decided", "本案决定不予行政处罚，没有需要公开的行政处罚决定。", ART_48)]
    if decision_revoked(case):
        return [Reason("decision_revoked", "行政处罚决定已被撤销或者确认无效，不能公开。", ART_48_2)]
    if decision_confirmed_unlawful(case):
        detail = "行政处罚决定已被确认违法，公开的决定信息应当撤回，不能再次公开。"
        return [Reason("decision_confirmed_unlawful", detail, ART_48_2)]
    return []


def decision_publishable(ctx: Context) -> list[Reason]:
    return decision_publishable_reasons(ctx.case)


def not_yet_published(ctx: Context) -> list[Reason]:
    """One live publication per case: a second only after the first was withdrawn."""
    if decision_publishable_reasons(ctx.case):
        return []
    live = live_publication(ctx.case)
    if live is None:
        return []
    return [
        Reason(
            "already_published",
            f"本案决定已于{day_text(live.published_on)}公开，尚未撤回；不能重复公开。",
            ART_48,
        )
    ]


def publication_dated(ctx: Context) -> list[Reason]:
    """What is published is a decision already made: on or after the decision, and recorded once done."""
    if decision_publishable_reasons(ctx.case):
        return []
    return dated_since_decision(ctx, "published_on", what="公开日期", article=ART_48)


# --- withdrawing (第四十八条第二款) -------------------------------------------------------------------------------


def publication_to_withdraw(ctx: Context) -> list[Reason]:
    publication = ctx.target
    if publication is None:
        return [Reason("no_live_publication", "没有尚未撤回的公开信息。", ART_48)]
    if publication.withdrawn_on is not None:
        return [Reason("publication_not_live", f"该公开信息已于{day_text(publication.withdrawn_on)}撤回。", ART_48)]
    return []


def _live_target(ctx: Context) -> bool:
    return ctx.target is not None and ctx.target.withdrawn_on is None


def withdrawal_reason_stated(ctx: Context) -> list[Reason]:
    """行政处罚法 第四十八条第二款: withdraw the published decision and state the reason publicly."""
    if ctx.data and _live_target(ctx) and not (ctx.data.get("reason") or "").strip():
        return [Reason("withdrawal_reason_missing", "撤回行政处罚决定信息应当公开说明理由。", ART_48)]
    return []


def withdrawal_dated(ctx: Context) -> list[Reason]:
    """A withdrawal follows the publication, and is recorded once done."""
    if not _live_target(ctx):
        return []
    return dated_reasons(
        ctx.data.get("withdrawn_on"),
        what="撤回日期",
        today=ctx.today,
        after=ctx.target.published_on,
        since="公开日期",
        article=ART_48,
    )


# --- not publishing (第五十条; 政府信息公开条例 第十四条至第十六条) ---------------------------------------------

ART_WITHHELD = f"{ART_50}；{OGI}第十四条至第十六条"


def standing_non_publication(case: Case) -> NonPublication | None:
    """The decision not to publish that no head lifted (one at a time: ``one_standing_non_publication``)."""
    return case.non_publications.filter(lifted_on__isnull=True).first()


def withheld_reasons(case: Case) -> list[Reason]:
    """A decision the agency decided, with its reason, not to publish stays unpublished — until a head lifts it."""
    withheld = standing_non_publication(case)
    if withheld is None:
        return []
    detail = f"本机关已于{day_text(withheld.decided_on)}决定不予公开本案决定（{withheld.get_reason_display()}）。"
    return [Reason("decided_not_to_publish", detail, ART_WITHHELD)]


def not_withheld(ctx: Context) -> list[Reason]:
    """publish_decision: not after a recorded decision not to publish; decide_not_to_publish: once."""
    if decision_publishable_reasons(ctx.case):
        return []
    return withheld_reasons(ctx.case)


def nothing_published_to_withhold(ctx: Context) -> list[Reason]:
    """A decision published and not withdrawn is withdrawn first (第四十八条第二款), then not published."""
    if decision_publishable_reasons(ctx.case):
        return []
    live = live_publication(ctx.case)
    if live is None:
        return []
    detail = f"本案决定已于{day_text(live.published_on)}公开，尚未撤回；决定不予公开的，应当先撤回已公开的信息。"
    return [Reason("published_not_withdrawn", detail, ART_WITHHELD)]


def non_publication_reason_stated(ctx: Context) -> list[Reason]:
    """The reason is recorded: which secret, privacy or exception of the 政府信息公开条例, and why it applies."""
    if ctx.data and not (ctx.data.get("detail") or "").strip():
        detail = "决定不予公开应当写明具体理由（涉及的国家秘密、商业秘密、个人隐私或者政府信息公开条例的条款）。"
        return [Reason("non_publication_reason_missing", detail, ART_WITHHELD)]
    return []


def non_publication_dated(ctx: Context) -> list[Reason]:
    if decision_publishable_reasons(ctx.case):
        return []
    return dated_since_decision(ctx, "decided_on", what="不予公开的决定日期", article=ART_WITHHELD)


# --- lifting the decision not to publish (第四十八条第一款 again) -------------------------------------------------


def non_publication_to_lift(ctx: Context) -> list[Reason]:
    """A decision not to publish that stands (``ctx.target``: the case's standing one)."""
    if ctx.target is None:
        return [Reason("no_standing_non_publication", "本案没有尚未解除的不予公开决定。", ART_WITHHELD)]
    return []


def lift_reason_stated(ctx: Context) -> list[Reason]:
    """Why the ground ceased (the secret declassified, the third party consented, the exception no longer applies)."""
    if ctx.data and ctx.target is not None and not (ctx.data.get("reason") or "").strip():
        detail = "解除不予公开应当写明理由（如不予公开的情形已经消失）。"
        return [Reason("lift_reason_missing", detail, ART_WITHHELD)]
    return []


def lift_dated(ctx: Context) -> list[Reason]:
    """The lifting follows the decision not to publish, and is recorded once decided."""
    if ctx.target is None:
        return []
    return dated_reasons(
        ctx.data.get("lifted_on"),
        what="解除日期",
        today=ctx.today,
        after=ctx.target.decided_on,
        since="不予公开的决定日期",
        article=ART_WITHHELD,
    )
