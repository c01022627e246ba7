"""The rules of 查封、扣押 (行政强制法 第十八条、第十九条、第二十二条、第二十四条至第二十八条), one named guard each.

With an empty payload (the page asking whether a step can be taken now) a guard that reads the submitted values
says nothing; the guards on the state of the seizure still answer. Periods are read from the one clock: the
seizure's stored deadline (``deadline_of``), and the 24 hours of 第十九条 from its kind (``due_if_opened``).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from deadlines.selectors import deadline_of, unsettled_reasons
from kernel.rules import ACEL_18, ACEL_19, ACEL_22, ACEL_23, ACEL_25, ACEL_26, ACEL_27, ACEL_28, Reason, day_text
from officers.selectors import heads_agency

from ..models.seizure import Custody, RecordSignature, Seizure, SeizureMeasure
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
    """第十八条第一项: “实施前须向行政机关负责人报告并经批准” — a head of the agency approved it before it was
    carried out. 第十九条: in an emergency the officers carry it out on the spot and report to the head within 24
    hours, who then approves or disapproves it (``approve_emergency_seizure``): nothing is approved with it."""
    data = ctx.data
    if not data:
        return []
    approver, approved_at, done_at = data.get("approved_by"), data.get("approved_at"), data.get("carried_out_at")
    if data.get("emergency"):
        if approver is None and approved_at is None:
            return []
        return [
            Reason(
                "emergency_approval_on_its_own_step",
                "情况紧急当场实施的，由行政执法人员在二十四小时内向行政机关负责人报告，由负责人通过“补办查封、扣押"
                "批准手续”批准或者不予批准；登记当场实施时不填写批准人和批准时间。",
                ACEL_19,
            )
        ]
    if approver is None or approved_at is None:
        return [
            Reason(
                "seizure_not_approved",
                "查封、扣押实施前须向行政机关负责人报告并经批准：请填写批准的负责人和批准时间；"
                "情况紧急、需要当场实施的，请注明情况紧急。",
                ACEL_18,
            )
        ]
    reasons = []
    if not heads_agency(approver, ctx.case.agency_id):
        name = getattr(approver, "name", "") or "所选人员"
        reasons.append(
            Reason("seizure_not_approved_by_head", f"查封、扣押须经本机关负责人批准，{name}不是本机关负责人。", ACEL_18)
        )
    if done_at is not None and approved_at > done_at:
        reasons.append(
            Reason(
                "seizure_approved_after",
                f"实施前须经行政机关负责人批准：批准时间{_moment(approved_at)}晚于实施时间{_moment(done_at)}。"
                "情况紧急、当场实施的，应当注明情况紧急，并在二十四小时内补办批准手续。",
                ACEL_18,
            )
        )
    return reasons


def seizure_not_sealed_elsewhere(ctx: Context) -> list[Reason]:
    """第二十三条第二款: “当事人的场所、设施或者财物已被其他国家机关依法查封的，不得重复查封。” The record says
    whether they are; if so the seizure is refused (an impounding of what another organ sealed would break that
    seal: refused too — the project's reading)."""
    if not ctx.data.get("sealed_elsewhere"):
        return []
    return [
        Reason(
            "seizure_already_sealed",
            "当事人的场所、设施或者财物已被其他国家机关依法查封的，不得重复查封；已被查封的财物也不得再予扣押。",
            ACEL_23,
        )
    ]


def seizure_party_informed_and_heard(ctx: Context) -> list[Reason]:
    """第十八条第五项: “当场告知当事人采取行政强制措施的理由、依据以及当事人依法享有的权利、救济途径”; 第六项:
    “听取当事人的陈述和申辩”. The record affirms both where the party is present (an absent party cannot be told
    on the spot: the decision served on them states the same, 第二十四条)."""
    data = ctx.data
    if not data or not data.get("party_present"):
        return []
    reasons = []
    if not data.get("party_informed"):
        reasons.append(
            Reason(
                "seizure_party_not_informed",
                "应当当场告知当事人采取查封、扣押的理由、依据以及当事人依法享有的权利、救济途径，并在现场笔录中载明。",
                f"{ACEL_18}第五项",
            )
        )
    if not data.get("statement_heard"):
        reasons.append(
            Reason(
                "seizure_statement_not_heard",
                "应当听取当事人的陈述和申辩，并在现场笔录中载明。",
                f"{ACEL_18}第六项",
            )
        )
    return reasons


def seizure_custody_lawful(ctx: Context) -> list[Reason]:
    """第二十六条: the agency keeps the items; “对查封的场所、设施或者财物，行政机关可以委托第三人保管” — only what is
    sealed goes to a third party, who is named."""
    data = ctx.data
    if data.get("custody") != Custody.THIRD_PARTY:
        return []
    if data.get("measure") != SeizureMeasure.SEAL:
        return [
            Reason(
                "custody_third_party_not_sealed",
                "只有查封的场所、设施或者财物可以委托第三人保管；扣押的财物由本机关保管。",
                ACEL_26,
            )
        ]
    if not (data.get("custodian") or "").strip():
        return [Reason("custodian_missing", "委托第三人保管的，请写明受托保管的第三人。", ACEL_26)]
    return []


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


# --- 第十九条: the head's decision on a seizure carried out in an emergency ---------------------------------------


def decided_by_agency_head(ctx: Context) -> list[Reason]:
    """第十九条: the officers report “向行政机关负责人” — an active head of the case's own agency decides."""
    if heads_agency(ctx.officer, ctx.case.agency_id):
        return []
    return [Reason("not_agency_head", "当场实施的查封、扣押由本案所属行政机关的负责人补办批准或者决定解除。", ACEL_19)]


def seizure_awaiting_approval(ctx: Context) -> list[Reason]:
    """第十九条: the head decides once, on a seizure carried out in an emergency that is still open."""
    seizure = ctx.target
    if seizure is None or not seizure.is_open:
        return []
    if not seizure.emergency:
        return [Reason("seizure_not_emergency", "该查封、扣押实施前已经负责人批准，无需补办批准手续。", ACEL_18)]
    if seizure.awaiting_approval:
        return []
    assert seizure.approved_at is not None
    return [
        Reason("seizure_already_approved", f"负责人已于{_moment(seizure.approved_at)}补办批准。", ACEL_19),
    ]


def disapproval_reasoned(ctx: Context) -> list[Reason]:
    """A head who “认为不应当采取行政强制措施” says why: the release decision states it (第十九条、第二十八条)."""
    if ctx.data.get("approved", True) or (ctx.data.get("opinion") or "").strip():
        return []
    return [Reason("disapproval_reason_missing", "不予批准、决定解除查封、扣押的，请写明理由。", ACEL_19)]


def emergency_approval_in_time(ctx: Context) -> list[Reason]:
    """第十九条: the approval is obtained (补办) within the 24 hours of the stored deadline
    ``seizure_emergency_approval``; past them the seizure is not approved any more — the head releases it
    (a disapproval is always possible: “应当立即解除”)."""
    seizure = ctx.target
    if seizure is None or not seizure.is_open or not seizure.awaiting_approval or not ctx.data.get("approved", True):
        return []
    row = deadline_of(ctx.case.pk, "seizure_emergency_approval", ref=str(seizure.pk))
    unsettled = unsettled_reasons(row, "当场查封、扣押的补办批准", ACEL_19)
    if unsettled or row is None or row.due_at is None:
        return unsettled
    if timezone.now() <= row.due_at:
        return []
    return [
        Reason(
            "emergency_approval_late",
            f"情况紧急当场实施的，应当在二十四小时内向行政机关负责人报告并补办批准手续：于{_moment(seizure.carried_out_at)}"
            f"实施，应当在{_moment(row.due_at)}前批准，已经超过二十四小时，不能再补办批准，应当解除查封、扣押并立即退还财物。",
            ACEL_19,
        )
    ]


def seizure_approved(ctx: Context) -> list[Reason]:
    """第十九条: a seizure carried out in an emergency and not yet approved by the head is not disposed of."""
    seizure = ctx.target
    if seizure is None or not seizure.is_open or not seizure.awaiting_approval:
        return []
    return [
        Reason(
            "seizure_awaiting_approval",
            f"该查封、扣押于{_moment(seizure.carried_out_at)}情况紧急当场实施，尚未经负责人补办批准，不能作出处理决定。",
            ACEL_19,
        )
    ]


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
    """第二十五条第三款: testing time is not counted; its period is stated and notified to the party in writing.
    A seizure's items may be tested more than once, one period after the other."""
    seizure = ctx.target
    if seizure is None or not seizure.is_open:
        return []
    running = seizure.running_testing
    if running is not None:
        return [
            Reason(
                "seizure_testing_running",
                f"该查封、扣押的物品自{day_text(running.started_on)}起正在检测、检验、检疫或者技术鉴定。",
                ACEL_25,
            )
        ]
    last = max((t.ended_on for t in seizure.testings.all() if t.ended_on is not None), default=None)
    after = seizure.seized_on if last is None else last + datetime.timedelta(days=1)
    reasons = _step_day(ctx, "started_on", after, "检测等开始日期", ACEL_25)
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
    running = seizure.running_testing
    if running is None:
        return [Reason("seizure_not_testing", "该查封、扣押的物品不在检测、检验、检疫或者技术鉴定期间。", ACEL_25)]
    return _step_day(ctx, "ended_on", running.started_on, "检测等结束日期", ACEL_25)


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
