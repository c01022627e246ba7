"""Compelling performance: the written reminder (催告书, 行政强制法 第三十五条) and the application to
the court (强制执行申请书, 第五十四条、第五十五条)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..models import Document
from . import common as c


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
        "fine": c.money(fine) if fine else "",
        "gains": c.money(gains) if gains else "",
        # 行政处罚法 第七十二条第一款第一项: capped at the fine itself.
        "surcharge": c.money(min(surcharge, fine)) if surcharge is not None and fine else "",
    }


def payment_reminder(src: c.Source) -> dict[str, Any]:
    """第三十五条: the deadline, the manner, the sum and how to pay, and the right to state and defend."""
    case = src.case
    decision = _decision_document(case)
    return {
        "parties": c.party_blocks(case),
        "title": case.title,
        "decision_number": decision.number if decision else "",
        "decided_on": c.fmt_date(case.decided_on),
        **_owed(case, src.text("surcharge")),
        "payment": c.payment(src.settings),
        "remedies": c.remedies(src.settings),
        "contact": src.settings.contact,
        "address": case.agency.address,
        "issued_on": c.fmt_date(src.today),
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
    return {
        "court": src.settings.court or "人民法院",
        "applicant": {"name": case.agency.name, "address": case.agency.address, "head": _head_name(case.agency)},
        "parties": c.party_blocks(case),
        "title": case.title,
        "facts": case.facts,
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
        "reminder_issued_on": c.fmt_date(reminder.issued_at.date()) if reminder else "",
        **_owed(case, src.text("surcharge")),
        "party_opinion": src.text("content"),
        "issued_on": c.fmt_date(src.today),
    }
