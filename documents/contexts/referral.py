"""涉嫌犯罪案件移送书 (《行政执法机关移送涉嫌犯罪案件的规定》第六条; 行政处罚法 第二十七条)."""

from __future__ import annotations

from typing import Any

from cases.models.referral import ReferralMaterial
from events.catalogue.deciding import Transferred
from kernel.money import in_words

from . import common as c


def crime_referral(src: c.Source) -> dict[str, Any]:
    case = src.case
    referral = case.referrals.filter(approved=True).order_by("-submitted_at", "-pk").first()
    assert referral is not None, "documents.rules refuses the referral letter without an approved referral"
    labels = dict(ReferralMaterial.choices)
    materials = [labels.get(m, m) for m in referral.materials] or [
        labels[ReferralMaterial.REFERRAL_LETTER],
        labels[ReferralMaterial.INVESTIGATION_REPORT],
    ]
    return {
        "organ": src.text("organ") or referral.police_organ or "公安机关",
        "parties": c.party_blocks(case),
        "title": case.title,
        "facts": case.facts,
        "report": referral.report,
        "approved_by": referral.decided_by.name if referral.decided_by else "",
        "approved_on": c.fmt_date(referral.decided_at.date()) if referral.decided_at else "",
        "materials": materials,
        "fines_already_imposed": in_words(referral.fines_already_imposed) if referral.fines_already_imposed else "",
        "officers": c.officer_blocks(case, src.today),
        "issued_on": c.fmt_date(src.today),
    }


def case_transfer(src: c.Source) -> dict[str, Any]:
    """案件移送函 (行政处罚法 第二十二条、第二十五条): the case goes to the organ of the place of violation."""
    case = src.case
    event = case.events.filter(name="transfer", event_type="transition").order_by("-seq").first()
    recorded = event.data_as(Transferred) if event is not None else Transferred()
    agency = case.agency
    designations = [
        f"{d.designated_by}{'《' + d.reference + '》' if d.reference else ''}（{c.fmt_date(d.designated_on)}）"
        for d in case.designations.order_by("designated_on", "pk")
    ]
    return {
        "organ": src.text("organ") or recorded.organ or "有管辖权的行政机关",
        "reason": src.text("reason") or recorded.reason,
        "title": case.title,
        "number": case.number,
        "facts": case.facts,
        "location": case.location,
        "division_code": case.violation_division_code,
        "agency_area": agency.division_name or agency.division_code,
        "designations": designations,
        "parties": c.party_blocks(case),
        "evidence": [e.title for e in case.evidence.filter(superseded_at__isnull=True).order_by("uploaded_at", "pk")],
        "officers": c.officer_blocks(case, src.today),
        "issued_on": c.fmt_date(src.today),
    }
