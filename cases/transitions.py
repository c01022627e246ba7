"""The contract of the lifecycle (DOMAIN.md, "Transitions: from, to, who") as declarations of the action registry.

For each transition: its Chinese and English names, who performs it, the guards that must return no reasons,
the form of its payload and the service that performs it. ``Case`` holds the state machine itself (django-fsm);
``cases.services.runner.run_transition`` runs these; pages and the API list them (``cases.registry``).

``file`` and ``decide_on_spot`` carry the filing and summary-procedure rules; the steps from the investigation
report to the decision carry the rules of deciding (``guards.deciding``); every step names its performer and,
after a recusal, needs two eligible handlers again. Service, payment and closure carry the rules of execution
(``guards.execution``).
"""

from __future__ import annotations

from .forms import referral as rf
from .forms import transitions as f
from .guards import core as g
from .guards import correction as cg
from .guards import deciding as d
from .guards import discussion as dg
from .guards import execution as ex
from .guards import jurisdiction as jd
from .guards import referral as rg
from .guards import seizure as sz
from .registry import Action, Guard, Perform, register
from .registry import transitions as _transitions
from .services import deciding, execution, referral
from .services import lifecycle as case_services


def transition(
    name: str,
    label: str,
    label_en: str,
    performer: Guard,
    guards: tuple[Guard, ...],
    form: type[f.TransitionForm],
    perform: Perform,
    *,
    needs_handlers: bool = True,
) -> Action:
    return Action(
        name=name,
        label=label,
        label_en=label_en,
        performer=performer,
        guards=guards,
        form=form,
        perform=perform,
        transition=True,
        needs_handlers=needs_handlers,
    )


register(
    transition(
        "file",
        "批准立案",
        "Approve filing",
        g.performed_by_head,
        (
            g.general_procedure_only,
            g.filing_requested,
            g.matter_held_by_agency,
            jd.violation_place_within_area,
            g.limitation_period,
        ),
        f.FileForm,
        case_services.file_case,
    ),
    transition(
        "decline",
        "决定不予立案",
        "Decline to file",
        g.performed_by_head,
        (sz.no_seizure_left_open,),
        f.ReasonForm,
        case_services.decline_case,
        needs_handlers=False,
    ),
    transition(
        "decide_on_spot",
        "当场作出行政处罚决定",
        "Decide on the spot",
        g.performed_by_handler,
        (
            g.summary_procedure_only,
            g.matter_held_by_agency,
            jd.violation_place_within_area,  # 第二十二条: the summary procedure too
            g.limitation_period,
            g.has_parties,
            g.facts_recorded,
            g.summary_penalty_within_limits,
            cg.correction_ordered,
        ),
        f.DecideOnSpotForm,
        case_services.decide_on_spot,
    ),
    transition(
        "conclude_investigation",
        "调查终结",
        "Conclude the investigation",
        g.performed_by_handler,
        (
            d.proposal_stands,
            d.established_facts_stated,
            cg.conditional_fine_after_failure_to_correct,
            cg.illegal_gains_confiscated,
            dg.discussion_grounds_stated,
            dg.discussion_criteria_applied,
        ),
        f.ReportForm,
        deciding.conclude_investigation,
    ),
    transition(
        "revise_proposal",
        "变更处理意见",
        "Revise the proposal",
        g.performed_by_handler,
        (
            d.proposal_needs_revision,
            d.proposal_stands,
            d.established_facts_stated,
            cg.conditional_fine_after_failure_to_correct,
            cg.illegal_gains_confiscated,
            dg.discussion_grounds_stated,
            dg.discussion_criteria_applied,
        ),
        f.ReportForm,
        deciding.revise_proposal,
    ),
    transition(
        "notify",
        "事先告知",
        "Serve the prior notice",
        g.performed_by_handler,
        (d.notice_can_be_served, d.notice_dated_lawfully, d.hearing_grant_reasoned),
        f.NotifyForm,
        deciding.notify_party,
    ),
    transition(
        "record_statement",
        "记录陈述申辩",
        "Record a statement",
        g.performed_by_handler,
        (d.notice_in_force, d.dated_after_service("received_on", "陈述申辩日期")),
        f.StatementForm,
        deciding.record_statement,
    ),
    transition(
        "waive_hearing",
        "记录当事人放弃陈述申辩和听证",
        "Record the party's waiver",
        g.performed_by_handler,
        (d.notice_in_force, d.not_already_waived, d.dated_after_service("waived_on", "放弃日期")),
        f.WaiverForm,
        deciding.waive_hearing,
    ),
    transition(
        "request_hearing",
        "记录听证申请",
        "Record a hearing request",
        g.performed_by_handler,
        (
            d.notice_in_force,
            d.hearing_may_be_requested,
            d.dated_after_service("requested_on", "申请日期"),
            d.posted_in_order,
        ),
        f.HearingRequestForm,
        deciding.request_hearing,
    ),
    transition(
        "schedule_hearing",
        "安排听证",
        "Schedule the hearing",
        g.performed_by_handler_or_head,
        (d.hearing_can_be_scheduled,),
        f.ScheduleHearingForm,
        deciding.schedule_hearing,
    ),
    transition(
        "hold_hearing",
        "举行听证",
        "Hold the hearing",
        d.performed_by_designated_chair,
        (d.no_pending_chair_recusal, d.hearing_record_complete, d.transcript_checked_and_signed),
        f.HoldHearingForm,
        deciding.hold_hearing,
    ),
    transition(
        "submit_legal_review",
        "提请法制审核",
        "Submit for legal review",
        g.performed_by_handler,
        (d.party_heard, d.review_not_pending),
        f.SubmitReviewForm,
        deciding.submit_legal_review,
    ),
    transition(
        "pass_legal_review",
        "法制审核通过",
        "Pass the legal review",
        g.performed_by_legal_reviewer,
        (d.review_pending, d.review_dated_lawfully),
        f.PassReviewForm,
        deciding.pass_legal_review,
    ),
    transition(
        "return_legal_review",
        "法制审核退回",
        "Return from legal review",
        g.performed_by_legal_reviewer,
        (d.review_pending, d.review_dated_lawfully),
        f.ReturnReviewForm,
        deciding.return_legal_review,
    ),
    transition(
        "decide",
        "作出行政处罚决定",
        "Decide",
        g.performed_by_head,
        (
            d.party_heard,
            d.major_case_reviewed,
            dg.collective_discussion_held,
            d.within_notice,
            d.no_penalty_ground_stated,
            d.decision_dated_lawfully,
            d.decision_rests_on_heard_evidence,
            cg.conditional_fine_after_failure_to_correct,
            cg.correction_ordered,
            rg.no_open_referral,
        ),
        f.DecideForm,
        deciding.decide_case,
    ),
    transition(
        "serve",
        "送达决定书",
        "Serve the decision",
        g.performed_by_handler,
        (rg.served_while_referred, ex.service_lawful),
        f.ServeForm,
        execution.serve_decision,
    ),
    transition(
        "record_payment",
        "登记缴款",
        "Record a payment",
        g.performed_by_handler,
        (ex.payment_lawful,),
        f.PaymentForm,
        execution.record_payment,
    ),
    transition(
        "close",
        "结案",
        "Close the case",
        g.performed_by_head,
        (rg.referral_allows_close, ex.decision_executed, ex.closing_report, sz.no_seizure_left_open),
        f.CloseForm,
        execution.close_case,
        needs_handlers=False,
    ),
    transition(
        "withdraw",
        "撤销立案",
        "Withdraw the case",
        g.performed_by_head,
        (rg.no_open_referral, sz.no_seizure_left_open),
        f.ReasonForm,
        case_services.withdraw_case,
        needs_handlers=False,
    ),
    transition(
        "transfer",
        "移送有管辖权的机关",
        "Transfer to the competent organ",
        g.performed_by_head,
        (rg.no_open_referral, sz.no_seizure_left_open),
        f.TransferForm,
        case_services.transfer_case,
        needs_handlers=False,
    ),
    transition(
        "refer_to_police",
        "移送公安机关",
        "Refer to the police",
        g.performed_by_handler,
        (rg.referral_approved, rg.police_organ_named, rg.referral_materials_complete),
        rf.HandOverForm,
        referral.refer_to_police,
    ),
    transition(
        "resume_after_referral",
        "恢复行政处理",
        "Resume after the referral",
        g.performed_by_head,
        (rg.police_finally_declined,),
        rf.ResumeForm,
        referral.resume_after_referral,
        needs_handlers=False,
    ),
)

TRANSITIONS = _transitions()
