"""The steps of execution beside the lifecycle, declared in the registry (``cases.registry``): the hand-over of
money collected on the spot, deferral and instalments, remedies and their outcomes, the reminder and its service,
the court application and its outcome, and the scanned 送达回证 (行政处罚法 第六十一条、第六十六条至第七十三条;
行政强制法 第三十五条至第三十八条、第五十三条至第五十八条; 行政复议法 第二十条、第二十九条; 行政诉讼法 第四十五条、
第四十六条). ``serve``, ``record_payment`` and ``close`` are transitions (``cases.transitions``); the service of the
other documents is the documents app's (``documents.actions``).

Each action's guards are the rules of ``guards.execution``, named; with an empty payload they say whether the step
can be taken now, which is what the case page's 送达与执行 section offers (``cases.views.execution``).
"""

from __future__ import annotations

from typing import Any

from ..choices import CaseStatus, EventType
from ..forms import execution as forms
from ..guards import core as g
from ..guards import execution as ex
from ..guards import self_correction as corr
from ..models import Case
from ..models.compulsion import ExecutionAgreement, ExecutionSuspension, PartyStatement
from ..models.execution import CourtApplication, Payment, Reminder, Service
from ..models.remedies import Remedy
from ..registry import Action, record_named, register
from ..services import execution as services
from ..services import lifecycle
from ..services.execution import compulsion, payments, remedies
from .states import EVERY_STATE

EXECUTING = frozenset({CaseStatus.EXECUTING})
REMEDY_STATES = frozenset(ex.REMEDY_STATES)
# Where an on-the-spot decision can be filed with the agency: from the decision on, a late filing included.
AFTER_DECISION = frozenset({CaseStatus.DECIDED, CaseStatus.EXECUTING, CaseStatus.REFERRED, CaseStatus.CLOSED})
# Where a pending court application can still be answered: the case may close on payment meanwhile.
# 行政处罚法 第九条; 《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款: performed under a served decision, also
# while the case stands referred.
PERFORMANCE_STATES = frozenset({CaseStatus.EXECUTING, CaseStatus.REFERRED})
AFTER_SERVICE = frozenset({CaseStatus.EXECUTING, CaseStatus.REFERRED, CaseStatus.CLOSED})


def pending_remedy(case: Case, data: dict[str, Any]) -> Remedy | None:
    return case.remedies.filter(outcome="").first()


def unserved_reminder(case: Case, data: dict[str, Any]) -> Reminder | None:
    return ex.unserved_reminder(case)


def unreviewed_statement(case: Case, data: dict[str, Any]) -> PartyStatement | None:
    return ex.unreviewed_statement(case)


def running_suspension(case: Case, data: dict[str, Any]) -> ExecutionSuspension | None:
    return ex.running_suspension(case)


def agreement_in_force(case: Case, data: dict[str, Any]) -> ExecutionAgreement | None:
    return ex.agreement_in_force(case)


def pending_application(case: Case, data: dict[str, Any]) -> CourtApplication | None:
    return case.court_applications.filter(outcome="").first()


def _pk(record) -> int | None:
    return record.pk if record is not None else None


# --- what the page and the API call with a form's cleaned data ------------------------------------------------


def _handover(*, case: Case, actor, payment: Payment | None, **data: Any) -> Payment:
    return payments.handover(case=case, actor=actor, payment=_pk(payment), **data)


def _remedy_outcome(*, case: Case, actor, **data: Any) -> Remedy:
    return remedies.remedy_outcome(case=case, actor=actor, remedy=_pk(pending_remedy(case, data)), **data)


def _serve_reminder(*, case: Case, actor, **data: Any) -> Reminder:
    return compulsion.reminder_service(case=case, actor=actor, reminder=_pk(ex.unserved_reminder(case)), **data)


def _review_statement(*, case: Case, actor, **data: Any) -> PartyStatement:
    return services.review_party_statement(case=case, actor=actor, statement=_pk(ex.unreviewed_statement(case)), **data)


def _court_outcome(*, case: Case, actor, **data: Any) -> CourtApplication:
    return compulsion.court_outcome(case=case, actor=actor, application=_pk(pending_application(case, data)), **data)


def _attach_receipt(*, case: Case, actor, service: Service, file) -> Service:
    try:
        file.seek(0)
        head = file.read(64)
        file.seek(0)
        return services.attach_service_receipt(
            service=service,
            actor=actor,
            stream=file,
            original_filename=file.name or "receipt",
            head=head,
            size=file.size,
        )
    finally:
        file.close()


register(
    Action(
        name="file_on_spot_decision",
        label="当场处罚决定报机关备案",
        label_en="File the on-the-spot decision with the agency",
        performer=ex.handler_or_head("on_spot_filed_by_handler_or_head", "登记当场处罚决定的备案"),
        guards=(g.decided_on_the_spot_unfiled, g.on_spot_filing_dated),
        form=forms.OnSpotFilingForm,
        perform=lifecycle.file_on_spot_decision,
        event_type=EventType.ON_SPOT_FILED,
        states=AFTER_DECISION,
        section="execution",
        summary="执法人员当场作出的行政处罚决定，报所属行政机关备案（第五十二条第三款）；法律未规定期限",
    ),
    Action(
        name="record_handover",
        label="登记当场收缴罚款的上交",
        label_en="Record the hand-over of money collected on the spot",
        performer=ex.handover_recorded_by_handler_or_head,
        guards=(ex.collection_to_hand_over, ex.handover_lawful),
        form=forms.HandoverForm,
        perform=_handover,
        event_type=EventType.EXECUTION,
        states=frozenset({CaseStatus.EXECUTING, CaseStatus.REFERRED}),
        section="execution",
        target=record_named(Payment, "payment"),
        summary="当场收缴的罚款二日内交至行政机关（水上自抵岸之日起），再二日内缴付指定银行（第七十一条）",
    ),
    Action(
        name="approve_arrangement",
        label="批准暂缓或者分期缴纳",
        label_en="Approve a deferral or instalments",
        performer=ex.arrangement_approved_by_head,
        guards=(ex.fine_left_to_arrange, ex.arrangement_applied_dated, ex.hardship_stated, ex.arrangement_terms),
        form=forms.ArrangementForm,
        perform=services.approve_arrangement,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        summary="当事人确有经济困难，申请暂缓或者分期缴纳罚款，负责人批准（第六十六条第二款）",
    ),
    Action(
        name="file_remedy",
        label="登记行政复议或者行政诉讼",
        label_en="Record a reconsideration or a suit",
        performer=ex.remedy_recorded_by_handler_or_head,
        guards=(
            ex.remedy_against_a_decision,
            ex.remedy_filing_dated,
            ex.remedy_posting_dated,
            ex.one_remedy_at_a_time,
            ex.appeal_follows_first_instance,
            ex.remedy_organ_named,
        ),
        form=forms.RemedyForm,
        perform=services.file_remedy,
        event_type=EventType.REMEDY,
        states=REMEDY_STATES,
        section="execution",
        summary="复议期间不得起诉（行政复议法第二十九条）；加处罚款不予计算（行政处罚法第七十三条）",
    ),
    Action(
        name="record_remedy_outcome",
        label="登记复议决定或者裁判结果",
        label_en="Record the outcome of a reconsideration or a suit",
        performer=ex.remedy_outcome_recorded_by_handler_or_head,
        guards=(ex.remedy_to_decide, ex.remedy_outcome_dated, ex.changed_fine_lawful),
        form=forms.RemedyOutcomeForm,
        perform=_remedy_outcome,
        event_type=EventType.REMEDY,
        states=REMEDY_STATES,
        section="execution",
        target=pending_remedy,
        summary="变更不得加重当事人义务；变更、撤销、确认违法或者无效的，已公开的决定三日内撤回（第四十八条第二款）",
    ),
    Action(
        name="correct_decision",
        label="自行纠正行政处罚决定",
        label_en="Correct the agency's own decision",
        performer=corr.corrected_by_head,
        guards=(
            corr.decision_to_correct,
            corr.correction_reasons_stated,
            corr.correction_dated,
            corr.corrected_not_heavier,
        ),
        form=forms.DecisionCorrectionForm,
        perform=remedies.correct_decision,
        event_type=EventType.REMEDY,
        states=REMEDY_STATES,
        section="execution",
        summary="发现决定有错误的主动改正（第七十五条第二款）：变更不得加重当事人义务，或者撤销；已公开的三个工作日内撤回"
        "（第四十八条第二款）",
    ),
    Action(
        name="issue_reminder",
        label="催告当事人履行",
        label_en="Issue a reminder",
        performer=ex.reminder_issued_by_handler_or_head,
        guards=(
            ex.execution_not_halted,
            ex.reminder_issue_dated,
            ex.party_in_default,
            ex.earlier_reminder_served,
            ex.reminder_terms,
        ),
        form=forms.ReminderForm,
        perform=services.issue_reminder,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        summary="当事人逾期不履行的，书面催告：履行期限、方式、金额，陈述申辩的权利（行政强制法第三十五条）",
    ),
    Action(
        name="serve_reminder",
        label="登记催告书送达",
        label_en="Record the service of the reminder",
        performer=ex.reminder_service_recorded_by_handler_or_head,
        guards=(ex.reminder_to_serve, ex.reminder_service_dated, ex.reminder_service_method),
        form=forms.ReminderServiceForm,
        perform=_serve_reminder,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        target=unserved_reminder,
        summary="直接送达，拒收或者无法直接送达的依照民事诉讼法（行政强制法第三十八条）；送达十个工作日后才能申请强制执行",
    ),
    Action(
        name="record_performance",
        label="登记处罚决定的履行",
        label_en="Record the performance of the decision",
        performer=ex.performance_recorded_by_handler_or_head,
        guards=(ex.performance_of_a_decided_kind, ex.performance_after_service),
        form=forms.PerformanceForm,
        perform=services.record_performance,
        event_type=EventType.EXECUTION,
        states=PERFORMANCE_STATES,
        section="execution",
        summary="警告、责令停产停业、暂扣或者吊销许可证件等不以缴款履行的处罚，登记履行的种类和日期（行政处罚法第九条）；"
        "移送公安机关前作出的警告，责令停产停业，暂扣或者吊销许可证、执照的决定不停止执行"
        "（《行政执法机关移送涉嫌犯罪案件的规定》第十一条第二款）",
    ),
    Action(
        name="record_party_statement",
        label="登记催告后的陈述、申辩",
        label_en="Record the party's statement after the reminder",
        performer=ex.statement_recorded_by_handler_or_head,
        guards=(ex.statement_after_served_reminder, ex.statement_received_dated, ex.statement_stated),
        form=forms.PartyStatementForm,
        perform=services.record_party_statement,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        summary="当事人收到催告书后有权进行陈述和申辩，行政机关应当记录（行政强制法第三十六条）",
    ),
    Action(
        name="review_party_statement",
        label="复核陈述、申辩",
        label_en="Review the party's statement",
        performer=ex.statement_reviewed_by_handler_or_head,
        guards=(ex.statement_to_review, ex.statement_review_dated, ex.review_reasoned),
        form=forms.StatementReviewForm,
        perform=_review_statement,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        target=unreviewed_statement,
        summary="对当事人提出的事实、理由和证据进行复核，成立的应当采纳；不予采纳的说明理由（行政强制法第三十六条）",
    ),
    Action(
        name="apply_to_court",
        label="申请人民法院强制执行",
        label_en="Apply to the court for enforcement",
        performer=ex.court_application_signed_by_head,
        guards=(
            ex.execution_not_halted,
            ex.court_application_dated,
            ex.court_named,
            ex.something_to_enforce,
            ex.no_application_pending,
            ex.no_remedy_pending,
            corr.changed_decision_served,
            ex.within_court_window,
            ex.reminder_waited,
            corr.reminder_after_change,
            ex.statements_reviewed,
        ),
        form=forms.CourtApplicationForm,
        perform=services.apply_to_court,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        summary="复议、诉讼期限（或者暂缓、分期期限）届满后三个月内，催告书送达十个工作日后，负责人签名"
        "（行政强制法第五十三条至第五十五条）",
    ),
    Action(
        name="suspend_execution",
        label="中止执行",
        label_en="Suspend execution",
        performer=ex.suspension_recorded_by_handler_or_head,
        guards=(
            ex.not_yet_terminated,
            ex.agency_executes,
            ex.something_to_enforce,
            ex.execution_not_halted,
            ex.suspension_dated,
            ex.grounds_stated,
        ),
        form=forms.SuspensionForm,
        perform=services.suspend_execution,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        summary="当事人确有困难、第三人主张权利、难以弥补的损失或者其他情形，中止执行；中止期间不催告、不申请强制执行"
        "（行政强制法第三十九条第一款）",
    ),
    Action(
        name="resume_execution",
        label="恢复执行",
        label_en="Resume execution",
        performer=ex.resumption_recorded_by_handler_or_head,
        guards=(ex.suspension_to_end, ex.resumption_dated, ex.ground_gone),
        form=forms.ResumptionForm,
        perform=services.resume_execution,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        target=running_suspension,
        summary="中止执行的情形消失后，行政机关应当恢复执行（行政强制法第三十九条第二款）",
    ),
    Action(
        name="terminate_execution",
        label="终结执行",
        label_en="Terminate execution",
        performer=ex.termination_recorded_by_handler_or_head,
        guards=(
            ex.not_yet_terminated,
            ex.agency_executes,
            ex.termination_dated,
            ex.grounds_stated,
            ex.three_years_suspended,
        ),
        form=forms.TerminationForm,
        perform=services.terminate_execution,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        summary="第四十条的情形，或者确无能力履行、中止执行满三年未恢复的，终结执行，案件可以结案"
        "（行政强制法第四十条、第三十九条第二款）",
    ),
    Action(
        name="conclude_execution_agreement",
        label="达成执行协议",
        label_en="Conclude an execution agreement",
        performer=ex.agreement_approved_by_head,
        guards=(
            ex.not_yet_terminated,
            ex.agency_executes,
            ex.something_to_enforce,
            ex.execution_not_halted,
            ex.agreement_dated,
            ex.public_interest_unharmed,
            ex.agreement_terms,
        ),
        form=forms.AgreementForm,
        perform=services.conclude_execution_agreement,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        summary="不损害公共利益和他人合法权益，可以约定分阶段履行；当事人采取补救措施的，可以减免加处罚款"
        "（行政强制法第四十二条第一款）",
    ),
    Action(
        name="record_agreement_breach",
        label="登记不履行执行协议",
        label_en="Record a breach of the execution agreement",
        performer=ex.breach_recorded_by_handler_or_head,
        guards=(ex.agreement_to_breach, ex.breach_dated, ex.breach_described),
        form=forms.AgreementBreachForm,
        perform=services.record_agreement_breach,
        event_type=EventType.EXECUTION,
        states=EXECUTING,
        section="execution",
        target=agreement_in_force,
        summary="当事人不履行执行协议的，行政机关应当恢复强制执行，减免的加处罚款不再适用（行政强制法第四十二条第二款）",
    ),
    Action(
        name="record_court_outcome",
        label="登记法院裁定",
        label_en="Record the court's ruling",
        performer=ex.court_outcome_recorded_by_handler_or_head,
        guards=(ex.application_to_decide, ex.court_outcome_dated),
        form=forms.CourtOutcomeForm,
        perform=_court_outcome,
        event_type=EventType.EXECUTION,
        states=AFTER_SERVICE,
        section="execution",
        target=pending_application,
        summary="不予受理、准予执行或者不予执行（行政强制法第五十六条至第五十八条）",
    ),
    Action(
        name="attach_service_receipt",
        label="上传送达回证",
        label_en="Attach the signed service receipt",
        performer=ex.receipt_filed_by_handler_or_head,
        guards=(ex.receipt_case_open, ex.receipt_not_yet_filed),
        form=forms.ServiceReceiptForm,
        perform=_attach_receipt,
        event_type=EventType.EVIDENCE_ADDED,
        states=EVERY_STATE,
        section="execution",
        target=record_named(Service, "service"),
        multipart=True,
        summary="签收的送达回证（或者邮寄回执）扫描件存入对象存储，记录SHA-256（第六十一条、第四十七条）",
    ),
)
