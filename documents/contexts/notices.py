"""Notices to the party before the decision: evidence preservation (第五十六条), the prior notice
(第四十四条), the right to a hearing (第六十三条) and the hearing notice (第六十四条)."""

from __future__ import annotations

from typing import Any

from cases.models import EvidencePreservation
from cases.selectors import current_notice
from deadlines.selectors import deadline_of
from officers.models import policy_for

from ..evidence import evidence_lines
from ..models import Document
from . import common as c


def _item_lines(items: list[dict[str, str]]) -> list[str]:
    return ["，".join(v for v in (i.get("name", ""), i.get("quantity", "")) if v) for i in items]


def preservation_notice(src: c.Source) -> dict[str, Any]:
    """先行登记保存 (第五十六条): the items, where they are kept, and the 7-day disposal. Issued by the registration
    (``preserve_evidence``) from the recorded preservation; by hand, from the items typed in."""
    item = _preservation_of(src)
    if item is not None:
        items, place = _item_lines(item.items), item.place
    else:
        items = [line.strip() for line in src.text("items").splitlines() if line.strip()]
        place = src.text("place")
    return {
        "preservation": item.pk if item else None,
        "parties": c.party_blocks(src.case),
        "title": src.case.title,
        "items": items,
        "place": place,
        # Registered before the head approved (an agency's sector rule): the approval follows within 24 hours.
        "approved": item is None or item.approved_at is not None,
        "registered_at": c.fmt_datetime(item.registered_at) if item else "",
        "disposal_due": c.fmt_date(_disposal_due(item)),
        "officers": c.officer_blocks(src.case, src.today),
        "issued_on": c.fmt_date(src.today),
    }


def preservation_disposal(src: c.Source) -> dict[str, Any]:
    """对先行登记保存的证据作出的处理决定 (第五十六条): what becomes of each item, decided on which day."""
    item = _preservation_of(src)
    assert item is not None and item.disposed_on, "documents.rules issues it only for a disposed preservation"
    return {
        "parties": c.party_blocks(src.case),
        "title": src.case.title,
        "items": _item_lines(item.items),
        "registered_on": c.fmt_date(item.registered_on),
        "notice_number": _notice_number(src, item.pk),
        "disposal": item.get_disposal_display(),
        "disposal_kind": item.disposal,
        "note": item.disposal_note,
        "decided_on": c.fmt_date(item.disposed_on),
        "officers": c.officer_blocks(src.case, src.today),
        "issued_on": c.fmt_date(src.today),
    }


def sampling_notice(src: c.Source) -> dict[str, Any]:
    """抽样取证 (第五十六条): when, where and why the samples were taken, and the list of the samples."""
    item = src.case.samplings.filter(pk=src.extra.get("sampling") or 0).first()
    assert item is not None, "documents.rules issues it only for a recorded sampling"
    return {
        "sampling": item.pk,
        "parties": c.party_blocks(src.case),
        "title": src.case.title,
        "sampled_at": c.fmt_datetime(item.sampled_at),
        "place": item.place,
        "purpose": item.purpose,
        "samples": [
            {"name": s.get("name", ""), "specification": s.get("specification", ""), "quantity": s.get("quantity", "")}
            for s in item.samples
        ],
        "officers": c.officer_blocks(src.case, src.today),
        "issued_on": c.fmt_date(src.today),
    }


def _preservation_of(src: c.Source) -> EvidencePreservation | None:
    pk = src.extra.get("preservation")
    return src.case.preservations.filter(pk=pk).first() if pk else None


def _disposal_due(item: EvidencePreservation | None):
    """The stored last day of the disposal (deadline ``evidence_preservation``: the one clock)."""
    if item is None:
        return None
    deadline = deadline_of(item.case_id, "evidence_preservation", ref=str(item.pk))
    return deadline.due_on if deadline else None


def _notice_number(src: c.Source, preservation: int) -> str:
    """The 文号 of the notice the registration issued for this preservation, when the file holds it."""
    notices = Document.objects.filter(case=src.case, kind="preservation_notice", superseded_by__isnull=True).order_by(
        "-pk"
    )
    found = next((d for d in notices if d.snapshot["data"].get("preservation") == preservation), None)
    return found.number if found else ""


def penalty_notice(src: c.Source) -> dict[str, Any]:
    """事先告知 (第四十四条): the intended penalty, facts, reasons, basis and the party's rights."""
    case = src.case
    notice = current_notice(case)
    assert notice is not None, "documents.rules issues notices only after the notice is recorded"
    return {
        "parties": c.party_blocks(case),
        "title": case.title,
        "facts": notice.facts,
        "evidence": evidence_lines(case),
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
        # 第六十三条第一款第五项、第六项: the right granted by the handler states its basis and reason.
        "granted_under": notice.get_hearing_granted_under_display() if notice.hearing_granted_under else "",
        "granted_reason": notice.hearing_granted_reason,
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
