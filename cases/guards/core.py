"""Guards: named functions returning the reasons a step is blocked (empty when it may proceed).

Each takes a :class:`Context` — the case, the acting user and their officer
record, the day, and (on submit) the validated payload — and returns a list of
:class:`~kernel.rules.Reason`. The same lists reach the case page, the API
(409) and the tests. ``cases.transitions`` composes them per transition.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from deadlines.kinds import KINDS
from deadlines.prospects import due_if_opened
from deadlines.selectors import deadline_of
from kernel.money import yuan
from kernel.rules import (
    ART_17,
    ART_36,
    ART_42,
    ART_51,
    ART_52,
    ART_54,
    ART_57,
    ART_58,
    ART_64,
    Reason,
)
from matters.ranges import MissingBaseAmount, statutory_range
from matters.selectors import matter_is_held_by
from officers.eligibility import two_officers_reasons
from officers.models import Officer, policy_for

from ..analysis import penalty_reasons
from ..choices import PartyKind, Procedure
from ..models import Case, Hearing, Waiver
from ..selectors import active_handlers, current_notice, current_report

# 行政处罚法 第五十一条: on-the-spot fines up to 200 yuan for a citizen, 3,000 yuan for an organization.
SUMMARY_FINE_LIMIT: dict[str, Decimal] = {PartyKind.INDIVIDUAL: Decimal("200"), PartyKind.ORGANIZATION: Decimal("3000")}
SUMMARY_PENALTY_KINDS = frozenset({"warning", "fine"})


@dataclass
class Context:
    case: Case
    user: Any
    officer: Officer | None
    today: datetime.date
    data: dict[str, Any] = field(default_factory=dict)
    label: str = ""  # the step's Chinese name, for messages
    action: str = ""  # the name of the action being checked
    # The record the action acts on (the pending remedy, the latest referral, the evidence item), when it has one.
    target: Any = None

    @property
    def active_handlers(self) -> list[Officer]:
        return active_handlers(self.case)

    @property
    def is_handler(self) -> bool:
        return self.officer is not None and any(o.pk == self.officer.pk for o in self.active_handlers)

    @property
    def same_agency(self) -> bool:
        return self.officer is not None and self.officer.agency_id == self.case.agency_id

    # --- the records of deciding, read once per context -----------------------------------

    @cached_property
    def report(self):
        """The current proposal: the latest investigation report."""
        return current_report(self.case, "tier__benchmark")

    @cached_property
    def notice(self):
        """The latest prior notice, or None."""
        return current_notice(self.case)

    @property
    def notice_is_current(self) -> bool:
        return self.notice is not None and self.report is not None and self.notice.report_id == self.report.pk

    @cached_property
    def waiver(self):
        return Waiver.objects.filter(notice=self.notice).first() if self.notice else None

    @cached_property
    def hearing(self):
        return Hearing.objects.filter(notice=self.notice).select_related("chair").first() if self.notice else None

    @cached_property
    def review(self):
        """The latest legal review, or None."""
        return self.case.reviews.order_by("-submitted_at", "-pk").first()

    @property
    def valid_pass(self):
        """The review that passed the current proposal and was not voided since, or None."""
        review = self.review
        if review and review.is_valid_pass and self.report and review.report_id == self.report.pk:
            return review
        return None

    @cached_property
    def policy(self):
        return policy_for(self.case.agency)

    @cached_property
    def party_kinds(self) -> set[str]:
        return {p.kind for p in self.case.parties.all()}


# --- Who performs the step ----------------------------------------------------------


def performed_by_handler(ctx: Context) -> list[Reason]:
    if ctx.is_handler:
        return []
    return [Reason("not_a_handler", f"只有本案的承办人才能{ctx.label}。", ART_42)]


def performed_by_head(ctx: Context) -> list[Reason]:
    if ctx.same_agency and ctx.officer is not None and ctx.officer.is_head:
        return []
    return [Reason("not_agency_head", f"{ctx.label}须由本机关负责人决定。", ART_57)]


def performed_by_handler_or_head(ctx: Context) -> list[Reason]:
    if ctx.is_handler or (ctx.same_agency and ctx.officer is not None and ctx.officer.is_head):
        return []
    return [Reason("not_handler_or_head", f"只有本案承办人或本机关负责人才能{ctx.label}。", "")]


def performed_by_legal_reviewer(ctx: Context) -> list[Reason]:
    if not (ctx.same_agency and ctx.officer is not None and ctx.officer.is_qualified_legal_reviewer):
        return [Reason("not_legal_reviewer", "法制审核须由本机关法制机构中取得法律职业资格的审核人员进行。", ART_58)]
    if ctx.is_handler:
        return [Reason("reviewer_is_handler", "本案承办人不得担任本案的法制审核人员。", ART_58)]
    return []


def performed_by_hearing_chair(ctx: Context) -> list[Reason]:
    if not (ctx.same_agency and ctx.officer is not None and ctx.officer.is_hearing_chair):
        return [Reason("not_hearing_chair", "听证须由行政机关指定的听证主持人主持。", ART_64)]
    if ctx.is_handler:
        return [Reason("chair_is_investigator", "本案调查人员不得担任听证主持人。", ART_64)]
    return []


# --- What the case must satisfy --------------------------------------------------------


def two_eligible_handlers(ctx: Context) -> list[Reason]:
    """行政处罚法 第四十二条 (and 第四十三条 after a recusal): two eligible officers act on the case."""
    return two_officers_reasons(ctx.active_handlers, ctx.case.matter.domain, ctx.today)


def general_procedure_only(ctx: Context) -> list[Reason]:
    if ctx.case.procedure == Procedure.GENERAL:
        return []
    return [Reason("summary_procedure_case", "简易程序案件当场作出决定，不适用立案程序。", ART_51)]


def filing_requested(ctx: Context) -> list[Reason]:
    if ctx.case.filing_requested_at:
        return []
    return [Reason("filing_not_requested", "承办人尚未提请立案审批。", ART_54)]


def matter_held_by_agency(ctx: Context) -> list[Reason]:
    case = ctx.case
    if matter_is_held_by(case.matter, case.agency):
        return []
    return [
        Reason(
            "matter_not_held",
            f"执法事项“{case.matter.name}”不在{case.agency.name}的权责清单内。",
            ART_17,
        )
    ]


def limitation_period(ctx: Context) -> list[Reason]:
    """行政处罚法 第三十六条: not discovered within two years (five with harm to life, health or financial safety),
    counted from the act or, when continuing, from its end. The period is the deadline ``limitation``
    (deadlines.kinds) stored when the case was opened and met on the day of discovery; should its row be missing
    (the deadline engine failed at the opening), the deadline core counts it from the same definition."""
    case = ctx.case
    row = deadline_of(case.pk, "limitation")
    if row is not None:
        start, last_day, late = row.starts_on, row.due_on, row.met_late
    else:
        start = case.limitation_start
        last_day = due_if_opened("limitation", case=case, starts_on=start).due_on
        late = case.discovered_on > last_day
    if not late:
        return []
    counted_from = "终了" if case.violation_end_date else "发生"
    years = "五" if KINDS["limitation"].count_for(case) == 60 else "二"
    return [
        Reason(
            "limitation_expired",
            f"违法行为于{start:%Y-%m-%d}{counted_from}，{case.discovered_on:%Y-%m-%d}才被发现，"
            f"已超过{years}年（至{last_day:%Y-%m-%d}），不再给予行政处罚。",
            ART_36,
        )
    ]


def summary_procedure_only(ctx: Context) -> list[Reason]:
    if ctx.case.procedure == Procedure.SUMMARY:
        return []
    return [Reason("not_summary_procedure", "只有简易程序案件可以当场作出行政处罚决定。", ART_51)]


def has_parties(ctx: Context) -> list[Reason]:
    if ctx.case.parties.all():
        return []
    return [Reason("no_party", "尚未登记当事人。", ART_52)]


def facts_recorded(ctx: Context) -> list[Reason]:
    facts = ctx.data.get("facts") or ctx.case.facts
    if facts and facts.strip():
        return []
    return [Reason("facts_missing", "当场处罚须违法事实确凿，请记录违法事实。", ART_51)]


def _statutory_floor(matter) -> Decimal | None:
    """The lowest fine the matter's penalty provision allows, when it does not hang on a base amount."""
    try:
        statutory = statutory_range(matter, base_amount=None)
    except MissingBaseAmount:
        return None  # the shared check says the base is missing (penalty_reasons)
    return statutory.min if statutory is not None else None


def summary_penalty_within_limits(ctx: Context) -> list[Reason]:
    """行政处罚法 第五十一条: a warning, or a fine of at most 200 yuan (citizen) / 3,000 yuan (organization) — and
    第三十八条, within the matter's law: the same kind and statutory-range checks as the general procedure
    (``cases.analysis.penalty_reasons``). A fine the matter cannot lawfully set within the limit for a party (its
    statutory minimum is higher) is not for the spot; 减轻处罚 below the minimum is not available here (docs/policy.md).
    """
    if not ctx.data:
        return []  # checked on submit, when the penalty is known
    reasons: list[Reason] = []
    limits: list[Reason] = []
    matter = ctx.case.matter
    kinds = set(ctx.data.get("penalty_kinds") or [])
    allowed = kinds & SUMMARY_PENALTY_KINDS
    if kinds - SUMMARY_PENALTY_KINDS:
        reasons.append(Reason("summary_kind_not_allowed", "当场处罚只能给予警告或者罚款。", ART_51))
    fine = ctx.data.get("fine_amount") or None  # 0 yuan is no fine
    within_law = penalty_reasons(
        matter=matter, penalty_kinds=sorted(allowed or kinds), fine_amount=fine, base_amount=None
    )
    if "fine" in kinds and fine is not None:
        floor = _statutory_floor(matter)
        for party in ctx.case.parties.all():
            limit = SUMMARY_FINE_LIMIT[party.kind]
            who = "公民" if party.kind == PartyKind.INDIVIDUAL else "法人或者其他组织"
            if floor is not None and floor > limit:
                warning = "可以当场给予警告，" if "warning" in matter.penalty_kinds else ""
                limits.append(
                    Reason(
                        "summary_minimum_over_limit",
                        f"{matter.penalty_provision}规定的罚款最低为{yuan(floor)}，超过当场处罚对{who}罚款"
                        f"{yuan(limit, 0)}的限额（当事人{party.name}），不能当场罚款；{warning}"
                        "给予罚款的应当适用普通程序。",
                        ART_51,
                    )
                )
            elif fine > limit:
                limits.append(
                    Reason(
                        "summary_fine_over_limit",
                        f"当场处罚对{who}的罚款不得超过{yuan(limit, 0)}（当事人{party.name}，拟罚{yuan(fine)}）。",
                        ART_51,
                    )
                )
        if any(r.code == "summary_minimum_over_limit" for r in limits):
            # The same fact as below the minimum, with the reason it is not for the spot.
            within_law = [r for r in within_law if r.code != "below_statutory_minimum"]
    reasons += within_law + limits
    if not (ctx.data.get("legal_basis") or "").strip():
        reasons.append(Reason("legal_basis_missing", "当场处罚须有法定依据，请填写处罚依据。", ART_51))
    return reasons


# --- 备案 of an on-the-spot decision (第五十二条第三款) ----------------------------------------------------


def decided_on_the_spot_unfiled(ctx: Context) -> list[Reason]:
    """行政处罚法 第五十二条第三款: an on-the-spot decision is filed with the agency — once."""
    case = ctx.case
    if case.procedure != Procedure.SUMMARY or case.decided_on is None:
        return [Reason("not_decided_on_the_spot", "只有当场作出的行政处罚决定需要报所属行政机关备案。", ART_52)]
    if case.on_spot_filed_on is not None:
        return [
            Reason("on_spot_already_filed", f"本决定已于{case.on_spot_filed_on:%Y-%m-%d}报所属行政机关备案。", ART_52)
        ]
    return []


def on_spot_filing_dated(ctx: Context) -> list[Reason]:
    """The filing is dated on or after the decision and not in the future."""
    filed_on = ctx.data.get("filed_on") if ctx.data else None
    decided_on = ctx.case.decided_on
    if filed_on is None:
        return []
    if filed_on > ctx.today:
        return [Reason("date_in_future", f"备案日期（{filed_on:%Y-%m-%d}）不能晚于今天。", ART_52)]
    if decided_on is not None and filed_on < decided_on:
        detail = f"备案日期（{filed_on:%Y-%m-%d}）不能早于当场作出决定之日（{decided_on:%Y-%m-%d}）。"
        return [Reason("date_too_early", detail, ART_52)]
    return []
