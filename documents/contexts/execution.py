"""Compelling performance: the written reminder (催告书, 行政强制法 第三十五条) and the application to
the court (强制执行申请书, 第五十四条、第五十五条). The dates they print — the payment deadline the party missed,
the end of the remedy periods, the reminder's ten working days, the application's last day — are the stored
deadlines (``deadlines.selectors.deadline_of``), the same the guards, the page and the API read."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from cases.guards.execution.clocks import remedies_end, remedy_windows
from deadlines.selectors import deadline_of
from kernel.money import in_words

from ..models import Document
from . import common as c
from .decision import established_facts


def _decision_document(case):
    return (
        Document.objects.filter(
            case=case, kind__in=["penalty_decision", "on_spot_decision"], superseded_by__isnull=True
        )
        .order_by("-issued_at", "-pk")
        .first()
    )


def _latest(case, kind: str):
    return Document.objects.filter(case=case, kind=kind, superseded_by__isnull=True).order_by("-pk").first()


def _owed(case, surcharge_text: str) -> dict[str, Any]:
    fine = case.decided_fine_amount
    gains = case.decided_illegal_gains
    try:
        surcharge = Decimal(surcharge_text) if surcharge_text else None
    except ArithmeticError:
        surcharge = None
    return {
        "fine": in_words(fine) if fine else "",
        "gains": in_words(gains) if gains else "",
        # 行政处罚法 第七十二条第一款第一项: capped at the fine itself.
        "surcharge": in_words(min(surcharge, fine)) if surcharge is not None and fine else "",
    }


def payment_reminder(src: c.Source) -> dict[str, Any]:
    """第三十五条: the deadline, the manner, the sum and how to pay, and the right to state and defend —
    as recorded by the reminder (cases.Reminder: the amounts are the ledger's on its date)."""
    case = src.case
    decision = _decision_document(case)
    reminder = case.reminders.order_by("-pk").first()
    assert reminder is not None, "documents.rules refuses the 催告书 until the reminder is recorded"
    gains = reminder.amount - reminder.fine_outstanding - reminder.surcharge
    # 行政处罚法 第六十七条第三款: the payment deadline the decision set (the stored deadline ``payment``); after an
    # approved deferral or instalments the reminder speaks of those, not of this day.
    payment = deadline_of(case.pk, "payment")
    missed = payment.due_on if payment is not None and not case.arrangements.exists() else None
    return {
        "parties": c.party_blocks(case),
        "title": case.title,
        "decision_number": decision.number if decision else "",
        "decided_on": c.fmt_date(case.decided_on),
        "fine": in_words(reminder.fine_outstanding) if reminder.fine_outstanding else "",
        "gains": in_words(gains) if gains > 0 else "",
        "surcharge": in_words(reminder.surcharge) if reminder.surcharge else "",
        "amount": in_words(reminder.amount),
        "performance_deadline": c.fmt_date(reminder.performance_deadline),
        "payment_due_on": c.fmt_date(missed),
        "manner": reminder.manner,
        "payment": c.payment(src.settings),
        "remedies": c.remedies(src.settings),
        "contact": src.settings.contact,
        "address": case.agency.address,
        "issued_on": c.fmt_date(reminder.issued_on),
    }


def _head_name(agency) -> str:
    head = agency.officers.filter(is_principal_head=True, is_active=True).order_by("pk").first()
    return head.name if head else ""


def enforcement_application(src: c.Source) -> dict[str, Any]:
    """第五十五条: the application with the decision, the party's opinion and the reminder, the object;
    signed by the head, sealed and dated."""
    case = src.case
    decision = _decision_document(case)
    reminder = _latest(case, "payment_reminder")
    served = case.reminders.filter(service__isnull=False).select_related("service").order_by("-pk").first()
    return {
        "court": src.settings.court or "人民法院",
        "applicant": {"name": case.agency.name, "address": case.agency.address, "head": _head_name(case.agency)},
        "parties": c.party_blocks(case),
        "title": case.title,
        "facts": established_facts(case) or case.facts,  # an on-the-spot case has no report: its own record
        "provisions": c.provisions(case),
        "decision_number": decision.number if decision else "",
        "decided_on": c.fmt_date(case.decided_on),
        "penalty": c.penalty_lines(
            kinds=list(case.decided_penalty_kinds),
            fine=case.decided_fine_amount,
            gains=case.decided_illegal_gains,
            confiscation=case.decided_confiscation,
        ),
        "reminder_number": reminder.number if reminder else "",
        "reminder_issued_on": c.fmt_date(timezone.localdate(reminder.issued_at)) if reminder else "",
        "reminder_served_on": c.fmt_date(served.served_on) if served else "",
        **_waited(case, served),
        **_owed(case, src.text("surcharge")),
        **_applied(case),
        "remedy_history": remedy_history(case),
        "party_statements": _statements(case),
        "suspensions": execution_suspensions(case),
        "agreements": execution_agreements(case),
        "no_statement": _no_statement(case, served),
        "party_opinion": src.text("content"),
        "issued_on": c.fmt_date(src.today),
    }


def _statements(case) -> list[dict[str, str]]:
    """行政强制法 第三十六条、第五十五条第三项: what the party stated after the reminder and the agency's review of it
    (cases.PartyStatement), printed under 当事人的意见."""
    return [
        {
            "received_on": c.fmt_date(s.received_on),
            "content": s.content,
            "review": s.get_review_display() if s.review else "尚未复核",
            "reasons": s.review_reasons,
            "reviewed_on": c.fmt_date(s.reviewed_on) if s.reviewed_on else "",
        }
        for s in case.party_statements.order_by("received_on", "pk")
    ]


def execution_suspensions(case) -> list[dict[str, str]]:
    """行政强制法 第三十九条: each 中止执行 as recorded (cases.ExecutionSuspension) — its ground, facts and dates, and
    the resumption once the ground was gone; the court learns why enforcement paused."""
    return [
        {
            "ground": s.get_ground_display(),
            "facts": s.facts,
            "suspended_on": c.fmt_date(s.suspended_on),
            "resumed_on": c.fmt_date(s.resumed_on),
            "resume_reason": s.resume_reason,
        }
        for s in case.execution_suspensions.order_by("suspended_on", "pk")
    ]


def execution_agreements(case) -> list[dict[str, str]]:
    """行政强制法 第四十二条: each 执行协议 as recorded (cases.ExecutionAgreement) — its terms, the party's remedial
    measures and the surcharge relieved — and its breach, after which enforcement resumed (第二款)."""
    return [
        {
            "agreed_on": c.fmt_date(a.agreed_on),
            "terms": a.terms,
            "remedial_measures": a.remedial_measures,
            "relief": in_words(a.surcharge_relief) if a.surcharge_relief else "",
            "breached_on": c.fmt_date(a.breached_on),
            "breach_note": a.breach_note,
        }
        for a in case.execution_agreements.order_by("agreed_on", "pk")
    ]


def _no_statement(case, served) -> str:
    """行政强制法 第三十五条第四项、第三十六条: when no statement after the reminder is recorded, what the record
    shows — the reminder served on its day and the ten days that passed (``reminder_wait``) without one — not a stock
    phrase."""
    if case.party_statements.exists():
        return ""
    if served is None:
        return "本案未登记催告书的送达，亦未登记被申请人的陈述、申辩。"
    wait = deadline_of(case.pk, "reminder_wait", ref=str(served.pk))
    until = f"至{c.fmt_date(wait.due_on)}" if wait is not None else "后"
    return (
        f"被申请人于{c.fmt_date(served.served_on)}收到催告书，{until}，申请人未收到其陈述、申辩，"
        "案卷中没有被申请人在催告后提出陈述、申辩的记录。"
    )


def _waited(case, served) -> dict[str, str]:
    """行政强制法 第五十三条、第五十四条: the stored deadlines the application waited for — the reminder's ten working
    days (``reminder_wait``), and the three months after the remedy periods (``court_application``)."""
    wait = deadline_of(case.pk, "reminder_wait", ref=str(served.pk)) if served is not None else None
    window = deadline_of(case.pk, "court_application")
    end = remedies_end(remedy_windows(case))
    return {
        "reminder_waited_until": c.fmt_date(wait.due_on) if wait else "",
        "remedies_end_on": c.fmt_date(end.due_on) if end else "",
        "window_closes_on": c.fmt_date(window.due_on) if window else "",
    }


def _applied(case) -> dict[str, Any]:
    """What the recorded application (cases.CourtApplication) asks: the court and the sum owed on its date."""
    application = case.court_applications.order_by("-pk").first()
    if application is None:
        return {}
    return {
        "court": application.court,
        "amount": in_words(application.amount),
        "filed_on": c.fmt_date(application.filed_on),
    }


def remedy_history(case) -> list[dict[str, str]]:
    """行政强制法 第五十三条、第五十五条: what the party did about the decision — each 行政复议, 行政诉讼 or appeal as
    recorded (cases.Remedy), with its organ, number, outcome and dates; an empty list says none was brought."""
    return [
        {
            "kind": remedy.get_kind_display(),
            "filed_on": c.fmt_date(remedy.filed_on),
            "organ": remedy.organ,
            "reference": remedy.reference,
            "outcome": remedy.get_outcome_display() if remedy.outcome else "",
            "decided_on": c.fmt_date(remedy.decided_on),
            "received_on": c.fmt_date(remedy.received_on),
            "changed_fine": in_words(remedy.changed_fine_amount) if remedy.changed_fine_amount is not None else "",
        }
        for remedy in case.remedies.order_by("filed_on", "pk")
    ]
