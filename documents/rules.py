"""Guards of issuing: each returns the reasons a document cannot be issued now (empty: it may be).

The same lists reach the case page (why a button is greyed), the API (409 with reasons) and the
tests. A document is issued only when the record it prints exists: a decision document once the
case is decided, a hearing notice once the hearing is scheduled, a file index once every other
document has its PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cases.choices import CaseStatus, Procedure, ReviewOutcome
from cases.models import Case
from cases.models.referral import PoliceReferral
from cases.selectors import current_notice, is_active_handler, no_penalty_ground
from kernel.rules import ART_22, ART_33, ART_42, ART_44, ART_52, ART_56, ART_57, ART_58, ART_64, Reason
from officers.models import Officer

from .choices import DocumentKind as K
from .choices import DocumentStatus
from .contexts.correction import correction_order_for
from .contexts.decision_correction import decision_correction_for
from .contexts.recusal import chair_application, handler_application
from .kinds import ACEL, APL, INTERNAL, SPECS, KindSpec
from .models import Document, document_settings_for
from .seizure_rules import SEIZURE_RULES

S = CaseStatus
ART_59 = f"{APL}第五十九条"
ART_59_5 = f"{APL}第五十九条第一款第五项"
ART_52_2 = f"{APL}第五十二条第二款"
ART_57_1 = f"{APL}第五十七条第一款"
ART_61 = f"{APL}第六十一条"
ART_47 = f"{APL}第四十七条"
ART_75_2 = f"{APL}第七十五条第二款"
ACEL_35 = f"{ACEL}第三十五条"
ACEL_54 = f"{ACEL}第五十四条"
REFERRAL_ART_6 = "《行政执法机关移送涉嫌犯罪案件的规定》第六条"

# Filed and not yet finished: the states in which the file still grows.
OPEN = frozenset(
    {
        S.INVESTIGATING,
        S.INVESTIGATED,
        S.NOTIFIED,
        S.HEARING,
        S.LEGAL_REVIEW,
        S.DELIBERATION,
        S.DECIDED,
        S.EXECUTING,
        S.REFERRED,
    }
)
AFTER_NOTICE = frozenset({S.NOTIFIED, S.HEARING, S.LEGAL_REVIEW, S.DELIBERATION, S.DECIDED, S.EXECUTING})

Rule = Callable[[Case, dict[str, Any]], list[Reason]]


def _in_states(case: Case, states, label: str, article: str = "") -> list[Reason]:
    if case.status in states:
        return []
    current = CaseStatus(case.status).label
    return [Reason("wrong_state", f"案件当前处于“{current}”阶段，不能制作{label}。", article)]


def _hearing(case: Case):
    notice = current_notice(case)
    return getattr(notice, "hearing", None) if notice else None


def _decided_review(case: Case):
    return case.reviews.exclude(outcome=ReviewOutcome.PENDING).order_by("-decided_at", "-pk").first()


def _approved_referral(case: Case) -> PoliceReferral | None:
    return case.referrals.filter(approved=True).order_by("-submitted_at", "-pk").first()


def current_documents(case: Case, kind: str):
    """The documents of ``kind`` on the case that no later version corrects."""
    return Document.objects.filter(case=case, kind=kind, superseded_by__isnull=True)


def _needs(found: bool, code: str, detail: str, article: str) -> list[Reason]:
    return [] if found else [Reason(code, detail, article)]


def _filing_approval(case: Case, extra: dict) -> list[Reason]:
    return _in_states(case, OPEN | {S.CLOSED}, "立案审批表", f"{APL}第五十四条")


def _investigation_record(label: str) -> Rule:
    def rule(case: Case, extra: dict) -> list[Reason]:
        return _in_states(case, {S.INVESTIGATING, S.INVESTIGATED}, label, f"{APL}第五十五条")

    return rule


def _recusal_decision(case: Case, extra: dict) -> list[Reason]:
    # 第四十三条第三款、第六十四条第四项: the decision on an application of this case the head has decided.
    found = handler_application(case, extra) is not None or chair_application(case, extra) is not None
    detail = "回避决定书须对应本案一项负责人已经决定的回避申请（由“决定回避申请”制作）。"
    return _in_states(case, OPEN, "回避决定书", f"{APL}第四十三条") or _needs(
        found, "no_recusal_decision", detail, f"{APL}第四十三条、第六十四条第四项"
    )


def _preservation(case: Case, extra: dict) -> list[Reason]:
    # 第五十六条: evidence is preserved while it is being collected, with the head's approval.
    return _in_states(case, {S.INVESTIGATING}, "先行登记保存证据通知书", ART_56)


def _sampling(case: Case, extra: dict) -> list[Reason]:
    # 第五十六条: samples are taken while evidence is collected; the notice lists a recorded sampling.
    found = case.samplings.filter(pk=extra.get("sampling") or 0).exists()
    return _in_states(case, {S.INVESTIGATING}, "抽样取证通知书", ART_56) or _needs(
        found, "no_sampling", "请先登记“抽样取证”（样品清单），再制作抽样取证通知书。", ART_56
    )


def _preservation_disposal(case: Case, extra: dict) -> list[Reason]:
    # 第五十六条: the decision on preserved evidence names a preservation of the case that was disposed of.
    item = case.preservations.filter(pk=extra.get("preservation") or 0).first()
    return _in_states(case, OPEN, "先行登记保存证据处理决定书", ART_56) or _needs(
        bool(item and item.disposed_on),
        "preservation_not_disposed",
        "尚未对先行登记保存的证据作出处理决定，请先完成“对先行登记保存的证据作出处理决定”。",
        ART_56,
    )


def _correction_notice(case: Case, extra: dict) -> list[Reason]:
    # 行政处罚法 第二十八条第一款: the notice of an order the case records.
    found = correction_order_for(case, extra) is not None
    return _needs(found, "no_correction_order", "本案尚未责令改正，不能制作责令改正通知书。", f"{APL}第二十八条第一款")


def _penalty_notice(case: Case, extra: dict) -> list[Reason]:
    return _in_states(case, AFTER_NOTICE - {S.DECIDED, S.EXECUTING}, "行政处罚事先告知书", ART_44) or _needs(
        current_notice(case) is not None, "no_notice", "尚未记录事先告知的内容，请先完成“事先告知”。", ART_44
    )


def _hearing_rights(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, {S.NOTIFIED, S.HEARING}, "听证告知书", f"{APL}第六十三条")
    notice = current_notice(case)
    return reasons or _needs(
        bool(notice and notice.hearing_right),
        "no_hearing_right",
        "拟作出的处罚不属于应当告知听证权利的情形。",
        f"{APL}第六十三条",
    )


def _hearing_notice(case: Case, extra: dict) -> list[Reason]:
    hearing = _hearing(case)
    return _in_states(case, {S.HEARING}, "听证通知书", ART_64) or _needs(
        bool(hearing and hearing.hearing_on), "hearing_not_scheduled", "尚未确定听证的时间、地点和主持人。", ART_64
    )


def _hearing_transcript(case: Case, extra: dict) -> list[Reason]:
    hearing = _hearing(case)
    return _in_states(case, AFTER_NOTICE, "听证笔录", ART_64) or _needs(
        bool(hearing and hearing.concluded), "hearing_not_held", "听证尚未举行或终止，没有听证笔录。", ART_64
    )


def _review_opinion(case: Case, extra: dict) -> list[Reason]:
    return _in_states(case, OPEN, "法制审核意见书", ART_58) or _needs(
        _decided_review(case) is not None, "no_review", "尚无已作出的法制审核意见。", ART_58
    )


def _discussion(case: Case, extra: dict) -> list[Reason]:
    return _in_states(case, OPEN, "集体讨论记录", ART_57) or _needs(
        case.discussions.exists(), "no_discussion", "尚未记录集体讨论。", ART_57
    )


def remedy_bodies_reasons(agency, *, article: str = ART_59_5) -> list[Reason]:
    """The decision states the route of its remedies (行政处罚法 第五十九条第一款第五项, 第五十二条第二款): the
    reconsideration organ and the court are named from the agency's document settings, never a placeholder —
    a decision that does not name the organ stretches the party's window from 60 days to up to a year
    (行政复议法 第二十条第三款), while execution would wait 60 days."""
    settings = document_settings_for(agency)
    reasons = []
    if not settings.reconsideration_organ.strip():
        reasons.append(
            Reason(
                "reconsideration_organ_not_configured",
                f"{agency.short_name}尚未设置行政复议机关：决定书应当载明申请行政复议的途径，"
                "请在管理后台“执法文书参数”中填写后再作出决定。",
                article,
            )
        )
    if not settings.court.strip():
        reasons.append(
            Reason(
                "court_not_configured",
                f"{agency.short_name}尚未设置管辖人民法院：决定书应当载明提起行政诉讼的途径，"
                "请在管理后台“执法文书参数”中填写后再作出决定。",
                article,
            )
        )
    return reasons


def remedy_bodies_named(ctx) -> list[Reason]:
    """Guard on ``decide`` and ``decide_on_spot`` (registered by this app): the decision issued with the step
    names the reconsideration organ and the court (行政处罚法 第五十九条第一款第五项, 第五十二条第二款), so the
    refusal comes before the decision is recorded, not after it, when its document could not be issued. On
    ``correct_decision`` the same for a change: its 变更行政处罚决定书 states the remedies too (第七十五条第二款)."""
    if ctx.action == "correct_decision" and ctx.data.get("outcome") != "changed":
        return []
    article = ART_52_2 if ctx.action == "decide_on_spot" else ART_59_5
    return remedy_bodies_reasons(ctx.case.agency, article=article)


def _decision(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, {S.DECIDED, S.EXECUTING}, "行政处罚决定书", ART_59)
    if not reasons and case.procedure != Procedure.GENERAL:
        reasons.append(Reason("summary_procedure", "当场处罚的案件制作当场行政处罚决定书。", ART_52))
    if not reasons and not case.decided_penalty_kinds:
        reasons.append(Reason("no_penalty_decided", "本案未决定给予行政处罚。", ART_59))
    return reasons or remedy_bodies_reasons(case.agency)


def _no_penalty(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, {S.DECIDED, S.EXECUTING, S.CLOSED}, "不予行政处罚决定书", ART_57_1)
    if not reasons and (case.procedure != Procedure.GENERAL or case.decided_penalty_kinds):
        reasons.append(Reason("penalty_decided", "本案决定给予行政处罚，应当制作行政处罚决定书。", ART_59))
    if not reasons and not no_penalty_ground(case):
        # 第五十七条第一款第二项: the decision cites the ground the law names — there is no stock phrase for it.
        reasons.append(
            Reason(
                "no_penalty_ground_missing",
                "本案未记录不予行政处罚的法定理由（第三十条、第三十一条、第三十三条），不能制作不予行政处罚决定书。",
                ART_33,
            )
        )
    return reasons or remedy_bodies_reasons(case.agency)


def _on_spot(case: Case, extra: dict) -> list[Reason]:
    reasons = _in_states(case, {S.DECIDED, S.EXECUTING}, "当场行政处罚决定书", ART_52)
    if not reasons and case.procedure != Procedure.SUMMARY:
        reasons.append(Reason("general_procedure", "普通程序的案件制作行政处罚决定书。", ART_59))
    return reasons or remedy_bodies_reasons(case.agency, article=ART_52_2)


def _decision_correction(outcome: str, label: str) -> Rule:
    """第七十五条第二款: the document of a change or revocation the head recorded (``correct_decision``); a change
    names the remedy bodies as the decision does (第五十九条第一款第五项)."""

    def rule(case: Case, extra: dict) -> list[Reason]:
        found = decision_correction_for(case, extra, outcome) is not None
        verb = label[:2]
        reasons = _needs(found, "no_decision_correction", f"本案尚未{verb}行政处罚决定，不能制作{label}。", ART_75_2)
        if reasons or outcome != "changed":
            return reasons
        return remedy_bodies_reasons(case.agency)

    return rule


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


RULES: dict[str, Rule] = {
    K.FILING_APPROVAL: _filing_approval,
    K.INSPECTION_RECORD: _investigation_record("现场检查（勘验）笔录"),
    K.INQUIRY_RECORD: _investigation_record("询问笔录"),
    K.RECUSAL_DECISION: _recusal_decision,
    K.SAMPLING_NOTICE: _sampling,
    K.PRESERVATION_NOTICE: _preservation,
    K.PRESERVATION_DISPOSAL: _preservation_disposal,
    K.CORRECTION_NOTICE: _correction_notice,
    **SEIZURE_RULES,
    K.PENALTY_NOTICE: _penalty_notice,
    K.HEARING_RIGHTS_NOTICE: _hearing_rights,
    K.HEARING_NOTICE: _hearing_notice,
    K.HEARING_TRANSCRIPT: _hearing_transcript,
    K.LEGAL_REVIEW_OPINION: _review_opinion,
    K.COLLECTIVE_DISCUSSION: _discussion,
    K.PENALTY_DECISION: _decision,
    K.ON_SPOT_DECISION: _on_spot,
    K.NO_PENALTY_DECISION: _no_penalty,
    K.DECISION_CHANGE: _decision_correction("changed", "变更行政处罚决定书"),
    K.DECISION_REVOCATION: _decision_correction("revoked", "撤销行政处罚决定书"),
    K.SERVICE_RECEIPT: _service_receipt,
    K.PAYMENT_REMINDER: _reminder,
    K.ENFORCEMENT_APPLICATION: _enforcement_application,
    K.CRIME_REFERRAL: _crime_referral,
    K.CASE_TRANSFER: _case_transfer,
    K.CLOSING_REPORT: _closing_report,
    K.FILE_INDEX: _file_index,
}
assert set(RULES) == set(SPECS)


def performer_reasons(case: Case, officer: Officer | None) -> list[Reason]:
    """Documents are issued by the case's handlers or the agency's heads (行政处罚法 第四十二条)."""
    if officer is None:
        return [Reason("not_an_officer", "当前账号未关联执法机关工作人员。", "")]
    if officer.agency_id == case.agency_id and officer.is_head:
        return []
    if is_active_handler(case, officer):
        return []
    return [Reason("not_handler_or_head", "只有本案承办人或本机关负责人才能制作执法文书。", ART_42)]


def correction_reasons(case: Case, spec: KindSpec, correction_of: Document | None, reason: str) -> list[Reason]:
    """A correction is a new version of the latest version of a document of the same case and kind."""
    if correction_of is None:
        return []
    if correction_of.case_id != case.pk or correction_of.kind != spec.kind:
        return [Reason("wrong_document", f"所更正的文书不是本案的{spec.label}。", ART_47)]
    if not correction_of.is_current:
        return [Reason("already_corrected", f"{correction_of}已被更正，请更正其最新版本。", ART_47)]
    if not reason.strip():
        return [Reason("correction_reason_required", "更正文书应当说明理由。", ART_47)]
    return []


def issue_reasons(
    *,
    case: Case,
    kind: str,
    officer: Officer | None,
    extra: dict[str, Any] | None = None,
    correction_of: Document | None = None,
    reason: str = "",
    automatic: bool = False,
) -> list[Reason]:
    """Every reason ``officer`` may not issue a document of ``kind`` on ``case`` now; empty when they may.

    ``automatic``: the step recording the act issues it (``documents.steps``); the step's guards have
    already checked who acts, so only the document's own rules apply.
    """
    spec = SPECS[kind]
    reasons = [] if automatic else performer_reasons(case, officer)
    # A lead outside the agency's jurisdiction is transferred before any filing (第二十二条): its letter carries
    # its own 文号 and needs no case number.
    if not case.number and kind not in ISSUED_BEFORE_FILING:
        reasons.append(Reason("not_filed", "案件尚未立案编号，不能制作执法文书。", f"{APL}第五十四条"))
        return reasons
    reasons += RULES[kind](case, extra or {})
    reasons += single_reasons(case, spec, correction_of)
    reasons += correction_reasons(case, spec, correction_of, reason)
    return reasons


ISSUED_BEFORE_FILING = frozenset({K.CASE_TRANSFER})

# One per case: a second one would give the same act a second 文号. A change is a corrected version.
SINGLE = frozenset({K.FILING_APPROVAL, K.PENALTY_DECISION, K.ON_SPOT_DECISION, K.NO_PENALTY_DECISION, K.CLOSING_REPORT})


def single_reasons(case: Case, spec: KindSpec, correction_of: Document | None) -> list[Reason]:
    if spec.kind not in SINGLE or correction_of is not None:
        return []
    existing = current_documents(case, spec.kind).order_by("-pk").first()
    if existing is None:
        return []
    return [
        Reason(
            "already_issued",
            f"本案已制作{spec.label}（{existing.number}）；如需修改，请制作更正版本。",
            ART_47,
        )
    ]


def closing_document_reasons(case: Case, *, closing: bool = False) -> list[Reason]:
    """Every document the file must hold, issued (行政处罚法 第四十七条). ``closing``: asked by ``close``,
    which issues the 结案报告 itself from the approved report."""
    return [
        Reason("document_missing", f"结案前应当制作{SPECS[kind].label}。", ART_47)
        for kind in missing_closing_kinds(case, closing=closing)
    ]


def missing_closing_kinds(case: Case, *, closing: bool = False) -> list[str]:
    """The kinds the file still lacks before closing: the filing approval, notice and decision, the
    hearing, review and discussion records the case went through, the service receipt of the decision,
    the referral letter, the closing report (unless ``closing``: ``close`` issues it)."""
    required: list[str] = [] if closing else [K.CLOSING_REPORT]
    if case.procedure == Procedure.SUMMARY:
        if case.decided_penalty_kinds:
            required.append(K.ON_SPOT_DECISION)
    else:
        required.append(K.FILING_APPROVAL)
        if case.notices.exists():
            required.append(K.PENALTY_NOTICE)
        if case.decided_penalty_kinds:
            required.append(K.PENALTY_DECISION)
        elif case.decided_on:
            required.append(K.NO_PENALTY_DECISION)  # 第五十七条第一款第二项
        hearing = _hearing(case)
        if hearing is not None and hearing.hearing_on:
            required.append(K.HEARING_NOTICE)
        if hearing is not None and hearing.concluded:
            required.append(K.HEARING_TRANSCRIPT)
        if _decided_review(case) is not None:
            required.append(K.LEGAL_REVIEW_OPINION)
        if case.discussions.exists():
            required.append(K.COLLECTIVE_DISCUSSION)
    if case.services.filter(document__in=["decision", "on_spot_decision"]).exists():
        required.append(K.SERVICE_RECEIPT)  # 第六十一条: the decision's 送达回证
    if case.events.filter(name="refer_to_police").exists():
        required.append(K.CRIME_REFERRAL)
    issued = set(
        Document.objects.filter(case=case, superseded_by__isnull=True).values_list("kind", flat=True).distinct()
    )
    return [kind for kind in required if kind not in issued]


def documents_issued(ctx) -> list[Reason]:
    """Guard on ``close`` (registered by this app): every document the file must hold is issued (行政处罚法
    第四十七条) — the filing approval, the notice and the decision, the hearing, review and discussion records the
    case went through, the service receipt, the referral letter. The 结案报告 is issued by ``close`` itself from
    the report the head approves."""
    return closing_document_reasons(ctx.case, closing=True)
