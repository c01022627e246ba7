"""行政处罚决定书 (行政处罚法 第五十九条), 当场行政处罚决定书 (第五十二条) and 不予行政处罚决定书
(第五十七条第一款第二项).

Each returns every item its article requires; the wording around them (the 15-day payment,
the 3 % surcharge, the remedies) is in the templates, next to the article it comes from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cases.choices import HearingOutcome, NoPenaltyGround
from cases.guards.execution import ON_SPOT_SMALL_FINE
from cases.selectors import current_notice, current_report, no_penalty_ground
from events.catalogue.deciding import DecidedOnSpot
from kernel.money import in_words

from ..evidence import evidence_lines
from ..models import Document
from . import common as c


def established_facts(case) -> str:
    """“经查”: the facts the investigation report established (行政处罚法 第五十九条第一款第二项) — never the lead's
    text. A report written before the field existed falls back to the facts the notice put to the party
    (第四十四条), which is a record of the investigation too."""
    report = current_report(case)
    if report is not None and report.facts.strip():
        return report.facts
    notice = current_notice(case)
    return notice.facts if notice is not None else ""


def _procedure(case) -> dict[str, Any]:
    """How the party was heard: notice (第四十四条), statements (第四十五条), waiver (第六十二条), hearing."""
    notice = current_notice(case)
    if notice is None:
        return {}
    notice_doc = (
        Document.objects.filter(case=case, kind="penalty_notice", superseded_by__isnull=True).order_by("-pk").first()
    )
    hearing = getattr(notice, "hearing", None)
    waiver = getattr(notice, "waiver", None)
    return {
        "notice_served_on": c.fmt_date(notice.served_on),
        "notice_number": notice_doc.number if notice_doc else "",
        "hearing_right": notice.hearing_right,
        "statements": [
            {"received_on": c.fmt_date(s.received_on), "content": s.content, "answer": s.answer, "adopted": s.adopted}
            for s in notice.statements.all()
        ],
        "waived_on": c.fmt_date(waiver.waived_on) if waiver else "",
        "hearing": (
            {
                "requested_on": c.fmt_date(hearing.requested_on),
                "held": hearing.outcome == HearingOutcome.HELD,
                "outcome": hearing.get_outcome_display(),
                "held_on": c.fmt_date(hearing.hearing_on),
                "report": hearing.report,
            }
            if hearing and hearing.outcome
            else None
        ),
    }


def _benchmark(case) -> dict[str, str] | None:
    """How the discretion benchmark was applied (行政处罚法 第三十四条; 国办发〔2022〕27号)."""
    report = current_report(case, "tier__benchmark")
    if report is None or report.tier is None:
        return None
    return {
        "title": report.tier.benchmark.title,
        "tier": report.tier.get_level_display(),
        "circumstances": report.circumstances,
        "mitigation": report.get_mitigation_ground_display() if report.mitigation_ground else "",
    }


def _amounts(case) -> dict[str, Any]:
    fine = case.decided_fine_amount
    gains = case.decided_illegal_gains
    total = (fine or Decimal(0)) + (gains or Decimal(0))
    return {
        "has_fine": fine is not None and fine > 0,
        "fine": in_words(fine),
        "has_payment": total > 0,
        "total": in_words(total) if total > 0 else "",
    }


def _correction(case) -> str:
    report = current_report(case)
    return (report.correction or "").strip() if report is not None else ""


def penalty_decision(src: c.Source) -> dict[str, Any]:
    """第五十九条 (一)–(六) and the seal."""
    case = src.case
    return {
        # （一）当事人的姓名或者名称、地址
        "parties": c.party_blocks(case),
        # （二）违反法律、法规、规章的事实和证据
        "title": case.title,
        "facts": established_facts(case),
        "location": case.location,
        "violation_date": c.fmt_date(case.violation_date),
        "filed_on": c.fmt_date(case.filed_on),
        "evidence": evidence_lines(case),
        "procedure": _procedure(case),
        # （三）行政处罚的种类和依据
        "provisions": c.provisions(case),
        "benchmark": _benchmark(case),
        # 第二十八条第一款: the order to correct the decision carries (the report's), when no notice carries it
        "correction": _correction(case),
        "penalty": c.penalty_lines(
            kinds=list(case.decided_penalty_kinds),
            fine=case.decided_fine_amount,
            gains=case.decided_illegal_gains,
            confiscation=case.decided_confiscation,
            confiscation_value=case.decided_confiscation_value,
        ),
        # （四）行政处罚的履行方式和期限 (第六十七条、第七十二条)
        **_amounts(case),
        "payment": c.payment(src.settings),
        # （五）申请行政复议、提起行政诉讼的途径和期限
        "remedies": c.remedies(src.settings),
        # （六）行政机关名称和作出决定的日期
        "decided_on": c.fmt_date(case.decided_on),
        "officers": c.officer_blocks(case, src.today),
    }


def on_spot_decision(src: c.Source) -> dict[str, Any]:
    """第五十二条第二款: violation, kind and basis, amount, time, place, remedies, agency, officers' signatures."""
    case = src.case
    event = case.events.filter(name="decide_on_spot").order_by("-seq").first()
    recorded = event.data_as(DecidedOnSpot) if event else None
    fine = case.decided_fine_amount
    return {
        "parties": c.party_blocks(case),
        "title": case.title,
        # 第五十二条第二款: the facts and evidence the on-the-spot form recorded, with the evidence items on file.
        "facts": (recorded.facts if recorded else "") or case.facts,
        "evidence_recorded": recorded.evidence if recorded else "",
        "evidence": evidence_lines(case),
        "legal_basis": case.legal_basis or (recorded.legal_basis if recorded else ""),
        "provisions": c.provisions(case),
        "penalty": c.penalty_lines(kinds=list(case.decided_penalty_kinds), fine=fine, gains=None, confiscation=""),
        # 第二十八条第一款: the order to correct recorded with the decision
        "correction": recorded.correction if recorded else "",
        **_amounts(case),
        # 第六十八条: on-the-spot collection only for small fines (or where later collection is hard).
        "may_collect_on_spot": fine is not None and 0 < fine <= ON_SPOT_SMALL_FINE,
        "decided_at": c.fmt_datetime(event.created_at) if event else c.fmt_date(case.decided_on),
        "place": (recorded.place if recorded else "") or case.location,
        "payment": c.payment(src.settings),
        "remedies": c.remedies(src.settings),
        "decided_on": c.fmt_date(case.decided_on),
        "officers": c.officer_blocks(case, src.today),
    }


# 行政处罚法 第三十条、第三十一条、第三十三条: each ground of not punishing, the article and the words the decision
# cites, and what the law adds to it (the guardian ordered to take care; 第三十三条第三款 education: every ground).
APL = "《中华人民共和国行政处罚法》"
G = NoPenaltyGround
GROUND_LAW: dict[str, dict[str, str]] = {
    G.UNDER_FOURTEEN: {
        "article": "第三十条",
        "text": "不满十四周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教",
        "order": "责令当事人的监护人加以管教",
    },
    G.MENTAL_ILLNESS: {
        "article": "第三十一条",
        "text": "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚，"
        "但应当责令其监护人严加看管和治疗",
        "order": "责令当事人的监护人严加看管和治疗",
    },
    G.MINOR_CORRECTED: {
        "article": "第三十三条第一款",
        "text": "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚",
        "order": "",
    },
    G.FIRST_MINOR_CORRECTED: {
        "article": "第三十三条第一款",
        "text": "初次违法且危害后果轻微并及时改正的，可以不予行政处罚",
        "order": "",
    },
    G.NO_FAULT: {
        "article": "第三十三条第二款",
        "text": "当事人有证据足以证明没有主观过错的，不予行政处罚",
        "order": "",
    },
}


def no_penalty_decision(src: c.Source) -> dict[str, Any]:
    """第五十七条第一款第二项: the facts found and the ground of 第三十条、第三十一条、第三十三条 for not punishing,
    the education 第三十三条第三款 requires, and the remedies. (Facts not established end the case by 撤销立案.)"""
    case = src.case
    ground = no_penalty_ground(case)
    law = GROUND_LAW.get(ground)
    return {
        "parties": c.party_blocks(case),
        "title": case.title,
        "facts": established_facts(case),
        "filed_on": c.fmt_date(case.filed_on),
        "evidence": evidence_lines(case),
        "procedure": _procedure(case),
        "provisions": c.provisions(case),
        "ground": (
            {"label": NoPenaltyGround(ground).label, "cite": f"{APL}{law['article']}", **law}
            if law is not None
            else None
        ),
        "remedies": c.remedies(src.settings),
        "decided_on": c.fmt_date(case.decided_on),
    }
