"""Services of deciding lawfully: the proposal, the notice and the party's answer, the hearing,
the legal review, the collective discussion and the decision (行政处罚法 第四十四条至第六十五条)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from officers.models import Officer, policy_for
from officers.selectors import officer_for_user

from ..analysis import analyse_report
from ..choices import HearingGrant, HearingOutcome, Outcome, ReviewOutcome
from ..major import hearing_grounds, major_reasons
from ..models import (
    Case,
    Hearing,
    InvestigationReport,
    LegalReview,
    Notice,
    Statement,
    Waiver,
)
from ..selectors import current_notice, current_report
from .runner import run_transition

REPORT_FIELDS = (
    "report",
    "facts",
    "correction",
    "violation_ended",
    "outcome",
    "no_penalty_ground",
    "transfer_organ",
    "penalty_kinds",
    "fine_amount",
    "illegal_gains",
    "illegal_gains_found",
    "gains_refunded",
    "confiscation",
    "confiscation_value",
    "base_amount",
    "tier",
    "circumstances",
    "outside_tier_justification",
    "mitigation_ground",
    "major_public_interest",
    "major_rights",
    "complex_facts",
    "complex_circumstances",
    "complex_circumstances_reason",
    "serious_violation",
    "serious_violation_reason",
)
STATUTORY_RIGHTS = (
    "当事人有权进行陈述和申辩（《中华人民共和国行政处罚法》第四十五条）；"
    "行政机关不得因当事人陈述、申辩而给予更重的处罚。"
)
HEARING_RIGHT = "当事人有权要求听证，应当在收到本告知书后五个工作日内提出（第六十三条、第六十四条）。"


def refresh_major(case: Case) -> None:
    """Recompute ``is_major`` and ``major_reasons`` from the current proposal (never typed)."""
    report = current_report(case, "tier__benchmark__matter")
    hearing_held = Hearing.objects.filter(notice__case=case, outcome=HearingOutcome.HELD).exists()
    outside = analyse_report(report, on=timezone.localdate()).outside_tier if report else False
    reasons = major_reasons(
        report=report,
        party_kinds={p.kind for p in case.parties.all()},
        hearing_held=hearing_held,
        outside_tier=outside,
        policy=policy_for(case.agency),
    )
    case.is_major = bool(reasons)
    case.major_reasons = [r.as_dict() for r in reasons]


def void_pass(case: Case, *, reason: str) -> LegalReview | None:
    """A material change after a pass voids it (a changed proposal, new evidence)."""
    review = case.reviews.filter(outcome=ReviewOutcome.PASSED, voided_at__isnull=True).order_by("-pk").first()
    if review is not None:
        review.voided_at, review.void_reason = timezone.now(), reason
        review.save(update_fields=["voided_at", "void_reason"])
    return review


def _write_report(case: Case, actor, fields: dict[str, Any]) -> dict[str, Any]:
    current = current_report(case)
    last = current.version if current else 0
    report = InvestigationReport.objects.create(
        case=case, version=last + 1, created_by=actor, **{k: fields[k] for k in REPORT_FIELDS if k in fields}
    )
    case.proposed_penalty_kinds = sorted(report.penalty_kinds)
    case.proposed_fine_amount = report.fine_amount
    case.proposed_illegal_gains = report.illegal_gains
    case.proposed_confiscation = report.confiscation
    voided = void_pass(case, reason="处理意见变更")
    refresh_major(case)
    recorded = {k: v for k, v in fields.items() if k != "tier"}
    recorded.update(version=report.version, tier=report.tier_id, voided_pass=voided.pk if voided else None)
    return recorded


def conclude_investigation(*, case: Case, actor, **fields: Any) -> Case:
    """调查终结: the report and the proposed outcome, checked against the benchmark."""
    return run_transition(
        case=case,
        name="conclude_investigation",
        actor=actor,
        data=fields,
        apply=lambda c: _write_report(c, actor, fields),
    )


def revise_proposal(*, case: Case, actor, **fields: Any) -> Case:
    """变更处理意见 after a return: a new version of the proposal, to be notified anew."""
    write = lambda c: _write_report(c, actor, fields)  # noqa: E731
    return run_transition(case=case, name="revise_proposal", actor=actor, data=fields, apply=write)


def notify_party(
    *,
    case: Case,
    actor,
    served_on: datetime.date,
    facts: str,
    reasons: str,
    basis: str,
    rights: str = "",
    hearing_granted_under: str = "",
    hearing_granted_reason: str = "",
) -> Case:
    """事先告知 (第四十四条): the intended penalty, facts, reasons, basis and rights, and when it was served.

    The hearing right follows from the penalty (第六十三条第一款第一项至第四项 and the agency's thresholds and
    reading of 第五项), or is granted by the handler under 第五项 or 第六项 with the reason."""
    granted_reason = hearing_granted_reason.strip()
    data = {
        "served_on": served_on,
        "facts": facts,
        "reasons": reasons,
        "basis": basis,
        "hearing_granted_under": hearing_granted_under,
        "hearing_granted_reason": granted_reason,
    }

    def apply(c: Case) -> dict[str, Any]:
        report = current_report(c)
        assert report is not None, "the notify guards require a proposal"
        grounds = hearing_grounds(
            penalty=report, party_kinds={p.kind for p in c.parties.all()}, policy=policy_for(c.agency)
        )
        if hearing_granted_under:
            grant = HearingGrant(hearing_granted_under).label
            grounds.append(f"承办人依{grant}告知：{granted_reason}")
        # The windows it opens (statement, hearing request) are stored once, as deadline rows, by the deadline
        # listener from this step's event (deadlines.kinds): nothing is counted here.
        notice = Notice.objects.create(
            case=c,
            report=report,
            facts=facts,
            reasons=reasons,
            basis=basis,
            rights=rights or (STATUTORY_RIGHTS + (HEARING_RIGHT if grounds else "")),
            hearing_right=bool(grounds),
            hearing_granted_under=hearing_granted_under,
            hearing_granted_reason=granted_reason,
            served_on=served_on,
            created_by=actor,
            **{k: getattr(report, k) for k in ("penalty_kinds", "fine_amount", "illegal_gains", "confiscation")},
            confiscation_value=report.confiscation_value,
        )
        return {
            **data,
            "notice": notice.pk,
            "hearing_right": notice.hearing_right,
            "hearing_grounds": grounds,
        }

    return run_transition(case=case, name="notify", actor=actor, data=data, apply=apply)


def _current_notice(case: Case) -> Notice:
    notice = current_notice(case)
    assert notice is not None, "only a notified case reaches the steps after notice"
    return notice


def record_statement(
    *, case: Case, actor, received_on: datetime.date, content: str, answer: str, adopted: bool = False
) -> Case:
    """陈述、申辩 and the agency's answer (第四十五条)."""
    data = {"received_on": received_on, "content": content, "answer": answer, "adopted": adopted}

    def apply(c: Case) -> dict[str, Any]:
        statement = Statement.objects.create(notice=_current_notice(c), recorded_by=actor, **data)
        return {**data, "statement": statement.pk}

    return run_transition(case=case, name="record_statement", actor=actor, data=data, apply=apply)


def waive_hearing(*, case: Case, actor, waived_on: datetime.date, note: str) -> Case:
    """The party's express waiver (第六十二条): it ends the waiting, never the notice."""
    data = {"waived_on": waived_on, "note": note}

    def apply(c: Case) -> dict[str, Any]:
        Waiver.objects.create(notice=_current_notice(c), recorded_by=actor, **data)
        return data

    return run_transition(case=case, name="waive_hearing", actor=actor, data=data, apply=apply)


def request_hearing(*, case: Case, actor, requested_on: datetime.date, posted_on: datetime.date | None = None) -> Case:
    """要求听证 (第六十四条第一项: 告知后五日内). A request sent by post is in time when posted in time
    (期间不包括在途时间): ``posted_on`` is the postmark."""
    data = {"requested_on": requested_on, "posted_on": posted_on}

    def apply(c: Case) -> dict[str, Any]:
        hearing = Hearing.objects.create(notice=_current_notice(c), requested_on=requested_on, posted_on=posted_on)
        return {**data, "hearing": hearing.pk}

    return run_transition(case=case, name="request_hearing", actor=actor, data=data, apply=apply)


def schedule_hearing(
    *,
    case: Case,
    actor,
    chair: Officer,
    hearing_notice_served_on: datetime.date,
    hearing_on: datetime.date,
    place: str,
    public: bool = True,
    not_public_reason: str = "",
    agents: list[str] | None = None,
) -> Case:
    """听证通知 (第六十四条第二项: 七日前通知) and the designated chair."""
    data = {
        "chair": chair,
        "hearing_notice_served_on": hearing_notice_served_on,
        "hearing_on": hearing_on,
        "place": place,
        "public": public,
        "not_public_reason": not_public_reason,
        "agents": agents or [],
    }

    def apply(c: Case) -> dict[str, Any]:
        hearing = Hearing.objects.get(notice=_current_notice(c))
        for key, value in data.items():
            setattr(hearing, key, value)
        hearing.save()
        return {**data, "chair": {"id": chair.pk, "name": chair.name}}

    return run_transition(case=case, name="schedule_hearing", actor=actor, data=data, apply=apply)


def hold_hearing(
    *,
    case: Case,
    actor,
    outcome: str,
    ended_on: datetime.date,
    transcript: str = "",
    report: str = "",
    transcript_signature: str = "",
    signature_refusal_note: str = "",
) -> Case:
    """听证笔录 and 听证报告, or the end of the hearing for the party's absence (第六十四条第六项). A transcript is
    checked and signed by the party or its agent, or the refusal is noted by the chair (第六十四条第八项)."""
    data = {
        "outcome": outcome,
        "ended_on": ended_on,
        "transcript": transcript,
        "report": report,
        "transcript_signature": transcript_signature,
        "signature_refusal_note": signature_refusal_note.strip(),
    }

    def apply(c: Case) -> dict[str, Any]:
        Hearing.objects.filter(notice=_current_notice(c)).update(**data)
        refresh_major(c)  # 第五十八条第一款第二项: a hearing held makes the decision major
        return data

    return run_transition(case=case, name="hold_hearing", actor=actor, data=data, apply=apply)


def submit_legal_review(*, case: Case, actor, note: str = "") -> Case:
    def apply(c: Case) -> dict[str, Any]:
        report = current_report(c)
        assert report is not None, "the review guards require a proposal"
        review = LegalReview.objects.create(case=c, report=report, submitted_by=actor, submission_note=note)
        c.legal_review_requested_at = c.legal_review_requested_at or timezone.now()
        return {"note": note, "review": review.pk, "report_version": report.version}

    return run_transition(case=case, name="submit_legal_review", actor=actor, data={"note": note}, apply=apply)


def _decide_review(case: Case, actor, **changes: Any) -> LegalReview:
    review = case.reviews.filter(outcome=ReviewOutcome.PENDING).order_by("-pk").first()
    assert review is not None, "the review guards require a pending review"
    for key, value in changes.items():
        setattr(review, key, value)
    review.reviewer = officer_for_user(actor)
    review.decided_at = timezone.now()
    review.save()
    return review


def pass_legal_review(*, case: Case, actor, opinions: str = "", reviewed_on: datetime.date | None = None) -> Case:
    """法制审核通过 (第五十八条), on ``reviewed_on`` (today when not given)."""
    data = {"opinions": opinions, "reviewed_on": reviewed_on or timezone.localdate()}

    def apply(c: Case) -> dict[str, Any]:
        review = _decide_review(c, actor, outcome=ReviewOutcome.PASSED, **data)
        return {"review": review.pk, **data}

    return run_transition(case=case, name="pass_legal_review", actor=actor, data=data, apply=apply)


def return_legal_review(
    *, case: Case, actor, back_to: str, opinions: str, reviewed_on: datetime.date | None = None
) -> Case:
    """退回 with written opinions: supplementary investigation, or a changed proposal and a new notice."""
    data = {"back_to": back_to, "opinions": opinions, "reviewed_on": reviewed_on or timezone.localdate()}

    def apply(c: Case) -> dict[str, Any]:
        review = _decide_review(
            c,
            actor,
            outcome=ReviewOutcome.RETURNED,
            opinions=opinions,
            returned_to=back_to,
            reviewed_on=data["reviewed_on"],
        )
        return {**data, "review": review.pk}

    return run_transition(
        case=case, name="return_legal_review", actor=actor, data=data, apply=apply, method_kwargs={"back_to": back_to}
    )


def decide_case(
    *,
    case: Case,
    actor,
    outcome: str,
    decided_on: datetime.date,
    decided_penalty_kinds: list[str] | None = None,
    decided_fine_amount: Decimal | None = None,
    decided_illegal_gains: Decimal | None = None,
    decided_confiscation: str = "",
    decided_confiscation_value: Decimal | None = None,
    no_penalty_ground: str = "",
) -> Case:
    """作出行政处罚决定 (第五十七条、第五十九条): within the notice; documents and clocks follow in issue 5.
    Not to punish, the ground (第三十条、第三十一条、第三十三条) is the one decided here, or else the proposal's."""
    if outcome == Outcome.NO_PENALTY and not no_penalty_ground:
        report = current_report(case)
        if report is not None and report.outcome == Outcome.NO_PENALTY:
            no_penalty_ground = report.no_penalty_ground
    data = {
        "outcome": outcome,
        "no_penalty_ground": no_penalty_ground if outcome == Outcome.NO_PENALTY else "",
        "decided_on": decided_on,
        "decided_penalty_kinds": sorted(decided_penalty_kinds or []),
        "decided_fine_amount": decided_fine_amount,
        "decided_illegal_gains": decided_illegal_gains,
        "decided_confiscation": decided_confiscation,
        "decided_confiscation_value": decided_confiscation_value,
    }

    def apply(c: Case) -> dict[str, Any]:
        c.decided_on = decided_on
        c.decided_penalty_kinds = data["decided_penalty_kinds"]
        c.decided_fine_amount = decided_fine_amount
        c.decided_illegal_gains = decided_illegal_gains
        c.decided_confiscation = decided_confiscation
        c.decided_confiscation_value = decided_confiscation_value
        return data

    return run_transition(case=case, name="decide", actor=actor, data=data, apply=apply)
