"""When the documents of serving, execution and closing may be made: the service receipt, the payment reminder,
the application to the court for enforcement, the letters referring a suspected crime or transferring the case,
the closing report and the file index."""

from __future__ import annotations

from cases.models import Case
from kernel.rules import ART_22, Reason

from ..choices import DocumentKind as K
from ..choices import DocumentStatus
from ..kinds import INTERNAL, SPECS
from ..models import Document
from .common import (
    ACEL_35,
    ACEL_54,
    ART_47,
    ART_61,
    OPEN,
    REFERRAL_ART_6,
    Rule,
    S,
    _approved_referral,
    _in_states,
    _needs,
)


def _service_receipt(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, OPEN | {S.CLOSED}, "送达回证", ART_61)
    if reasons:
        return reasons
    served = extra.get("document")
    target = Document.objects.filter(case=case, pk=getattr(served, "pk", served)).first() if served else None
    if target is None:
        return [Reason("no_document_to_serve", "请选择要送达的文书。", ART_61)]
    if SPECS[target.kind].addressed_to == INTERNAL:
        return [Reason("internal_document", f"{target.get_kind_display()}是内部文书，无需送达。", ART_61)]
    if not target.is_current:
        return [Reason("document_corrected", f"{target}已被更正，请送达最新版本。", ART_61)]
    return []


def _decision_documents(case: Case):
    return Document.objects.filter(
        case=case, kind__in=[K.PENALTY_DECISION, K.ON_SPOT_DECISION], superseded_by__isnull=True
    )


def _reminder(case: Case, extra: dict) -> list[Reason]:
    # 行政强制法 第三十五条: the reminder comes after the decision went unperformed, i.e. while executing, and
    # prints what the reminder recorded (``issue_reminder``: the deadline, the manner, the sum on its date).
    reasons = _in_states(case, {S.EXECUTING}, "催告书", ACEL_35)
    if not reasons and not (case.decided_fine_amount or case.decided_illegal_gains):
        reasons.append(Reason("nothing_to_pay", "本案没有需要缴纳的罚款或者没收的违法所得。", ACEL_35))
    return (
        reasons
        or _needs(_decision_documents(case).exists(), "no_decision_document", "尚未制作行政处罚决定书。", ACEL_35)
        or _needs(case.reminders.exists(), "no_reminder_recorded", "请先在“送达与执行”中登记催告。", ACEL_35)
    )


def _enforcement_application(case: Case, extra: dict) -> list[Reason]:
    # 行政强制法 第五十四条、第五十五条: the application the head signed (``apply_to_court``, which waited ten
    # working days, 第六十九条, from the day the reminder was served — cases.Reminder.waits_until).
    return _in_states(case, {S.EXECUTING}, "强制执行申请书", ACEL_54) or _needs(
        case.court_applications.exists(),
        "no_application_recorded",
        "请先在“送达与执行”中登记申请人民法院强制执行（催告书送达十个工作日后，由负责人签署）。",
        ACEL_54,
    )


def _crime_referral(case: Case, extra: dict) -> list[Reason]:
    return _in_states(case, OPEN, "涉嫌犯罪案件移送书", REFERRAL_ART_6) or _needs(
        _approved_referral(case) is not None,
        "referral_not_approved",
        "移送涉嫌犯罪案件须经正职负责人批准。",
        "《行政执法机关移送涉嫌犯罪案件的规定》第五条",
    )


def _case_transfer(case: Case, extra: dict) -> list[Reason]:
    # 第二十二条: the letter that goes with the file to the competent organ, once the head has decided ``transfer``.
    return _in_states(case, {S.TRANSFERRED}, "案件移送函", ART_22) or _needs(
        case.events.filter(name="transfer", event_type="transition").exists(),
        "not_transferred",
        "案件移送函由“移送有管辖权的机关”一步制作。",
        ART_22,
    )


def _closing_report(case: Case, extra: dict) -> list[Reason]:
    # Written for the head's approval before ``close``, or issued by ``close`` from the approved report.
    return _in_states(case, {S.DECIDED, S.EXECUTING, S.REFERRED, S.CLOSED}, "结案报告", ART_47)


def _file_index(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, OPEN | {S.CLOSED}, "案卷目录", ART_47)
    pending = Document.objects.filter(case=case).exclude(status=DocumentStatus.RENDERED).count()
    if not reasons and pending:
        reasons.append(
            Reason("documents_not_rendered", f"尚有{pending}份文书未生成PDF，生成后才能编制案卷目录。", ART_47)
        )
    return reasons


EXECUTION_RULES: dict[str, Rule] = {
    K.SERVICE_RECEIPT: _service_receipt,
    K.PAYMENT_REMINDER: _reminder,
    K.ENFORCEMENT_APPLICATION: _enforcement_application,
    K.CRIME_REFERRAL: _crime_referral,
    K.CASE_TRANSFER: _case_transfer,
    K.CLOSING_REPORT: _closing_report,
    K.FILE_INDEX: _file_index,
}
