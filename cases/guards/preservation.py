"""Guards of 先行登记保存 (行政处罚法 第五十六条): the handlers ask, a head of the agency approves — before the items
are registered, or where the agency's sector rule allows (``AgencyPolicy.preservation_approval_within_24_hours``)
within 24 hours after — and the agency decides what becomes of the items within seven working days (第八十五条).

The periods are the stored deadlines ``evidence_preservation`` and ``preservation_approval`` (``deadlines.kinds``);
these guards read them and never count.

The 24-hour window is not in 行政处罚法 第五十六条 (nor anywhere in ``laws/``): it comes from sector rules such as
《市场监督管理行政处罚程序规定》 (情况紧急的，二十四小时内补办批准手续). The system applies it only where the agency
turned the setting on (``AgencyPolicy.preservation_approval_within_24_hours``, off by default); otherwise the
statute's order holds — the head approves, then the items are registered. While such a registration awaits the
head's approval it rests on no approval at all: the only disposal is to release the items and return them
(``pending_approval_returns_only``), and a head who refuses returns them at once (``services.preservation``).
"""

from __future__ import annotations

from django.utils import timezone

from deadlines.selectors import deadline_of, unsettled_reasons
from kernel.rules import ART_56, Reason, day_text
from officers.selectors import heads_agency

from ..models import DisposalKind, EvidencePreservation
from .core import Context

# Not law of ``laws/``: a sector rule's window (e.g. 《市场监督管理行政处罚程序规定》), applied as an agency setting.
SECTOR_24_HOURS = "部门规章示例：情况紧急的，二十四小时内补办批准手续（本机关参数）"


def _preservation(ctx: Context) -> EvidencePreservation | None:
    return ctx.target if isinstance(ctx.target, EvidencePreservation) else None


def approved_by_agency_head(ctx: Context) -> list[Reason]:
    """第五十六条: “经行政机关负责人批准” — an active head of the case's own agency."""
    if heads_agency(ctx.officer, ctx.case.agency_id):
        return []
    return [Reason("not_agency_head", "先行登记保存证据须经本案所属行政机关的负责人批准。", ART_56)]


def preservation_reason_stated(ctx: Context) -> list[Reason]:
    """第五十六条: only where the evidence may be lost or later hard to obtain — the request says which."""
    if not ctx.data or (ctx.data.get("reason") or "").strip():
        return []
    return [
        Reason("preservation_reason_missing", "请说明证据可能灭失或者以后难以取得的情形，方可先行登记保存。", ART_56)
    ]


def samples_listed(ctx: Context) -> list[Reason]:
    """第五十六条 抽样取证: the record lists what was sampled."""
    if not ctx.data or any((i.get("name") or "").strip() for i in ctx.data.get("samples") or []):
        return []
    return [Reason("sampling_no_samples", "请列明所抽取样品的名称、规格或批号和数量。", ART_56)]


def sampling_not_in_future(ctx: Context) -> list[Reason]:
    """The sampling is recorded when it happened, never ahead of it."""
    moment = ctx.data.get("sampled_at")
    if moment is None or moment <= timezone.now():
        return []
    return [Reason("sampling_in_future", "抽样时间不能晚于当前时间。", ART_56)]


def preservation_items_listed(ctx: Context) -> list[Reason]:
    """第五十六条: what is preserved is registered — the list names at least one item."""
    if not ctx.data or any((i.get("name") or "").strip() for i in ctx.data.get("items") or []):
        return []
    return [Reason("preservation_no_items", "请列明先行登记保存的物品名称、数量和存放地点。", ART_56)]


def preservation_named(ctx: Context) -> list[Reason]:
    """The step acts on one of the case's preservations."""
    if ctx.target is not None or not ctx.data:
        return []
    return [Reason("no_preservation", "请选择本案的一项先行登记保存。", ART_56)]


def preservation_awaiting_approval(ctx: Context) -> list[Reason]:
    """A preservation is approved (or refused) once."""
    item = _preservation(ctx)
    if item is not None and item.refused_at is not None:
        when = timezone.localtime(item.refused_at)
        return [Reason("preservation_refused", f"负责人已于{when:%Y-%m-%d %H:%M}决定不予批准。", ART_56)]
    if item is None or item.approved_at is None:
        return []
    when = timezone.localtime(item.approved_at)
    return [Reason("preservation_already_approved", f"该项先行登记保存已于{when:%Y-%m-%d %H:%M}批准。", ART_56)]


def refusal_reasoned(ctx: Context) -> list[Reason]:
    """A refusal says why (the handlers asked on a ground of 第五十六条)."""
    if ctx.data.get("approved", True) or (ctx.data.get("opinion") or "").strip():
        return []
    return [Reason("refusal_reason_missing", "不予批准先行登记保存的，请写明理由。", ART_56)]


def approval_within_24_hours(ctx: Context) -> list[Reason]:
    """Items registered before the approval (the agency's sector rule, an agency setting — not 第五十六条 itself):
    the head approves within the stored 24 hours (deadline ``preservation_approval``); later, the preservation
    stands unapproved and the items must go back (第五十六条 requires the approval). A refusal is never late: it
    returns the items, which is what the lapse of the window requires anyway."""
    item = _preservation(ctx)
    if item is None or item.registered_at is None or item.approved_at is not None:
        return []
    if ctx.data and not ctx.data.get("approved", True):
        return []
    deadline = deadline_of(ctx.case.pk, "preservation_approval", ref=str(item.pk))
    unsettled = unsettled_reasons(deadline, "先行登记保存的补办批准", ART_56)
    if unsettled or deadline is None:
        return unsettled
    if deadline.due_at is not None and timezone.now() > deadline.due_at:
        due = timezone.localtime(deadline.due_at)
        return [
            Reason(
                "preservation_approval_late",
                f"物品已于{timezone.localtime(item.registered_at):%Y-%m-%d %H:%M}先行登记保存，补办批准应在"
                f"{due:%Y-%m-%d %H:%M}前，已经超过二十四小时，不能再补办批准；请解除先行登记保存，将物品退还当事人。",
                f"{ART_56}；{SECTOR_24_HOURS}",
            )
        ]
    return []


def approved_before_registration(ctx: Context) -> list[Reason]:
    """第五十六条: the items are registered once a head approved — unless the agency's sector rule lets the officers
    register first and the head approve within 24 hours (``AgencyPolicy``, off by default)."""
    item = _preservation(ctx)
    if item is not None and item.refused_at is not None:
        return [Reason("preservation_refused", "本机关负责人不予批准先行登记保存，不能登记保存。", ART_56)]
    if item is None or item.approved_at is not None or ctx.policy.preservation_approval_within_24_hours:
        return []
    return [Reason("preservation_not_approved", "先行登记保存尚未经本机关负责人批准，不能登记保存。", ART_56)]


def registered_after_approval(ctx: Context) -> list[Reason]:
    """第五十六条: an approved preservation is registered after the approval, never dated before it (a registration
    ahead of the approval is recorded first and approved within the 24 hours, where the agency allows it)."""
    item, moment = _preservation(ctx), ctx.data.get("registered_at")
    if item is None or item.approved_at is None or moment is None or moment >= item.approved_at:
        return []
    approved = timezone.localtime(item.approved_at)
    return [
        Reason(
            "preservation_registered_before_approval",
            f"负责人于{approved:%Y-%m-%d %H:%M}批准先行登记保存，登记保存时间不能早于批准时间。",
            ART_56,
        )
    ]


def not_yet_registered(ctx: Context) -> list[Reason]:
    """The items are registered once: the seven working days run from that day."""
    item = _preservation(ctx)
    if item is None or item.registered_at is None:
        return []
    when = timezone.localtime(item.registered_at)
    return [Reason("preservation_already_registered", f"该项证据已于{when:%Y-%m-%d %H:%M}登记保存。", ART_56)]


def registration_not_in_future(ctx: Context) -> list[Reason]:
    """The registration is recorded when it happened, never ahead of it."""
    moment = ctx.data.get("registered_at")
    if moment is None or moment <= timezone.now():
        return []
    return [Reason("preservation_in_future", "登记保存时间不能晚于当前时间。", ART_56)]


def registered_before_disposal(ctx: Context) -> list[Reason]:
    """The disposal decides on items that were registered, and not twice."""
    item = _preservation(ctx)
    if item is None:
        return []
    if item.registered_at is None:
        return [Reason("preservation_not_registered", "该项证据尚未登记保存，无需作出处理决定。", ART_56)]
    if item.disposed_on is not None:
        return [
            Reason("preservation_already_disposed", f"已于{day_text(item.disposed_on)}对该项证据作出处理决定。", ART_56)
        ]
    return []


def disposal_dated(ctx: Context) -> list[Reason]:
    """The decision is dated between the registration and today (late is recorded: the deadline says so)."""
    item, day = _preservation(ctx), ctx.data.get("decided_on")
    if item is None or day is None or item.registered_on is None:
        return []
    if day > ctx.today:
        return [Reason("disposal_in_future", "处理决定日期不能晚于今天。", ART_56)]
    if day < item.registered_on:
        return [
            Reason(
                "disposal_before_registration",
                f"处理决定日期不能早于登记保存日期{day_text(item.registered_on)}。",
                ART_56,
            )
        ]
    return []


def pending_approval_returns_only(ctx: Context) -> list[Reason]:
    """第五十六条 (“经行政机关负责人批准，可以先行登记保存”): items registered ahead of the approval (the agency's
    24-hour sector-rule setting) may only be returned until a head approves. They are kept on no approval until
    then: seizing them, transferring them or any other measure would build on a preservation the law has not yet
    allowed."""
    item = _preservation(ctx)
    disposal = ctx.data.get("disposal")
    if item is None or item.registered_at is None or item.approved_at is not None:
        return []
    if not disposal or disposal == DisposalKind.RETURN:
        return []
    return [
        Reason(
            "preservation_pending_approval",
            "该项证据系先行登记保存后待负责人补办批准，尚未经本机关负责人批准，只能解除先行登记保存、退还当事人；"
            "经批准后方可采取查封、扣押、移送等其他处理措施。",
            f"{ART_56}；{SECTOR_24_HOURS}",
        )
    ]


def disposal_explained(ctx: Context) -> list[Reason]:
    """“其他处理措施” names the measure."""
    if ctx.data.get("disposal") != DisposalKind.OTHER or (ctx.data.get("note") or "").strip():
        return []
    return [Reason("disposal_note_missing", "选择“其他处理措施”的，请写明具体措施。", ART_56)]
