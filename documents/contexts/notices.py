"""Notices to the party before the decision: evidence preservation (第五十六条), the prior notice
(第四十四条), the right to a hearing (第六十三条) and the hearing notice (第六十四条)."""

from __future__ import annotations

from typing import Any

from cases.selectors import current_notice
from officers.models import policy_for

from . import common as c


def preservation_notice(src: c.Source) -> dict[str, Any]:
    """先行登记保存 (第五十六条): the items, where they are kept, and the 7-day disposal."""
    items = [line.strip() for line in src.text("items").splitlines() if line.strip()]
    return {
        "parties": c.party_blocks(src.case),
        "title": src.case.title,
        "items": items,
        "place": src.text("place"),
        "officers": c.officer_blocks(src.case, src.today),
        "issued_on": c.fmt_date(src.today),
    }


def penalty_notice(src: c.Source) -> dict[str, Any]:
    """事先告知 (第四十四条): the intended penalty, facts, reasons, basis and the party's rights."""
    case = src.case
    notice = current_notice(case)
    assert notice is not None, "documents.rules issues notices only after the notice is recorded"
    return {
        "parties": c.party_blocks(case),
        "title": case.title,
        "facts": notice.facts,
        "reasons": notice.reasons,
        "basis": notice.basis,
        "provisions": c.provisions(case),
        "penalty": c.penalty_lines(
            kinds=list(notice.penalty_kinds),
            fine=notice.fine_amount,
            gains=notice.illegal_gains,
            confiscation=notice.confiscation,
        ),
        "rights": notice.rights,
        "statement_days": policy_for(case.agency).statement_period_working_days,
        "statement_due": c.fmt_date(notice.statement_due),
        "hearing_right": notice.hearing_right,
        "hearing_request_due": c.fmt_date(notice.hearing_request_due),
        "provisional": notice.provisional,
        "served_on": c.fmt_date(notice.served_on),
        "contact": src.settings.contact,
        "address": case.agency.address,
    }


def hearing_rights_notice(src: c.Source) -> dict[str, Any]:
    """听证告知 (第六十三条、第六十四条第一项): request within five working days (第八十五条)."""
    case = src.case
    notice = current_notice(case)
    assert notice is not None, "documents.rules issues notices only after the notice is recorded"
    return {
        "parties": c.party_blocks(case),
        "title": case.title,
        "penalty": c.penalty_lines(
            kinds=list(notice.penalty_kinds),
            fine=notice.fine_amount,
            gains=notice.illegal_gains,
            confiscation=notice.confiscation,
        ),
        "hearing_request_due": c.fmt_date(notice.hearing_request_due),
        "provisional": notice.provisional,
        "contact": src.settings.contact,
        "address": case.agency.address,
    }


def hearing_notice(src: c.Source) -> dict[str, Any]:
    """听证通知 (第六十四条第二项至第六项): time, place, chair, publicity, agents, recusal, absence."""
    case = src.case
    notice = current_notice(case)
    assert notice is not None, "documents.rules issues the hearing notice only once a hearing is scheduled"
    hearing = notice.hearing
    return {
        "parties": c.party_blocks(case),
        "title": case.title,
        "requested_on": c.fmt_date(hearing.requested_on),
        "hearing_on": c.fmt_date(hearing.hearing_on),
        "place": hearing.place,
        "chair": hearing.chair.name if hearing.chair else "",
        "public": hearing.public,
        "not_public_reason": hearing.not_public_reason,
        "contact": src.settings.contact,
    }
