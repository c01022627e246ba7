"""The contract of the lifecycle (DOMAIN.md, "Transitions: from, to, who") as data.

For each transition: its Chinese name, who performs it, the guards that must
return no reasons, and the form of its payload. ``Case`` holds the state
machine itself; services run these specs; pages and the API list them.

``file`` and ``decide_on_spot`` carry the filing and summary-procedure rules; the
steps from the investigation report to the decision carry the rules of deciding
(``guards.deciding``); every step names its performer and, after a recusal,
needs two eligible handlers again. Service, payment and closure carry the rules of
execution (``guards.execution``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kernel.rules import Reason

from .choices import CaseStatus
from .forms import referral as rf
from .forms import transitions as f
from .guards import core as g
from .guards import deciding as d
from .guards import execution as ex
from .guards import referral as rg
from .models import Case

Guard = Callable[[g.Context], list[Reason]]


@dataclass(frozen=True)
class TransitionSpec:
    name: str
    label: str  # Chinese verb phrase: "批准立案"
    performer: Guard
    guards: tuple[Guard, ...] = ()
    form: type[f.TransitionForm] = f.OpinionForm
    needs_handlers: bool = True  # the case must have two eligible handlers (Arts. 42–43)

    @property
    def sources(self) -> list[str]:
        method = getattr(Case, self.name)
        return [str(s) for s in method._django_fsm.transitions]

    def reasons(self, ctx: g.Context) -> list[Reason]:
        """Every reason this step is blocked for ``ctx``; empty when it may proceed."""
        ctx.label = self.label
        if ctx.case.status not in self.sources:
            current = CaseStatus(ctx.case.status).label
            return [Reason("wrong_state", f"案件当前处于“{current}”阶段，不能{self.label}。", "")]
        reasons = list(self.performer(ctx))
        if self.needs_handlers:
            reasons += g.two_eligible_handlers(ctx)
        for guard in self.guards:
            reasons += guard(ctx)
        return _unique(reasons)


def _unique(reasons: list[Reason]) -> list[Reason]:
    return list(dict.fromkeys(reasons))


_SPECS = [
    TransitionSpec(
        "file",
        "批准立案",
        g.performed_by_head,
        (g.general_procedure_only, g.filing_requested, g.matter_held_by_agency, g.limitation_period),
        f.FileForm,
    ),
    TransitionSpec("decline", "决定不予立案", g.performed_by_head, (), f.ReasonForm, needs_handlers=False),
    TransitionSpec(
        "decide_on_spot",
        "当场作出行政处罚决定",
        g.performed_by_handler,
        (
            g.summary_procedure_only,
            g.matter_held_by_agency,
            g.limitation_period,
            g.has_parties,
            g.facts_recorded,
            g.summary_penalty_within_limits,
        ),
        f.DecideOnSpotForm,
    ),
    TransitionSpec("conclude_investigation", "调查终结", g.performed_by_handler, (d.proposal_stands,), f.ReportForm),
    TransitionSpec(
        "revise_proposal",
        "变更处理意见",
        g.performed_by_handler,
        (d.proposal_needs_revision, d.proposal_stands),
        f.ReportForm,
    ),
    TransitionSpec("notify", "事先告知", g.performed_by_handler, (d.notice_can_be_served,), f.NotifyForm),
    TransitionSpec(
        "record_statement",
        "记录陈述申辩",
        g.performed_by_handler,
        (d.notice_in_force, d.dated_after_service("received_on", "陈述申辩日期")),
        f.StatementForm,
    ),
    TransitionSpec(
        "waive_hearing",
        "记录当事人放弃陈述申辩和听证",
        g.performed_by_handler,
        (d.notice_in_force, d.not_already_waived, d.dated_after_service("waived_on", "放弃日期")),
        f.WaiverForm,
    ),
    TransitionSpec(
        "request_hearing",
        "记录听证申请",
        g.performed_by_handler,
        (d.notice_in_force, d.hearing_may_be_requested, d.dated_after_service("requested_on", "申请日期")),
        f.HearingRequestForm,
    ),
    TransitionSpec(
        "schedule_hearing",
        "安排听证",
        g.performed_by_handler_or_head,
        (d.hearing_can_be_scheduled,),
        f.ScheduleHearingForm,
    ),
    TransitionSpec(
        "hold_hearing", "举行听证", d.performed_by_designated_chair, (d.hearing_record_complete,), f.HoldHearingForm
    ),
    TransitionSpec(
        "submit_legal_review",
        "提请法制审核",
        g.performed_by_handler,
        (d.party_heard, d.review_not_pending),
        f.SubmitReviewForm,
    ),
    TransitionSpec(
        "pass_legal_review", "法制审核通过", g.performed_by_legal_reviewer, (d.review_pending,), f.PassReviewForm
    ),
    TransitionSpec(
        "return_legal_review", "法制审核退回", g.performed_by_legal_reviewer, (d.review_pending,), f.ReturnReviewForm
    ),
    TransitionSpec(
        "record_collective_discussion",
        "记录集体讨论",
        g.performed_by_head,
        (d.discussion_attendance,),
        f.CollectiveDiscussionForm,
    ),
    TransitionSpec(
        "decide",
        "作出行政处罚决定",
        g.performed_by_head,
        (d.party_heard, d.major_case_reviewed, d.within_notice, rg.no_open_referral),
        f.DecideForm,
    ),
    TransitionSpec("serve", "送达决定书", g.performed_by_handler, (ex.service_lawful,), f.ServeForm),
    TransitionSpec("record_payment", "登记缴款", g.performed_by_handler, (ex.payment_lawful,), f.PaymentForm),
    TransitionSpec(
        "close",
        "结案",
        g.performed_by_head,
        (rg.referral_allows_close, ex.decision_executed, ex.closing_report, ex.documents_issued),
        f.CloseForm,
        needs_handlers=False,
    ),
    TransitionSpec(
        "withdraw", "撤销立案", g.performed_by_head, (rg.no_open_referral,), f.ReasonForm, needs_handlers=False
    ),
    TransitionSpec(
        "transfer",
        "移送有管辖权的机关",
        g.performed_by_head,
        (rg.no_open_referral,),
        f.TransferForm,
        needs_handlers=False,
    ),
    TransitionSpec(
        "refer_to_police",
        "移送公安机关",
        g.performed_by_handler,
        (rg.referral_approved, rg.referral_materials_complete),
        rf.HandOverForm,
    ),
    TransitionSpec(
        "resume_after_referral",
        "恢复行政处理",
        g.performed_by_head,
        (rg.police_finally_declined,),
        rf.ResumeForm,
        needs_handlers=False,
    ),
]

TRANSITIONS: dict[str, TransitionSpec] = {spec.name: spec for spec in _SPECS}


def available_from(status: str) -> list[TransitionSpec]:
    """The transitions whose source includes ``status``, in the table's order."""
    return [spec for spec in _SPECS if status in spec.sources]
