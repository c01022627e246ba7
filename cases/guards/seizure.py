"""The rules of 查封、扣押 (行政强制法 第十八条、第十九条、第二十二条、第二十四条至第二十八条), one named guard each.

With an empty payload (the page asking whether a step can be taken now) a guard that reads the submitted values
says nothing; the guards on the state of the seizure still answer. Periods are read from the one clock: the
seizure's stored deadline (``deadline_of``), and the 24 hours of 第十九条 from its kind (``due_if_opened``).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from deadlines.prospects import due_if_opened
from deadlines.selectors import deadline_of, unsettled_reasons
from kernel.rules import ACEL_18, ACEL_19, ACEL_22, ACEL_25, ACEL_27, ACEL_28, Reason, day_text
from officers.selectors import heads_agency

from ..models.seizure import RecordSignature, Seizure
from .core import Context


def _moment(value: datetime.datetime) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


def open_seizures(case) -> list[Seizure]:
    return list(case.seizures.filter(ended="").order_by("carried_out_at", "pk"))


# --- 查封、扣押 (seize) -------------------------------------------------------------------------------------


def seizure_empowered(ctx: Context) -> list[Reason]:
    """第二十二条: only an organ a law or regulation empowers seizes; the matter's catalogue entry names it."""
    matter = ctx.case.matter
    if matter.seizure_provision_id is not None:
        return []
    return [
        Reason(
            "seizure_not_empowered",
            f"执法事项“{matter.name}”的权责清单未载明授权查封、扣押的法律、法规，本机关不得对其实施查封、扣押。",
            ACEL_22,
        )
    ]


def seizure_approved_by_head(ctx: Context) -> list[Reason]:
    """第十八条第一项: approved by the head before it is carried out; 第十九条: in an emergency carried out on the
    spot and reported to the head, the approval obtained within 24 hours."""
    data = ctx.data
    approver, approved_at, done_at = data.get("approved_by"), data.get("approved_at"), data.get("carried_out_at")
    if not data:
        return []
    reasons = []
    if not heads_agency(approver, ctx.case.agency_id):
        name = getattr(approver, "name", "") or "所选人员"
        reasons.append(
            Reason("seizure_not_approved_by_head", f"查封、扣押须经本机关负责人批准，{name}不是本机关负责人。", ACEL_18)
        )
    if approved_at is None or done_at is None:
        return reasons
    if not data.get("emergency"):
        if approved_at > done_at:
            reasons.append(
                Reason(
                    "seizure_approved_after",
                    f"实施前须经行政机关负责人批准：批准时间{_moment(approved_at)}晚于实施时间{_moment(done_at)}。"
                    "情况紧急、当场实施的，应当注明情况紧急，并在二十四小时内补办批准手续。",
                    ACEL_18,
                )
            )
        return reasons
    due_at = due_if_opened("seizure_emergency_approval", starts_at=done_at).due_at
    assert due_at is not None, "an hour period has its due time"
    if approved_at > due_at:
        reasons.append(
            Reason(
                "emergency_approval_late",
                f"情况紧急当场实施的，应当在二十四小时内向行政机关负责人报告并补办批准手续：于{_moment(done_at)}实施，"
                f"应当在{_moment(due_at)}前批准，实际批准于{_moment(approved_at)}。负责人认为不应当采取的，应当立即解除。",
                ACEL_19,
            )
        )
    return reasons


def seizure_not_in_future(ctx: Context) -> list[Reason]:
    """What is recorded has happened: neither the approval nor the seizure lies in the future."""
    now = timezone.now()
    late = [v for v in (ctx.data.get("approved_at"), ctx.data.get("carried_out_at")) if v is not None and v > now]
    if not late:
        return []
    return [Reason("seizure_in_future", "批准时间和实施时间不得晚于登记时间。", ACEL_18)]


def seizure_witnessed(ctx: Context) -> list[Reason]:
    """第十八条第四项、第八项、第九项: the party is notified to be present; the on-site record is signed by the party
    (a refusal noted in it), or — the party absent — by an invited witness."""
    data = ctx.data
    if not data:
        return []
    signature = data.get("record_signature")
    if data.get("party_present"):
        if signature in (RecordSignature.PARTY_SIGNED, RecordSignature.PARTY_REFUSED):
            return []
        return [
            Reason(
                "seizure_record_unsigned",
                "当事人到场的，现场笔录由当事人和行政执法人员签名或者盖章；当事人拒绝的，应当在笔录中予以注明。",
                ACEL_18,
            )
        ]
    if not (data.get("witness") or "").strip():
        return [
            Reason(
                "seizure_without_witness",
                "当事人不到场的，应当邀请见证人到场，由见证人和行政执法人员在现场笔录上签名或者盖章。",
                ACEL_18,
            )
        ]
    if signature != RecordSignature.WITNESS_SIGNED:
        return [
            Reason(
                "seizure_record_unsigned",
                "当事人不到场的，现场笔录由见证人和行政执法人员签名或者盖章。",
                ACEL_18,
            )
        ]
    return []


# --- steps on a seizure --------------------------------------------------------------------------------------


def seizure_open(ctx: Context) -> list[Reason]:
    """The step acts on a seizure of the case that has not ended (released or disposed of)."""
    seizure = ctx.target
    if seizure is None:
        if ctx.data or not open_seizures(ctx.case):
            return [Reason("no_open_seizure", "请选择本案尚未解除或者处理的查封、扣押。", ACEL_27)]
        return []
    if not seizure.is_open:
        return [
            Reason(
                "seizure_ended",
                f"该查封、扣押已于{day_text(seizure.decided_on)}{seizure.get_ended_display()}。",
                ACEL_27,
            )
        ]
    return []


def _step_day(ctx: Context, key: str, after: datetime.date | None, what: str, article: str) -> list[Reason]:
    value = ctx.data.get(key)
    if value is None:
        return []
    if value > ctx.today:
        return [Reason("seizure_step_in_future", f"{what}不得晚于今天。", article)]
    if after is not None and value < after:
        return [Reason("seizure_step_too_early", f"{what}不得早于{day_text(after)}。", article)]
    return []


def testing_may_start(ctx: Context) -> list[Reason]:
    """第二十五条第三款: testing time is not counted; its period is stated and notified to the party in writing."""
    seizure = ctx.target
    if seizure is None or not seizure.is_open:
        return []
    if seizure.is_testing:
        return [
            Reason(
                "seizure_testing_running",
                f"该查封、扣押的物品自{day_text(seizure.testing_started_on)}起正在检测、检验、检疫或者技术鉴定。",
                ACEL_25,
            )
        ]
    if seizure.testing_ended_on is not None:
        # One excluded period per seizure: the Deadline keeps every suspension, the record keeps the latest only.
        return [Reason("seizure_tested", "该查封、扣押的物品已经检测、检验、检疫或者技术鉴定。", ACEL_25)]
    reasons = _step_day(ctx, "started_on", seizure.seized_on, "检测等开始日期", ACEL_25)
    started, until, notified = (ctx.data.get(k) for k in ("started_on", "until", "notified_on"))
    if ctx.data and (until is None or notified is None):
        reasons.append(
            Reason(
                "testing_period_not_notified",
                "检测、检验、检疫或者技术鉴定的期间应当明确，并书面告知当事人：请填写期间届满日和书面告知日期。",
                ACEL_25,
            )
        )
    elif started is not None and until is not None and until < started:
        reasons.append(Reason("testing_period_invalid", "检测等期间的届满日不得早于开始日期。", ACEL_25))
    return reasons


def testing_may_end(ctx: Context) -> list[Reason]:
    """第二十五条第三款: testing that is under way ends; the count resumes the next day."""
    seizure = ctx.target
    if seizure is None or not seizure.is_open:
        return []
    if not seizure.is_testing:
        return [Reason("seizure_not_testing", "该查封、扣押的物品不在检测、检验、检疫或者技术鉴定期间。", ACEL_25)]
    return _step_day(ctx, "ended_on", seizure.testing_started_on, "检测等结束日期", ACEL_25)


def release_dated(ctx: Context) -> list[Reason]:
    """第二十八条第二款: the release returns the property at once — on or after the day of the decision."""
    seizure = ctx.target
    if seizure is None or not seizure.is_open:
        return []
    reasons = _step_day(ctx, "decided_on", seizure.seized_on, "解除决定日期", ACEL_28)
    decided, returned = ctx.data.get("decided_on"), ctx.data.get("returned_on")
    if decided is not None and returned is not None and returned < decided:
        reasons.append(Reason("returned_before_release", "退还财物的日期不得早于解除决定的日期。", ACEL_28))
    return reasons


def disposal_within_period(ctx: Context) -> list[Reason]:
    """第二十七条: the disposal is decided within the period of 第二十五条 (the stored deadline ``seizure``, with
    its approved extension and the testing time left out); once it has run the seizure is released and the property
    returned (第二十八条第一款第四项)."""
    seizure = ctx.target
    if seizure is None or not seizure.is_open:
        return []
    reasons = _step_day(ctx, "decided_on", seizure.seized_on, "处理决定日期", ACEL_27)
    if seizure.is_testing:
        # While the testing runs the period stands still (第二十五条第三款): its end is recorded first, and the
        # period's last day with it.
        running = "检测、检验、检疫或者技术鉴定尚未结束：请先登记其结束日期，再作出处理决定。"
        return [*reasons, Reason("seizure_testing_running", running, ACEL_25)]
    decided = ctx.data.get("decided_on") or ctx.today
    row = deadline_of(ctx.case.pk, "seizure", ref=str(seizure.pk))
    unsettled = unsettled_reasons(row, "查封、扣押", ACEL_25)
    if unsettled or row is None:
        return reasons + unsettled
    if decided > row.due_on:
        reasons.append(
            Reason(
                "seizure_period_over",
                f"查封、扣押期限已于{day_text(row.due_on)}届满，不能再作出没收或者销毁的处理决定，"
                "应当作出解除查封、扣押的决定并立即退还财物。",
                f"{ACEL_27}、{ACEL_28}",
            )
        )
    return reasons


# --- the case leaving the agency's hands ------------------------------------------------------------------------


def no_seizure_left_open(ctx: Context) -> list[Reason]:
    """第二十七条、第二十八条: a seizure ends by a disposal decision or a release with the property returned; the
    case is not closed, declined, withdrawn or transferred while one is still open."""
    left = open_seizures(ctx.case)
    if not left:
        return []
    since = "、".join(day_text(s.seized_on) for s in left)
    return [
        Reason(
            "seizure_left_open",
            f"本案于{since}实施的查封、扣押尚未解除或者作出处理决定，请先作出处理决定或者解除并退还财物，再{ctx.label}。",
            f"{ACEL_27}、{ACEL_28}",
        )
    ]
