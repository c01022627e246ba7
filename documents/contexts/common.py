"""What many documents print: the agency, the parties, the officers, the provisions, sums and dates.

Everything a builder returns goes into the document's JSON snapshot and is rendered from there
alone, so values are the strings as printed (dates in 年月日, sums in yuan and in capitals).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cases.choices import PartyKind
from cases.models import Case
from kernel.money import in_words
from matters.choices import PenaltyKind
from officers.models import Officer

from ..models import AgencyDocumentSettings


@dataclass
class Source:
    """What a context builder reads: the locked case, the issuing form's inputs, the agency's settings."""

    case: Case
    settings: AgencyDocumentSettings
    today: datetime.date
    issuer: Officer | None
    extra: dict[str, Any] = field(default_factory=dict)

    def text(self, key: str) -> str:
        return str(self.extra.get(key) or "").strip()


def fmt_date(day: datetime.date | None) -> str:
    """2026年11月25日 (GB/T 9704-2012: Arabic numerals for dates)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def fmt_datetime(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{fmt_date(local.date())}{local.hour}时{local.minute:02d}分"


def agency_block(case: Case, settings: AgencyDocumentSettings) -> dict[str, str]:
    agency = case.agency
    return {
        "name": agency.name,
        "short_name": agency.short_name,
        "address": agency.address,
        "seal": settings.seal_text,
        "contact": settings.contact,
    }


def party_blocks(case: Case) -> list[dict[str, Any]]:
    """当事人 as the documents addressed to them print it: the identifier in full (it is their own)."""
    parties = []
    for party in case.parties.all():
        individual = party.kind == PartyKind.INDIVIDUAL
        parties.append(
            {
                "kind": party.get_kind_display(),
                "individual": individual,
                "name": party.name,
                "id_label": "公民身份号码" if individual else "统一社会信用代码",
                "id_number": party.identifier,
                "legal_representative": party.legal_representative,
                "address": party.address,
                "phone": party.phone,
            }
        )
    return parties


def party_names(case: Case) -> str:
    return "、".join(p.name for p in case.parties.all()) or "（未登记当事人）"


def _certificate_number(officer: Officer, on: datetime.date) -> str:
    valid = [c for c in officer.certificates.all() if c.valid_from <= on <= c.valid_to]
    chosen = max(valid or list(officer.certificates.all()), key=lambda c: c.valid_to, default=None)
    return chosen.number if chosen else ""


def officer_blocks(case: Case, on: datetime.date) -> list[dict[str, str]]:
    """承办人 with their certificate numbers (行政处罚法 第四十二条、第五十五条: shown to the party)."""
    out = []
    for assignment in case.assignments.all():
        if assignment.recused_at is not None:
            continue
        officer = assignment.officer
        out.append(
            {
                "name": officer.name,
                "role": assignment.get_role_display(),
                "certificate": _certificate_number(officer, on),
            }
        )
    return out


def provision(p) -> dict[str, str]:
    return {"law": p.law, "article": p.article, "text": p.text, "cite": f"《{p.law}》{p.article}"}


def provisions(case: Case) -> dict[str, dict[str, str]]:
    """违反的规定 and 处罚依据 from the matter of the 权责清单."""
    matter = case.matter
    return {"violated": provision(matter.violated_provision), "applied": provision(matter.penalty_provision)}


def penalty_lines(
    *,
    kinds: list[str],
    fine: Decimal | None,
    gains: Decimal | None,
    confiscation: str,
    confiscation_value: Decimal | None = None,
) -> list[str]:
    """The penalty, one line per kind (行政处罚法 第九条), with sums in capitals; confiscated property with its value
    when one was decided (the value 第四十五条 compares with the notice)."""
    labels = dict(PenaltyKind.choices)
    lines = []
    for kind in kinds:
        if kind == PenaltyKind.FINE and fine is not None:
            lines.append(f"罚款{in_words(fine)}")
        elif kind == PenaltyKind.CONFISCATE_GAINS and gains is not None:
            lines.append(f"没收违法所得{in_words(gains)}")
        elif kind == PenaltyKind.CONFISCATE_PROPERTY and confiscation:
            value = f"（价值{in_words(confiscation_value)}）" if confiscation_value is not None else ""
            lines.append(f"没收非法财物：{confiscation}{value}")
        else:
            lines.append(labels.get(kind, kind))
    return lines


def remedies(settings: AgencyDocumentSettings) -> dict[str, str]:
    """The bodies a decision names for its remedies (行政处罚法 第五十九条第一款第五项): no placeholder — the rules
    (``documents.rules.deciding.remedy_bodies_reasons``) refuse a decision while either is not configured."""
    return {"reconsideration_organ": settings.reconsideration_organ, "court": settings.court}


def payment(settings: AgencyDocumentSettings) -> dict[str, str]:
    """罚缴分离 (行政处罚法 第六十七条): where the fine is paid — never to the agency itself."""
    return {
        "bank": settings.fine_bank,
        "account_name": settings.fine_account_name,
        "account_number": settings.fine_account_number,
        "electronic": settings.electronic_payment,
    }
