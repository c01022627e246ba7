"""Internal records of the file, numbered with the case number: the filing approval, inspection and
inquiry records (第五十五条), the hearing transcript (第六十四条第八项), the legal review opinion
(第五十八条), the collective discussion (第五十七条第二款) and the closing report."""

from __future__ import annotations

from typing import Any

from cases.choices import ReviewOutcome
from cases.selectors import current_notice, current_report
from events.catalogue.deciding import Filed
from events.catalogue.people import FilingRequested

from . import common as c


def _event(case, name: str):
    return case.events.filter(name=name).order_by("-seq").first()


def _case_head(case) -> dict[str, Any]:
    return {
        "case_number": case.number,
        "title": case.title,
        "matter": f"{case.matter.name}（{case.matter.code}）",
        "source": case.get_source_display(),
        "source_detail": case.source_detail,
        "violation_date": c.fmt_date(case.violation_date),
        "discovered_on": c.fmt_date(case.discovered_on),
        "location": case.location,
        "facts": case.facts,
    }


def filing_approval(src: c.Source) -> dict[str, Any]:
    """立案审批表 (第五十四条): the handlers' request and the head's approval."""
    case = src.case
    filed = _event(case, "file")
    requested = case.events.filter(event_type="filing_requested").order_by("-seq").first()
    return {
        **_case_head(case),
        "parties": c.party_blocks(case),
        "provisions": c.provisions(case),
        "officers": c.officer_blocks(case, src.today),
        "requested_at": c.fmt_datetime(case.filing_requested_at),
        "request_opinion": requested.data_as(FilingRequested).opinion if requested else "",
        "requested_by": requested.actor_name if requested else "",
        "approved_by": filed.actor_name if filed else "",
        "approval_opinion": filed.data_as(Filed).opinion if filed else "",
        "filed_on": c.fmt_date(case.filed_on),
    }


def investigation_record(src: c.Source) -> dict[str, Any]:
    """现场检查（勘验）笔录 / 询问笔录 (第五十五条): certificates shown, what was found or said.
    What the form leaves empty is printed as lines to fill in by hand on site."""
    case = src.case
    return {
        **_case_head(case),
        "parties": c.party_blocks(case),
        "officers": c.officer_blocks(case, src.today),
        "place": src.text("place"),
        "started_at": src.text("started_at"),
        "ended_at": src.text("ended_at"),
        "interviewee": src.text("interviewee"),
        "content": src.text("content"),
    }


def hearing_transcript(src: c.Source) -> dict[str, Any]:
    """听证笔录 (第六十四条第八项), checked and signed by the party or its agent."""
    case = src.case
    notice = current_notice(case)
    assert notice is not None, "documents.rules refuses the transcript without a hearing held"
    hearing = notice.hearing
    return {
        **_case_head(case),
        "parties": c.party_blocks(case),
        "officers": c.officer_blocks(case, src.today),
        "chair": hearing.chair.name if hearing.chair else "",
        "hearing_on": c.fmt_date(hearing.hearing_on),
        "ended_on": c.fmt_date(hearing.ended_on),
        "place": hearing.place,
        "public": hearing.public,
        "not_public_reason": hearing.not_public_reason,
        "agents": list(hearing.agents or []),
        "outcome": hearing.get_outcome_display(),
        "transcript": hearing.transcript,
        "report": hearing.report,
        "signature": hearing.get_transcript_signature_display() if hearing.transcript_signature else "",
        "signature_refusal_note": hearing.signature_refusal_note,
    }


def legal_review_opinion(src: c.Source) -> dict[str, Any]:
    """法制审核意见书 with the 案件处理内部审批表 (第五十八条)."""
    case = src.case
    review = (
        case.reviews.exclude(outcome=ReviewOutcome.PENDING)
        .select_related("report", "reviewer")
        .order_by("-decided_at", "-pk")
        .first()
    )
    assert review is not None, "documents.rules refuses the opinion without a decided review"
    report = review.report
    return {
        **_case_head(case),
        "parties": c.party_blocks(case),
        "report_version": report.version,
        "outcome_proposed": report.get_outcome_display(),
        "penalty": c.penalty_lines(
            kinds=list(report.penalty_kinds),
            fine=report.fine_amount,
            gains=report.illegal_gains,
            confiscation=report.confiscation,
        ),
        "major_reasons": [r.get("detail", "") for r in case.major_reasons or []],
        "submitted_at": c.fmt_datetime(review.submitted_at),
        "submission_note": review.submission_note,
        "reviewer": review.reviewer.name if review.reviewer else "",
        "decided_at": c.fmt_datetime(review.decided_at),
        "outcome": review.get_outcome_display(),
        "passed": review.outcome == ReviewOutcome.PASSED,
        "opinions": review.opinions,
        "voided": bool(review.voided_at),
        "void_reason": review.void_reason,
    }


def collective_discussion(src: c.Source) -> dict[str, Any]:
    """集体讨论记录 (第五十七条第二款): its purpose, at least two heads, who presided, each opinion, the conclusion —
    of the discussion the issuing step recorded (``extra["discussion"]``), else the latest."""
    case = src.case
    discussions = case.discussions.prefetch_related("attendees").select_related("presided_by")
    named = src.extra.get("discussion")
    discussion = (discussions.filter(pk=named).first() if named else None) or discussions.order_by(
        "-held_on", "-pk"
    ).first()
    assert discussion is not None, "documents.rules refuses the record without a discussion"
    return {
        **_case_head(case),
        "parties": c.party_blocks(case),
        "purpose": discussion.get_purpose_display(),
        "held_on": c.fmt_date(discussion.held_on),
        "attendees": [o.name for o in discussion.attendees.all()],
        "presided_by": discussion.presided_by.name if discussion.presided_by else "",
        "opinions": discussion.opinions,
        "conclusion": discussion.conclusion,
        "recorded_by": getattr(getattr(discussion.recorded_by, "officer", None), "name", "")
        or discussion.recorded_by.get_username(),
        "major_reasons": _discussion_grounds(case),
    }


def _discussion_grounds(case) -> list[str]:
    """Why the case came before the heads: the report's answers under 第五十七条第二款, then why it is major."""
    report = current_report(case)
    grounds = []
    if report is not None and report.complex_circumstances:
        grounds.append(f"情节复杂：{report.complex_circumstances_reason or '—'}")
    if report is not None and report.serious_violation:
        grounds.append(f"重大违法行为：{report.serious_violation_reason or '—'}")
    return grounds + [r.get("detail", "") for r in case.major_reasons or []]


def closing_report(src: c.Source) -> dict[str, Any]:
    """结案报告: what was decided and how it was executed."""
    case = src.case
    executed = [
        {"label": "送达" if e.name == "serve" else "缴纳罚款", "at": c.fmt_datetime(e.created_at), "by": e.actor_name}
        for e in case.events.filter(name__in=["serve", "record_payment"]).order_by("seq")
    ]
    return {
        **_case_head(case),
        "parties": c.party_blocks(case),
        "officers": c.officer_blocks(case, src.today),
        "status": case.get_status_display(),
        "filed_on": c.fmt_date(case.filed_on),
        "decided_on": c.fmt_date(case.decided_on),
        "penalty": c.penalty_lines(
            kinds=list(case.decided_penalty_kinds),
            fine=case.decided_fine_amount,
            gains=case.decided_illegal_gains,
            confiscation=case.decided_confiscation,
        ),
        "executed": executed,
        "summary": src.text("content"),
    }
